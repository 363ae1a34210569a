"""memsim's Python tracer.

Runs a learner's program under sys.settrace inside Pyodide (32-bit WebAssembly CPython)
and records a compact Trace (src/core/trace.ts): objects with their 64-bit CPython sizes,
and for every step only what changed.

Two rules shape this file:
- It never keeps a reference to a learner's object between steps (a held reference
  changes reference counts, and with them what CPython frees and when). It remembers
  objects by address only. At the start of every trace callback, before the tracer
  allocates anything that could take a freed block, the host (`snap`) reads the header
  of each remembered object and says which are gone.
- It does not re-read the heap at every step: a line's own syntax says which objects it
  may have changed (see `LinePlan`), and only those are read again.
"""

import ast
import builtins
import dis
import gc
import inspect
import io
import itertools
import json
import re
import sys
import time
import types

# the tracer's own id(): the program's id() is replaced while it runs (see `_learner_id`)
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


# ---------------------------------------------------------------- sizes (64-bit CPython 3.14)

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
    return "0x%012x" % (ADDR_BASE + 2 * addr)


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


# ---------------------------------------------------------------- reading a line's syntax

class LinePlan:
    """What one source line may change in the heap, read from its syntax once.

    targets: expressions naming objects the line may mutate (re-read after the line);
    full: the line may change something the targets cannot name (re-read everything);
    calls: names of called functions, checked at run time (a learner's function is traced).
    """

    __slots__ = ("targets", "full", "calls", "value_node", "stmt_text", "hints")

    def __init__(self):
        self.targets = []
        self.hints = {}     # id(target node) -> where the change can be: "tail", or ("item", key node)
        self.full = False
        self.calls = []
        self.value_node = None
        self.stmt_text = ""


def _dotted(node):
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = _dotted(node.value)
        return base + "." + node.attr if base else None
    return None


class _PlanBuilder(ast.NodeVisitor):
    def __init__(self, plan):
        self.plan = plan

    def visit_Lambda(self, node):
        # its body runs later as learner code, traced on this same line: what it may change
        # belongs to this line's plan
        self.visit(node.body)

    def visit_FunctionDef(self, node):
        for d in node.decorator_list:
            self.visit(d)
        for d in node.args.defaults + [d for d in node.args.kw_defaults if d is not None]:
            self.visit(d)

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_ClassDef(self, node):
        for d in node.decorator_list + node.bases:
            self.visit(d)

    def _target(self, t):
        if isinstance(t, (ast.Subscript, ast.Attribute)):
            self.plan.targets.append(t.value)
            if isinstance(t, ast.Subscript) and not isinstance(t.slice, ast.Slice):
                self._hint(t.value, ("item", t.slice))
            else:
                self._hint(t.value, None)
        elif isinstance(t, (ast.Tuple, ast.List)):
            for e in t.elts:
                self._target(e)
        elif isinstance(t, ast.Starred):
            self._target(t.value)

    def _hint(self, node, hint):
        # one node may be changed in several ways on a line: then nothing narrows the re-read
        key = id(node)
        if key in self.plan.hints and self.plan.hints[key] != hint:
            hint = None
        self.plan.hints[key] = hint

    def visit_Assign(self, node):
        for t in node.targets:
            self._target(t)
            self.generic_visit_target(t)
        self.visit(node.value)

    def visit_AugAssign(self, node):
        self._target(node.target)
        if isinstance(node.target, (ast.Name, ast.Subscript, ast.Attribute)):
            # `a += [x]`, `d[k] += [x]`, `o.items += [x]` extend a list in place
            self.plan.targets.append(node.target)
        self.generic_visit_target(node.target)
        self.visit(node.value)

    def visit_AnnAssign(self, node):
        self._target(node.target)
        if node.value is not None:
            self.visit(node.value)

    def visit_Delete(self, node):
        for t in node.targets:
            self._target(t)
            self.generic_visit_target(t)

    def visit_For(self, node):
        self._target(node.target)
        self.visit(node.iter)

    def generic_visit_target(self, t):
        if isinstance(t, (ast.Subscript, ast.Attribute)):
            self.visit(t.value)
            if isinstance(t, ast.Subscript):
                self.visit(t.slice)

    def visit_Call(self, node):
        func = node.func
        name = _dotted(func)
        pure = name in PURE_FUNCTIONS or (isinstance(func, ast.Attribute) and func.attr in PURE_METHODS)
        if not pure:
            if isinstance(func, ast.Attribute):
                self.plan.targets.append(func.value)
                tail = func.attr in ("append", "extend") or (func.attr == "pop" and not node.args)
                self._hint(func.value, "tail" if tail else None)
            elif not isinstance(func, ast.Name):
                self.plan.full = True
            self.plan.calls.append((func, [a.value if isinstance(a, ast.Starred) else a for a in node.args]
                                    + [k.value for k in node.keywords]))
            for a in node.args:
                if isinstance(a, ast.Starred):
                    self.plan.full = True
        # the callee itself is not a method passed as a value (see visit_Attribute)
        self.visit(func.value) if isinstance(func, ast.Attribute) else self.visit(func)
        for a in node.args:
            self.visit(a)
        for k in node.keywords:
            self.visit(k.value)

    def visit_Attribute(self, node):
        # a mutating method passed as a value (`map(out.append, xs)`) changes its object later
        if node.attr in MUTATING_METHODS and isinstance(node.ctx, ast.Load):
            self.plan.targets.append(node.value)
            self._hint(node.value, None)
        self.generic_visit(node)


def _stmt_header_lines(stmt):
    """Lines of a statement that belong to it rather than to a nested body."""
    end = stmt.end_lineno
    for field in ("body", "orelse", "finalbody", "handlers", "cases"):
        part = getattr(stmt, field, None)
        if part:
            end = min(end, part[0].lineno - 1 if hasattr(part[0], "lineno") else end)
    return range(stmt.lineno, max(stmt.lineno, end) + 1)


def build_plans(tree, source):
    plans = {}
    for node in ast.walk(tree):
        if not isinstance(node, ast.stmt):
            continue
        for line in _stmt_header_lines(node):
            plan = plans.get(line)
            if plan is None:
                plan = plans[line] = LinePlan()
            _PlanBuilder(plan).visit(node) if not isinstance(node, (ast.If, ast.While, ast.With, ast.Try, ast.Match)) else _visit_header(plan, node)
            if plan.value_node is None and isinstance(node, (ast.Assign, ast.AnnAssign, ast.Return, ast.Expr)):
                plan.value_node = node.value
            elif plan.value_node is None and isinstance(node, ast.AugAssign):
                plan.value_node = node   # `s += x` makes its value from s and x
            if not plan.stmt_text:
                seg = ast.get_source_segment(source, node) or ""
                plan.stmt_text = seg.split("\n", 1)[0].strip()[:80]
    return plans


def build_loops(tree):
    """For each line, the `for` loops around it that walk a list by name: [(for line, name)]."""
    loops = {}
    for node in ast.walk(tree):
        if isinstance(node, (ast.For, ast.AsyncFor)) and isinstance(node.iter, ast.Name) and node.body:
            for line in range(node.body[0].lineno, (node.end_lineno or node.body[-1].lineno) + 1):
                loops.setdefault(line, []).append((node.lineno, node.iter.id))
    return loops


def _visit_header(plan, node):
    builder = _PlanBuilder(plan)
    if isinstance(node, (ast.If, ast.While)):
        builder.visit(node.test)
    elif isinstance(node, ast.With):
        for item in node.items:
            builder.visit(item.context_expr)
            plan.full = True  # __enter__ may do anything
    elif isinstance(node, ast.Match):
        builder.visit(node.subject)


# ---------------------------------------------------------------- marking temporaries

def site_kind(node):
    """The construct that made a value, for explanations (slice, concat, call…)."""
    if isinstance(node, ast.AugAssign):
        return "concat" if isinstance(node.op, ast.Add) else "repeat" if isinstance(node.op, ast.Mult) else "operator"
    if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Slice):
        return "slice"
    if isinstance(node, ast.BinOp):
        if isinstance(node.op, ast.Add):
            return "concat"
        if isinstance(node.op, ast.Mult):
            return "repeat"
        return "operator"
    if isinstance(node, (ast.ListComp, ast.SetComp, ast.DictComp)):
        return "comprehension"
    if isinstance(node, ast.GeneratorExp):
        return "generator-expression"
    if isinstance(node, (ast.List, ast.Dict, ast.Set, ast.Tuple)):
        return "literal"
    if isinstance(node, ast.JoinedStr):
        return "f-string"
    if isinstance(node, ast.Call):
        return "call"
    if isinstance(node, ast.Constant):
        return "constant"
    return "expression"


class _TempMarker(ast.NodeTransformer):
    """Wraps each value that an enclosing expression consumes in a call to the hook, so
    objects made and dropped within one line (a slice passed to sum, the middle string of
    a + b + c) are seen. The hook returns its argument: the program's meaning is unchanged."""

    WRAP = (ast.Call, ast.BinOp, ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp,
            ast.List, ast.Dict, ast.Set, ast.JoinedStr)

    def __init__(self, source):
        self.source = source
        self.sites = []
        self.bound = set()  # ids of nodes whose value a statement binds directly
        self.loop_iters = set()   # ids of nodes a for loop walks
        self.held_sites = set()   # sites whose value a for loop holds while it runs

    def _wants(self, node):
        if id(node) in self.bound:
            return False
        if isinstance(node, ast.Subscript):
            return isinstance(node.slice, ast.Slice) and isinstance(node.ctx, ast.Load)
        if isinstance(node, ast.Tuple):
            return isinstance(node.ctx, ast.Load) and not all(isinstance(e, ast.Constant) for e in node.elts)
        return isinstance(node, self.WRAP)

    def visit_Assign(self, node):
        self.bound.add(id(node.value))
        return self.generic_visit(node)

    def visit_AnnAssign(self, node):
        if node.value is not None:
            self.bound.add(id(node.value))
        return self.generic_visit(node)

    def visit_Return(self, node):
        if node.value is not None:
            self.bound.add(id(node.value))
        return self.generic_visit(node)

    def visit_NamedExpr(self, node):
        self.bound.add(id(node.value))
        return self.generic_visit(node)

    def visit_Yield(self, node):
        if node.value is not None:
            self.bound.add(id(node.value))
        return self.generic_visit(node)

    def visit_keyword(self, node):
        return self.generic_visit(node)

    # CPython's compiler turns a list display that is only looped over or tested with `in`
    # into a tuple (a constant one when its items are constants), and a set display of
    # constants into a frozenset constant: the program must meet what CPython builds.
    def _iterable(self, node):
        if isinstance(node, ast.List) and isinstance(node.ctx, ast.Load):
            return ast.copy_location(ast.Tuple(elts=node.elts, ctx=ast.Load()), node)
        if isinstance(node, ast.Set) and all(isinstance(e, ast.Constant) for e in node.elts):
            self.bound.add(id(node))
        return node

    def visit_For(self, node):
        node.iter = self._iterable(node.iter)
        self.loop_iters.add(id(node.iter))
        return self.generic_visit(node)

    visit_AsyncFor = visit_For

    def visit_comprehension(self, node):
        node.iter = self._iterable(node.iter)
        return self.generic_visit(node)

    def visit_Compare(self, node):
        if isinstance(node.ops[-1], (ast.In, ast.NotIn)):
            node.comparators[-1] = self._iterable(node.comparators[-1])
        return self.generic_visit(node)

    def visit_Lambda(self, node):
        self.bound.add(id(node.body))
        return self.generic_visit(node)

    def visit_FunctionDef(self, node):
        # defaults are stored in the function: they are not temporaries
        for d in node.args.defaults + [d for d in node.args.kw_defaults if d is not None]:
            self.bound.add(id(d))
        return self.generic_visit(node)

    visit_AsyncFunctionDef = visit_FunctionDef

    def generic_visit(self, node):
        super().generic_visit(node)
        return node

    def visit(self, node):
        new = super().visit(node)
        if isinstance(node, ast.expr) and self._wants(node):
            text = (ast.get_source_segment(self.source, node) or "").split("\n", 1)[0][:80]
            base = None
            if isinstance(node, ast.Subscript):
                base = (ast.get_source_segment(self.source, node.value) or "")[:40]
            callee = _dotted(node.func) if isinstance(node, ast.Call) else None
            self.sites.append((node.lineno, text, site_kind(node), base, callee))
            if id(node) in self.loop_iters:
                self.held_sites.add(len(self.sites) - 1)
            call = ast.Call(func=ast.Name(id=HOOK_NAME, ctx=ast.Load()),
                            args=[new, ast.Constant(len(self.sites) - 1)], keywords=[])
            return ast.copy_location(call, node)
        return new


