"""The tracer's records of objects: reading one the program made, and what it holds."""

import builtins
import json
import sys
import types
from .common import ADDR_BASE, CAP, IMMUTABLE_TYPES, LEARNER_FILE, SCALAR_TYPES, TEXT_CAP
from .frames import _CELL_TYPE, _NAMED_KINDS
from .sizes import _builtin_singleton, _shown_addresses, address_of, short_text, size64

getsizeof = sys.getsizeof

# the tracer's own id(): the program's id() is replaced while it runs (see sizes._learner_id)
id = builtins.id


_SHAPE_OF_KIND = {"sequence": "sequence", "dict": "mapping", "set": "set", "scalar": "scalar",
                  "function": "function", "generator": "generator", "cell": "record", "class": "class",
                  "module": "module", "instance": "instance"}


def _shape_of_type(obj, t):
    """The shape of an object `_kind` calls "other" (a library's object, a subclass)."""
    if isinstance(obj, (str, bytes, bytearray)):
        return "text"
    if isinstance(obj, dict):
        return "mapping"
    if isinstance(obj, (set, frozenset)):
        return "set"
    if isinstance(obj, (list, tuple, range, memoryview)) or (t.__name__ == "deque" and t.__module__ == "collections"):
        return "sequence"
    if obj is None or isinstance(obj, (int, float, complex)):
        return "scalar"
    if isinstance(obj, type):
        return "class"
    if isinstance(obj, (types.FunctionType, types.BuiltinFunctionType, types.MethodType, types.BuiltinMethodType)):
        return "function"
    if isinstance(obj, (types.GeneratorType, types.CoroutineType, types.AsyncGeneratorType)):
        return "generator"
    if isinstance(obj, types.ModuleType):
        return "module"
    if t.__module__ == "__main__":
        return "instance"
    return "other"


_SHAPE_OF_NAME = {"str": "text", "bytes": "text", "bytearray": "text", "list": "sequence", "tuple": "sequence",
                  "range": "sequence", "deque": "sequence", "dict": "mapping", "set": "set", "frozenset": "set",
                  "int": "scalar", "float": "scalar", "bool": "scalar", "complex": "scalar", "NoneType": "scalar",
                  "generator": "generator", "function": "function"}


class Rec:
    """What the tracer remembers of one live object: never the object itself."""

    __slots__ = ("oid", "addr", "typeid", "tname", "kind", "mutable", "slots", "size", "indeg",
                 "pinned", "value", "obj_json", "codeid", "length")

    def __init__(self):
        self.indeg = 0
        self.pinned = False  # immortal, cached or a constant: never freed while the program runs
        self.slots = None
        self.value = None
        self.codeid = None
        self.length = -1


# An object the program made that sits beyond every shown window is remembered by address
# (for its free) as a tuple, and counted in the step's unlisted figures, never written as a record:
H_TYPE, H_NAME, H_SIZE, H_PRINT, H_SITE, H_STEP = range(6)
_new_rec = object.__new__
_INT_ID = id(int)
_FLOAT_ID = id(float)
_ONE_DIGIT = 1 << 30


def _fingerprint(obj, t):
    """A value telling an immutable scalar from a later one at the same address."""
    if t is int or t is str or t is float or t is bytes or t is complex:
        return hash(obj)
    return None


# types whose objects hold no other objects: an unlisted one needs no further reading
_NO_CHILDREN = frozenset(map(id, (int, float, complex, str, bytes, bool, type(None), range)))
_ROW_FIELDS = ("made", "madeBytes", "freed", "freedBytes", "shown", "shownBytes", "resized")


