"""The Tracer class: the settrace callback, the events of a step, and the trace as JSON text."""

import builtins
import io
import time
from . import hooks, live
from .bells import BOX, SNAP, TRACK
from .changes import Changes, _hash
from .common import LEARNER_FILE, NoInput, SourceText, StepLimit, TimeLimit
from .earlier import record_earlier
from .frames import _is_class_body, _learner_frames
from .records import Records
from .refusals import _internal_stop, _raised
from .sizes import _shown_addresses
from .quick import Quick
from .steps import Steps
from .temps import Temporaries
from .unlisted import Unlisted
from .wire import Wire, dumps

# the tracer's own id(): the program's id() is replaced while it runs (see sizes._learner_id)
id = builtins.id

# how many callbacks pass between two readings of the clock (a callback takes tens of µs)
_CLOCK_EVERY = 16


class _CappedWriter(io.TextIOBase):
    """The program's output, kept up to a cap. It copies what it is given into a buffer of
    its own: keeping the str itself would hold the learner's object alive (print(s.upper())
    frees its text right after printing)."""

    def __init__(self, cap):
        self.cap = cap
        self.buffer_ = io.StringIO()
        self.size = 0
        self.truncated = False
        # for a run whose output a person watches as it is printed (live.py): the pieces kept
        # since they were last sent (None: nobody watches), how much was sent, and when
        self.live = None
        self.sent = 0
        self.sent_at = 0.0
        self.error_spans = ()

    def writable(self):
        return True

    def write(self, s):
        if not isinstance(s, str):
            raise TypeError("write() argument must be str, not %s" % type(s).__name__)
        if " at 0x" in s:
            s = _shown_addresses(s)
        if self.size < self.cap:
            room = self.cap - self.size
            kept = s if len(s) <= room else s[:room]
            self.buffer_.write(kept)
            self.size += len(kept)
            if len(s) > room:
                self.truncated = True
            if self.live is not None and kept:
                self.live.append(kept)
        elif s:
            self.truncated = True
        return len(s)

    def getvalue(self):
        return self.buffer_.getvalue()


class _ErrorWriter(io.TextIOBase):
    """The program's standard error: written into its output, where a terminal would show it,
    with the [start, end) spans (in characters of the output) that came from here."""

    def __init__(self, out):
        self.out = out
        self.spans = []
        out.error_spans = self.spans

    def writable(self):
        return True

    def write(self, s):
        start = self.out.size
        n = self.out.write(s)
        end = self.out.size
        if end > start:
            spans = self.spans
            if spans and spans[-1][1] == start:
                spans[-1] = (spans[-1][0], end)
            else:
                spans.append((start, end))
        return n


