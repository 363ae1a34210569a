"""memsim's Python tracer.

Runs a learner's program under sys.settrace inside Pyodide (32-bit WebAssembly CPython)
and records a compact Trace (src/core/trace.ts): objects with their 64-bit CPython sizes,
and for every step only what changed.

Two rules shape this package:
- It never keeps a reference to a learner's object between steps (a held reference
  changes reference counts, and with them what CPython frees and when). It remembers
  objects by address only. At the start of every trace callback, before the tracer
  allocates anything that could take a freed block, the host (`snap`) reads the header
  of each remembered object and says which are gone.
- It does not re-read the heap at every step: a line's own syntax says which objects it
  may have changed (see plans.LinePlan), and only those are read again.

Its parts: sizes (the 64-bit size model), plans (a program's syntax read once), the
Tracer (tracer.py, with records, unlisted, changes, steps and temps), frames, refusals,
earlier (a kept session's older objects), hooks (what a host may attach). This file is
the entry point, run(), with the recursion limit the program sees.
"""

import ast
import builtins
import gc
import io
import json
import sys
import time
import warnings
from .common import HOOK_NAME, LEARNER_FILE, NoInput, StepLimit, TimeLimit
from .plans import _TempMarker, _collect_constants, build_loops, build_module_binds, build_plans
from .refusals import _error_location, _unavailable, _unsupported
from .sizes import _learner_id, getsizeof64
from .tracer import Tracer, _ErrorWriter
from . import hooks, live
from .earlier import note_earlier
from .wire import dumps
# for the host: where its doorbells go and where it reads their arguments (see bells.py)
from .bells import BOX_ADDRESS, BOX_SIZE, PROGRESS, SNAP_TYPE_ID, TRACK_TYPE_ID  # noqa: F401

# the tracer's own id(): the program's id() is replaced while it runs (see sizes._learner_id)
id = builtins.id


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


def _syntax_error(result, e, source):
    """The trace of a program that does not compile: where, and what Python said."""
    lines = source.splitlines()
    line = e.lineno or 1
    text = e.text if e.text is not None else (lines[line - 1] if 0 < line <= len(lines) else "")
    result["outcome"] = {
        "status": "syntax-error",
        "line": line,
        "column": e.offset or 1,
        "message": e.msg,
        "text": text.rstrip("\n"),
        "type": type(e).__name__,
    }
    if e.end_lineno == e.lineno and e.end_offset:
        result["outcome"]["endColumn"] = e.end_offset
    result["objects"] = {}
    result["steps"] = []
    return json.dumps(result)


def _past(deadline):
    return deadline is not None and time.monotonic() > deadline


def _stopped_preparing(result, time_limit):
    """The trace of a program whose time ran out before its first line: no step, no line."""
    result["outcome"] = {"status": "limit", "limit": "time", "max": time_limit, "preparing": True}
    result["objects"] = {}
    result["steps"] = []
    return json.dumps(result)


class _Quiet:
    """Whatever runs inside says nothing: output and warnings go nowhere (finalizers of what
    an earlier program left, such as a coroutine that was never awaited)."""

    def __enter__(self):
        self.saved = sys.stdout, sys.stderr
        sys.stdout = sys.stderr = io.StringIO()
        self.warnings = warnings.catch_warnings()
        self.warnings.__enter__()
        warnings.simplefilter("ignore")

    def __exit__(self, *exc):
        self.warnings.__exit__(*exc)
        sys.stdout, sys.stderr = self.saved
        return False


def _collect():
    """A full collection, and of the garbage its finalizers made."""
    for _ in range(3):
        if not gc.collect():
            break


