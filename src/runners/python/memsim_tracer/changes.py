"""Frees, re-reads and the changes a line made to the objects the trace shows."""

import builtins
from array import array
from .bells import BOX, MANY, PROGRESS, SNAP, TRACK, TRACK_PAIRS
from .common import CAP, _UNKNOWN
from .frames import _DICT_ID, _LIST_ID, _NAMED_KINDS
from .sizes import short_text, size64

# the tracer's own id(): the program's id() is replaced while it runs (see sizes._learner_id)
id = builtins.id
# the host's doorbells are rung through hash() (see bells.py): the built-in, whatever the program rebinds
_hash = builtins.hash


class Changes:
    """Frees, re-reads and the changes a line made to the objects the trace shows. Part of Tracer."""

    __slots__ = ()    # the attributes are Tracer's (see its __slots__)

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

    def _note_free(self, rec, told=False):
        """Records the free of an object the trace shows, and stops watching its address
        (`told`: the host told of its death, and has stopped watching it then)."""
        if not told:
            self.track_ops.append(rec.addr)
            self.track_ops.append(0)
        self.freed_now[rec.addr] = rec.oid
        self.freed_at[rec.oid] = self.step_index
        self.events.append(f'"-{rec.oid}"')   # a free event, as wire.py writes it

    def _forget(self, rec):
        """The object is gone: record its free and let go of what it held."""
        if self.known.get(rec.addr) is rec:
            del self.known[rec.addr]
        if self.earlier:
            self.earlier.pop(rec.addr, None)     # its block may now take a new object
        if not rec.pinned:
            self._note_free(rec)
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

    def flush_tracking(self, frame):
        """Tells the host which addresses to watch from now on (and which to stop watching),
        and where the run is when the host wants to know. Called last thing in a callback,
        before the program runs on and can free them."""
        ops = self.track_ops
        n = len(ops)
        if self.bells:
            box = BOX
            if n > 2 * TRACK_PAIRS:
                self._track_slowly(ops)
                n = 0
            box[0] = n >> 1
            if n == 2:      # the usual few, one by one: no list is made
                box[1] = ops[0]
                box[2] = ops[1]
            elif n == 4:
                box[1] = ops[0]
                box[2] = ops[1]
                box[3] = ops[2]
                box[4] = ops[3]
            elif n:
                box[1:1 + n] = array("q", ops)    # as many as it replaces: BOX keeps its size and place
            if self.ring_progress:
                box[PROGRESS] = len(self.step_texts)
                box[PROGRESS + 1] = frame.f_lineno
            _hash(TRACK)
            ops.clear()
        elif n:
            self._track_slowly(ops)

    def _track_slowly(self, ops):
        """flush_tracking through the host's track function."""
        n = len(ops)
        if n == 2:      # the usual few, as numbers: no list crosses to the host
            self.track(ops[0], ops[1], 0, 0)
        elif n == 4:
            self.track(ops[0], ops[1], ops[2], ops[3])
        else:
            buf = array("q", ops)     # read by the host in place
            self.track(buf.buffer_info()[0], n)
        ops.clear()

    def take_snapshot(self):
        """Asks the host which remembered objects are gone. Called first thing in a
        callback: no list, dict or str may be made before it (it could take a freed block)."""
        log = self.temp_log
        if log:
            buf = array("q", log)     # the host reads the triples and writes each one's 1/0 over them
            triples = len(log) // 3
            res = self.snap(buf.buffer_info()[0], triples)
            self.temp_alive = tuple(buf[:triples])
        else:
            self.temp_alive = ()
            if self.bells:
                res = _hash(SNAP)
                if res >= 0:        # nothing died (0), or one object (its address)
                    self.dead = (res,) if res else ()
                else:
                    self.snapshot_answer(res)
                return
            res = self.snap(0, 0)
        if res.__class__ is int:        # nothing died (0), or one object (its address): the common, cheap answers
            self.dead = (res,) if res else ()
        else:
            self.dead = tuple(res.to_py())     # tuples: no list may outlive the callback

    def snapshot_answer(self, res):
        """The snap bell's answer when more than one object died: in BOX (MANY), or to be
        asked through the host's snap function (ASK)."""
        self.temp_alive = ()
        if res == MANY:
            self.dead = tuple(BOX[1:1 + BOX[0]])
            return
        res = self.snap(0, 0)
        if res.__class__ is int:
            self.dead = (res,) if res else ()
        else:
            self.dead = tuple(res.to_py())     # tuples: no list may outlive the callback

    def free_dead(self):
        known = self.known
        for addr in self.dead:
            rec = known.get(addr)
            if rec is not None and not rec.pinned:
                if rec.kind == "scalar" and rec.slots is None and not self.earlier:
                    # _forget of an object that held nothing (a number, most often), in short
                    del known[addr]
                    self._note_free(rec, True)
                    continue
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
                ka = id(key)
                # from both ends: a loop's variable is early in a namespace, a new name late
                lo, hi = 0, n_old - 1
                while lo <= hi:
                    if old[hi][0] == ka:
                        i = hi
                        break
                    if old[lo][0] == ka:
                        i = lo
                        break
                    lo += 1
                    hi -= 1
                if lo <= hi:
                    stored_key = key
                if stored_key is None:
                    return False      # an equal key stored as another object: read it all
            ka, va = id(stored_key), id(value)
            changes = []
            if n_new == n_old + 1:
                kr = self._ref(stored_key, self.key_site(hint, site))
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