# ---------------------------------------------------------------- the tracer

_SHAPE_OF_KIND = {"sequence": "sequence", "dict": "mapping", "set": "set", "scalar": "scalar",
                  "function": "function", "generator": "generator", "cell": "record", "class": "class",
                  "module": "module", "instance": "instance"}


def _shape_of_type(obj, t):
    """The shape of an object `_kind` calls "other" (a library's object, a subclass)."""
    if isinstance(obj, (str, bytes, bytearray)):
        return "text"
    if isinstance(obj, dict):
        return "mapping"
    if isinstance(obj, (set, frozenset)):
        return "set"
    if isinstance(obj, (list, tuple, range, memoryview)) or (t.__name__ == "deque" and t.__module__ == "collections"):
        return "sequence"
    if obj is None or isinstance(obj, (int, float, complex)):
        return "scalar"
    if isinstance(obj, type):
        return "class"
    if isinstance(obj, (types.FunctionType, types.BuiltinFunctionType, types.MethodType, types.BuiltinMethodType)):
        return "function"
    if isinstance(obj, (types.GeneratorType, types.CoroutineType, types.AsyncGeneratorType)):
        return "generator"
    if isinstance(obj, types.ModuleType):
        return "module"
    if t.__module__ == "__main__":
        return "instance"
    return "other"


_SHAPE_OF_NAME = {"str": "text", "bytes": "text", "bytearray": "text", "list": "sequence", "tuple": "sequence",
                  "range": "sequence", "deque": "sequence", "dict": "mapping", "set": "set", "frozenset": "set",
                  "int": "scalar", "float": "scalar", "bool": "scalar", "complex": "scalar", "NoneType": "scalar",
                  "generator": "generator", "function": "function"}


class Rec:
    """What the tracer remembers of one live object: never the object itself."""

    __slots__ = ("oid", "addr", "typeid", "tname", "kind", "mutable", "slots", "size", "indeg",
                 "pinned", "value", "obj_json", "codeid", "length")

    def __init__(self):
        self.indeg = 0
        self.pinned = False  # immortal, cached or a constant: never freed while the program runs
        self.slots = None
        self.value = None
        self.codeid = None
        self.length = -1


# An object the program made that sits beyond every shown window is remembered by address
# (for its free) as a tuple, and counted in the step's unlisted figures, never written as a record:
H_TYPE, H_NAME, H_SIZE, H_PRINT, H_SITE, H_STEP = range(6)
_INT_ID = id(int)
_ONE_DIGIT = 1 << 30


def _fingerprint(obj, t):
    """A value telling an immutable scalar from a later one at the same address."""
    if t is int or t is str or t is float or t is bytes or t is complex:
        return hash(obj)
    return None


# types whose objects hold no other objects: an unlisted one needs no further reading
_NO_CHILDREN = frozenset(map(id, (int, float, complex, str, bytes, bool, type(None), range)))
_ROW_FIELDS = ("made", "madeBytes", "freed", "freedBytes", "shown", "shownBytes", "resized")


def _learner_frames(frame):
    frames = []
    while frame is not None:
        if frame.f_code.co_filename == LEARNER_FILE:
            frames.append(frame)
        frame = frame.f_back
    frames.reverse()
    return frames