class Records:
    """The tracer's records of objects: reading one the program made, and what it holds. Part of Tracer."""

    __slots__ = ()    # the attributes are Tracer's (see its __slots__)

    def _new_rec(self, obj, t, addr):
        rec = Rec()
        rec.oid = "o%d" % self.next_oid
        self.next_oid += 1
        rec.addr = addr
        rec.typeid = id(t)
        rec.tname = t.__name__ if t is not type(None) else "NoneType"
        return rec

    def capture(self, root, site):
        """Returns the Rec for `root`, recording it and everything it holds if new."""
        addr = id(root)
        rec = self.known.get(addr)
        if rec is not None and self._same(rec, root):
            if rec.kind == "held":
                self._fill(rec, root, site)
            return rec
        self.site_now = site
        if rec is not None:
            self._forget(rec)          # the block was freed and reused by a new object
        t = type(root)
        if (t is int or t is float) and addr not in self.hidden and not sys._is_immortal(root) \
                and addr not in self.constants and not (self.earlier and self.earlier.get(addr) == id(t)):
            return self._record_number(root, t, addr, site)
        rec = self._record(root, site)
        self._read_tree(root, rec, site)
        return rec

    def _record_number(self, obj, t, addr, site):
        """`_record` and `_read_tree` for an int or float the program just made: the most common
        new object, which holds nothing, so its record is written at once."""
        rec = self._number_rec(obj, t, addr)
        self._write_number(rec, site)
        return rec

    def _write_number(self, rec, site):
        """A new number's alloc event and its record."""
        self.events.append('"%s"' % rec.oid)      # an alloc event, as wire.py writes it
        self.object_ids.append(rec.oid)
        self.object_texts.append(self.wire.number_text(rec.tname, rec.size, "0x%012x" % (ADDR_BASE + 2 * rec.addr), site, rec.value))

    def _number_rec(self, obj, t, addr):
        """The Rec of a new int or float, known and watched from now on."""
        rec = _new_rec(Rec)     # Rec() without its __init__: every field is set here
        rec.indeg = 0
        rec.pinned = False
        rec.slots = None
        rec.codeid = None
        rec.length = -1
        rec.oid = f"o{self.next_oid}"
        self.next_oid += 1
        rec.addr = addr
        if t is int:
            rec.typeid = _INT_ID    # not id(t): id() is an audited call in the sandbox
            rec.tname = "int"
            bits = obj.bit_length()
            # as size64 says: one 30-bit digit is 28 bytes on 64-bit CPython
            rec.size = 28 if bits <= 30 else 24 + 4 * ((getsizeof(obj) - 12) // 4)
            # as short_text says
            rec.value = int.__repr__(obj) if bits <= 200 else short_text(obj, t)
        else:
            rec.typeid = _FLOAT_ID
            rec.tname = "float"
            rec.size = 24
            rec.value = float.__repr__(obj)
        rec.mutable = False
        rec.kind = "scalar"
        self.known[addr] = rec
        ops = self.track_ops
        ops.append(addr)
        ops.append(rec.typeid)
        return rec

    def _read_tree(self, root, rec, site):
        """Reads what a just-recorded object holds, recording what is new in it, and writes
        the records out."""
        work = [(root, rec)]
        while work:
            obj, r = work.pop()
            children = self._read_slots(obj, r)
            for child in children:
                caddr = id(child)
                crec = self.known.get(caddr)
                if crec is not None and not self._same(crec, child):
                    self._forget(crec)
                    crec = None
                if crec is None:
                    crec = self._record(child, site)
                    work.append((child, crec))
                elif crec.kind == "held":
                    self._fill(crec, child, site)
                crec.indeg += 1
            self._write_contents(r)
            # kept as text: the tracer's own lists and dicts must not hold blocks the program frees
            held_at = self.held_records.pop(r.oid, None)
            text = self.wire.object_text(r.obj_json)
            if held_at is not None:
                self.object_texts[held_at] = text     # its record, now with what it holds
            else:
                self.object_ids.append(r.oid)
                self.object_texts.append(text)
            r.obj_json = None

    def _fill(self, rec, obj, site):
        """A value recorded while it had no name (see `_held_object`), met now: its record gets
        what it holds, as it was made with it."""
        at = self.held_records.get(rec.oid)
        if at is None:
            rec.kind = "other"
            return
        t = type(obj)
        rec.kind = self._kind(obj, t)
        rec.obj_json = json.loads(self.object_texts[at])
        self._read_tree(obj, rec, site)

    def _same(self, rec, obj):
        if rec.typeid != id(type(obj)):
            return False
        if not rec.mutable and rec.value is not None:
            if rec.length >= 0 and rec.length != len(obj):
                return False     # a str's text is cut short: the lengths tell long ones apart
            return rec.value == short_text(obj, type(obj))
        return True

    def _record(self, obj, site):
        t = type(obj)
        addr = id(obj)
        rec = self._new_rec(obj, t, addr)
        rec.size = size64(obj, t)
        rec.mutable = not isinstance(obj, IMMUTABLE_TYPES)
        origin = self._origin(obj, t, addr)
        # an older object of a kept session can be freed by this run: watched like the program's
        rec.pinned = origin != "runtime" and origin != "interned" and origin != "earlier"
        j = {
            "type": rec.tname,
            "size": rec.size,
            "address": address_of(addr),
            "createdAt": self.step_index,
            "site": dict(site),
        }
        if origin != "runtime":
            j["origin"] = origin
        rec.value = short_text(obj, t)
        if rec.value is not None:
            j["value"] = rec.value
        if t is str or t is bytes:
            j["length"] = rec.length = len(obj)
        rec.kind = self._kind(obj, t)
        j["shape"] = self._shape(obj, t, rec.kind)
        j["mutable"] = rec.mutable
        if rec.kind == "cell":
            j["holds"] = "variable"
        if rec.kind == "function":
            j["name"] = obj.__qualname__
        elif rec.kind == "class":
            j["name"] = obj.__qualname__
        elif rec.kind == "instance":
            j["cls"] = t.__qualname__
        elif rec.kind == "generator":
            j["name"] = obj.__qualname__
            rec.codeid = id(obj.gi_code)
        elif rec.kind == "cell":
            j["name"] = self.cell_names.get(addr, "cell_contents")
        elif rec.kind == "module":
            j["name"] = obj.__name__
        elif rec.kind == "other":
            try:
                text = _shown_addresses(object.__repr__(obj) if t.__module__ == "__main__" else repr(obj))
            except Exception:
                text = "<%s>" % rec.tname
            j["value"] = text[:TEXT_CAP] + ("…" if len(text) > TEXT_CAP else "")
        rec.obj_json = j          # written out as text once its contents are read (see capture)
        self.known[addr] = rec
        held = self.hidden.pop(addr, None)
        if held is not None and (held[H_TYPE] != rec.typeid or held[H_PRINT] != _fingerprint(obj, t)):
            self._unlisted_gone(held)      # a new object in the block of one that died unseen
            held = None
        if held is not None:
            # it sat beyond every shown window since it was made: counted then, listed from now
            j["site"] = dict(held[H_SITE])
            j["madeAt"] = held[H_STEP]
            row = self._row(held[H_NAME], None)
            row[4] += 1
            row[5] += held[H_SIZE]
        if not rec.pinned:
            self.track_ops.append(addr)
            self.track_ops.append(rec.typeid)
        if origin == "runtime" and not rec.pinned and held is None:
            self.events.append('"%s"' % rec.oid)      # an alloc event, as wire.py writes it
            del j["createdAt"]     # the alloc event's step (see wire.py)
        return rec

    def _origin(self, obj, t, addr):
        """runtime (made by the program), or how a shared object came to exist."""
        if sys._is_immortal(obj) and (t is int or _builtin_singleton(obj, t)):
            return "cached" if t is int else "static"   # small-int cache, or a built-in singleton
        if addr in self.constants:
            return "constant"    # a constant of the program's code (CPython makes its strings immortal too)
        if sys._is_immortal(obj):
            return "static"
        if t is str and sys._is_interned(obj):
            return "interned"
        if self._is_library(obj, t):
            return "library"     # made by Python or an imported module before this line
        if self.earlier and self.earlier.get(addr) == id(t):
            return "earlier"     # made by an earlier run of a kept session (see earlier.py)
        return "runtime"

    def _is_library(self, obj, t):
        if t.__name__ in ("module", "builtin_function_or_method", "method_descriptor", "wrapper_descriptor"):
            return True
        if isinstance(obj, type):
            return obj.__module__ != "__main__"
        if t.__name__ == "function":
            code = getattr(obj, "__code__", None)
            return code is None or code.co_filename != LEARNER_FILE
        return False

    def _shape(self, obj, t, kind):
        """The language-neutral shape of an object (Trace v2): what a diagram or a sentence
        needs to know about it, whatever language made it."""
        if isinstance(obj, (str, bytes, bytearray)):
            return "text"    # read like a scalar, but text to a diagram or a sentence
        shape = _SHAPE_OF_KIND.get(kind)
        if shape is not None:
            return shape
        return _shape_of_type(obj, t)

    def _kind(self, obj, t):
        if t in (list, tuple) or (t.__name__ == "deque" and t.__module__ == "collections"):
            return "sequence"
        if isinstance(obj, dict):
            return "dict"
        if t in (set, frozenset):
            return "set"
        if t in SCALAR_TYPES:
            return "scalar"
        if t.__name__ == "function" and getattr(obj, "__code__", None) is not None \
                and obj.__code__.co_filename == LEARNER_FILE:
            return "function"
        if t.__name__ == "generator" and obj.gi_code.co_filename == LEARNER_FILE:
            return "generator"
        if t is _CELL_TYPE:
            return "cell"
        if isinstance(obj, type) and obj.__module__ == "__main__":
            return "class"
        if t.__name__ == "module":
            return "module"
        if t.__module__ == "__main__":
            return "instance"
        return "other"

    def _read_slots(self, obj, rec):
        """Reads the object's slots into rec.slots (addresses only); returns the children."""
        kind = rec.kind
        if kind in ("sequence", "set", "dict"):
            self.stats["slotsRead"] += len(obj)
        if kind == "sequence":
            items = list(obj)
            rec.slots = list(map(id, items))   # list(), unlike [], does not take a freed list's block
            return items[:CAP] + self._hide(items[CAP:], rec.oid)
        if kind == "set":
            items = list(obj)
            rec.slots = tuple([id(x) for x in items])
            return items[:CAP] + self._hide(items[CAP:], rec.oid)
        if kind == "dict":
            pairs = list(dict.items(obj))
            rec.slots = list([(id(k), id(v)) for k, v in pairs])
            shown = pairs[:CAP]
            out = []
            for k, v in shown:
                out.append(k)
                out.append(v)
            rest = []
            for k, v in pairs[CAP:]:
                rest.append(k)
                rest.append(v)
            return out + self._hide(rest, rec.oid)
        if kind in _NAMED_KINDS:
            named = self._named_slots(obj, kind)
            rec.slots = tuple([(name, id(v)) for name, v in named])
            return [v for _, v in named]
        rec.slots = None
        return []
