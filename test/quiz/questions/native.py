"""Runs quiz programs under the native CPython and reports what they do, independently of memsim.

Reads a JSON list of requests on stdin, writes a JSON list of answers. Modes:
  is      {program, a, b}: the value of `a is b` at the end
  peak    {program}: the most bytes this CPython's allocator held at once while the program ran, and what it printed
  describe {program, name}: the value's type, length, and what this CPython's sys.getsizeof says
  copies  {program}: the module-level lines after which a new list is reachable from the globals
  freed   {program, name, line}: the line whose run freed the list `name` referred to after `line`
  depth   {program, line}: frames of the program when `line` first runs
  module  {program, line}: the global names after module-level line `line`
  frame   {program, line}: the local names of the frame running `line`, as that line ends
"""
import gc
import json
import sys

FILE = "<quiz>"


def lists_in(ns):
    out = set()
    for v in list(ns.values()):
        if type(v) is list:
            out.add(id(v))
            for item in v:
                if type(item) is list:
                    out.add(id(item))
    return out


def run(program, tracer):
    ns = {"__name__": "__main__"}
    code = compile(program, FILE, "exec")
    sys.settrace(tracer)
    try:
        exec(code, ns)
    finally:
        sys.settrace(None)
    return ns


def answer(req):
    mode = req["mode"]
    program = req["program"]
    if mode == "is":
        ns = run(program, None)
        return eval(f"{req['a']} is {req['b']}", ns)

    if mode == "peak":
        import io, contextlib, tracemalloc
        code = compile(program, FILE, "exec")
        ns = {"__name__": "__main__"}
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            tracemalloc.start()
            base = tracemalloc.get_traced_memory()[0]
            exec(code, ns)
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
        return {"peak": peak - base, "stdout": out.getvalue()}

    if mode == "describe":
        v = run(program, None)[req["name"]]
        out = {"type": type(v).__name__, "size": sys.getsizeof(v)}
        if isinstance(v, (str, bytes, list, tuple, dict, set)):
            out["len"] = len(v)
        if isinstance(v, str):
            out["maxchar"] = max((ord(c) for c in v), default=0)
        if isinstance(v, dict):
            out["strKeys"] = all(type(k) is str for k in v)
        if isinstance(v, int):
            out["bits"] = abs(v).bit_length()
        return out

    if mode == "copies":
        seen = set()
        made = []
        last = [None]

        def local(frame, event, arg):
            if frame.f_code.co_name == "<module>" and event in ("line", "return"):
                now = lists_in(frame.f_globals)
                if last[0] is not None and now - seen:
                    made.append(last[0])
                seen.update(now)
                last[0] = frame.f_lineno
            return local

        run(program, lambda f, e, a: local if f.f_code.co_filename == FILE else None)
        return made

    if mode == "freed":
        state = {"target": None, "prev": None, "freed": None, "await": False}

        def alive(ident):
            return any(id(o) == ident for o in gc.get_objects() if type(o) is list)

        def local(frame, event, arg):
            if state["freed"] is None:
                if state["target"] is not None and not alive(state["target"]):
                    state["freed"] = state["prev"]
                elif state["await"] and state["target"] is None:
                    state["target"] = id(frame.f_locals[req["name"]]) if req["name"] in frame.f_locals else None
                if frame.f_lineno == req["line"] and event == "line" and state["target"] is None:
                    state["await"] = True
                # a frame that returns hands control back to its caller's line, which goes on running
                back = frame.f_back
                state["prev"] = back.f_lineno if event == "return" and back is not None and back.f_code.co_filename == FILE else frame.f_lineno
            return local

        def tracer(f, e, a):
            return local(f, e, a) if f.f_code.co_filename == FILE else None

        run(program, tracer)
        if state["freed"] is None and state["target"] is not None and not alive(state["target"]):
            state["freed"] = state["prev"]
        return state["freed"]

    if mode == "depth":
        found = []

        def local(frame, event, arg):
            if not found and frame.f_lineno == req["line"] and event == "line":
                depth, f = 0, frame
                while f is not None:
                    if f.f_code.co_filename == FILE:
                        depth += 1
                    f = f.f_back
                found.append(depth)
            return local

        run(program, lambda f, e, a: local if f.f_code.co_filename == FILE else None)
        return found[0]

    if mode == "module":
        found = []
        after = [False]

        def local(frame, event, arg):
            if frame.f_code.co_name == "<module>" and event in ("line", "return"):
                if after[0] and not found:
                    found.append(sorted(k for k in frame.f_globals if not k.startswith("__")))
                if frame.f_lineno == req["line"] and event == "line":
                    after[0] = True
            return local

        run(program, lambda f, e, a: local if f.f_code.co_filename == FILE else None)
        return found[0]

    if mode == "frame":
        found = []

        def local(frame, event, arg):
            if not found and event == "return" and frame.f_lineno == req["line"]:
                found.append(sorted(frame.f_locals))
            return local

        run(program, lambda f, e, a: local if f.f_code.co_filename == FILE else None)
        return found[0]

    raise ValueError(mode)


print(json.dumps([answer(r) for r in json.load(sys.stdin)]))