class Tracer:
    def __init__(self, source, snap, max_steps, time_limit, stdin_lines, stdout_cap, track=None, watch=None, peek=None):
        self.source = source
        self.peek = peek        # the host's reader of one word of WebAssembly memory
        self.lines = source.split("\n")
        self.snap = snap
        self.track = track      # host: start or stop watching addresses for their deaths
        self.watch = watch      # host: is a temporary still alive at its line's end?
        self.track_ops = []     # flat (address, type id) pairs for the host; type id 0: forget
        self.temp_log = []      # flat (address, type id, length or -1) triples of values the hook saw
        self.dead = ()          # addresses the last snapshot found freed
        self.freed_now = {}     # address -> id of objects freed in this step
        self.suspended = set()  # ids of generator frames paused at a yield (their names live on)
        self.temp_alive = ()    # per temp_log triple: 1 if still alive at the snapshot
        self.max_steps = max_steps
        self.deadline = time.monotonic() + time_limit if time_limit else None
        # fresh copies: the caller's list must not keep alive the string input() hands out
        self.stdin_lines = [line.encode().decode() for line in stdin_lines] if stdin_lines is not None else None
        self.no_input = False
        self.stdout = _CappedWriter(stdout_cap)
        self.object_ids = []    # the trace's objects, in the order they were made…
        self.object_texts = []  # …and their records as JSON text
        self.freed_at = {}      # oid -> step it was freed at
        self.step_texts = []    # each step as JSON text
        self.known = {}         # addr -> Rec (live objects the trace shows)
        self.hidden = {}        # addr -> H_* tuple (objects made beyond every shown window)
        self.unlisted = {}      # (type name, holder id or None) -> this step's counts, as _ROW_FIELDS
        self.site_now = {"line": 0, "what": ""}   # the site of what is being read now
        self.frame_state = {}   # id(frame) -> (code id, {name: addr}, return addr)
        self.frame_objs = []    # the program's running frames, outermost first (see frames_for)
        self.depth_limit = None  # the program's recursion limit (see _RecursionLimit)
        self.depth_stop = None   # "limit" or "runtime": which limit refused a call
        self.emitted = []       # (id(frame), id(code)) of the last step's frames, outermost first
        self.frame_index = {}   # id(frame) -> its place in that stack
        self.cell_frames = set()  # ids of frames whose names closures share
        self.last_line = None
        self.events = []
        self.pending = None     # (line, frame id, event kind)
        self.raised = None      # the exception the step being closed raised or passed on
        self.raising = None     # id of a frame an exception is leaving (until it catches it)
        self.next_oid = 1
        self.temps = []         # (site index, addr, type name, size, text)
        self.plans = {}
        self.loops = {}
        self.for_lines = set()  # lines where a for statement starts
        self.held_records = {}  # oid -> index in object_texts of a record whose contents are not read yet
        self.held_sites = set()  # sites whose value the for loop of their line holds
        self.sites = []
        self.constants = set()
        self.dirty_objs = []
        self.dirty_gens = []
        self.full_rescan = False
        self.outcome = None
        self.stopped = False
        self.learner_types = set()
        self.step_index = 0
        self.stats = {"slotsRead": 0, "fullRescans": 0}   # how much re-reading the run cost
        self.site_cache = {}
        self.reusable = []      # (address, type id) of lists and dicts freed by the last line
        self.held = []
        self.found = []
        self.lost = []
        self.cell_names = {}    # address of a cell -> the variable it keeps
        self.cell_slots = {}    # id(code) -> ((name, index in the frame's locals), ...)

    # ------------------------------------------------------------ objects

    def _new_rec(self, obj, t, addr):
        rec = Rec()
        rec.oid = "o%d" % self.next_oid
        self.next_oid += 1
        rec.addr = addr
        rec.typeid = id(t)
        rec.tname = t.__name__ if t is not type(None) else "NoneType"
        return rec

    def capture(self, root, site):
        """Returns the Rec for `root`, recording it and everything it holds if new."""
        addr = id(root)
        rec = self.known.get(addr)
        if rec is not None and self._same(rec, root):
            if rec.kind == "held":
                self._fill(rec, root, site)
            return rec
        self.site_now = site
        if rec is not None:
            self._forget(rec)          # the block was freed and reused by a new object
        rec = self._record(root, site)
        self._read_tree(root, rec, site)
        return rec

    def _read_tree(self, root, rec, site):
        """Reads what a just-recorded object holds, recording what is new in it, and writes
        the records out."""
        work = [(root, rec)]
        while work:
            obj, r = work.pop()
            children = self._read_slots(obj, r)
            for child in children:
                caddr = id(child)
                crec = self.known.get(caddr)
                if crec is not None and not self._same(crec, child):
                    self._forget(crec)
                    crec = None
                if crec is None:
                    crec = self._record(child, site)
                    work.append((child, crec))
                elif crec.kind == "held":
                    self._fill(crec, child, site)
                crec.indeg += 1
            self._write_contents(r)
            # kept as text: the tracer's own lists and dicts must not hold blocks the program frees
            held_at = self.held_records.pop(r.oid, None)
            text = json.dumps(r.obj_json, ensure_ascii=False)
            if held_at is not None:
                self.object_texts[held_at] = text     # its record, now with what it holds
            else:
                self.object_ids.append(r.oid)
                self.object_texts.append(text)
            r.obj_json = None

    def _fill(self, rec, obj, site):
        """A value recorded while it had no name (see `_held_object`), met now: its record gets
        what it holds, as it was made with it."""
        at = self.held_records.get(rec.oid)
        if at is None:
            rec.kind = "other"
            return
        t = type(obj)
        rec.kind = self._kind(obj, t)
        rec.obj_json = json.loads(self.object_texts[at])
        self._read_tree(obj, rec, site)

    def _same(self, rec, obj):
        if rec.typeid != id(type(obj)):
            return False
        if not rec.mutable and rec.value is not None:
            if rec.length >= 0 and rec.length != len(obj):
                return False     # a str's text is cut short: the lengths tell long ones apart
            return rec.value == short_text(obj, type(obj))
        return True

    def _record(self, obj, site):
        t = type(obj)
        addr = id(obj)
        rec = self._new_rec(obj, t, addr)
        rec.size = size64(obj, t)
        rec.mutable = not isinstance(obj, IMMUTABLE_TYPES)
        origin = self._origin(obj, t, addr)
        rec.pinned = origin != "runtime" and origin != "interned"
        j = {
            "type": rec.tname,
            "size": rec.size,
            "address": address_of(addr),
            "createdAt": self.step_index,
            "site": dict(site),
        }
        if origin != "runtime":
            j["origin"] = origin
        rec.value = short_text(obj, t)
        if rec.value is not None:
            j["value"] = rec.value
        if t is str or t is bytes:
            j["length"] = rec.length = len(obj)
        rec.kind = self._kind(obj, t)
        j["shape"] = self._shape(obj, t, rec.kind)
        j["mutable"] = rec.mutable
        if rec.kind == "cell":
            j["holds"] = "variable"
        if rec.kind == "function":
            j["name"] = obj.__qualname__
        elif rec.kind == "class":
            j["name"] = obj.__qualname__
        elif rec.kind == "instance":
            j["cls"] = t.__qualname__
        elif rec.kind == "generator":
            j["name"] = obj.__qualname__
            rec.codeid = id(obj.gi_code)
        elif rec.kind == "cell":
            j["name"] = self.cell_names.get(addr, "cell_contents")
        elif rec.kind == "module":
            j["name"] = obj.__name__
        elif rec.kind == "other":
            try:
                text = _shown_addresses(object.__repr__(obj) if t.__module__ == "__main__" else repr(obj))
            except Exception:
                text = "<%s>" % rec.tname
            j["value"] = text[:TEXT_CAP] + ("…" if len(text) > TEXT_CAP else "")
        rec.obj_json = j          # written out as text once its contents are read (see capture)
        self.known[addr] = rec
        held = self.hidden.pop(addr, None)
        if held is not None and (held[H_TYPE] != rec.typeid or held[H_PRINT] != _fingerprint(obj, t)):
            self._unlisted_gone(held)      # a new object in the block of one that died unseen
            held = None
        if held is not None:
            # it sat beyond every shown window since it was made: counted then, listed from now
            j["site"] = dict(held[H_SITE])
            j["madeAt"] = held[H_STEP]
            row = self._row(held[H_NAME], None)
            row[4] += 1
            row[5] += held[H_SIZE]
        if not rec.pinned:
            self.track_ops.append(addr)
            self.track_ops.append(rec.typeid)
        if origin == "runtime" and not rec.pinned and held is None:
            self.events.append({"kind": "alloc", "id": rec.oid})
        return rec

    def _origin(self, obj, t, addr):
        """runtime (made by the program), or how a shared object came to exist."""
        if sys._is_immortal(obj) and (t is int or _builtin_singleton(obj, t)):
            return "cached" if t is int else "static"   # small-int cache, or a built-in singleton
        if addr in self.constants:
            return "constant"    # a constant of the program's code (CPython makes its strings immortal too)
        if sys._is_immortal(obj):
            return "static"
        if t is str and sys._is_interned(obj):
            return "interned"
        if self._is_library(obj, t):
            return "library"     # made by Python or an imported module before this line
        return "runtime"

    def _is_library(self, obj, t):
        if t.__name__ in ("module", "builtin_function_or_method", "method_descriptor", "wrapper_descriptor"):
            return True
        if isinstance(obj, type):
            return obj.__module__ != "__main__"
        if t.__name__ == "function":
            code = getattr(obj, "__code__", None)
            return code is None or code.co_filename != LEARNER_FILE
        return False

    def _shape(self, obj, t, kind):
        """The language-neutral shape of an object (Trace v2): what a diagram or a sentence
        needs to know about it, whatever language made it."""
        if isinstance(obj, (str, bytes, bytearray)):
            return "text"    # read like a scalar, but text to a diagram or a sentence
        shape = _SHAPE_OF_KIND.get(kind)
        if shape is not None:
            return shape
        return _shape_of_type(obj, t)

    def _kind(self, obj, t):
        if t in (list, tuple) or (t.__name__ == "deque" and t.__module__ == "collections"):
            return "sequence"
        if isinstance(obj, dict):
            return "dict"
        if t in (set, frozenset):
            return "set"
        if t in SCALAR_TYPES:
            return "scalar"
        if t.__name__ == "function" and getattr(obj, "__code__", None) is not None \
                and obj.__code__.co_filename == LEARNER_FILE:
            return "function"
        if t.__name__ == "generator" and obj.gi_code.co_filename == LEARNER_FILE:
            return "generator"
        if t is _CELL_TYPE:
            return "cell"
        if isinstance(obj, type) and obj.__module__ == "__main__":
            return "class"
        if t.__name__ == "module":
            return "module"
        if t.__module__ == "__main__":
            return "instance"
        return "other"

    def _read_slots(self, obj, rec):
        """Reads the object's slots into rec.slots (addresses only); returns the children."""
        kind = rec.kind
        if kind in ("sequence", "set", "dict"):
            self.stats["slotsRead"] += len(obj)
        if kind == "sequence":
            items = list(obj)
            rec.slots = list(map(id, items))   # list(), unlike [], does not take a freed list's block
            return items[:CAP] + self._hide(items[CAP:], rec.oid)
        if kind == "set":
            items = list(obj)
            rec.slots = tuple([id(x) for x in items])
            return items[:CAP] + self._hide(items[CAP:], rec.oid)
        if kind == "dict":
            pairs = list(dict.items(obj))
            rec.slots = list([(id(k), id(v)) for k, v in pairs])
            shown = pairs[:CAP]
            out = []
            for k, v in shown:
                out.append(k)
                out.append(v)
            rest = []
            for k, v in pairs[CAP:]:
                rest.append(k)
                rest.append(v)
            return out + self._hide(rest, rec.oid)
        if kind in _NAMED_KINDS:
            named = self._named_slots(obj, kind)
            rec.slots = tuple([(name, id(v)) for name, v in named])
            return [v for _, v in named]
        rec.slots = None
        return []

    def _hide(self, objs, holder):
        """Slots beyond a shown window. An object the trace lists keeps its record; one the
        program made is remembered by address only and counted, with everything it holds, in
        the step's unlisted figures, as made inside `holder` (a listed container's id)."""
        if len(objs) > 64 and self._hide_ints(objs, holder):
            return []
        known = self.known
        hidden = self.hidden
        constants = self.constants
        track = self.track_ops
        step = self.step_index
        site = self.site_now
        immortal = sys._is_immortal
        getsizeof = sys.getsizeof
        tally = {}
        ints = 0
        int_bytes = 0
        work = objs
        while work:
            o = work.pop()
            a = id(o)
            rec = known.get(a)
            if rec is not None:
                if self._same(rec, o):
                    rec.indeg += 1
                    if rec.kind == "held":
                        self._fill(rec, o, site)    # it has a record already: it gets its contents
                    continue
                self._forget(rec)      # the block was freed and reused by a new object
            t = type(o)
            h = hidden.get(a)
            if t is int:               # the common case, kept short: a big list of numbers
                if h is not None:
                    if h[H_TYPE] == _INT_ID and h[H_PRINT] == hash(o):
                        continue
                    self._unlisted_gone(h, a)
                if immortal(o) or a in constants:
                    continue           # the small-int cache or a constant: not made here
                size = 24 + 4 * ((getsizeof(o) - 12) // 4)     # as size64 says for an int
                hidden[a] = (_INT_ID, "int", size, hash(o), site, step)
                track.append(a)
                track.append(-_INT_ID)     # negative: watched by its deallocator only (see deaths.ts)
                ints += 1
                int_bytes += size
                continue
            tid = id(t)
            if h is not None:
                if h[H_TYPE] == tid and h[H_PRINT] == _fingerprint(o, t):
                    continue
                self._unlisted_gone(h, a)
            if self._origin(o, t, a) != "runtime":
                continue
            size = size64(o, t)
            hidden[a] = (tid, t.__name__, size, _fingerprint(o, t), site, step)
            track.append(a)
            track.append(-tid)
            c = tally.get(tid)
            if c is None:
                tally[tid] = [t.__name__, 1, size]
            else:
                c[1] += 1
                c[2] += size
            if tid not in _NO_CHILDREN:
                inner = self._children_of(o, t)
                self.stats["slotsRead"] += len(inner)
                work.extend(inner)
        if ints:
            tally[_INT_ID] = ["int", ints, int_bytes]
        for name, n, size in tally.values():
            row = self._row(name, holder)
            row[0] += n
            row[1] += size
        return []

    def _hide_ints(self, objs, holder):
        """_hide for a run of ints none of which the tracer has met (list(range(n)) and the
        like), done item by item in C: the same counts, without a Python loop per item.
        Returns False, having done nothing, when the slots hold anything else."""
        if set(map(type, objs)) != {int}:
            return False
        objs = list(itertools.filterfalse(sys._is_immortal, objs))   # the small-int cache: not made here
        if not objs:
            return True
        addrs = list(map(id, objs))
        if not (self.known.keys().isdisjoint(addrs) and self.hidden.keys().isdisjoint(addrs)
                and self.constants.isdisjoint(addrs)):
            return False
        repeat = itertools.repeat
        if -_ONE_DIGIT < min(objs) and max(objs) < _ONE_DIGIT:
            sizes = repeat(28)             # one 30-bit digit: as size64 says
            total = 28 * len(objs)
        else:
            sizes = [size64(o, int) for o in objs]
            total = sum(sizes)
        self.hidden.update(zip(addrs, zip(repeat(_INT_ID), repeat("int"), sizes, map(hash, objs),
                                          repeat(self.site_now), repeat(self.step_index))))
        self.track_ops.extend(itertools.chain.from_iterable(zip(addrs, repeat(-_INT_ID))))
        row = self._row("int", holder)
        row[0] += len(objs)
        row[1] += total
        return True

    def _children_of(self, obj, t):
        """Every object an unlisted object holds (all its slots: nothing of it is shown)."""
        kind = self._kind(obj, t)
        if kind == "sequence" or kind == "set":
            return list(obj)
        if kind == "dict":
            out = []
            for k, v in dict.items(obj):
                out.append(k)
                out.append(v)
            return out
        if kind in ("instance", "class", "function", "generator"):
            return [v for _, v in self._named_slots(obj, kind)]
        return []

    def _row(self, tname, holder):
        key = (tname, holder)
        row = self.unlisted.get(key)
        if row is None:
            row = self.unlisted[key] = [0, 0, 0, 0, 0, 0, 0]
        return row

    def _unlisted_gone(self, h, addr=None):
        """An unlisted object was freed: counted in the step's figures."""
        if addr is not None:
            del self.hidden[addr]
        row = self._row(h[H_NAME], None)
        row[2] += 1
        row[3] += h[H_SIZE]

    def _reread_unlisted(self, obj, h):
        """A line changed an unlisted object in place: its new size, and the new objects it holds."""
        t = type(obj)
        if h[H_TYPE] != id(t) or h[H_TYPE] in _NO_CHILDREN:
            return
        size = size64(obj, t)
        if size != h[H_SIZE]:
            self._row(h[H_NAME], None)[6] += size - h[H_SIZE]
            self.hidden[id(obj)] = h[:H_SIZE] + (size,) + h[H_SIZE + 1:]
        inner = self._children_of(obj, t)
        self.stats["slotsRead"] += len(inner)
        self._hide(inner, None)

    def unlisted_json(self):
        """This step's unlisted figures as JSON text, or "" when there are none."""
        if not self.unlisted:
            return ""
        rows = []
        for (tname, holder), counts in self.unlisted.items():
            row = {"type": tname}
            if holder is not None:
                row["in"] = holder
            for field, n in zip(_ROW_FIELDS, counts):
                if n:
                    row[field] = n
            if len(row) > 1 + (holder is not None):
                rows.append(row)
        self.unlisted.clear()
        return ',"unlisted":' + json.dumps(rows) if rows else ""

    def _named_slots(self, obj, kind):
        out = []
        if kind == "instance":
            try:
                d = object.__getattribute__(obj, "__dict__")
                out.extend((k, v) for k, v in dict.items(d) if isinstance(k, str))
            except (AttributeError, TypeError):
                pass
            for klass in type(obj).__mro__:
                for name in klass.__dict__.get("__slots__", ()) if isinstance(klass.__dict__.get("__slots__", ()), (tuple, list)) else (klass.__dict__.get("__slots__"),):
                    if not isinstance(name, str) or name in ("__dict__", "__weakref__"):
                        continue
                    desc = klass.__dict__.get(name)
                    try:
                        out.append((name, desc.__get__(obj, type(obj))))
                    except AttributeError:
                        pass
        elif kind == "class":
            for k, v in obj.__dict__.items():
                if _visible_member(k, v):
                    out.append((k, v))
        elif kind == "function":
            code = obj.__code__
            defaults = obj.__defaults__ or ()
            params = code.co_varnames[:code.co_argcount]
            for name, v in zip(params[len(params) - len(defaults):], defaults):
                out.append((name, v))
            for name, v in (obj.__kwdefaults__ or {}).items():
                out.append((name, v))
            for name, cell in zip(code.co_freevars, obj.__closure__ or ()):
                if name in _IMPLICIT_FREEVARS:
                    continue     # the cell super() reads: CPython's bookkeeping
                self.cell_names[id(cell)] = name
                out.append((name, cell))
        elif kind == "cell":
            try:
                out.append((self.cell_names.get(id(obj), "cell_contents"), obj.cell_contents))
            except ValueError:
                pass         # empty: its variable has no value yet
        elif kind == "generator":
            frame = obj.gi_frame
            if frame is not None:
                for k, v in frame.f_locals.items():
                    if not k.startswith("."):
                        out.append((k, v))
        return out

    def _slot(self, addr):
        rec = self.known.get(addr)
        return {"ref": rec.oid} if rec is not None else None

    def _write_contents(self, rec):
        j = rec.obj_json
        kind = rec.kind
        if kind in ("sequence", "set"):
            j["length"] = len(rec.slots)
            j["items"] = [self._slot(a) for a in rec.slots[:CAP]]
        elif kind == "dict":
            j["length"] = len(rec.slots)
            j["entries"] = [{"key": self._slot(k), "value": self._slot(v)} for k, v in rec.slots[:CAP]]
        elif kind in _NAMED_KINDS:
            j["attributes"] = {name: self._slot(a) for name, a in rec.slots}

    def _release(self, addr):
        """One reference the learner could see to `addr` is gone."""
        rec = self.known.get(addr)
        if rec is not None:
            rec.indeg -= 1    # an unlisted object keeps no count: its free is seen by address

    def _forget(self, rec):
        """The object is gone: record its free and let go of what it held."""
        if self.known.get(rec.addr) is rec:
            del self.known[rec.addr]
        if not rec.pinned:
            self.track_ops.append(rec.addr)
            self.track_ops.append(0)
            self.freed_now[rec.addr] = rec.oid
            self.freed_at[rec.oid] = self.step_index
            self.events.append({"kind": "free", "id": rec.oid})
        slots = rec.slots
        if slots is None:
            return
        if rec.kind == "dict":
            for k, v in slots:
                self._release(k)
                self._release(v)
        elif rec.kind in _NAMED_KINDS:
            for _, a in slots:
                self._release(a)
        else:
            for a in slots:
                self._release(a)

    def flush_tracking(self):
        """Tells the host which addresses to watch from now on (and which to stop watching).
        Called last thing in a callback, before the program runs on and can free them."""
        if self.track_ops:
            self.track(self.track_ops)
            self.track_ops.clear()

    def take_snapshot(self):
        """Asks the host which remembered objects are gone. Called first thing in a
        callback: no list, dict or str may be made before it (it could take a freed block)."""
        res = self.snap(self.temp_log if self.temp_log else None)
        if res == 0:        # nothing died and no temporaries: the common, cheap answer
            self.dead = ()
            self.temp_alive = ()
            return
        res = res.to_py()
        n = res[0]
        self.dead = tuple(res[1:1 + n])        # tuples: no list may outlive the callback
        self.temp_alive = tuple(res[1 + n:])

    def free_dead(self):
        for addr in self.dead:
            rec = self.known.get(addr)
            if rec is not None and not rec.pinned:
                if rec.typeid == _LIST_ID or rec.typeid == _DICT_ID:
                    self.reusable.append((addr, rec.typeid))
                self._forget(rec)
            elif rec is None:
                h = self.hidden.get(addr)
                if h is not None:
                    self._unlisted_gone(h, addr)
        self.dead = ()

    def give_back_blocks(self):
        """Puts the blocks the learner's line just freed back on top of CPython's free lists.

        CPython reuses the last freed list or dict first, which is how `x = [i]` in a loop
        gets the same address every other time. The tracer's own work in between takes and
        returns free blocks in another order; taking them all again and returning them
        with the learner's freed ones last restores what the program alone would see."""
        wanted = self.reusable
        if not wanted:
            return
        held = self.held
        found = self.found
        lost = self.lost
        for i, (addr, typeid) in enumerate(wanted):
            if addr in self.known:
                lost.append(i)          # the program made a new object there: no longer free
                continue
            is_list = typeid == _LIST_ID
            for _ in range(81):     # CPython keeps at most 80 free lists or dicts
                block = [] if is_list else {}     # literals take from the free list; list() does not
                if id(block) == addr:
                    found.append(block)
                    break
                held.append(block)
            else:
                lost.append(i)          # something else holds the block now
            block = None
            held.clear()     # frees the last taken first: the free list's order comes back
        found.clear()        # oldest first, so the last one freed ends on top
        for i in reversed(lost):
            del wanted[i]
        lost.clear()
        if len(wanted) > 4:
            del wanted[:len(wanted) - 4]

    # ------------------------------------------------------------ re-reading changed objects

    def reread(self, obj, site):
        """Compares a mutable object with what was recorded and emits a mutate event."""
        self.site_now = site
        addr = id(obj)
        rec = self.known.get(addr)
        if rec is not None and rec.kind == "generator" and rec.slots is None and self._same(rec, obj):
            rec.slots = ()      # recorded while its loop held it: its names are read now
        if rec is None:
            h = self.hidden.get(addr)
            if h is not None:
                self._reread_unlisted(obj, h)
            return
        if not self._same(rec, obj) or not rec.mutable or rec.slots is None:
            return
        old = rec.slots
        kind = rec.kind
        if kind in ("sequence", "set", "dict"):
            self.stats["slotsRead"] += len(obj)
        if kind in ("sequence", "set"):
            items = list(obj)
            new = list(map(id, items)) if kind == "sequence" else tuple([id(x) for x in items])
            if new == old:
                self._resize(rec, obj)
                return
            objs = items
        elif kind == "dict":
            pairs = list(dict.items(obj))
            new = list([(id(k), id(v)) for k, v in pairs])
            if new == old:
                self._resize(rec, obj)
                return
            objs = pairs
        else:
            named = self._named_slots(obj, kind)
            new = tuple([(name, id(v)) for name, v in named])
            if new == old:
                return
            objs = named
        # capture what is new, then let go of what left
        rec.slots = new
        change = self._diff(rec, kind, old, new, objs, site)
        event = {"kind": "mutate", "id": rec.oid, "changes": change}
        size = size64(obj, type(obj))
        if size != rec.size:
            rec.size = size
            event["size"] = size
        if kind in ("sequence", "set", "dict"):
            event["length"] = len(new)
        self.events.append(event)   # the object's record keeps its first contents

    def reread_hinted(self, obj, hint, site):
        """Re-reads only where the line's syntax says a list or dict can have changed:
        its tail (append, extend, pop()) or one item (a[i] = …, d[k] = …). Returns False
        when the fast read cannot be sure, and the caller reads the whole object."""
        self.site_now = site
        rec = self.known.get(id(obj))
        if rec is None or rec.slots is None or rec.typeid != id(type(obj)):
            return False
        t = type(obj)
        if t is not list and t is not dict:
            return False    # only the built-in types: a class's own len() is the program's code
        old = rec.slots
        n_old = len(old)
        n_new = len(obj)
        if t is list and hint == "tail":
            start = max(0, min(n_old, n_new) - 4)     # a few before the tail, to be sure
            for i in range(start, min(n_old, n_new)):
                if id(obj[i]) != old[i]:
                    return False
            self.stats["slotsRead"] += n_new - start
            if n_old == n_new and all(id(obj[i]) == old[i] for i in range(start, n_new)):
                self._resize(rec, obj)
                return True
            at = min(n_old, n_new)
            inserted = obj[at:]
            self._apply_splice(rec, obj, at, n_old - at, inserted, site)
            return True
        if t is list and type(hint) is tuple and type(hint[1]) is int and n_old == n_new:
            i = hint[1]
            if i < 0:
                i += n_new
            if not 0 <= i < n_new:
                return False
            self.stats["slotsRead"] += 1
            if id(obj[i]) != old[i]:
                self._apply_splice(rec, obj, i, 1, [obj[i]], site)
            return True
        if t is dict and type(hint) is tuple and n_new in (n_old, n_old + 1):
            # one key was stored: a new one goes at the end (dicts keep insertion order)
            key = hint[1]
            if n_new == n_old + 1:
                stored_key, value = next(reversed(obj.items()))
                if key is not _UNKNOWN and type(key) in (str, int) and stored_key != key:
                    return False
                self.stats["slotsRead"] += 1
            else:
                if type(key) not in (str, int) or key not in obj:
                    return False
                value = obj[key]
                self.stats["slotsRead"] += 1
                stored_key = None
                for i in range(n_old - 1, -1, -1):
                    if old[i][0] == id(key):
                        stored_key = key
                        break
                if stored_key is None:
                    return False      # an equal key stored as another object: read it all
            ka, va = id(stored_key), id(value)
            changes = []
            if n_new == n_old + 1:
                kr = self._ref(stored_key, site)
                kr.indeg += 1
                vr = self._ref(value, site)
                vr.indeg += 1
                old.append((ka, va))
                changes.append({"op": "set", "key": {"ref": kr.oid}, "value": {"ref": vr.oid}})
            else:
                if old[i][1] == va:
                    return True
                vr = self._ref(value, site)
                vr.indeg += 1
                self._release(old[i][1])
                old[i] = (ka, va)
                # the key may sit beyond the shown window: it is listed from now on
                changes.append({"op": "set", "key": {"ref": self._ref(stored_key, site).oid}, "value": {"ref": vr.oid}})
            event = {"kind": "mutate", "id": rec.oid, "changes": changes, "length": n_new}
            size = size64(obj, t)
            if size != rec.size:
                rec.size = size
                event["size"] = size
            self.events.append(event)
            return True
        return False

    def _apply_splice(self, rec, obj, at, remove, inserted, site):
        """Records a list splice found by a hinted read, as the full diff would."""
        old = rec.slots
        removed = old[at:at + remove]
        shown = inserted[:max(0, CAP - at)]
        insert = []
        for o in shown:
            r = self._ref(o, site)
            r.indeg += 1
            insert.append({"ref": r.oid})
        self._hide(inserted[len(shown):], rec.oid)
        for a in removed:
            self._release(a)
        old[at:at + remove] = [id(o) for o in inserted]
        change = {"op": "splice", "at": at, "remove": remove, "insert": insert}
        if len(inserted) != len(insert):
            change["insertCount"] = len(inserted)
        n_new = len(old)
        if at < CAP and (n_new > CAP or n_new - len(inserted) + remove > CAP):
            start = at + len(insert)
            change["refill"] = [{"ref": self._ref(o, site).oid} for o in obj[start:CAP]]
        event = {"kind": "mutate", "id": rec.oid, "changes": [change], "length": n_new}
        size = size64(obj, type(obj))
        if size != rec.size:
            rec.size = size
            event["size"] = size
        self.events.append(event)

    def _grown_in_place(self, rec, obj):
        """CPython's `s += t` extends a str in its own block when nothing else refers to it
        (and the block can grow there): the same object, longer."""
        rec.value = short_text(obj, str)
        rec.length = len(obj)
        rec.size = size64(obj, str)
        self.events.append({"kind": "mutate", "id": rec.oid, "changes": [], "size": rec.size,
                            "length": rec.length, "value": rec.value, "inPlace": True})

    def _resize(self, rec, obj):
        size = size64(obj, type(obj))
        if size != rec.size:
            rec.size = size
            self.events.append({"kind": "mutate", "id": rec.oid, "size": size, "changes": []})

    def _ref(self, obj, site):
        a = id(obj)
        r = self.known.get(a)
        if r is None or not self._same(r, obj):
            r = self.capture(obj, site)
        return r

    def _diff(self, rec, kind, old, new, objs, site):
        if kind in ("sequence", "set"):
            p = 0
            n = min(len(old), len(new))
            while p < n and old[p] == new[p]:
                p += 1
            s = 0
            while s < n - p and old[len(old) - 1 - s] == new[len(new) - 1 - s]:
                s += 1
            removed = old[p:len(old) - s]
            inserted_objs = objs[p:len(new) - s]
            # A slot counts on its object wherever it sits, in the shown window or beyond.
            shown = inserted_objs[:max(0, CAP - p)]
            insert = []
            for o in shown:
                r = self._ref(o, site)
                r.indeg += 1
                insert.append({"ref": r.oid})
            self._hide(inserted_objs[len(shown):], rec.oid)
            for a in removed:
                self._release(a)
            change = {"op": "splice", "at": p, "remove": len(removed), "insert": insert}
            if len(inserted_objs) != len(insert):
                change["insertCount"] = len(inserted_objs)
            if p < CAP and (len(new) > CAP or len(old) > CAP):
                # the window's tail moved: give it whole, so the window can be rebuilt
                start = p + len(insert)
                change["refill"] = [{"ref": self._ref(o, site).oid} for o in objs[start:CAP]]
            return [change]
        if kind == "dict":
            old_map = dict(old)
            new_map = {}
            changes = []
            for (ka, va), (k, v) in zip(new, objs):
                new_map[ka] = va
                if old_map.get(ka) != va:
                    kr = self._ref(k, site)
                    if ka not in old_map:
                        kr.indeg += 1
                    vr = self._ref(v, site)
                    vr.indeg += 1
                    if ka in old_map:
                        self._release(old_map[ka])
                    changes.append({"op": "set", "key": {"ref": kr.oid}, "value": {"ref": vr.oid}})
            for ka, va in old:
                if ka not in new_map:
                    kr = self.known.get(ka)
                    changes.append({"op": "del", "key": {"ref": kr.oid} if kr else {"value": "?"}})
                    self._release(ka)
                    self._release(va)
            return changes
        changes = []
        objs_by_name = dict(objs)
        old = dict(old)
        new = dict(new)
        for name, a in new.items():
            if old.get(name) != a:
                r = self._ref(objs_by_name[name], site)
                r.indeg += 1
                if name in old:
                    self._release(old[name])
                changes.append({"op": "attr", "name": name, "value": {"ref": r.oid}})
        for name, a in old.items():
            if name not in new:
                changes.append({"op": "attr", "name": name})
                self._release(a)
        return changes

    def resolve(self, node, frame):
        """Evaluates a target expression without running any of the learner's code."""
        if isinstance(node, ast.Name):
            f_locals = frame.f_locals
            if node.id in f_locals:
                return f_locals[node.id]
            g = frame.f_globals
            if node.id in g:
                return g[node.id]
            return builtins.__dict__.get(node.id, _MISSING)
        if isinstance(node, ast.Attribute):
            base = self.resolve(node.value, frame)
            if base is _MISSING:
                return _MISSING
            t = type(base)
            if t.__name__ == "module":
                return base.__dict__.get(node.attr, _MISSING)
            for klass in t.__mro__:
                if node.attr in klass.__dict__:
                    desc = klass.__dict__[node.attr]
                    if hasattr(type(desc), "__set__") or hasattr(type(desc), "__get__") and klass.__module__ == "__main__" and not callable(desc):
                        return _UNKNOWN
                    break
            try:
                d = object.__getattribute__(base, "__dict__")
                if node.attr in d:
                    return d[node.attr]
            except (AttributeError, TypeError):
                pass
            if isinstance(base, type):
                return base.__dict__.get(node.attr, _MISSING)
            return _UNKNOWN
        if isinstance(node, ast.Subscript):
            base = self.resolve(node.value, frame)
            if base is _MISSING or base is _UNKNOWN:
                return base
            key = self.resolve_key(node.slice, frame)
            if key is _UNKNOWN:
                return _UNKNOWN
            t = type(base)
            try:
                if t is list or t is tuple:
                    return base[key] if type(key) is int else _UNKNOWN
                if t is dict:
                    return dict.get(base, key, _MISSING) if type(key) in (int, str, float, bool, tuple) else _UNKNOWN
            except IndexError:
                return _MISSING
            return _UNKNOWN
        return _UNKNOWN

    def calls_learner_code(self, func, frame):
        """Does calling `func` run the learner's own (traced) code? None: cannot tell."""
        if isinstance(func, ast.Name):
            callee = self.resolve(func, frame)
            if callee is _MISSING:
                callee = builtins.__dict__.get(func.id, _UNKNOWN)
        elif isinstance(func, ast.Attribute):
            base = self.resolve(func.value, frame)
            if base is _UNKNOWN or base is _MISSING:
                return None
            try:
                callee = inspect.getattr_static(base, func.attr)
            except AttributeError:
                return None
        else:
            return None
        if callee is _UNKNOWN:
            return None
        if isinstance(callee, (staticmethod, classmethod)):
            callee = callee.__func__
        elif isinstance(callee, property):
            callee = callee.fget
        if isinstance(callee, type):
            return callee.__module__ == "__main__"
        code = getattr(callee, "__code__", None)
        return code is not None and code.co_filename == LEARNER_FILE

    def resolve_key(self, node, frame):
        if isinstance(node, ast.Constant):
            return node.value
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub) and isinstance(node.operand, ast.Constant):
            return -node.operand.value
        if isinstance(node, ast.Name):
            v = self.resolve(node, frame)
            return v if type(v) in (int, str) else _UNKNOWN
        return _UNKNOWN

    # ------------------------------------------------------------ steps

    def site_for(self, line):
        site = self.site_cache.get(line)
        if site is None:
            site = self.site_cache[line] = self._site_for(line)
        return site

    def _site_for(self, line):
        plan = self.plans.get(line)
        what = plan.stmt_text if plan else (self.lines[line - 1].strip() if 0 < line <= len(self.lines) else "")
        site = {"line": line, "what": what}
        if plan is not None and plan.value_node is not None:
            site["kind"] = site_kind(plan.value_node)
            seg = ast.get_source_segment(self.source, plan.value_node)
            if seg:
                site["what"] = seg.split("\n", 1)[0][:80]
            if site["kind"] == "slice":
                base = ast.get_source_segment(self.source, plan.value_node.value)
                if base:
                    site["of"] = base[:40]
        return site

    def close_step(self, frame, event, arg, frames, site_line=None):
        """Records the effects of the interval that just ended, as one step."""
        pending = self.pending
        line = pending[0] if pending else frame.f_lineno
        site = self.site_for(site_line or line)
        self.free_dead()
        # 1. what the line's syntax says it may have changed
        if pending is not None and pending[2] != "call":
            plan = self.plans.get(line)
            run_frame = None
            for f in frames:
                if id(f) == pending[1]:
                    run_frame = f
            if plan is not None:
                if plan.full or run_frame is None:
                    self.full_rescan = True
                else:
                    for func, args in plan.calls:
                        learner = self.calls_learner_code(func, run_frame)
                        if learner is None:
                            self.full_rescan = True
                            continue
                        if learner:
                            continue   # the learner's own code: its lines were traced
                        for a in args:
                            if isinstance(a, (ast.Name, ast.Attribute, ast.Subscript)):
                                self.dirty_objs.append(a)
                            elif not isinstance(a, (ast.Constant, ast.Lambda)):
                                v = a
                                # nested expressions made new values: only names can be changed
                                for sub in ast.walk(v):
                                    if isinstance(sub, ast.Name):
                                        self.dirty_objs.append(sub)
                    for t in plan.targets:
                        self.dirty_objs.append(t)
            resolved = []
            hints = plan.hints if plan is not None else {}
            if run_frame is not None:
                for t in self.dirty_objs:
                    v = self.resolve(t, run_frame)
                    if v is _UNKNOWN:
                        self.full_rescan = True
                    elif v is not _MISSING:
                        hint = hints.get(id(t))
                        if type(hint) is tuple:
                            hint = ("item", self.resolve_key(hint[1], run_frame))
                        resolved.append((v, hint))
            self.dirty_objs.clear()
            seen = set()
            for v, hint in resolved:
                if id(v) in seen:
                    hint = None     # changed in more than one way: read it all
                seen.add(id(v))
                if hint is None or not self.reread_hinted(v, hint, site):
                    self.reread(v, site)
            resolved = None
        for g in self.dirty_gens:
            self.reread(g, site)
        self.dirty_gens.clear()   # the same list: a new one could take a block the program freed
        # 2. the stack: frames pushed and popped, names bound, rebound and removed
        stack_json = self.scan_stack(frames, frame, event, arg, site, pending)
        # 3. a full re-read when the line's syntax could not name what it changed
        if self.full_rescan:
            self.full_rescan = False
            self.reread_all(frames, site)
        # 4. objects made within the line
        self.take_temps(site)
        if pending is not None and line in self.loops:
            self.mark_loop_changes(line, pending[1], frames)
        kind = pending[2] if pending else event
        raised = ',"raised":' + json.dumps(self.raised, ensure_ascii=False) if self.raised else ""
        self.step_texts.append('{"line":%d,"event":"%s",%s"events":%s%s%s}' % (
            line, kind, stack_json, json.dumps(self.events, ensure_ascii=False), self.unlisted_json(), raised))
        self.last_line = line
        self.events.clear()   # the same list, not a new one (see give_back_blocks)
        self.freed_now.clear()
        self.step_index += 1

    def scan_stack(self, frames, frame, event, arg, site, pending):
        """Records what changed on the stack since the last step, as JSON fields of the step.

        Only frames that can have changed are read: frames new on the stack, the innermost
        one, the one whose line ran, the module's (any function may set a global) and frames
        whose names closures share (a cell). A caller waiting for a call keeps its names, so a
        deep recursion costs what its top frame does, not the depth."""
        emitted = self.emitted
        n = len(frames)
        keep = min(len(emitted), n)
        while keep > 0:
            f = frames[keep - 1]
            if emitted[keep - 1] == (id(f), id(f.f_code)):
                break
            keep -= 1
        popped = emitted[keep:]
        del emitted[keep:]
        for fid, _ in popped:
            self.frame_index.pop(fid, None)
            self.cell_frames.discard(fid)
            if fid not in self.suspended:
                self._drop_frame(fid)
        scan = {n - 1, 0} if n else set()
        if pending is not None:
            i = self.frame_index.get(pending[1])
            if i is not None and i < n:
                scan.add(i)
        for fid in self.cell_frames:
            scan.add(self.frame_index[fid])
        pushes = []
        for index in range(keep, n):
            f = frames[index]
            fid = id(f)
            state = self.frame_state.get(fid)
            if state is not None and state[0] != id(f.f_code):
                self._drop_frame(fid)
            emitted.append((fid, id(f.f_code)))
            self.frame_index[fid] = index
            if f.f_code.co_cellvars or f.f_code.co_freevars:
                self.cell_frames.add(fid)   # a closure may change its names from above
            pushes.append(index)
            scan.add(index)
        pushed_json = []
        returned = None
        for index in sorted(scan):
            if index >= n:
                continue
            f = frames[index]
            code = f.f_code
            slots = self.cell_slots.get(id(code))
            if slots is None:
                slots = self.cell_slots[id(code)] = _cell_slots(code)
            # a frame's cells are made when it starts and stay its own: told with the frame
            cells = self.read_cells(f, slots, site) if slots else None
            vars_json = self._scan_frame(index, f, site, index >= keep)
            if vars_json is not None:
                entry = {"name": code.co_qualname, "line": f.f_lineno}
                if vars_json:
                    entry["vars"] = vars_json
                if cells:
                    entry["cells"] = cells
                pushed_json.append(entry)
            r = self._returned(index, f, frame, event, arg, site)
            if r is not None:
                returned = r
        parts = ['"top":%d,' % (frames[-1].f_lineno if n else 0)]
        if popped or pushed_json:
            stack = {}
            if popped:
                stack["pop"] = len(popped)
            if pushed_json:
                stack["push"] = pushed_json
            parts.append('"stack":%s,' % json.dumps(stack, ensure_ascii=False))
        if returned is not None:
            parts.append('"returned":{"ref":"%s"},' % returned)
        return "".join(parts)

    def _scan_frame(self, index, f, site, pushed):
        """Reads one frame's names against what was recorded; emits rebind events. For a frame
        new on the stack, returns the names it already had (a resumed generator's) as JSON."""
        code = f.f_code
        is_class_body = _is_class_body(code)
        fid = id(f)
        state = self.frame_state.get(fid)
        old = dict(state[1]) if state else {}
        new = {}
        vars_json = {} if pushed else None
        # a module's names are its globals (an inlined comprehension's loop variable is not one)
        items = f.f_globals.items() if f.f_back is None or code.co_name == "<module>" else f.f_locals.items()
        for k, v in items:
            if k.startswith("__") and k.endswith("__") and not (is_class_body and _visible_member(k, v)):
                continue
            if k.startswith(".") or v is _HOOK:
                continue
            a = id(v)
            rec = self.known.get(a)
            if rec is not None and old.get(k) == a and rec.typeid == _STR_ID and type(v) is str \
                    and not rec.pinned and len(v) > rec.length:
                # not freed, yet longer: `s += t` grew the only reference's string in place
                self._grown_in_place(rec, v)
            if rec is not None and old.get(k) == a and (rec.typeid != _STR_ID or self._same(rec, v)):
                # the same binding to a live object
                new[k] = a
                if pushed:
                    vars_json[k] = {"ref": rec.oid}
                continue
            if rec is None or not self._same(rec, v):
                if rec is not None and old.get(k) == a:
                    # the name still holds this address, but a new object lives there now
                    old[k] = -1
                rec = self.capture(v, site)
            new[k] = a
            if old.get(k) != a:
                rec.indeg += 1
                ev = {"kind": "rebind", "frame": index, "name": k, "to": {"ref": rec.oid}}
                prev = old.get(k)
                if prev is not None and prev != -1:
                    prev_rec = self.known.get(prev)
                    if prev_rec is not None:
                        ev["from"] = {"ref": prev_rec.oid}
                    elif prev in self.freed_now:
                        ev["from"] = {"ref": self.freed_now[prev]}
                if prev is not None:
                    self._release(prev)
                self.events.append(ev)
            elif pushed:
                vars_json[k] = {"ref": rec.oid}
        for k, a in old.items():
            if k not in new:
                prev_rec = self.known.get(a)
                ev = {"kind": "rebind", "frame": index, "name": k}
                if prev_rec is not None:
                    ev["from"] = {"ref": prev_rec.oid}
                elif a in self.freed_now:
                    ev["from"] = {"ref": self.freed_now[a]}
                self.events.append(ev)
                self._release(a)
        ret = state[2] if state else None
        self.frame_state[fid] = (id(code), new, ret)
        return vars_json

    def _returned(self, index, f, frame, event, arg, site):
        """The value a returning frame hands back (its oid), kept counted while it is shown."""
        fid = id(f)
        state = self.frame_state[fid]
        ret = state[2]
        code = f.f_code
        if event == "return" and f is frame and code.co_name != "<module>" and not self._is_yield(f) \
                and not _is_class_body(code):
            rv = self.capture(arg, site)
            if ret != id(arg):
                rv.indeg += 1
                if ret is not None:
                    self._release(ret)
            self.frame_state[fid] = (state[0], state[1], id(arg))
            return rv.oid
        if ret is not None:
            self._release(ret)
            self.frame_state[fid] = (state[0], state[1], None)
        return None
    def read_cells(self, frame, slots, site):
        """Records the frame's cells as they are now: a new one (made when the frame
        started), or a new value in one it had. The frame gives the cells' addresses (read
        by the host) and their values (f_locals reads through them): never the cells.
        Returns {name: id of its cell}."""
        out = {}
        names = None
        for name, addr in _frame_cells(frame, slots, self.peek):
            if names is None:
                names = frame.f_locals
            value = names[name] if name in names else _MISSING     # _MISSING: an empty cell
            self.cell_names[addr] = name
            rec = self.known.get(addr)
            if rec is None or rec.typeid != _CELL_ID:
                if rec is not None:
                    self._forget(rec)      # the block was freed and reused by this cell
                rec = self._record_cell(addr, name, value, site)
            else:
                new = () if value is _MISSING else ((name, id(value)),)
                if new != rec.slots:
                    old = rec.slots
                    rec.slots = new
                    changes = self._diff(rec, "cell", old, new, () if value is _MISSING else ((name, value),), site)
                    self.events.append({"kind": "mutate", "id": rec.oid, "changes": changes})
            out[name] = rec.oid
        return out

    def _record_cell(self, addr, name, value, site):
        """Records a cell known only by its address, holding `value`, as `_record` would."""
        rec = Rec()
        rec.oid = "o%d" % self.next_oid
        self.next_oid += 1
        rec.addr = addr
        rec.typeid = _CELL_ID
        rec.tname = "cell"
        rec.kind = "cell"
        rec.mutable = True
        rec.size = _CELL_SIZE
        rec.slots = ()
        self.known[addr] = rec
        self.hidden.pop(addr, None)
        self.track_ops.append(addr)
        self.track_ops.append(_CELL_ID)
        self.events.append({"kind": "alloc", "id": rec.oid})
        attributes = {}
        if value is not _MISSING:
            vr = self._ref(value, site)
            vr.indeg += 1
            rec.slots = ((name, id(value)),)
            attributes[name] = {"ref": vr.oid}
        j = {"type": "cell", "shape": "record", "mutable": True, "holds": "variable", "size": rec.size,
             "address": address_of(addr), "createdAt": self.step_index, "site": dict(site), "name": name,
             "attributes": attributes}
        self.object_ids.append(rec.oid)
        self.object_texts.append(json.dumps(j, ensure_ascii=False))
        return rec

    def mark_loop_changes(self, line, frame_id, frames):
        """A list that a running `for` loop walks, made longer or shorter by this line: the
        loop will skip or repeat items (the classic remove-while-iterating bug)."""
        changed = [ev for ev in self.events if ev["kind"] == "mutate" and any(
            c.get("op") == "splice" and c.get("remove", 0) != c.get("insertCount", len(c.get("insert", ())))
            for c in ev["changes"])]
        if not changed:
            return
        run_frame = None
        for f in frames:
            if id(f) == frame_id:
                run_frame = f
        if run_frame is None:
            return
        names = run_frame.f_globals if run_frame.f_code.co_name == "<module>" else run_frame.f_locals
        for for_line, name in self.loops[line]:
            value = names.get(name, None) if hasattr(names, "get") else None
            rec = self.known.get(id(value)) if value is not None else None
            if rec is None:
                continue
            for ev in changed:
                if ev["id"] == rec.oid:
                    ev["duringLoop"] = for_line

    def _drop_frame(self, fid):
        state = self.frame_state.pop(fid, None)
        if state is None:
            return
        for a in state[1].values():
            self._release(a)
        if state[2] is not None:
            self._release(state[2])

    def _is_yield(self, frame):
        code = frame.f_code
        if not code.co_flags & 0x20:   # CO_GENERATOR
            return False
        lasti = frame.f_lasti
        return 0 <= lasti < len(code.co_code) and code.co_code[lasti] == YIELD_VALUE

    def reread_all(self, frames, site):
        self.stats["fullRescans"] += 1
        seen = set()
        work = []
        for f in frames:
            items = f.f_globals.values() if f.f_code.co_name == "<module>" else f.f_locals.values()
            work.extend(items)
        while work:
            obj = work.pop()
            a = id(obj)
            if a in seen:
                continue
            seen.add(a)
            rec = self.known.get(a)
            if rec is None or not rec.mutable or rec.slots is None:
                continue
            self.reread(obj, site)
            kind = rec.kind
            if kind in ("sequence", "set"):
                work.extend(list(obj)[:CAP])
            elif kind == "dict":
                for k, v in list(dict.items(obj))[:CAP]:
                    work.append(v)
            else:
                work.extend(v for _, v in self._named_slots(obj, kind))

    def take_temps(self, site):
        if not self.temps:
            return
        temps = self.temps
        alive = self.temp_alive
        self.temp_log.clear()
        self.temp_alive = ()
        last_at = {}
        for i, t in enumerate(temps):
            last_at[t[1]] = i
        grouped = {}
        for i, (site_index, addr, tname, size, text, typeid, length, gen_name) in enumerate(temps):
            rec = self.known.get(addr)
            if rec is not None and rec.typeid == typeid and last_at[addr] == i:
                continue          # it became something the learner can see
            h = self.hidden.get(addr) if rec is None else None
            if h is not None and h[H_TYPE] == typeid and last_at[addr] == i:
                continue          # it sits in a container, beyond the shown window
            live = last_at[addr] == i and i < len(alive) and alive[i] == 1
            if live and self.sites[site_index][0] in self.for_lines:
                # the for loop of its line holds it, with no name: an object like any other,
                # whose end the trace will see when the loop lets it go
                self._held_object(site_index, addr, tname, size, text, typeid, length, gen_name)
                continue
            # still alive at the line's end (a comprehension being built holds it, say): a
            # temporary the line keeps, told as still in use
            key = (site_index, tname, live)
            g = grouped.get(key)
            if g is None:
                g = grouped[key] = [0, 0, text, addr, length]
            g[0] += 1
            g[1] += size
        for (site_index, tname, live), (count, total, text, addr, length) in list(grouped.items())[:TEMP_EVENTS_CAP]:
            line, what, skind, base, callee = self.sites[site_index]
            ev = {"kind": "temp", "type": tname, "size": total, "count": count, "line": line,
                  "what": what, "site": skind, "address": address_of(addr)}
            if text is not None:
                ev["value"] = text
            if base:
                ev["of"] = base
            if callee:
                ev["callee"] = callee
            if live:
                ev["live"] = True
            if count == 1 and length >= 0:
                ev["length"] = length
            self.events.append(ev)
        temps.clear()   # the same list, not a new one (see give_back_blocks)
        self.watch(0, 0)

    def _clear_generator(self, gen):
        """A generator that finished has no frame any more: its local names go with it (told
        at the next step, when the frame is gone)."""
        rec = self.known.get(id(gen))
        if rec is None or rec.kind != "generator" or not rec.slots:
            return
        changes = [{"op": "attr", "name": name} for name, _ in rec.slots]
        for _, a in rec.slots:
            self._release(a)
        rec.slots = ()
        self.events.append({"kind": "mutate", "id": rec.oid, "changes": changes})

    def _capture_held(self, obj, site_index):
        line, what, skind, base, callee = self.sites[site_index]
        site = {"line": line, "what": what, "kind": skind}
        if base:
            site["of"] = base
        self.site_now = site
        rec = self._record(obj, site)
        rec.obj_json["heldBy"] = "loop"
        self._read_tree(obj, rec, site)

    def _held_object(self, site_index, addr, tname, size, text, typeid, length, gen_name):
        """Records a value that outlived its line without a name, from what the hook noted
        (the tracer holds no reference to it). A generator's names are read when it runs."""
        line, what, skind, base, callee = self.sites[site_index]
        rec = Rec()
        rec.oid = "o%d" % self.next_oid
        self.next_oid += 1
        rec.addr = addr
        rec.typeid = typeid
        rec.tname = tname
        rec.size = size
        rec.mutable = tname not in _IMMUTABLE_NAMES
        rec.kind = "generator" if gen_name is not None else "held"
        rec.value = text
        site = {"line": line, "what": what, "kind": skind}
        if base:
            site["of"] = base
        j = {"type": tname, "shape": "generator" if gen_name is not None else _SHAPE_OF_NAME.get(tname, "other"),
             "mutable": rec.mutable, "size": size, "address": address_of(addr), "createdAt": self.step_index,
             "site": site, "heldBy": "loop"}
        if text is not None:
            j["value"] = text
        if length >= 0:
            j["length"] = length
            if tname in ("str", "bytes"):
                rec.length = length
        if gen_name is not None:
            j["name"] = gen_name
        self.known[addr] = rec
        self.track_ops.append(addr)
        self.track_ops.append(typeid)
        self.events.append({"kind": "alloc", "id": rec.oid})
        if gen_name is None:
            self.held_records[rec.oid] = len(self.object_texts)   # to fill in when met (see _fill)
        self.object_ids.append(rec.oid)
        self.object_texts.append(json.dumps(j, ensure_ascii=False))
        return rec

    def hook(self, value, site_index):
        t = type(value)
        if t in NUMBER_TYPES or value is None or t is type or t.__name__ in ("function", "builtin_function_or_method", "method", "module"):
            return value
        addr = id(value)
        if sys._is_immortal(value) or addr in self.constants:
            return value
        if site_index in self.held_sites and t.__name__ in _HELD_BY_LOOP and addr not in self.known:
            # what a for loop walks lives as long as the loop: an object, read now, in full
            self._capture_held(value, site_index)
            return value
        if len(self.temps) < 10000:
            text = None
            if t is str:
                text = short_text(value, t)
            elif t in (list, tuple, set, dict, frozenset):
                text = None
            length = len(value) if t in _SIZED else -1
            gen_name = None
            if t.__name__ == "generator" and value.gi_code.co_filename == LEARNER_FILE:
                gen_name = value.__qualname__.encode().decode()    # a copy: the name is the generator's
            self.temps.append((site_index, addr, t.__name__, size64(value, t), text, id(t), length, gen_name))
            self.temp_log.append(addr)
            self.temp_log.append(id(t))
            self.watch(addr, id(t))
            # a str, bytes or tuple never changes length: a block holding another length
            # is a new object in reused memory (the hook's own text can take it), not this one
            self.temp_log.append(length if t in _FIXED_LENGTH else -1)
        return value

    # ------------------------------------------------------------ the settrace callback

    def trace(self, frame, event, arg):
        if frame.f_code.co_filename != LEARNER_FILE:
            return None
        self.take_snapshot()
        try:
            self.on_event(frame, event, arg)
        finally:
            self.flush_tracking()
        # every list and dict on_event made is gone now: hand the freed blocks back
        self.give_back_blocks()
        return self.trace

    def frames_for(self, frame, event):
        """The program's frames, outermost first, kept from callback to callback: a callback
        only pushes a call or finds its frame on top, so a deep stack is not walked each time."""
        frames = self.frame_objs
        if event == "call":
            parent = frame.f_back
            while parent is not None and parent.f_code.co_filename != LEARNER_FILE:
                parent = parent.f_back
            if frames and parent is frames[-1]:
                frames.append(frame)
                return frames
        elif frames and frames[-1] is frame:
            return frames
        frames[:] = _learner_frames(frame)
        return frames

    def on_event(self, frame, event, arg):
        if self.stopped:
            raise self.stopped
        if self.deadline is not None and time.monotonic() > self.deadline:
            self.stop(TimeLimit, "time")
        if event == "call" and frame.f_code.co_name == "<module>":
            self.pending = None
            self.frame_objs = [frame]
            return self.trace
        frames = self.frames_for(frame, event)
        if event == "line":
            if self.raising == id(frame):
                self.raising = None     # the frame caught the exception
            if self.pending is not None:
                self.close_step(frame, event, arg, frames)
            self.pending = (frame.f_lineno, id(frame), "line")
        elif event == "call":
            if self.pending is not None:
                self.close_step(frame, event, arg, frames[:-1])
            stop = self.depth_limit.exceeded(len(frames)) if self.depth_limit is not None else None
            if stop is not None:
                # CPython refuses the call that would pass its limit: so does the program's view of it
                self.depth_stop = stop
                self.pending = None
                raise RecursionError("maximum recursion depth exceeded")
            ev = {"kind": "call", "name": frame.f_code.co_qualname, "frame": len(frames) - 1}
            if frame.f_code.co_flags & 0x20 and id(frame) in self.suspended:
                ev["resumed"] = True
                self.suspended.discard(id(frame))
            if _is_class_body(frame.f_code):
                ev["classBody"] = True
            else:
                code = frame.f_code
                n = code.co_argcount + code.co_kwonlyargcount + bool(code.co_flags & 0x4) + bool(code.co_flags & 0x8)
                ev["params"] = list(code.co_varnames[:n])
            self.events.append(ev)
            self.pending = (frame.f_lineno, id(frame), "call")
            # what the call makes (the new instance of a class, say) is made by the caller's line
            caller = frames[-2] if len(frames) >= 2 else None
            self.close_step(frame, event, arg, frames, caller.f_lineno if caller is not None else None)
            self.pending = None
        elif event == "return":
            is_yield = self._is_yield(frame)
            ev = None
            if frame.f_code.co_name != "<module>":
                ev = {"kind": "return", "name": frame.f_code.co_qualname}
                if _is_class_body(frame.f_code):
                    ev["classBody"] = True
                if is_yield:
                    ev["yielded"] = True
                    self.suspended.add(id(frame))
                elif frame.f_code.co_flags & 0x20:   # a generator that ran out of values
                    ev["finished"] = True
                if self.raising == id(frame):
                    ev["raised"] = True
                self.events.append(ev)
            if self.pending is None:
                self.pending = (frame.f_lineno, id(frame), "return")
            else:
                self.pending = (self.pending[0], self.pending[1], "return")
            gen = frame.f_generator if (frame.f_code.co_flags & 0x20) and hasattr(frame, "f_generator") else None
            if gen is not None:
                self.dirty_gens.append(gen)
            if ev is not None:
                self.free_dead()
                # a class body hands CPython its __class__ cell (or None): bookkeeping, not a value
                if not ev.get("classBody"):
                    rv = self.capture(arg, self.site_for(self.pending[0]))
                    ev["value"] = {"ref": rv.oid}
            self.close_step(frame, event, arg, frames)
            if gen is not None and ev is not None and ev.get("finished"):
                self._clear_generator(gen)
            caller = frames[-2] if len(frames) >= 2 else None
            self.pending = (caller.f_lineno, id(caller), "line") if caller is not None else None
            if frames and frames[-1] is frame:
                frames.pop()    # never held past its return: a frame keeps its names alive
        elif event == "exception":
            if _internal_stop(frame, arg):
                return     # `yield from` ending its inner generator: no exception the program sees
            self.raising = id(frame)
            if self.pending is not None:
                self.raised = _raised(arg)
                self.pending = (self.pending[0], self.pending[1], "exception")
                self.close_step(frame, event, arg, frames)
                self.raised = None
                self.pending = (frame.f_lineno, id(frame), "line")
        if len(self.step_texts) >= self.max_steps and not self.stopped:
            self.stop(StepLimit, "steps")

    def records_json(self, head):
        """The trace as JSON text: `head`'s fields, then the objects and steps recorded so far."""
        objects = []
        for oid, text in zip(self.object_ids, self.object_texts):
            freed = self.freed_at.get(oid)
            if freed is not None:
                text = text[:-1] + ',"freedAt":%d}' % freed
            objects.append('"%s":%s' % (oid, text))
        start = json.dumps(head, ensure_ascii=False)
        return '%s,"objects":{%s},"steps":[%s]}' % (start[:-1], ",".join(objects), ",".join(self.step_texts))

    def partial_json(self):
        """The trace so far, the moment the program is stopped: for a host that may have to
        kill a program that catches the stop and runs on untraced."""
        head = {"source": self.source, "stdout": self.stdout.getvalue()}
        if self.stdout.truncated:
            head["stdoutTruncated"] = True
        if self.outcome:
            head["limit"] = self.outcome.get("limit")
        return self.records_json(head)

    def stop(self, exc_type, limit):
        self.outcome = {"status": "limit", "limit": limit}
        self.stopped = exc_type
        raise exc_type()

    # ------------------------------------------------------------ input and output

    def read_input(self, prompt=""):
        if prompt:
            self.stdout.write(str(prompt))
        if not self.stdin_lines:
            self.no_input = True
            raise NoInput("no input was given")
        line = self.stdin_lines.pop(0)
        self.stdout.write(line + "\n")
        return line


