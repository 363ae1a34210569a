"""What every part of the tracer shares: the learner's file name, caps, type groups and the limits raised into a program."""

import builtins
import dis
import re

# the tracer's own id(): the program's id() is replaced while it runs (see sizes._learner_id)
id = builtins.id
LEARNER_FILE = "<learner>"
HOOK_NAME = "__memsim_t__"
CAP = 100          # container slots written into the trace; the rest are counted
TEXT_CAP = 60      # characters of a value's text written into the trace
TEMP_EVENTS_CAP = 20  # distinct temp sites reported per step
ADDR_BASE = 0x7F3A_0000_0000
YIELD_VALUE = dis.opmap.get("YIELD_VALUE", -1)
# where CPython ends a `yield from` with a StopIteration that the program never sees
_SEND_OPS = frozenset(dis.opmap[name] for name in ("SEND", "END_SEND", "CLEANUP_THROW") if name in dis.opmap)
SCALAR_TYPES = (int, float, bool, complex, str, bytes, type(None), range, type(Ellipsis), type(NotImplemented))
NUMBER_TYPES = (int, float, bool, complex)
IMMUTABLE_TYPES = (int, float, bool, complex, str, bytes, tuple, frozenset, range, type(None))
# Callables that never change their arguments: a call to one of them needs no re-read.
PURE_FUNCTIONS = {
    "len", "print", "sum", "min", "max", "abs", "round", "sorted", "reversed", "enumerate", "zip",
    "range", "list", "tuple", "dict", "set", "frozenset", "str", "int", "float", "bool", "bytes",
    "repr", "format", "type", "id", "hash", "isinstance", "issubclass", "ord", "chr", "any", "all",
    "map", "filter", "iter", "hex", "bin", "oct", "divmod", "pow", "input", "callable", "vars",
    "getattr", "hasattr", "object", "super", "sys.getsizeof", "math.sqrt", "math.floor", "math.ceil",
}
# Methods that change their object: passed as a value, they may change it at any time.
MUTATING_METHODS = {
    "append", "extend", "insert", "pop", "remove", "clear", "sort", "reverse", "add", "discard",
    "update", "setdefault", "popitem", "appendleft", "extendleft", "popleft", "rotate",
}
PURE_METHODS = {
    "count", "index", "copy", "get", "keys", "values", "items", "join", "format", "split", "rsplit",
    "strip", "lstrip", "rstrip", "upper", "lower", "title", "capitalize", "replace", "startswith",
    "endswith", "find", "rfind", "isdigit", "isalpha", "isalnum", "isspace", "isupper", "islower",
    "encode", "decode", "splitlines", "partition", "zfill", "center", "ljust", "rjust", "most_common",
    "issubset", "issuperset", "union", "intersection", "difference", "symmetric_difference",
    "isdisjoint", "hex", "bit_length", "is_integer", "casefold", "swapcase", "expandtabs",
}


class StepLimit(BaseException):
    """Raised into the learner's program when it reaches the step limit."""


class TimeLimit(BaseException):
    """Raised into the learner's program when it runs past its time limit."""


class NoInput(EOFError):
    pass


class _Sentinel:
    def __repr__(self):
        return "<memsim sentinel>"


_MISSING = _Sentinel()
_UNKNOWN = _Sentinel()


class SourceText:
    """A program's text split into lines once: `ast.get_source_segment` splits the whole source
    again on every call, which made preparing a long program cost its length squared."""

    def __init__(self, source):
        self.source = source
        # the line ends CPython's tokenizer knows (as ast's own splitter): not \f or \v
        parts = re.split(r"(\r\n|\r|\n)", source)
        self.lines = [parts[i] + parts[i + 1] for i in range(0, len(parts) - 1, 2)] + [parts[-1]]
        self._encoded = {}

    def _bytes(self, index):
        b = self._encoded.get(index)
        if b is None:
            b = self._encoded[index] = self.lines[index].encode()
        return b

    def segment(self, node):
        """The text of `node` (as ast.get_source_segment, without padding), or None."""
        try:
            if node.end_lineno is None or node.end_col_offset is None:
                return None
            first, last = node.lineno - 1, node.end_lineno - 1
            col, end_col = node.col_offset, node.end_col_offset
        except AttributeError:
            return None
        if not (0 <= first <= last < len(self.lines)):
            return None
        if first == last:
            return self._bytes(first)[col:end_col].decode()
        parts = [self._bytes(first)[col:].decode()]
        parts.extend(self.lines[first + 1:last])
        parts.append(self._bytes(last)[:end_col].decode())
        return "".join(parts)
