"""Objects beyond every shown window: counted by type, remembered by address only."""

import builtins
import itertools
import sys
from .frames import _IMPLICIT_FREEVARS, _visible_member
from .records import H_NAME, H_PRINT, H_SIZE, H_TYPE, _INT_ID, _NO_CHILDREN, _ONE_DIGIT, _ROW_FIELDS, _fingerprint
from .sizes import _MRO, _NAMESPACE, _getsizeof, size64
from .wire import dumps

# the tracer's own id(): the program's id() is replaced while it runs (see sizes._learner_id)
id = builtins.id


class Unlisted:
    """Objects beyond every shown window: counted by type, remembered by address only. Part of Tracer."""

    __slots__ = ()    # the attributes are Tracer's (see its __slots__)

    def _hide(self, objs, holder):
        """Slots beyond a shown window. An object the trace lists keeps its record; one the
        program made is remembered by address only and counted, with everything it holds, in
        the step's unlisted figures, as made inside `holder` (a listed container's id)."""
        if len(objs) > 64 and self._hide_ints(objs, holder):
            return []
        known = self.known
        hidden = self.hidden
        constants = self.constants
        earlier = self.earlier
        track = self.track_ops
        step = self.step_index
        site = self.site_now
        immortal = sys._is_immortal
        getsizeof = _getsizeof
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
                if immortal(o) or a in constants or (earlier and earlier.get(a) == _INT_ID):
                    continue           # the small-int cache, a constant or an earlier run's: not made here
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
                and self.constants.isdisjoint(addrs) and (not self.earlier or self.earlier.keys().isdisjoint(addrs))):
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
        return ',"unlisted":' + dumps(rows) if rows else ""

    def _named_slots(self, obj, kind):
        out = []
        if kind == "instance":
            try:
                d = object.__getattribute__(obj, "__dict__")
                out.extend((k, v) for k, v in dict.items(d) if isinstance(k, str))
            except (AttributeError, TypeError):
                pass
            for klass in _MRO(type(obj)):
                namespace = _NAMESPACE(klass)
                slots = namespace.get("__slots__", ())
                for name in slots if isinstance(slots, (tuple, list)) else (slots,):
                    if not isinstance(name, str) or name in ("__dict__", "__weakref__"):
                        continue
                    desc = namespace.get(name)
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