_IMPLICIT_FREEVARS = {"__class__", "__classdict__", "__conditional_annotations__"}
_CELL_TYPE = types.CellType
_CELL_ID = id(types.CellType)
_NAMED_KINDS = ("instance", "class", "function", "generator", "cell")
_CELL_SIZE = size64(types.CellType(), types.CellType)


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


class _Sentinel:
    def __repr__(self):
        return "<memsim sentinel>"


_MISSING = _Sentinel()
_UNKNOWN = _Sentinel()
_HOOK = None


class _CappedWriter(io.TextIOBase):
    """The program's output, kept up to a cap. It copies what it is given into a buffer of
    its own: keeping the str itself would hold the learner's object alive (print(s.upper())
    frees its text right after printing)."""

    def __init__(self, cap):
        self.cap = cap
        self.buffer_ = io.StringIO()
        self.size = 0
        self.truncated = False

    def writable(self):
        return True

    def write(self, s):
        if not isinstance(s, str):
            raise TypeError("write() argument must be str, not %s" % type(s).__name__)
        if " at 0x" in s:
            s = _shown_addresses(s)
        if self.size < self.cap:
            room = self.cap - self.size
            self.buffer_.write(s if len(s) <= room else s[:room])
            self.size += min(len(s), room)
            if len(s) > room:
                self.truncated = True
        elif s:
            self.truncated = True
        return len(s)

    def getvalue(self):
        return self.buffer_.getvalue()


