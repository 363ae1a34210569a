"""The native side of the truth test: runs programs in this machine's CPython under
sys.settrace and notes, at every step, what each name of each of the program's frames
refers to: id(), type, len(), the value of a scalar and sys.getsizeof.

Its step model mirrors memsim's tracer (Tracer.on_event / close_step): a line's step is
closed by the next callback and shows the frames as they are then; a call and a return
are steps of their own; after a return the caller's line goes on.

It holds no reference to the program's objects between callbacks (only ints and
strings), so it does not change what CPython frees or when. (3.11 itself copies a traced
frame's locals into its f_locals dict at every callback; that copy is refreshed at the
next one, so every step still sees the frame's true state.)

Usage: python3 recorder.py FILE... ; prints one JSON object per program, one per line.
"""

import ast
import builtins
import dis
import io
import json
import sys

PROGRAM_FILE = "<program>"
TEXT_CAP = 60
# 3.12+ inlines these into the enclosing frame (PEP 709): on 3.11 their frames are not
# traced, so both versions show the same frames
INLINED = {"<listcomp>", "<dictcomp>", "<setcomp>"}
YIELD_VALUE = dis.opmap["YIELD_VALUE"]
RESUME = dis.opmap.get("RESUME", -1)
FUNCTION = type(lambda: None)
GENERATOR = type((lambda: (yield))())
IMPLICIT_FREEVARS = {"__class__", "__classdict__", "__conditional_annotations__"}   # CPython's own cells
PARTS = 8         # items of a container compared, besides its length
SIZED = (list, tuple, dict, set, frozenset, str, bytes)


def value_text(obj, t):
    """The value of a scalar, written as memsim writes it (str: its first 60 characters)."""
    if t is str:
        return repr(obj[:TEXT_CAP]) + ("…" if len(obj) > TEXT_CAP else "")
    if t is int:
        return repr(obj) if obj.bit_length() <= 200 else "<int of %d bits>" % obj.bit_length()
    if t is bytes:
        return repr(obj[:TEXT_CAP]) + ("…" if len(obj) > TEXT_CAP else "")
    if t in (float, bool, complex, type(None), range):
        return repr(obj)
    return None


def fact(obj):
    """[id, type name, len or None, value or None, getsizeof]: ints and strings only."""
    t = type(obj)
    length = None
    if isinstance(obj, dict):
        length = dict.__len__(obj)     # a subclass's own __len__ would be the program's code
    elif t in SIZED or (t.__name__ == "deque" and t.__module__ == "collections"):
        length = len(obj)
    value = value_text(obj, t)
    if t is GENERATOR and obj.gi_running:
        value = "running"     # its frame is on the stack: its locals are shown there
    return [id(obj), t.__name__, length, value, sys.getsizeof(obj)]


def parts(name, v, out):
    """Facts of what a name's object holds, as names of their own: the first items of a
    list or tuple (xs[0]), the values of a dict's str and int keys (d['k']), the attributes
    of the program's classes and their instances (p.x), a function's defaults and closure
    variables (f.count). Read without running the program's code."""
    t = type(v)
    if t is list or t is tuple:
        for i in range(min(len(v), PARTS)):
            out["%s[%d]" % (name, i)] = fact(v[i])
    elif t is dict:
        i = 0
        for key, x in dict.items(v):
            if i >= PARTS:
                break
            i += 1
            if type(key) in (int, str):
                out["%s[%s]" % (name, value_text(key, type(key)))] = fact(x)
    elif t is FUNCTION and v.__code__.co_filename == PROGRAM_FILE:
        # parameters' defaults and closure variables, by name
        code = v.__code__
        params = code.co_varnames[:code.co_argcount]
        defaults = v.__defaults__ or ()
        for key, x in zip(params[len(params) - len(defaults):], defaults):
            out["%s.%s" % (name, key)] = fact(x)
        for key, x in (v.__kwdefaults__ or {}).items():
            out["%s.%s" % (name, key)] = fact(x)
        for key, cell in zip(code.co_freevars, v.__closure__ or ()):
            if key in IMPLICIT_FREEVARS:
                continue
            try:
                out["%s.%s" % (name, key)] = fact(cell.cell_contents)
            except ValueError:
                pass     # a closure variable not bound yet
    elif t is GENERATOR and v.gi_code.co_filename == PROGRAM_FILE:
        # a paused generator's local names (3.11 already keeps a traced frame's f_locals);
        # while it runs, its frame on the stack shows them
        frame = v.gi_frame
        if frame is not None and not v.gi_running:
            for key, x in list(frame.f_locals.items()):
                if not key.startswith("."):
                    out["%s.%s" % (name, key)] = fact(x)
    elif isinstance(v, type) and v.__module__ == "__main__":
        # a class's own methods and attributes (CPython's bookkeeping left out)
        for key, x in list(v.__dict__.items()):
            if key.startswith("__") and key.endswith("__") and not own_dunder(x):
                continue
            out["%s.%s" % (name, key)] = fact(x)
    elif t.__module__ == "__main__":
        try:
            d = object.__getattribute__(v, "__dict__")
        except AttributeError:
            d = {}
        for key, x in dict.items(d):
            out["%s.%s" % (name, key)] = fact(x)
        for klass in t.__mro__:
            slots = klass.__dict__.get("__slots__", ())
            for slot in (slots,) if isinstance(slots, str) else slots:
                if slot in ("__dict__", "__weakref__"):
                    continue
                try:
                    out["%s.%s" % (name, slot)] = fact(klass.__dict__[slot].__get__(v, t))
                except AttributeError:
                    pass


