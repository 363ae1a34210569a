"""The Trace's compact text: what the tracer writes and the host expands (src/core/wire.ts).

A Trace repeats the same few things on every object and step; the text says each once:
- `types`: per type name, the shape, mutability and size of its first object; an object
  carries them only where it differs;
- `sites`: every distinct site, once; an object's `site` is its index;
- an object made by an `alloc` event has no `createdAt`: it is that event's step;
- a reference slot `{"ref": id}` is the bare id; an `alloc` event is the bare id; a `rebind`
  event is `[frame, name, to, from]` (absent ones null, trailing nulls dropped);
- a step leaves out `line` when it is the previous step's `top`, `event` when it is "line",
  and `events` when there are none;
- a `free` event is the id after a minus sign;
- a name bound to a new int or float, the most common step of all, is one event
  `[type, frame, name, id, address, site, value, size, from]` (size null when it is the type's,
  from left out when there was none): the object's alloc and the rebind. Its record in `objects`
  is null, or the step it was freed at: the event holds the rest.
"""

import builtins
import json
import re
from .common import ADDR_BASE

# the tracer's own id(): the program's id() is replaced while it runs (see sizes._learner_id)
id = builtins.id

# a reference slot as json.dumps writes it; ids are "o<digits>", never escaped. Inside a
# JSON string every quote is escaped, so this cannot match within a learner's text.
_REF = re.compile(r'\{"ref":("[^"\\]*")\}')


# one encoder for the whole run: json.dumps with options would make a new one at every call
dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


_TYPE_FIELDS = ("shape", "mutable", "size")


def _group(match):
    return match.group(1)


def _bare(slot):
    """A reference slot as its bare id (None stays None)."""
    return slot["ref"] if slot is not None and len(slot) == 1 and "ref" in slot else slot


def _bare_change(change):
    change = dict(change)
    for field in ("key", "value"):
        if field in change:
            change[field] = _bare(change[field])
    for field in ("insert", "refill"):
        if field in change:
            change[field] = [_bare(slot) for slot in change[field]]
    return change


def _pair_or_change(change):
    if change.get("op") == "set" and len(change) == 3:
        key, value = _bare(change["key"]), _bare(change["value"])
        if type(key) is str and type(value) is str:
            return [key, value]
    return _bare_change(change)


def rebind_text(frame, name, to, was):
    """A rebind event, `[frame, name, to, from]`, as text: `to` and `was` are ids or None."""
    if type(name) is str and name.isidentifier():
        # a name the syntax can write holds no quote, backslash or control character
        if was is None:
            return '[%d,"%s","%s"]' % (frame, name, to) if to is not None else '[%d,"%s"]' % (frame, name)
        if to is not None:
            return '[%d,"%s","%s","%s"]' % (frame, name, to, was)
    row = [frame, name, to, was]
    while row[-1] is None:
        row.pop()
    return dumps(row)


def compact(value):
    """JSON text with every reference slot written as its bare id."""
    text = dumps(value)
    return _REF.sub(_group, text) if '{"ref"' in text else text


