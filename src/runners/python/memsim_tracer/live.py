"""What a run offers a person watching it (a notebook's kernel): the value of its last
expression, an interrupt that lands in the program's own code, and input() asked of the host
while the program waits.

The host (src/sandbox/interpreter.ts) passes an object with two functions:
- ask(prompt): "A" + the answer, "N" when there is no more input, "I" when the run was
  interrupted while it waited;
- sleep(seconds): 1 when the run was interrupted during the wait, else 0;
- asked(): 1 when this run was asked to stop and the program has not been told yet (an
  interrupt that came while memsim was still reading the program, before any handler ran);
- taken(): the program has been told (until then the host asks again every so often, so an
  interrupt held off inside memsim's code also lands when the program runs on untraced);
- output(text), when the host shows the output as it is printed: the pieces printed since the
  last call, as JSON [[name, text], …] with name "stdout", "stderr" or "input" (a prompt and the
  line typed at it, which the host's own input box has shown). Sent before the program waits
  (sleep(), input()) and, while output is pending, at most every SEND_EVERY seconds as the tracer
  reads its clock; what is left goes with the trace.
It writes SIGINT into Pyodide's interrupt buffer to interrupt the run; CPython then calls the
handler below at its next check, which may fall inside memsim's own code.
"""

import builtins
import json
import os
import signal
import sys
import time
from .common import LEARNER_FILE, NoInput, TimeLimit
from .sizes import _shown_addresses

id = builtins.id

# past this many characters a displayed value is cut
DISPLAY_CAP = 10_000
# pending output is sent to a host that shows it at most this often (seconds)
SEND_EVERY = 0.1
_OWN_DIR = os.path.dirname(os.path.abspath(__file__)) + os.sep

# the run going on (its Tracer), for the handler; None between runs
_active = None
_real_sleep = time.sleep
_real_signal = signal.signal
_real_getsignal = signal.getsignal
# what the program set for SIGINT (None: Python's default, KeyboardInterrupt); kept by a session
_program_handler = None


def _in_own_code(frame):
    """Whether the frame an interrupt landed on is memsim's: walking out, one of the tracer's
    frames comes before the program's (or no frame of the program is running at all)."""
    while frame is not None:
        name = frame.f_code.co_filename
        if name == LEARNER_FILE:
            return False
        if name.startswith(_OWN_DIR):
            return True
        frame = frame.f_back
    return True


def _on_sigint(signum, frame):
    tracer = _active
    if tracer is None:
        return      # between runs: there is nothing to stop
    if not _in_own_code(frame):
        return _deliver(tracer, signum, frame)
    _defer(tracer)


def _deliver(tracer, signum, frame):
    """The interrupt reaches the program, once: one held off until the tracer's callback ends
    is dropped."""
    if tracer.interrupt_deferred:
        tracer.interrupt_deferred = False
        tracer.tell_event = tracer.interrupt_told
    if tracer.host is not None:
        tracer.host.taken()
    return _program_sigint(signum, frame)


def _program_sigint(signum, frame):
    """SIGINT as the program set it up: KeyboardInterrupt, ignored, or its own handler."""
    handler = _program_handler
    if handler is None or handler == signal.SIG_DFL:
        raise KeyboardInterrupt
    if handler == signal.SIG_IGN:
        return None
    return handler(int(signum), frame)


def _signal(signalnum, handler, /):
    """signal.signal as the program sees it: its SIGINT handler is called by memsim's, in the
    program's own code, never inside the tracer's bookkeeping."""
    global _program_handler
    if _active is None or signalnum != signal.SIGINT:
        return _real_signal(signalnum, handler)
    if not callable(handler) and handler not in (signal.SIG_IGN, signal.SIG_DFL):
        raise TypeError("signal handler must be signal.SIG_IGN, signal.SIG_DFL, or a callable object")
    old = _program_handler if _program_handler is not None else signal.default_int_handler
    _program_handler = handler
    return old


def _getsignal(signalnum, /):
    if _active is None or signalnum != signal.SIGINT:
        return _real_getsignal(signalnum)
    return _program_handler if _program_handler is not None else signal.default_int_handler


_signal.__name__ = _signal.__qualname__ = "signal"
_getsignal.__name__ = _getsignal.__qualname__ = "getsignal"
_signal.__module__ = _getsignal.__module__ = "signal"


def _defer(tracer):
    """An interrupt that came inside the tracer's bookkeeping: raised where its callback ends,
    the step written whole (the host's `tell_event` is called there, last)."""
    if tracer.interrupt_deferred:
        return
    tracer.interrupt_deferred = True
    told = tracer.interrupt_told = tracer.tell_event

    def tell(steps, line):
        if told is not None:
            told(steps, line)
        _deliver(tracer, signal.SIGINT, None)

    tracer.tell_event = tell


def _install():
    # kept for good once set: a signal caught between runs finds no run and does nothing
    if _real_getsignal(signal.SIGINT) is not _on_sigint:
        _real_signal(signal.SIGINT, _on_sigint)


# set before any run: an interrupt may come while memsim still reads the program
_install()