def _collect_constants(code, out):
    for c in code.co_consts:
        out.add(id(c))
        if hasattr(c, "co_consts"):
            _collect_constants(c, out)
        elif type(c) in (tuple, frozenset):
            for x in c:
                out.add(id(x))


def _internal_stop(frame, arg):
    """A StopIteration raised and handled inside a `yield from` (3.12+ reports it to tracers)."""
    if arg[0] is not StopIteration:
        return False
    code = frame.f_code.co_code
    lasti = frame.f_lasti
    return 0 <= lasti < len(code) and code[lasti] in _SEND_OPS


def _raised(arg):
    """An exception as a step tells it: its type, message, and whether this frame's own line
    raised it (no deeper frame of the program is in its traceback) or a call passed it on."""
    exc_type, exc, tb = arg
    here = True
    tb = tb.tb_next if tb is not None else None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == LEARNER_FILE:
            here = False
        tb = tb.tb_next
    # input() with no input left raises the tracer's own EOFError: named as Python's
    name = "EOFError" if issubclass(exc_type, EOFError) else exc_type.__name__
    return {"type": name, "message": str(exc)[:200], "here": here}


def _error_location(exc):
    """The learner's line the error came from: the innermost of the learner's frames, or,
    when that frame had only just been entered (a call that failed on entry, as a too-deep
    recursion does), the line that made the call."""
    lines = []
    tb = exc.__traceback__
    while tb is not None:
        code = tb.tb_frame.f_code
        if code.co_filename == LEARNER_FILE:
            lines.append((tb.tb_lineno, code.co_firstlineno, code.co_name))
        tb = tb.tb_next
    if not lines:
        return None
    line, first, name = lines[-1]
    if len(lines) > 1 and line == first and name != "<module>":
        return lines[-2][0]
    return line


