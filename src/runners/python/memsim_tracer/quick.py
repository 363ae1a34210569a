"""The common step, taken quickly: a line of the module's own code ran, the stack is as it
was, and the names the line binds now hold the same objects or new numbers.

Such a step is what `close_step` would record, without its general machinery: no frame is
pushed or popped, nothing the line names can have changed in place, no temporary outlived
the line. Whatever falls outside that is left to `close_step`, decided before anything is
recorded, so a step is recorded one way or the other, never half of each.
"""

import ast
import builtins
import sys
from .common import ADDR_BASE, _MISSING, _UNKNOWN
from .frames import _STR_ID

_is_immortal = sys._is_immortal

# the tracer's own id(): the program's id() is replaced while it runs (see sizes._learner_id)
id = builtins.id

# False: every step goes through close_step (tests compare the two ways' Traces)
ENABLED = True

# the built-ins' namespace (a program that changes one of them changes this same dict)
_BUILTINS = builtins.__dict__

# values that hold nothing and cannot change: a line cannot have changed one in place
LEAVES = frozenset((int, float, complex, str, bytes, bool, type(None)))


class Quick:
    """The common step, taken quickly. Part of Tracer."""

    __slots__ = ()    # the attributes are Tracer's (see its __slots__)

    def quick_line(self, frame):
        """Records the step that a line event in the module's frame closes, when it is the
        common kind; returns False, having recorded nothing but frees, when it is not."""
        pending = self.pending
        if pending is None or pending[2] != "line" or not ENABLED:
            return False
        # the module's frame and its ids, found once (id() is an audited call in the sandbox)
        mine = self.quick_frame
        if mine is None or mine[0] is not frame:
            if frame.f_code.co_name != "<module>":
                return False
            mine = self.quick_frame = (frame, id(frame), id(frame.f_code), id(frame.f_globals))
        fid = mine[1]
        frames = self.frame_objs
        emitted = self.emitted
        if pending[1] != fid or len(frames) != 1 or frames[0] is not frame or len(emitted) != 1 \
                or emitted[0][0] != fid or emitted[0][1] != mine[2]:
            return False
        if self.events or self.temps or self.dirty_gens or self.full_rescan or self.cell_frames \
                or self.module_extra is not None or self.stopped:
            return False
        line = pending[0]
        # what the line binds and what must hold each time it ran, found once per line
        quick = self.quick_plans.get(line, _UNSET)
        if quick is _UNSET:
            quick = self.quick_plans[line] = self._quick_line_plan(line)
        if quick is None:
            return False
        names, plain, calls = quick
        state = self.frame_state.get(fid)
        g = frame.f_globals
        if state is None or state[2] is not None or mine[3] in self.known:
            return False
        for k in plain:
            v = g.get(k, _MISSING)
            if v is _MISSING:
                v = _BUILTINS.get(k, _MISSING)
            if v is not _MISSING and type(v) not in LEAVES:
                return False
        if calls and not self._builtin_calls(calls, g, frame):
            return False
        dead = self.dead
        if dead:
            rec = self.known.get(dead[0]) if len(dead) == 1 and not self.earlier else None
            if rec is not None and rec.slots is None and rec.kind == "scalar" and not rec.pinned:
                # free_dead's usual case, inline: one number died (the host stopped watching it)
                del self.known[dead[0]]
                self.freed_now[dead[0]] = oid = rec.oid
                self.freed_at[oid] = self.step_index
                self.events.append(f'"-{oid}"')   # a free event, as wire.py writes it
                self.dead = ()
            else:
                self.free_dead()
        recorded = state[1]
        if len(g) != len(recorded) + self.module_skipped:
            return False
        known = self.known
        changed = None
        for k in names:
            prev = recorded.get(k)
            if prev is None or k not in g:
                return False        # a name made or removed: the general scan tells it
            v = g[k]
            a = id(v)
            rec = known.get(a)
            if prev == a and rec is not None and rec.typeid != _STR_ID:
                continue            # the same binding to a live object
            t = type(v)
            if prev == a or rec is not None or (t is not int and t is not float):
                return False
            if changed is None:
                changed = []
            changed.append((k, v, a, prev))
        self.names_read += len(names)
        self.quick_steps += 1
        wire = self.wire
        captured = False    # whether an event may be a record, not text (capture may write one)
        if changed is not None:
            # the line's site and its index in the site table, found once per line
            site_at = self.quick_sites.get(line)
            if site_at is None:
                site = self.site_for(line)
                site_at = self.quick_sites[line] = (site, ',%d,"' % wire.site_at(site))
            site, at = site_at
            events = self.events
            for k, v, addr, prev in changed:
                plain = not (addr in self.hidden or _is_immortal(v) or addr in self.constants or self.earlier)
                if plain:
                    self.site_now = site
                    rec = self._number_rec(v, type(v), addr)
                else:
                    rec = self.capture(v, site)
                    captured = True
                rec.indeg += 1
                prev_rec = known.get(prev)
                if prev_rec is not None:
                    prev_rec.indeg -= 1
                    was = prev_rec.oid
                else:
                    was = self.freed_now.get(prev)
                recorded[k] = addr
                if plain:
                    # its record, alloc and rebind as one event: its place in `objects` is kept empty
                    text = wire.number_bind_text(rec, at, k, was)
                    if text is not None:
                        self.object_ids.append(rec.oid)
                        self.object_texts.append(None)
                        events.append(text)
                        continue
                    self._write_number(rec, site)
                # a rebind event as wire.rebind_text writes it: a name from the syntax needs no escaping
                events.append(f'[0,"{k}","{rec.oid}","{was}"]' if was is not None else f'[0,"{k}","{rec.oid}"]')
        top = frame.f_lineno
        events = self.events
        if line == wire.last_top and not self.unlisted:
            # the usual step: at the last one's top, its events all written as text already
            head = wire.top_heads.get(top)
            if head is None:
                head = wire.top_heads[top] = '{"top":%d' % top
            if not events:
                text = head + "}"
            elif captured:
                text = f'{head},"events":{wire.events_text(events)}}}'
            else:
                text = f'{head},"events":[{",".join(events)}]}}'   # each written as text when made
        else:
            head = '{"top":%d' % top if line == wire.last_top else '{"line":%d,"top":%d' % (line, top)
            tail = self.unlisted_json() if self.unlisted else ""
            text = '%s,"events":%s%s}' % (head, wire.events_text(events), tail) if events else head + tail + "}"
        if events:
            events.clear()   # the same list, not a new one (see give_back_blocks)
        wire.last_top = top
        self.step_texts.append(text)
        self.last_line = line
        if self.freed_now:
            self.freed_now.clear()
        self.step_index += 1
        self.pending = (top, fid, "line")
        return True

    def _quick_line_plan(self, line):
        """quick_line's plan of a line: (the module names it may bind, the names it reads or
        binds, which must hold values that hold nothing, the called names' nodes), or None
        when the line is never the common kind."""
        names = self.module_binds.get(line)
        if names is None or line in self.loops:
            return None
        plan = self.plans.get(line)
        quick = _quick_plan(plan) if plan is not None else ((), ())
        return None if quick is None else (names, quick[0], quick[1])

    def _builtin_calls(self, calls, g, frame):
        """Whether each call the line made was to a built-in, whose result holds nothing the
        program's names do."""
        bdict = _BUILTINS
        verified = self.quick_callees
        for func in calls:
            name = func.id
            callee = g.get(name, _MISSING)
            # by name, not id(func): id() is an audited call in the sandbox, and a name's built-in
            # calls the program's code or not wherever the name is written
            if callee is not _MISSING or bdict.get(name, _MISSING) is not verified.get(name, _MISSING):
                if self.calls_learner_code(func, frame) is not False:
                    return False
                if callee is _MISSING:
                    # a built-in lives as long as the interpreter: holding it changes nothing
                    verified[name] = bdict.get(name, _MISSING)
        return True


_UNSET = object()


def _quick_plan(plan):
    """What quick_line must check of a line's plan each time it ran, or None when the line is
    never its kind: (the names it binds or passes to a call, the called names' nodes)."""
    if plan.full:
        return None
    names = []
    for t in plan.targets:
        if type(t) is not ast.Name:
            return None
        names.append(t.id)
    calls = []
    for func, args in plan.calls:
        if type(func) is not ast.Name:
            return None
        calls.append(func)
        for a in args:
            if type(a) is ast.Name:
                names.append(a.id)
            elif type(a) is not ast.Constant:
                return None
    return tuple(names), tuple(calls)