def run(source, snap, track, watch, max_steps=10000, time_limit=0, stdin_lines=None, stdout_cap=65536, max_depth=1000, peek=None, bells=0,
        display=False, host=None):
    """Runs `source` and returns the trace's JSON text (without the runtime block).

    display: the value of a last expression statement is kept as the trace's `display`
    (see live.py); host: the host's ask() and sleep() for a run a person may answer and
    interrupt (None: input() reads `stdin_lines` only, and nothing interrupts)."""
    result = {"source": source, "stdout": ""}
    # the time limit counts memsim's own reading of the program too
    deadline = time.monotonic() + time_limit if time_limit else None
    try:
        tree = ast.parse(source, LEARNER_FILE)
    except SyntaxError as e:
        return _syntax_error(result, e, source)
    tracer = Tracer(source, snap, max_steps, time_limit, stdin_lines, stdout_cap, track, watch, peek, bells)
    tracer.deadline = deadline
    text = tracer.text
    tracer.plans = build_plans(tree, text)
    tracer.loops, tracer.for_lines = build_loops(tree)
    tracer.module_binds = build_module_binds(tree)
    if _past(deadline):
        return _stopped_preparing(result, time_limit)
    marker = _TempMarker(text)
    tree = marker.visit(tree)
    tracer.sites = marker.sites
    tracer.held_sites = marker.held_sites
    # the last statement's value goes to sys.displayhook: the module compiled as the prompt
    # compiles it (the same code but for that one instruction), the hook keeping only its value.
    # Whether or not the value is wanted: a run makes the same objects before the program's
    # first line either way, so its objects take the same blocks (a str that grows in place in
    # one run grows in place in the other)
    last = tree.body[-1] if tree.body and isinstance(tree.body[-1], ast.Expr) else None
    try:
        # errors found past the parser (`return` outside a function, a misplaced `nonlocal`)
        if last is None:
            code = compile(tree, LEARNER_FILE, "exec", dont_inherit=True)
        else:
            code = compile(ast.Interactive(body=tree.body, type_ignores=[]), LEARNER_FILE, "single", dont_inherit=True)
    except SyntaxError as e:
        return _syntax_error(result, e, source)
    _collect_constants(code, tracer.constants)
    if _past(deadline):
        return _stopped_preparing(result, time_limit)

    hook = tracer.hook
    tracer.installed_hook = hook
    saved = (sys.stdout, sys.stderr, builtins.input, sys.getrecursionlimit(), sys.settrace, sys.setprofile, builtins.id,
             sys.getrecursionlimit, sys.setrecursionlimit, sys.unraisablehook, sys.displayhook, sys.getsizeof)
    tracer.display = None
    if last is not None:
        sys.displayhook = live.display_hook(tracer, code, last, display)
    live.begin(tracer, host)
    sys.unraisablehook = _learner_unraisable
    depth_limit = _RecursionLimit(max_depth, _depth_here())
    tracer.depth_limit = depth_limit
    sys.getrecursionlimit, sys.setrecursionlimit = depth_limit.get, depth_limit.set
    sys.settrace = sys.setprofile = _unsupported("sys.settrace")
    setattr(builtins, HOOK_NAME, hook)
    builtins.input = tracer.read_input
    builtins.id = _learner_id
    # the sizes the program asks for are the ones memsim shows: 64-bit CPython's
    sys.getsizeof = getsizeof64
    namespace, kept = hooks.namespace()
    if kept:
        note_earlier(tracer, namespace)
    # garbage left by whatever ran before (start-up, an earlier program, memsim itself) must
    # not be counted as the learner's: gc.collect() in the program finds only its own cycles.
    # Only a program that uses gc can see it, and a full collection costs milliseconds. What
    # it finalizes says nothing into this run's output (an earlier program's coroutine that was
    # never awaited warns as it goes), and a warning's own garbage goes with it.
    # In a kept namespace (a session) what is left is the same learner's, and says what it
    # says in this run, as CPython would.
    if "gc" in source and not kept:
        with _Quiet():
            _collect()
    sys.stdout = tracer.stdout
    sys.stderr = stderr = _ErrorWriter(tracer.stdout)
    if "gc" in source and kept:
        gc.collect()
    error = None
    try:
        tracer.trace_fn = tracer.trace
        saved[4](tracer.trace_fn)
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
        tracer.quick_frame = None   # nor the module's (its f_trace is the tracer's method: a cycle)
        sys.getrecursionlimit, sys.setrecursionlimit = saved[7], saved[8]
        sys.setrecursionlimit(saved[3])
        sys.settrace, sys.setprofile = saved[4], saved[5]
        sys.unraisablehook = saved[9]
        sys.displayhook = saved[10]
        sys.getsizeof = saved[11]
        live.end(tracer)
        try:
            delattr(builtins, HOOK_NAME)
        except AttributeError:
            pass
        tracer.installed_hook = None    # a bound method of the tracer: kept, it would make a cycle
        tracer.trace_fn = None          # the same
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
                last.setdefault("events", []).append(err)
                tracer.step_texts[-1] = dumps(last)
    if tracer.outcome is None:
        tracer.outcome = {"status": "finished"}
    if tracer.outcome.get("status") == "limit":
        tracer.outcome["max"] = max_steps if tracer.outcome["limit"] == "steps" else time_limit
        line = tracer.last_line if tracer.last_line is not None else (tracer.pending[0] if tracer.pending else None)
        if line is not None:
            tracer.outcome["line"] = line
    result["stdout"] = tracer.stdout.getvalue()
    if stderr.spans:
        result["stderrParts"] = [{"start": start, "end": end} for start, end in stderr.spans]
    if tracer.stdout.truncated:
        result["stdoutTruncated"] = True
    result["outcome"] = tracer.outcome
    if tracer.display is not None and tracer.outcome.get("status") == "finished":
        result["display"] = tracer.display
    tracer.stats["namesRead"] = tracer.names_read
    tracer.stats["quickSteps"] = tracer.quick_steps
    result["_stats"] = tracer.stats
    if not kept:
        namespace.clear()
    return tracer.records_json(result)