# how WebAssembly CPython reports what it cannot do, mapped to what the learner used
_PROCESS_EVENTS = ("os.fork", "os.system", "os.kill", "os.posix_spawn", "os.exec", "os.spawn",
                   "subprocess.", "pty.")
_NETWORK_EVENTS = ("socket.", "http.", "urllib.", "ssl.", "_ssl.", "ftplib.", "smtplib.", "imaplib.",
                   "poplib.", "nntplib.", "telnetlib.", "webbrowser.")
_PROCESS_CALLS = ("fork", "spawn", "system(", "popen", "exec", "subprocess", "multiprocessing", "Pool(", "Process(")


def _raised_in(error, path_part):
    tb = error.__traceback__
    while tb is not None:
        if path_part in tb.tb_frame.f_code.co_filename:
            return True
        tb = tb.tb_next
    return False


def _unavailable(error, source_line):
    """The feature an error shows this Python cannot run, or None for an ordinary error."""
    if isinstance(error, Unsupported):
        return error.feature
    text = str(error)
    if isinstance(error, RuntimeError) and "can't start new thread" in text:
        return "threads"
    if isinstance(error, RuntimeError) and "stack switching" in text:
        return "asyncio"
    if isinstance(error, (RuntimeError, ImportError, PermissionError)) and (
            _raised_in(error, "/asyncio/") or _raised_in(error, "/pyodide/webloop")):
        return "asyncio"     # asyncio's event loop needs what this Python lacks
    if isinstance(error, ModuleNotFoundError):
        name = error.name
        if not name:
            found = re.match(r"No module named '([\w.]+)'", text)
            name = found.group(1) if found else None
        if name:
            root = name.split(".")[0]
            if root in ("_multiprocessing", "multiprocessing", "_posixsubprocess"):
                return "processes"
            return "module:" + root
    if isinstance(error, PermissionError) and text.startswith("memsim's sandbox does not allow "):
        event = text[len("memsim's sandbox does not allow "):]
        if event.startswith(_PROCESS_EVENTS):
            return "processes"
        if event.startswith(_NETWORK_EVENTS):
            return "network"
    if isinstance(error, OSError) and (error.errno == 138 or "does not support processes" in text):
        return "processes"
    if isinstance(error, OSError) and error.errno == 52 and any(c in source_line for c in _PROCESS_CALLS):
        return "processes"
    return None


