"""The 64-bit CPython 3.14 size model: what sys.getsizeof says on a 64-bit build, computed from the 32-bit WebAssembly object."""

import builtins
import re
import sys
import types
from .common import ADDR_BASE, TEXT_CAP

# the tracer's own id(): the program's id() is replaced while it runs (see sizes._learner_id)
id = builtins.id


def _dict_keys_size(keys32):
    """The 64-bit size of a dict's key table, found from its 32-bit size."""
    for entry32, entry64 in ((8, 16), (12, 24)):
        for log2 in range(3, 31):
            n = 1 << log2
            index = n * (1 if log2 < 8 else 2 if log2 < 16 else 4)
            usable = (n << 1) // 3
            if 20 + index + usable * entry32 == keys32:
                return 32 + index + usable * entry64
    return None


_BYTEARRAY_BASE32 = sys.getsizeof(bytearray())


def size64(obj, t):
    """What sys.getsizeof(obj) reports on 64-bit CPython 3.14, from the real object's shape.

    Inside WebAssembly pointers and Py_ssize_t are 4 bytes, so an object made only of them
    is exactly half its 64-bit size; the types below also hold bytes, digits or doubles.
    """
    s32 = sys.getsizeof(obj)
    if t is int or t is bool:
        return 24 + 4 * ((s32 - 12) // 4)      # header + 30-bit digits (at least one)
    if t is float:
        return 24
    if t is complex:
        return 32
    if t is str:
        return s32 + (20 if obj.isascii() else 28)
    if t is bytes:
        return s32 + 16
    if t is bytearray:
        return s32 + _BYTEARRAY_BASE32
    if isinstance(obj, dict):
        # a subclass instance also carries a pre-header (its __dict__ and weakref slots)
        base32, base64 = (40, 64) if t is dict else (48, 80)
        if s32 <= base32:
            return base64
        keys = _dict_keys_size(s32 - base32)
        if keys is not None:
            return base64 + keys
    return 2 * s32


def address_of(addr):
    return hex(ADDR_BASE + 2 * addr)    # "0x%012x": ADDR_BASE has twelve hex digits already


_AT_ADDRESS = re.compile(r"( at )0x([0-9a-f]{1,8})>")


def _shown_addresses(text):
    """`<Dog object at 0x…>` names the address the diagrams show, as id() does."""
    return _AT_ADDRESS.sub(lambda m: "%s0x%012x>" % (m.group(1), ADDR_BASE + 2 * int(m.group(2), 16)), text)


def _learner_id(obj, /):
    """id() as the program sees it: the address its diagrams show, as on 64-bit CPython."""
    return ADDR_BASE + 2 * id(obj)


def short_text(obj, t):
    """A short, readable text of a value, without running the learner's code."""
    if t is str:
        if len(obj) > TEXT_CAP:
            return repr(obj[:TEXT_CAP]) + "…"
        return repr(obj)
    if t is bytes:
        return repr(obj[:TEXT_CAP]) + ("…" if len(obj) > TEXT_CAP else "")
    if t is int:
        if obj.bit_length() > 200:
            return "%d-digit int" % len(str(abs(obj) % (10 ** 5))) if False else ("<int of %d bits>" % obj.bit_length())
        return repr(obj)
    if t in (float, bool, complex, type(None), range) or obj is Ellipsis or obj is NotImplemented:
        return repr(obj)
    return None


_CELL_SIZE = size64(types.CellType(), types.CellType)


def _builtin_singleton(obj, t):
    """None, True, False, ..., (), and the empty and one-character str and bytes: objects
    CPython has before any program runs, shared by every use."""
    if obj is None or obj is Ellipsis or t is bool:
        return True
    if t in (str, bytes):
        return len(obj) <= 1
    return t is tuple and len(obj) == 0
