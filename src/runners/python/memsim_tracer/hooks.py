"""What a host may attach to the tracer, instead of replacing its parts.

The sandbox's guard (src/sandbox/guard.py) uses these; a run with nothing attached does
exactly what it did before. Each hook is set once, before any learner code runs.

- on_event(callback): callback(steps, line) after every traced event of the program's own
  code (steps: how many the trace holds so far; line: the line the event was on).
- on_stop(callback): callback(json) once, the moment the tracer stops a program at a step
  or time limit, with the trace so far (a program that catches the stop and runs on
  untraced is killed by the host, which still has this).
- keep_namespace(): every later run executes in one namespace, kept across runs (a named
  session); objects already in it when a run starts are recorded as made earlier.
"""

import builtins

event = None
stop = None
_kept = None


def on_event(callback):
    global event
    event = callback


def on_stop(callback):
    global stop
    stop = callback


def keep_namespace():
    global _kept
    if _kept is None:
        _kept = {"__name__": "__main__", "__builtins__": builtins}
    return _kept


def namespace():
    """The namespace the next run executes in, and whether it is kept from earlier runs."""
    if _kept is not None:
        return _kept, True
    return {"__name__": "__main__", "__builtins__": builtins}, False