def _builtin_singleton(obj, t):
    """None, True, False, ..., (), and the empty and one-character str and bytes: objects
    CPython has before any program runs, shared by every use."""
    if obj is None or obj is Ellipsis or t is bool:
        return True
    if t in (str, bytes):
        return len(obj) <= 1
    return t is tuple and len(obj) == 0


class Unsupported(Exception):
    """The program used something memsim cannot run (it would blind the tracer)."""

    def __init__(self, feature):
        super().__init__(feature)
        self.feature = feature


def _unsupported(feature):
    def refuse(*args, **kwargs):
        raise Unsupported(feature)
    return refuse


def _depth_here():
    """Frames below the program's own: run() and whatever called it."""
    depth = 0
    f = sys._getframe(1)
    while f is not None:
        depth += 1
        f = f.f_back
    return depth


# How deep this runtime lets a program's calls nest, whatever limit the program sets: each
# traced call costs memsim a frame record, and a Trace must stay small enough to answer with.
RUNTIME_MAX_DEPTH = 5000
# CPython checks its limit on every Python frame, memsim's own included: room for the tracer's
# frames above the program's deepest one
TRACER_HEADROOM = 40


class _RecursionLimit:
    """sys.getrecursionlimit()/setrecursionlimit() as the program sees them: the program's own
    frames count (the module's included), as in CPython; memsim's frames below them do not."""

    def __init__(self, limit, base):
        self.base = base
        self.limit = limit
        self.apply()

    def apply(self):
        _real_setrecursionlimit(min(self.limit, RUNTIME_MAX_DEPTH) + self.base + TRACER_HEADROOM)

    def get(self):
        return self.limit

    def set(self, limit, /):
        if not isinstance(limit, int):
            raise TypeError("'%s' object cannot be interpreted as an integer" % type(limit).__name__)
        if limit < 1:
            raise ValueError("recursion limit must be greater or equal than 1")
        self.limit = int(limit)
        self.apply()

    def exceeded(self, depth):
        """None, or why a call at this depth (the program's frames) may not start."""
        if depth > min(self.limit, RUNTIME_MAX_DEPTH):
            return "runtime" if depth > RUNTIME_MAX_DEPTH and self.limit > RUNTIME_MAX_DEPTH else "limit"
        return None