class Wire:
    """The type and site tables of one run, and its records and steps as compact text."""

    __slots__ = ("types", "sites", "site_index", "site_seen", "last_top", "top_heads")

    # kept as tuples and text: a dict or list kept from a run's middle could hold a block the
    # program freed, which CPython would have given to the program's next one
    def __init__(self):
        self.types = {}         # type name -> (shape, mutable, size) of its first object
        self.sites = []         # each site as JSON text
        self.site_index = {}    # (line, what, kind, of) -> index in sites
        self.site_seen = {}     # id(site dict) -> (the dict, its index in sites)
        self.last_top = None    # the previous step's top: a step at that line leaves `line` out
        self.top_heads = {}     # top -> '{"top":top', a step's usual opening, written once per line

    def object_text(self, j):
        """An object's record (dropping what the tables say); `j` is consumed."""
        base = self.types.get(j["type"])
        if base is None and "shape" in j and "mutable" in j and "size" in j:
            base = self.types[j["type"]] = (j["shape"], j["mutable"], j["size"])
        if base is not None:
            for field, value in zip(_TYPE_FIELDS, base):
                if field in j and j[field] == value:
                    del j[field]
        site = j.get("site")
        if type(site) is dict:
            j["site"] = self.site_at(site)
        return compact(j)

    def site_at(self, site):
        """The index of a site in the table, adding it when it is new."""
        seen = self.site_seen.get(id(site))
        if seen is not None and seen[0] is site and seen[1] is not None:
            return seen[1]
        key = (site.get("line"), site.get("what"), site.get("kind"), site.get("of"))
        at = self.site_index.get(key)
        if at is None:
            at = self.site_index[key] = len(self.sites)
            self.sites.append(dumps(site))
        if seen is not None and seen[0] is site:
            self.site_seen[id(site)] = (site, at)
        return at

    def keep_site(self, site):
        """A site dict the tracer keeps for the whole run and passes again and again: known by
        identity from now on (the tuple holds the dict, so its id cannot pass to another)."""
        self.site_seen[id(site)] = (site, None)     # its index: when an object first names it

    def number_text(self, tname, size, address, site, value):
        """`object_text` of a new int or float the program made (an alloc event's object): the
        same text, written directly. `value` is its repr, which JSON never needs to escape."""
        base = self.types.get(tname)
        if base is None:
            base = self.types[tname] = ("scalar", False, size)
        sized = "" if base[2] == size else ',"size":%d' % size
        if base[0] != "scalar" or base[1] is not False:
            sized = ',"shape":"scalar","mutable":false' + sized
        return '{"type":"%s"%s,"address":"%s","site":%d,"value":"%s"}' % (tname, sized, address, self.site_at(site), value)

    def number_bind_text(self, rec, at_text, name, was):
        """The one event of a module name bound to a new int or float (see the module's text),
        or None when its type's table entry is not a plain scalar's. `at_text` is the site's
        index as `,index,"` (quick_line keeps it per line); `name` comes from the syntax and
        `rec.value` is a repr: neither needs escaping. (f-strings: a third of `%`'s cost.)"""
        tname = rec.tname
        base = self.types.get(tname)
        if base is None:
            base = self.types[tname] = ("scalar", False, rec.size)
        elif base[0] != "scalar" or base[1] is not False:
            return None
        # hex() is "0x%012x" here: every address is ADDR_BASE (twelve hex digits) plus a little
        if base[2] == rec.size:
            return f'["{tname}",0,"{name}","{rec.oid}","{hex(ADDR_BASE + 2 * rec.addr)}"{at_text}{rec.value}",null' + \
                ("]" if was is None else f',"{was}"]')
        head = f'["{tname}",0,"{name}","{rec.oid}","{hex(ADDR_BASE + 2 * rec.addr)}"{at_text}{rec.value}",{rec.size}'
        return head + "]" if was is None else f'{head},"{was}"]'

    def step_text(self, line, kind, top, stack_json, events, tail):
        """One step: `stack_json` is its `top` and stack fields, each ending in a comma;
        `tail` its further fields, each starting with one."""
        parts = ["{"]
        if line != self.last_top:
            parts.append('"line":%d,' % line)
        if kind != "line":
            parts.append('"event":"%s",' % kind)
        parts.append(stack_json)
        if events:
            parts.append('"events":')
            parts.append(self.events_text(events))
        else:
            parts[-1] = stack_json[:-1]
        parts.append(tail)
        parts.append("}")
        self.last_top = top
        return "".join(parts)

    def events_text(self, events):
        for ev in events:
            if type(ev) is not str:
                break
        else:
            return f"[{','.join(events)}]"    # all written as text when they were made
        out = []
        for ev in events:
            if type(ev) is str:
                out.append(ev)      # written as text when it was made (alloc, free, rebind)
                continue
            kind = ev["kind"]
            if kind == "alloc":
                out.append(dumps(ev["id"]))
            elif kind == "mutate":
                # {"m": id, "c": changes}: a plain `set` of two references is the pair [key, value]
                row = {"m": ev["id"], "c": [_pair_or_change(c) for c in ev["changes"]]}
                for field, value in ev.items():
                    if field not in ("kind", "id", "changes"):
                        row[field] = value
                out.append(row)
            elif kind == "return" and "value" in ev:
                ev = dict(ev)
                ev["value"] = _bare(ev["value"])
                out.append(ev)
            else:
                out.append(ev)
            if type(out[-1]) is not str:
                out[-1] = dumps(out[-1])
        return "[%s]" % ",".join(out)

    def tables_text(self):
        """The tables, as fields of the trace (each starting with a comma)."""
        types = {name: dict(zip(_TYPE_FIELDS, base)) for name, base in self.types.items()}
        return ',"types":%s,"sites":[%s]' % (dumps(types), ",".join(self.sites))
