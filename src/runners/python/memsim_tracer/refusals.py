"""What a program may not use (it would blind the tracer), and how a failure is told to the learner."""

import re
from .common import LEARNER_FILE, _SEND_OPS


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


class Unsupported(Exception):
    """The program used something memsim cannot run (it would blind the tracer)."""

    def __init__(self, feature):
        super().__init__(feature)
        self.feature = feature


def _unsupported(feature):
    def refuse(*args, **kwargs):
        raise Unsupported(feature)
    return refuse