_real_setrecursionlimit = sys.setrecursionlimit


class _Probe:
    """A class defined in Python: the host reads the deallocator every such class has."""


PROBE_TYPE_ID = id(_Probe)


def _learner_unraisable(u):
    """An exception a finalizer raised, as CPython reports it, without memsim's own frames.

    A limit that stops the run inside a finalizer is not the program's error: the account
    already says the run was stopped, so nothing is printed for it."""
    if isinstance(u.exc_value, (StepLimit, TimeLimit)):
        return
    import traceback
    try:
        head = "%s: %r\n" % (u.err_msg or "Exception ignored in", u.object) if u.object is not None else "%s\n" % (u.err_msg or "Exception ignored")
    except Exception:
        head = "Exception ignored in a finalizer\n"
    frames = [f for f in traceback.extract_tb(u.exc_traceback) if f.filename == LEARNER_FILE]
    text = head
    if frames:
        text += "Traceback (most recent call last):\n" + "".join(traceback.format_list(frames))
    text += "".join(traceback.format_exception_only(u.exc_type, u.exc_value))
    sys.stderr.write(text)


def run(source, snap, track, watch, max_steps=10000, time_limit=0, stdin_lines=None, stdout_cap=65536, max_depth=1000, peek=None):
    """Runs `source` and returns the trace's JSON text (without the runtime block)."""
    global _HOOK
    result = {"source": source, "stdout": ""}
    try:
        code = compile(source, LEARNER_FILE, "exec", dont_inherit=True)
    except SyntaxError as e:
        result["outcome"] = {
            "status": "syntax-error",
            "line": e.lineno or 1,
            "column": e.offset or 1,
            "endColumn": e.end_offset if e.end_lineno == e.lineno and e.end_offset else None,
            "message": e.msg,
            "text": (e.text or "").rstrip("\n"),
            "type": type(e).__name__,
        }
        if result["outcome"]["endColumn"] is None:
            del result["outcome"]["endColumn"]
        result["objects"] = {}
        result["steps"] = []
        return json.dumps(result)
    tree = ast.parse(source, LEARNER_FILE)
    tracer = Tracer(source, snap, max_steps, time_limit, stdin_lines, stdout_cap, track, watch, peek)
    tracer.plans = build_plans(tree, source)
    tracer.loops = build_loops(tree)
    tracer.for_lines = {n.lineno for n in ast.walk(tree) if isinstance(n, (ast.For, ast.AsyncFor))}
    marker = _TempMarker(source)
    tree = marker.visit(tree)
    ast.fix_missing_locations(tree)
    tracer.sites = marker.sites
    tracer.held_sites = marker.held_sites
    code = compile(tree, LEARNER_FILE, "exec", dont_inherit=True)
    _collect_constants(code, tracer.constants)

    hook = tracer.hook
    _HOOK = hook
    saved = (sys.stdout, sys.stderr, builtins.input, sys.getrecursionlimit(), sys.settrace, sys.setprofile, builtins.id,
             sys.getrecursionlimit, sys.setrecursionlimit, sys.unraisablehook)
    sys.unraisablehook = _learner_unraisable
    depth_limit = _RecursionLimit(max_depth, _depth_here())
    tracer.depth_limit = depth_limit
    sys.getrecursionlimit, sys.setrecursionlimit = depth_limit.get, depth_limit.set
    sys.settrace = sys.setprofile = _unsupported("sys.settrace")
    setattr(builtins, HOOK_NAME, hook)
    builtins.input = tracer.read_input
    builtins.id = _learner_id
    namespace = {"__name__": "__main__", "__builtins__": builtins}
    sys.stdout = tracer.stdout
    sys.stderr = tracer.stdout
    error = None
    # garbage left by whatever ran before (start-up, an earlier program, memsim itself) must
    # not be counted as the learner's: gc.collect() in the program finds only its own cycles.
    # Only a program that uses gc can see it, and a full collection costs milliseconds.
    if "gc" in source:
        gc.collect()
    try:
        saved[4](tracer.trace)
        try:
            exec(code, namespace)
        finally:
            saved[4](None)
    except (StepLimit, TimeLimit):
        pass
    except BaseException as e:   # the learner's program raised: that is a result, not a failure
        error = e
    finally:
        sys.stdout, sys.stderr, builtins.input, builtins.id = saved[0], saved[1], saved[2], saved[6]
        tracer.frame_objs = []    # a stopped program's frames are not kept
        sys.getrecursionlimit, sys.setrecursionlimit = saved[7], saved[8]
        sys.setrecursionlimit(saved[3])
        sys.settrace, sys.setprofile = saved[4], saved[5]
        sys.unraisablehook = saved[9]
        try:
            delattr(builtins, HOOK_NAME)
        except AttributeError:
            pass
        _HOOK = None
    if tracer.stopped and tracer.outcome is None:
        tracer.outcome = {"status": "limit", "limit": "steps"}
    if error is not None and not tracer.stopped:
        line = _error_location(error) or tracer.last_line or 1
        if isinstance(error, SystemExit) and error.code in (None, 0):
            tracer.outcome = {"status": "finished"}
        else:
            message = str(error)
            tracer.outcome = {"status": "error", "type": type(error).__name__, "message": message, "line": line}
            if isinstance(error, NoInput) or tracer.no_input:
                tracer.outcome["noInput"] = True
                tracer.outcome["type"] = "EOFError"
            if isinstance(error, RecursionError):
                tracer.outcome["recursion"] = True
                tracer.outcome["max"] = min(depth_limit.limit, RUNTIME_MAX_DEPTH)
                if tracer.depth_stop == "runtime":
                    tracer.outcome["runtimeLimit"] = True
            lines = source.splitlines()
            feature = _unavailable(error, lines[line - 1] if 0 < line <= len(lines) else "")
            if feature:
                tracer.outcome["unsupported"] = feature
            err = {"kind": "error", "type": tracer.outcome["type"], "message": message, "line": line}
            if tracer.step_texts:
                last = json.loads(tracer.step_texts[-1])
                last["events"].append(err)
                tracer.step_texts[-1] = json.dumps(last, ensure_ascii=False)
    if tracer.outcome is None:
        tracer.outcome = {"status": "finished"}
    if tracer.outcome.get("status") == "limit":
        tracer.outcome["max"] = max_steps if tracer.outcome["limit"] == "steps" else time_limit
        if tracer.last_line is not None:
            tracer.outcome["line"] = tracer.last_line
    result["stdout"] = tracer.stdout.getvalue()
    if tracer.stdout.truncated:
        result["stdoutTruncated"] = True
    result["outcome"] = tracer.outcome
    result["_stats"] = tracer.stats
    namespace.clear()
    return tracer.records_json(result)
