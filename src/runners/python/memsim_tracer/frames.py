"""Frames, closure cells and class bodies as the program sees them."""

import builtins
import types
from .common import LEARNER_FILE

# the tracer's own id(): the program's id() is replaced while it runs (see sizes._learner_id)
id = builtins.id


def _learner_frames(frame):
    frames = []
    while frame is not None:
        if frame.f_code.co_filename == LEARNER_FILE:
            frames.append(frame)
        frame = frame.f_back
    frames.reverse()
    return frames


_IMPLICIT_FREEVARS = {"__class__", "__classdict__", "__conditional_annotations__"}
_CELL_TYPE = types.CellType
_CELL_ID = id(types.CellType)
_NAMED_KINDS = ("instance", "class", "function", "generator", "cell")


def _cell_slots(code):
    """Where a frame of `code` keeps the cells of the names the learner shares with
    nested functions: captured locals and parameters, and the names taken from outside.
    A comprehension's hidden loop variable and super()'s __class__ are left out."""
    if _is_class_body(code):
        return ()     # its names are a dict that does not show cells; the function around it does
    nparams = code.co_argcount + code.co_kwonlyargcount + bool(code.co_flags & 0x4) + bool(code.co_flags & 0x8)
    params = code.co_varnames[:nparams]
    wanted = [n for n in code.co_cellvars
              if n not in _IMPLICIT_FREEVARS and (n not in code.co_varnames or n in params)]
    wanted += [n for n in code.co_freevars if n not in _IMPLICIT_FREEVARS]
    if not wanted:
        return ()
    index = {}
    i = 0
    while True:
        try:
            name = code._varname_from_oparg(i)
        except Exception:
            break
        index.setdefault(name, i)
        i += 1
    return tuple((n, index[n]) for n in wanted if n in index)


def _frame_cells(frame, slots, peek):
    """(name, address) of the cells a running frame holds, read from its locals in
    WebAssembly memory by the host's `peek` (one 32-bit word): Python offers no way to reach
    a frame's cells. The layout is CPython 3.14's on wasm32 (the frame object's fourth word
    points to the frame's data, whose locals start at its eleventh), and it is checked
    (the data must name this code and this frame object) before any local is read."""
    if peek is None:
        return ()
    iframe = peek(id(frame) + 12)
    if not iframe or peek(iframe) & ~3 != id(frame.f_code) or peek(iframe + 24) != id(frame):
        return ()
    base = iframe + 40
    out = []
    for name, i in slots:
        addr = peek(base + 4 * i) & ~3
        if addr and peek(addr + 4) == _CELL_ID:
            out.append((name, addr))
    return tuple(out)


_CLASS_BOOKKEEPING = {"__module__", "__qualname__", "__firstlineno__", "__static_attributes__",
                      "__classdictcell__", "__classcell__", "__dict__", "__weakref__", "__doc__"}


def _visible_member(name, value):
    """Class members a learner wrote: methods and attributes, dunder methods included."""
    if name in _CLASS_BOOKKEEPING:
        return False
    if name.startswith("__") and name.endswith("__"):
        code = getattr(value, "__code__", None)
        return code is not None and code.co_filename == LEARNER_FILE
    return True


def _is_class_body(code):
    # a class body runs unoptimized (like a module) but is not the module
    return code.co_name != "<module>" and not code.co_flags & 0x1


# values a for loop keeps while it runs: iterators, and what their iterators hold (a range's
# iterator copies its numbers and a dict view's iterator holds the dict, so they are not here)
_HELD_BY_LOOP = {"list", "tuple", "str", "bytes", "bytearray", "dict", "set", "frozenset", "generator",
                 "enumerate", "zip", "map", "filter", "reversed", "list_iterator", "tuple_iterator",
                 "list_reverseiterator", "deque"}
_IMMUTABLE_NAMES = {"int", "float", "bool", "complex", "str", "bytes", "tuple", "frozenset", "range", "NoneType"}
_STR_ID = id(str)
_SIZED = (list, tuple, dict, set, frozenset, str, bytes, bytearray)
_FIXED_LENGTH = (str, bytes, tuple)
_LIST_ID = id(list)
_DICT_ID = id(dict)