def own_dunder(value):
    code = getattr(value, "__code__", None)
    return code is not None and code.co_filename == PROGRAM_FILE


def is_class_body(code):
    return code.co_name != "<module>" and not code.co_flags & 0x1


def program_frames(frame):
    frames = []
    while frame is not None:
        code = frame.f_code
        if code.co_filename == PROGRAM_FILE and code.co_name not in INLINED:
            frames.append(frame)
        frame = frame.f_back
    frames.reverse()
    return frames


def frame_facts(f, returned=None, has_return=False):
    code = f.f_code
    class_body = is_class_body(code)
    names = f.f_globals if code.co_name == "<module>" else f.f_locals
    out = {}
    for k, v in list(names.items()):
        if k.startswith("__") and k.endswith("__") and not (class_body and own_dunder(v)):
            continue
        if k.startswith("."):
            continue
        out[k] = fact(v)
        parts(k, v, out)
    fj = {"name": code.co_qualname, "line": f.f_lineno, "vars": out}
    if has_return:
        fj["returned"] = fact(returned)
    return fj


class Recorder:
    def __init__(self):
        self.steps = []
        self.pending = None    # (line, frame id, kind)
        self.unwinding = set()  # ids of frames an exception is leaving

    def close_step(self, frames, event, frame, arg):
        line = self.pending[0] if self.pending else frame.f_lineno
        kind = self.pending[2] if self.pending else event
        out = []
        for f in frames:
            ret = (event == "return" and f is frame and f.f_code.co_name != "<module>"
                   and not is_class_body(f.f_code) and not self.is_yield(f))
            out.append(frame_facts(f, arg if ret else None, ret))
        self.steps.append({"line": line, "event": kind, "frames": out})

    def is_yield(self, frame):
        """A generator's frame pausing at a yield, not ending (an exception leaving it at
        its yield, as close() does, ends it)."""
        code = frame.f_code
        if not code.co_flags & 0x20 or id(frame) in self.unwinding:
            return False
        lasti = frame.f_lasti
        ops = code.co_code
        if not 0 <= lasti < len(ops):
            return False
        # 3.11 stops at the YIELD_VALUE; 3.12+ at the RESUME just after it
        return ops[lasti] == YIELD_VALUE or (ops[lasti] == RESUME and lasti >= 2 and ops[lasti - 2] == YIELD_VALUE)

    def trace(self, frame, event, arg):
        code = frame.f_code
        if code.co_filename != PROGRAM_FILE or code.co_name in INLINED:
            return None
        self.on_event(frame, event, arg)
        return self.trace

    def on_event(self, frame, event, arg):
        if event == "call" and frame.f_code.co_name == "<module>":
            self.pending = None
            return
        frames = program_frames(frame)
        if event == "exception":
            self.unwinding.add(id(frame))
        elif event in ("line", "call"):
            self.unwinding.discard(id(frame))
        if event == "line":
            if self.pending is not None:
                self.close_step(frames, event, frame, arg)
            self.pending = (frame.f_lineno, id(frame), "line")
        elif event == "call":
            if self.pending is not None:
                self.close_step(frames[:-1], event, frame, arg)
            self.pending = (frame.f_lineno, id(frame), "call")
            self.close_step(frames, event, frame, arg)
            self.pending = None
        elif event == "return":
            if self.pending is None:
                self.pending = (frame.f_lineno, id(frame), "return")
            else:
                self.pending = (self.pending[0], self.pending[1], "return")
            self.close_step(frames, event, frame, arg)
            self.unwinding.discard(id(frame))
            caller = frames[-2] if len(frames) >= 2 else None
            self.pending = (caller.f_lineno, id(caller), "line") if caller is not None else None
        elif event == "exception":
            if self.pending is not None:
                # memsim's step model: the line that raised (or passed an exception on) is an
                # "exception" step
                self.pending = (self.pending[0], self.pending[1], "exception")
                self.close_step(frames, event, frame, arg)
                self.pending = (frame.f_lineno, id(frame), "line")


def comprehensions(tree):
    """The names list, set and dict comprehensions bind, and the lines they are on: 3.12+
    runs them in the enclosing frame (their names show there, their loop steps that line),
    3.11 in a frame of their own."""
    names = set()
    lines = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.ListComp, ast.SetComp, ast.DictComp)):
            lines.update(range(node.lineno, node.end_lineno + 1))
            for gen in node.generators:
                for n in ast.walk(gen.target):
                    if isinstance(n, ast.Name):
                        names.add(n.id)
    return sorted(names), sorted(lines)


def run(path):
    with open(path, encoding="utf-8") as f:
        source = f.read()
    result = {"file": path, "version": "%d.%d.%d" % sys.version_info[:3]}
    code = compile(source, PROGRAM_FILE, "exec", dont_inherit=True)
    result["comprehensionNames"], result["comprehensionLines"] = comprehensions(ast.parse(source))
    recorder = Recorder()
    out = io.StringIO()
    namespace = {"__name__": "__main__", "__builtins__": builtins}
    saved = sys.stdout
    sys.stdout = out
    error = None
    try:
        sys.settrace(recorder.trace)
        try:
            exec(code, namespace)
        finally:
            sys.settrace(None)
    except BaseException as e:   # the program's own failure is a result
        error = e
    finally:
        sys.stdout = saved
    result["stdout"] = out.getvalue()
    if error is not None:
        result["error"] = {"type": type(error).__name__, "message": str(error)}
    error = None
    namespace.clear()
    result["steps"] = recorder.steps
    return result


def main(paths):
    for path in paths:
        print(json.dumps(run(path), ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
