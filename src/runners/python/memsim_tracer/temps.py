"""Temporaries: values a line made and used without a name (see plans._TempMarker)."""

import builtins
import sys
from .common import LEARNER_FILE, NUMBER_TYPES, TEMP_EVENTS_CAP
from .frames import _FIXED_LENGTH, _HELD_BY_LOOP, _IMMUTABLE_NAMES, _SIZED
from .records import H_TYPE, Rec, _SHAPE_OF_NAME
from .sizes import address_of, short_text, size64

# the tracer's own id(): the program's id() is replaced while it runs (see sizes._learner_id)
id = builtins.id


class Temporaries:
    """Temporaries: values a line made and used without a name (see plans._TempMarker). Part of Tracer."""

    __slots__ = ()    # the attributes are Tracer's (see its __slots__)

    def take_temps(self, site):
        if not self.temps:
            return
        temps = self.temps
        alive = self.temp_alive
        self.temp_log.clear()
        self.temp_alive = ()
        last_at = {}
        for i, t in enumerate(temps):
            last_at[t[1]] = i
        grouped = {}
        for i, (site_index, addr, tname, size, text, typeid, length, gen_name) in enumerate(temps):
            rec = self.known.get(addr)
            if rec is not None and rec.typeid == typeid and last_at[addr] == i:
                continue          # it became something the learner can see
            h = self.hidden.get(addr) if rec is None else None
            if h is not None and h[H_TYPE] == typeid and last_at[addr] == i:
                continue          # it sits in a container, beyond the shown window
            live = last_at[addr] == i and i < len(alive) and alive[i] == 1
            if live and self.sites[site_index][0] in self.for_lines:
                # the for loop of its line holds it, with no name: an object like any other,
                # whose end the trace will see when the loop lets it go
                self._held_object(site_index, addr, tname, size, text, typeid, length, gen_name)
                continue
            # still alive at the line's end (a comprehension being built holds it, say): a
            # temporary the line keeps, told as still in use
            key = (site_index, tname, live)
            g = grouped.get(key)
            if g is None:
                g = grouped[key] = [0, 0, text, addr, length]
            g[0] += 1
            g[1] += size
        for (site_index, tname, live), (count, total, text, addr, length) in list(grouped.items())[:TEMP_EVENTS_CAP]:
            line, what, skind, base, callee = self.sites[site_index]
            ev = {"kind": "temp", "type": tname, "size": total, "count": count, "line": line,
                  "what": what, "site": skind, "address": address_of(addr)}
            if text is not None:
                ev["value"] = text
            if base:
                ev["of"] = base
            if callee:
                ev["callee"] = callee
            if live:
                ev["live"] = True
            if count == 1 and length >= 0:
                ev["length"] = length
            self.events.append(ev)
        temps.clear()   # the same list, not a new one (see give_back_blocks)
        self.watch(0, 0)

    def _clear_generator(self, gen):
        """A generator that finished has no frame any more: its local names go with it (told
        at the next step, when the frame is gone)."""
        rec = self.known.get(id(gen))
        if rec is None or rec.kind != "generator" or not rec.slots:
            return
        changes = [{"op": "attr", "name": name} for name, _ in rec.slots]
        for _, a in rec.slots:
            self._release(a)
        rec.slots = ()
        self.events.append({"kind": "mutate", "id": rec.oid, "changes": changes})

    def _capture_held(self, obj, site_index):
        line, what, skind, base, callee = self.sites[site_index]
        site = {"line": line, "what": what, "kind": skind}
        if base:
            site["of"] = base
        self.site_now = site
        rec = self._record(obj, site)
        rec.obj_json["heldBy"] = "loop"
        self._read_tree(obj, rec, site)

    def _held_object(self, site_index, addr, tname, size, text, typeid, length, gen_name):
        """Records a value that outlived its line without a name, from what the hook noted
        (the tracer holds no reference to it). A generator's names are read when it runs."""
        line, what, skind, base, callee = self.sites[site_index]
        rec = Rec()
        rec.oid = "o%d" % self.next_oid
        self.next_oid += 1
        rec.addr = addr
        rec.typeid = typeid
        rec.tname = tname
        rec.size = size
        rec.mutable = tname not in _IMMUTABLE_NAMES
        rec.kind = "generator" if gen_name is not None else "held"
        rec.value = text
        site = {"line": line, "what": what, "kind": skind}
        if base:
            site["of"] = base
        # made at this step by its alloc event: no createdAt (see wire.py)
        j = {"type": tname, "shape": "generator" if gen_name is not None else _SHAPE_OF_NAME.get(tname, "other"),
             "mutable": rec.mutable, "size": size, "address": address_of(addr), "site": site, "heldBy": "loop"}
        if text is not None:
            j["value"] = text
        if length >= 0:
            j["length"] = length
            if tname in ("str", "bytes"):
                rec.length = length
        if gen_name is not None:
            j["name"] = gen_name
        self.known[addr] = rec
        self.track_ops.append(addr)
        self.track_ops.append(typeid)
        self.events.append('"%s"' % rec.oid)      # an alloc event, as wire.py writes it
        if gen_name is None:
            self.held_records[rec.oid] = len(self.object_texts)   # to fill in when met (see _fill)
        self.object_ids.append(rec.oid)
        self.object_texts.append(self.wire.object_text(j))
        return rec

    def hook(self, value, site_index):
        t = type(value)
        if t in NUMBER_TYPES or value is None or t is type or t.__name__ in ("function", "builtin_function_or_method", "method", "module"):
            return value
        addr = id(value)
        if sys._is_immortal(value) or addr in self.constants or (self.earlier and self.earlier.get(addr) == id(t)):
            return value
        if site_index in self.held_sites and t.__name__ in _HELD_BY_LOOP and addr not in self.known:
            # what a for loop walks lives as long as the loop: an object, read now, in full
            self._capture_held(value, site_index)
            return value
        if len(self.temps) < 10000:
            text = None
            if t is str:
                text = short_text(value, t)
            elif t in (list, tuple, set, dict, frozenset):
                text = None
            length = len(value) if t in _SIZED else -1
            gen_name = None
            if t.__name__ == "generator" and value.gi_code.co_filename == LEARNER_FILE:
                gen_name = value.__qualname__.encode().decode()    # a copy: the name is the generator's
            self.temps.append((site_index, addr, t.__name__, size64(value, t), text, id(t), length, gen_name))
            self.temp_log.append(addr)
            self.temp_log.append(id(t))
            self.watch(addr, id(t))
            # a str, bytes or tuple never changes length: a block holding another length
            # is a new object in reused memory (the hook's own text can take it), not this one
            self.temp_log.append(length if t in _FIXED_LENGTH else -1)
        return value
