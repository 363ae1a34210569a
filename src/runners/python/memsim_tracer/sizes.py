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


# the interpreter's own: the program's sys.getsizeof is getsizeof64 below while it runs
_getsizeof = sys.getsizeof
_BYTEARRAY_BASE32 = _getsizeof(bytearray())
_MISSING = object()
_NATIVE = (types.MethodDescriptorType, types.WrapperDescriptorType)
# a class's MRO, flags and namespace read from type's own descriptors: a program's metaclass
# may define properties of those names, and memsim must not run them
_MRO = type.__dict__["__mro__"].__get__
_FLAGS = type.__dict__["__flags__"].__get__
_NAMESPACE = type.__dict__["__dict__"].__get__
_HEAPTYPE = 1 << 9
_HAVE_GC = 1 << 14
_PREHEADER = (1 << 3) | (1 << 4)     # a managed __dict__ or weakref slot, kept before the object
_WORD32 = 4


def _presize32(t):
    """What getsizeof adds to __sizeof__ here: the GC header and the pre-header, 2 words each (4 bytes
    a word here, 8 on 64-bit)."""
    flags = _FLAGS(t)
    return 2 * _WORD32 * ((1 if flags & _HAVE_GC else 0) + (1 if flags & _PREHEADER else 0))
# per built-in type: whether its __sizeof__ is the interpreter's own (a program's classes can change, so are not kept)
_PLAIN_SIZEOF = {}


def _native_sizeof(t):
    """None when `t`'s __sizeof__ is the interpreter's own; else the first one in its MRO that is:
    a program's own __sizeof__ may say anything, or raise, and memsim must not run it."""
    override = False
    for klass in _MRO(t):
        f = _NAMESPACE(klass).get("__sizeof__")
        if f is None:
            continue
        if type(f) in _NATIVE:
            return f if override else None
        override = True
    return object.__dict__["__sizeof__"]


def _size32(obj, t):
    """The object's size on this interpreter, as its type's own C code counts it."""
    if _FLAGS(t) & _HEAPTYPE:
        native = _native_sizeof(t)
    else:
        plain = _PLAIN_SIZEOF.get(t)
        if plain is None:
            plain = _PLAIN_SIZEOF[t] = _native_sizeof(t) is None
        native = None if plain else _native_sizeof(t)
    if native is None:
        return _getsizeof(obj)
    return native(obj) + _presize32(t)


def size64(obj, t):
    """What sys.getsizeof(obj) reports on 64-bit CPython 3.14, from the real object's shape.

    Inside WebAssembly pointers and Py_ssize_t are 4 bytes, so an object made only of them
    is exactly half its 64-bit size; the types below also hold bytes, digits or doubles.
    """
    s32 = _size32(obj, t)
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


def getsizeof64(obj, default=_MISSING, /):
    """sys.getsizeof as the program sees it: the size 64-bit CPython 3.14 reports, the one the
    diagrams show (the interpreter underneath is 32-bit WebAssembly, half that for most objects)."""
    try:
        s32 = _getsizeof(obj)
    except TypeError:
        if default is _MISSING:
            raise
        return default
    t = type(obj)
    if _native_sizeof(t) is not None:
        # the class's own __sizeof__ said it: what it says, with the 64-bit headers (twice these)
        return s32 + _presize32(t)
    return size64(obj, t)


getsizeof64.__name__ = getsizeof64.__qualname__ = "getsizeof"
getsizeof64.__module__ = "sys"


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