class Tracer(Records, Unlisted, Changes, Steps, Temporaries, Quick):
    """Records a Trace of one run: the settrace callback and the trace's text."""

    # Slots, not a dict: with this many attributes an instance's dict is a plain one, which
    # CPython's specialised attribute and method loads cannot use (under WebAssembly, a load
    # from it costs about twice a slot's). `__dict__` stays for anything set from outside.
    __slots__ = (
        "bells", "cell_frames", "cell_names", "cell_slots", "clock_in", "constants", "dead",
        "deadline", "depth_limit", "depth_stop", "dirty_gens", "dirty_objs", "display", "earlier",
        "earlier_names", "emitted", "events", "for_lines", "found", "frame_index", "frame_objs",
        "frame_state", "freed_at", "freed_now", "full_rescan", "global_stores", "held",
        "held_records", "held_sites", "hidden", "host", "installed_hook", "interrupt_deferred",
        "interrupt_told", "known", "last_line", "learner_types", "loops", "lost", "max_steps",
        "module_binds", "module_extra", "module_skipped", "names_read", "next_oid", "no_input",
        "object_ids", "object_texts", "outcome", "peek", "pending", "plans", "quick_callees",
        "quick_frame", "quick_plans", "quick_sites", "quick_steps", "raised", "raising",
        "reusable", "ring_progress", "site_cache", "site_now", "sites", "snap", "source", "stats",
        "stdin_lines", "stdout", "step_index", "step_texts", "stopped", "suspended", "tell_event",
        "tell_stop", "temp_alive", "temp_log", "temps", "text", "trace_fn", "track", "track_ops",
        "unlisted", "watch", "wire",
        "__dict__",
    )

    def __init__(self, source, snap, max_steps, time_limit, stdin_lines, stdout_cap, track=None, watch=None, peek=None, bells=0):
        self.source = source
        self.text = SourceText(source)
        self.peek = peek        # the host's reader of one word of WebAssembly memory
        self.snap = snap
        self.track = track      # host: start or stop watching addresses for their deaths
        # 1: the host answers snap and track through its doorbells (bells.py); 2: it also takes
        # the progress (steps so far, line) at every callback through them
        self.bells = bells > 0
        self.ring_progress = bells > 1
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
        self.wire = Wire()      # the text's type and site tables (see wire.py)
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
        self.module_binds = {}      # line -> the module names it may bind (plans.build_module_binds)
        self.module_extra = None    # keys set through a name for the module's namespace; False: any
        self.module_skipped = 0     # the module's names a scan leaves out (dunders, memsim's hook)
        self.global_stores = {}     # id(code) -> the global names that code may store
        self.outcome = None
        self.stopped = False
        self.clock_in = 0       # callbacks until the time limit is checked again
        self.learner_types = set()
        self.step_index = 0
        self.stats = {"slotsRead": 0, "fullRescans": 0, "namesRead": 0}   # how much re-reading the run cost
        self.names_read = 0     # stats' namesRead, counted apart: the count is kept at every step
        self.quick_steps = 0    # steps quick_line recorded (stats' quickSteps)
        self.quick_plans = {}   # line -> what quick_line checks of it (see Quick._quick_plan)
        self.quick_callees = {}     # a called name -> the built-in it was found to call
        self.quick_sites = {}       # line -> (its site, the site's index in the wire's table)
        self.quick_frame = None     # (the module's frame, its id, its code's id, its globals' id)
        self.trace_fn = None    # one bound method handed back at every callback, while the run lasts
        self.site_cache = {}
        self.reusable = []      # (address, type id) of lists and dicts freed by the last line
        self.held = []
        self.found = []
        self.lost = []
        self.cell_names = {}    # address of a cell -> the variable it keeps
        self.cell_slots = {}    # id(code) -> ((name, index in the frame's locals), ...)
        self.installed_hook = None   # the temporaries' hook as the program's builtins hold it
        self.tell_event = hooks.event   # the host's hooks (see hooks.py), None when unset
        self.tell_stop = hooks.stop
        self.earlier = {}       # addr -> type id of objects a kept namespace held when the run began
        self.earlier_names = {}     # name -> addr: the kept namespace's names when the run began
        self.host = None        # the host's ask() and sleep() (live.py), for a run a person watches
        self.interrupt_deferred = False  # an interrupt came during the tracer's own work (live.py)
        self.interrupt_told = None  # the host's tell_event while a held-off interrupt waits
        self.display = None     # the last statement's value as shown (live.display_hook)

    def trace(self, frame, event, arg):
        if frame.f_code.co_filename != LEARNER_FILE:
            return None
        if self.bells and not self.temp_log:
            # take_snapshot's usual case, inline: the snap bell says which watched object died
            self.temp_alive = ()
            res = _hash(SNAP)
            if res >= 0:        # nothing died (0), or one object (its address)
                self.dead = (res,) if res else ()
            else:
                self.snapshot_answer(res)
        else:
            self.take_snapshot()
        try:
            try:
                # the common step first (quick.py), when the clock need not be read this time
                clock = self.clock_in
                if event == "line" and clock > 1 and self.raising is None and not self.stopped and self.quick_line(frame):
                    self.clock_in = clock - 1
                    if len(self.step_texts) >= self.max_steps:
                        self.stop(StepLimit, "steps")
                else:
                    self.on_event(frame, event, arg, clock > 1)
            finally:
                ops = self.track_ops
                if len(ops) == 2 and self.bells and not self.ring_progress:
                    # flush_tracking's usual case, inline: one new object to watch
                    BOX[0] = 1
                    BOX[1] = ops[0]
                    BOX[2] = ops[1]
                    _hash(TRACK)
                    ops.clear()
                elif ops or self.ring_progress:
                    self.flush_tracking(frame)
        except BaseException:
            if self.stopped and self.tell_stop is not None:
                tell, self.tell_stop = self.tell_stop, None
                try:
                    tell(self.partial_json())
                except Exception:
                    pass    # telling the host is a courtesy: the stop itself goes on
            raise
        # every list and dict on_event made is gone now: hand the freed blocks back
        if self.reusable:
            self.give_back_blocks()
        if self.tell_event is not None:
            self.tell_event(len(self.step_texts), frame.f_lineno)
        return self.trace_fn

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

    def on_event(self, frame, event, arg, tried_quick=False):
        """Records what a callback tells (`tried_quick`: quick_line has already declined it)."""
        if self.stopped:
            raise self.stopped
        self.clock_in -= 1
        if self.clock_in <= 0:
            # the clock is read every few callbacks: reading it costs more than most of a step
            self.clock_in = _CLOCK_EVERY
            if self.deadline is not None and time.monotonic() > self.deadline:
                self.stop(TimeLimit, "time")
            if self.stdout.live:
                live.send_due(self)
        if event == "call" and frame.f_code.co_name == "<module>":
            self.pending = None
            self.frame_objs = [frame]
            if self.earlier:
                record_earlier(self, frame.f_globals)
            return self.trace
        if event == "line" and not tried_quick and self.raising is None and self.quick_line(frame):
            if len(self.step_texts) >= self.max_steps and not self.stopped:
                self.stop(StepLimit, "steps")
            return None
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
        freed_at = self.freed_at
        # an object without text is written by its step's event (see wire.py): null, or its freedAt
        objects = [('"%s":%s' % (oid, text) if text is not None else '"%s":null' % oid)
                   if (freed := freed_at.get(oid)) is None else
                   ('"%s":%s,"freedAt":%d}' % (oid, text[:-1], freed) if text is not None else '"%s":%d' % (oid, freed))
                   for oid, text in zip(self.object_ids, self.object_texts)]
        start = dumps(head)
        return '%s%s,"objects":{%s},"steps":[%s]}' % (start[:-1], self.wire.tables_text(), ",".join(objects), ",".join(self.step_texts))

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

    def read_input(self, prompt=""):
        if self.host is not None and not self.stdin_lines:
            return live.ask(self, prompt)    # asked of a person while the program waits
        if prompt:
            self.stdout.write(str(prompt))
        if self.stdin_lines:
            line = self.stdin_lines.pop(0)
        else:
            self.no_input = True
            raise NoInput("no input was given")
        self.stdout.write(line + "\n")
        return line