def begin(tracer, host):
    """Before the program: the interrupt handler, and sleep() that an interrupt ends."""
    global _active
    tracer.interrupt_deferred = False
    tracer.host = host
    if host is None:
        return
    _active = tracer
    if getattr(host, "output", None) is not None:
        tracer.stdout.live = []
        tracer.stdout.sent_at = time.monotonic()
    _install()
    time.sleep = _sleep
    signal.signal, signal.getsignal = _signal, _getsignal
    if host.asked():
        _defer(tracer)


def end(tracer):
    global _active
    _active = None
    time.sleep = _real_sleep
    signal.signal, signal.getsignal = _real_signal, _real_getsignal
    tracer.host = None


def _sleep(seconds, /):
    """time.sleep as the program sees it in an interruptible run: the host waits, so an
    interrupt ends the wait at once (Pyodide's own sleep does not look at the signal)."""
    tracer = _active
    # what Python's own sleep refuses (a str, NaN, a negative or endless length) it refuses in its own words
    if tracer is None or tracer.host is None or not isinstance(seconds, (int, float)) or not 0 <= seconds <= 9e9:
        return _real_sleep(seconds)
    left = tracer.deadline - time.monotonic() if tracer.deadline is not None else seconds
    send(tracer)
    if tracer.host.sleep(float(min(seconds, max(0.0, left)))):
        raise KeyboardInterrupt
    if seconds > left:
        # the run's time ran out during the wait: stopped there, as at a step past its limit
        tracer.stop(TimeLimit, "time")


_sleep.__name__ = _sleep.__qualname__ = "sleep"
_sleep.__module__ = "time"


def ask(tracer, prompt):
    """input() asked of the host, while the program waits: its clock stops meanwhile. The
    prompt and the line typed are the program's output, as at a terminal; a host that shows
    output as it is printed gets them as "input" (its input box showed them)."""
    out = tracer.stdout
    send(tracer)
    if prompt:
        out.write(str(prompt))
    started = time.monotonic()
    answer = tracer.host.ask(str(prompt))
    if tracer.deadline is not None:
        tracer.deadline += time.monotonic() - started
    if answer == "I":
        raise KeyboardInterrupt
    if not answer or answer[0] != "A":
        tracer.no_input = True
        raise NoInput("no input was given")
    line = answer[1:]
    out.write(line + "\n")
    send(tracer, "input")
    return line


def send(tracer, name=None):
    """The output printed since it was last sent, to a host that shows it as it is printed, as
    stdout and stderr pieces in the order written (`name`: all of it as that piece)."""
    out = tracer.stdout
    pending = out.live
    if not pending:
        return
    text = "".join(pending)
    pending.clear()
    start = out.sent
    end = out.sent = start + len(text)
    out.sent_at = time.monotonic()
    if name is not None:
        pieces = [[name, text]]
    else:
        # the standard error spans that reach into [start, end), latest first
        spans = []
        for s, e in reversed(out.error_spans):
            if e <= start:
                break
            spans.append((max(s, start), min(e, end)))
        pieces = []
        at = start
        for s, e in reversed(spans):
            if s > at:
                pieces.append(["stdout", text[at - start:s - start]])
            if e > s:
                pieces.append(["stderr", text[s - start:e - start]])
            at = max(at, e)
        if at < end:
            pieces.append(["stdout", text[at - start:]])
    try:
        tracer.host.output(json.dumps(pieces))
    except Exception:
        out.live = None     # shown as it is printed is a courtesy: the trace still has it all


def send_due(tracer):
    """Pending output, sent when SEND_EVERY has passed since the last time (the tracer asks
    only every few callbacks, and only while some is pending)."""
    if time.monotonic() - tracer.stdout.sent_at >= SEND_EVERY:
        send(tracer)


def display_hook(tracer, code, last, wanted):
    """sys.displayhook for a run whose last statement is an expression: only that statement's
    value (a loop's or an earlier line's expression prints nothing, as in a program), as
    repr() shows it, and the object it is when the Trace has it; nothing when the value is not
    `wanted` (repr() runs the program's code, which only a shown value may)."""
    where = (last.lineno, last.col_offset)
    positions = []

    def hook(value):
        if value is None:
            return
        f = sys._getframe(1)
        if f.f_code is not code:
            return
        if not positions:
            positions.extend(code.co_positions())
        at = f.f_lasti // 2
        pos = positions[at] if 0 <= at < len(positions) else None
        if pos is None or (pos[0], pos[2]) != where or not wanted:
            return
        text = repr(value)
        if not isinstance(text, str):
            raise TypeError("__repr__ returned non-string (type %s)" % type(text).__name__)
        if " at 0x" in text:
            text = _shown_addresses(text)
        if len(text) > DISPLAY_CAP:
            text = text[:DISPLAY_CAP] + "…"
        shown = {"text": text}
        rec = tracer.known.get(id(value))
        if rec is not None and rec.typeid == id(type(value)) and rec.oid not in tracer.freed_at:
            shown["ref"] = rec.oid
        tracer.display = shown

    return hook
