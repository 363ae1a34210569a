"""Closing a step: what a line's names and frames now hold, and the step written out."""

import ast
import builtins
import inspect
from itertools import islice
from .common import CAP, LEARNER_FILE, YIELD_VALUE, _MISSING, _UNKNOWN
from .frames import _CELL_ID, _STR_ID, _cell_slots, _frame_cells, _is_class_body, _visible_member
from .plans import global_stores, site_kind
from .quick import LEAVES
from .records import Rec
from .sizes import _CELL_SIZE, _MRO, _NAMESPACE, address_of
from .wire import compact, dumps, rebind_text

# the first characters of names a frame's scan may leave out (dunders, a comprehension's ".0")
_ODD_START = frozenset(("_", "."))

_NEW_KEY = object()   # module_extra: a key set in the module's namespace that the syntax cannot name

# the tracer's own id(): the program's id() is replaced while it runs (see sizes._learner_id)
id = builtins.id


def _frame_with_id(frames, fid):
    """The frame in `frames` (outermost first) whose id is `fid`, looked for from the top: the
    frame a line ran in is almost always the innermost, so a deep recursion costs one id() here
    (each id() is an audited event, which the sandbox's hook hears), not one per frame."""
    for i in range(len(frames) - 1, -1, -1):
        f = frames[i]
        if id(f) == fid:
            return f
    return None


class Steps:
    """Closing a step: what a line's names and frames now hold, and the step written out. Part of Tracer."""

    __slots__ = ()    # the attributes are Tracer's (see its __slots__)

    def resolve(self, node, frame):
        """Evaluates a target expression without running any of the learner's code."""
        if isinstance(node, ast.Name):
            f_locals = frame.f_locals
            if node.id in f_locals:
                return f_locals[node.id]
            g = frame.f_globals
            if node.id in g:
                return g[node.id]
            return builtins.__dict__.get(node.id, _MISSING)
        if isinstance(node, ast.Attribute):
            base = self.resolve(node.value, frame)
            if base is _MISSING:
                return _MISSING
            t = type(base)
            if t.__name__ == "module":
                return base.__dict__.get(node.attr, _MISSING)
            for klass in _MRO(t):
                namespace = _NAMESPACE(klass)
                if node.attr in namespace:
                    desc = namespace[node.attr]
                    if hasattr(type(desc), "__set__") or hasattr(type(desc), "__get__") and klass.__module__ == "__main__" and not callable(desc):
                        return _UNKNOWN
                    break
            try:
                d = object.__getattribute__(base, "__dict__")
                if node.attr in d:
                    return d[node.attr]
            except (AttributeError, TypeError):
                pass
            if isinstance(base, type):
                return base.__dict__.get(node.attr, _MISSING)
            return _UNKNOWN
        if isinstance(node, ast.Subscript):
            base = self.resolve(node.value, frame)
            if base is _MISSING or base is _UNKNOWN:
                return base
            key = self.resolve_key(node.slice, frame)
            if key is _UNKNOWN:
                return _UNKNOWN
            t = type(base)
            try:
                if t is list or t is tuple:
                    return base[key] if type(key) is int else _UNKNOWN
                if t is dict:
                    return dict.get(base, key, _MISSING) if type(key) in (int, str, float, bool, tuple) else _UNKNOWN
            except IndexError:
                return _MISSING
            return _UNKNOWN
        return _UNKNOWN

    def calls_learner_code(self, func, frame):
        """Does calling `func` run the learner's own (traced) code? None: cannot tell."""
        if isinstance(func, ast.Name):
            callee = self.resolve(func, frame)
            if callee is _MISSING:
                callee = builtins.__dict__.get(func.id, _UNKNOWN)
        elif isinstance(func, ast.Attribute):
            base = self.resolve(func.value, frame)
            if base is _UNKNOWN or base is _MISSING:
                return None
            try:
                callee = inspect.getattr_static(base, func.attr)
            except AttributeError:
                return None
        else:
            return None
        if callee is _UNKNOWN:
            return None
        if isinstance(callee, (staticmethod, classmethod)):
            callee = callee.__func__
        elif isinstance(callee, property):
            callee = callee.fget
        if isinstance(callee, type):
            return callee.__module__ == "__main__"
        code = getattr(callee, "__code__", None)
        return code is not None and code.co_filename == LEARNER_FILE

    def resolve_key(self, node, frame):
        if isinstance(node, ast.Constant):
            return node.value
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub) and isinstance(node.operand, ast.Constant):
            return -node.operand.value
        if isinstance(node, ast.Name):
            v = self.resolve(node, frame)
            return v if type(v) in (int, str) else _UNKNOWN
        return _UNKNOWN

    def key_site(self, hint, site):
        """The site of a key a line stores with (`d[f"k{i}"] = v`): its own expression, not the
        line's value."""
        node = hint[2] if len(hint) > 2 else None
        if node is None or isinstance(node, (ast.Name, ast.Constant)):
            return site
        key = ("key", id(node))
        found = self.site_cache.get(key)
        if found is None:
            what = (self.text.segment(node) or "").split("\n", 1)[0][:80]
            found = self.site_cache[key] = {"line": site["line"], "what": what, "kind": site_kind(node)}
            self.wire.keep_site(found)
        return found

    def site_for(self, line):
        site = self.site_cache.get(line)
        if site is None:
            site = self.site_cache[line] = self._site_for(line)
            self.wire.keep_site(site)
        return site

    def _site_for(self, line):
        plan = self.plans.get(line)
        lines = self.text.lines
        what = plan.stmt_text if plan else (lines[line - 1].strip() if 0 < line <= len(lines) else "")
        site = {"line": line, "what": what}
        if plan is not None and plan.value_node is not None:
            site["kind"] = site_kind(plan.value_node)
            seg = self.text.segment(plan.value_node)
            if seg:
                site["what"] = seg.split("\n", 1)[0][:80]
            if site["kind"] == "slice":
                base = self.text.segment(plan.value_node.value)
                if base:
                    site["of"] = base[:40]
        return site

    def close_step(self, frame, event, arg, frames, site_line=None):
        """Records the effects of the interval that just ended, as one step."""
        pending = self.pending
        line = pending[0] if pending else frame.f_lineno
        site = self.site_for(site_line or line)
        self.free_dead()
        # 1. what the line's syntax says it may have changed
        if pending is not None and pending[2] != "call":
            plan = self.plans.get(line)
            run_frame = _frame_with_id(frames, pending[1])
            if plan is not None:
                if plan.full or run_frame is None:
                    self.full_rescan = True
                else:
                    for func, args in plan.calls:
                        learner = self.calls_learner_code(func, run_frame)
                        if learner is None:
                            self.full_rescan = True
                            continue
                        if learner:
                            continue   # the learner's own code: its lines were traced
                        for a in args:
                            if isinstance(a, (ast.Name, ast.Attribute, ast.Subscript)):
                                self.dirty_objs.append(a)
                            elif not isinstance(a, (ast.Constant, ast.Lambda)):
                                v = a
                                # nested expressions made new values: only names can be changed
                                for sub in ast.walk(v):
                                    if isinstance(sub, ast.Name):
                                        self.dirty_objs.append(sub)
                    for t in plan.targets:
                        self.dirty_objs.append(t)
            resolved = []
            hints = plan.hints if plan is not None else {}
            if run_frame is not None:
                for t in self.dirty_objs:
                    v = self.resolve(t, run_frame)
                    if v is _UNKNOWN:
                        self.full_rescan = True
                    elif v is not _MISSING and type(v) not in LEAVES:
                        hint = hints.get(id(t))
                        if type(hint) is tuple:
                            # the key's own expression: an object it makes is told as made there
                            hint = ("item", self.resolve_key(hint[1], run_frame), hint[1])
                        resolved.append((v, hint))
            self.dirty_objs.clear()
            seen = set()
            module_ns = id(frames[0].f_globals) if frames else None
            for v, hint in resolved:
                if id(v) == module_ns:
                    # the module's names changed through a name for its namespace
                    if type(hint) is tuple and self.module_extra is not False:
                        # a key the syntax cannot name is new, and so last in the namespace's order,
                        # unless it was there: module_names tells the two apart by the count
                        key = hint[1] if type(hint[1]) is str else _NEW_KEY
                        self.module_extra = (self.module_extra or frozenset()) | {key}
                    else:
                        self.module_extra = False
                if id(v) in seen:
                    hint = None     # changed in more than one way: read it all
                seen.add(id(v))
                if hint is None or not self.reread_hinted(v, hint, site):
                    self.reread(v, site)
            resolved = None
        for g in self.dirty_gens:
            self.reread(g, site)
        self.dirty_gens.clear()   # the same list: a new one could take a block the program freed
        # 2. the stack: frames pushed and popped, names bound, rebound and removed
        stack_json = self.scan_stack(frames, frame, event, arg, site, pending)
        # 3. a full re-read when the line's syntax could not name what it changed
        if self.full_rescan:
            self.full_rescan = False
            self.reread_all(frames, site)
        # 4. objects made within the line
        self.take_temps(site)
        if pending is not None and line in self.loops:
            self.mark_loop_changes(line, pending[1], frames)
        kind = pending[2] if pending else event
        raised = ',"raised":' + dumps(self.raised) if self.raised else ""
        self.step_texts.append(self.wire.step_text(line, kind, frames[-1].f_lineno if frames else 0, stack_json,
                                                   self.events, self.unlisted_json() + raised))
        self.last_line = line
        self.events.clear()   # the same list, not a new one (see give_back_blocks)
        self.freed_now.clear()
        self.step_index += 1

    def scan_stack(self, frames, frame, event, arg, site, pending):
        """Records what changed on the stack since the last step, as JSON fields of the step.

        Only frames that can have changed are read: frames new on the stack, the innermost
        one, the one whose line ran, the module's (any function may set a global) and frames
        whose names closures share (a cell). A caller waiting for a call keeps its names, so a
        deep recursion costs what its top frame does, not the depth."""
        emitted = self.emitted
        n = len(frames)
        keep = min(len(emitted), n)
        while keep > 0:
            f = frames[keep - 1]
            if emitted[keep - 1] == (id(f), id(f.f_code)):
                break
            keep -= 1
        popped = ()
        if keep < len(emitted):
            popped = emitted[keep:]
            del emitted[keep:]
            for fid, _ in popped:
                self.frame_index.pop(fid, None)
                self.cell_frames.discard(fid)
                if fid not in self.suspended:
                    self._drop_frame(fid)
        scan = {n - 1, 0} if n else set()
        if pending is not None:
            i = self.frame_index.get(pending[1])
            if i is not None and i < n:
                scan.add(i)
        for fid in self.cell_frames:
            scan.add(self.frame_index[fid])
        pushes = []
        for index in range(keep, n):
            f = frames[index]
            fid = id(f)
            state = self.frame_state.get(fid)
            if state is not None and state[0] != id(f.f_code):
                self._drop_frame(fid)
            emitted.append((fid, id(f.f_code)))
            self.frame_index[fid] = index
            if f.f_code.co_cellvars or f.f_code.co_freevars:
                self.cell_frames.add(fid)   # a closure may change its names from above
            pushes.append(index)
            scan.add(index)
        pushed_json = []
        returned = None
        for index in sorted(scan):
            if index >= n:
                continue
            f = frames[index]
            code = f.f_code
            slots = self.cell_slots.get(id(code))
            if slots is None:
                slots = self.cell_slots[id(code)] = _cell_slots(code)
            # a frame's cells are made when it starts and stay its own: told with the frame
            cells = self.read_cells(f, slots, site) if slots else None
            only = self.module_names(index, frames, pending) if index == 0 else None
            vars_json = self._scan_frame(index, f, site, index >= keep, only)
            if vars_json is not None:
                entry = {"name": code.co_qualname, "line": f.f_lineno}
                if vars_json:
                    entry["vars"] = vars_json
                if cells:
                    entry["cells"] = cells
                pushed_json.append(entry)
            if event == "return" or self.frame_state[id(f)][2] is not None:
                r = self._returned(index, f, frame, event, arg, site)
                if r is not None:
                    returned = r
        parts = ['"top":%d,' % (frames[-1].f_lineno if n else 0)]
        if popped or pushed_json:
            stack = {}
            if popped:
                stack["pop"] = len(popped)
            if pushed_json:
                stack["push"] = pushed_json
            parts.append('"stack":%s,' % compact(stack))
        if returned is not None:
            parts.append('"returned":"%s",' % returned)
        return "".join(parts)

    def module_names(self, index, frames, pending):
        """The module's names that can have changed since the last step, or None for all: those
        the running line of the module binds, or the globals the running function stores, and
        keys set in the module's namespace through a name for it (`g = globals()`)."""
        extra, self.module_extra = self.module_extra, None
        if self.full_rescan or pending is None or extra is False:
            return None
        i = self.frame_index.get(pending[1])
        if i is None or i >= len(frames):
            return None
        if i == index:
            names = self.module_binds.get(pending[0])
            if names is None:
                return None
        else:
            code = frames[i].f_code
            names = self.global_stores.get(id(code))
            if names is None:
                names = self.global_stores[id(code)] = global_stores(code)
        if extra and _NEW_KEY in extra:
            namespace = frames[index].f_globals
            state = self.frame_state.get(id(frames[index]))
            grown = len(namespace) - len(state[1]) - self.module_skipped if state else 0
            if not 0 < grown <= 8:
                return None     # a key that was there changed, or too many came: read them all
            extra = (extra - {_NEW_KEY}) | frozenset(islice(reversed(namespace), grown))
        return names | extra if extra else names

    def _scan_frame(self, index, f, site, pushed, only=None):
        """Reads one frame's names against what was recorded; emits rebind events. For a frame
        new on the stack, returns the names it already had (a resumed generator's) as JSON.

        `only`: for a module's frame, the names that can have changed (see module_names); the
        rest are not read, so a step costs what its line binds, not the number of globals."""
        code = f.f_code
        is_class_body = _is_class_body(code)
        fid = id(f)
        state = self.frame_state.get(fid)
        is_module = f.f_back is None or code.co_name == "<module>"
        vars_json = {} if pushed else None
        # a module's names are its globals (an inlined comprehension's loop variable is not one)
        names = f.f_globals if is_module else f.f_locals
        if only is not None and is_module and state and not pushed:
            recorded = state[1]
            old = {k: recorded[k] for k in only if k in recorded}
            items = [(k, names[k]) for k in only if k in names]
        else:
            only = None
            recorded = None
            old = dict(state[1]) if state else {}
            items = names.items()
        new = {}
        self.names_read += len(items)
        hook = self.installed_hook
        for k, v in items:
            if k[:1] in _ODD_START:
                if k.startswith("__") and k.endswith("__") and not (is_class_body and _visible_member(k, v)):
                    continue
                if k.startswith("."):
                    continue
            if v is hook:
                continue
            a = id(v)
            rec = self.known.get(a)
            if rec is not None and old.get(k) == a and rec.typeid == _STR_ID and type(v) is str \
                    and not rec.pinned and len(v) > rec.length:
                # not freed, yet longer: `s += t` grew the only reference's string in place
                self._grown_in_place(rec, v)
            if rec is not None and old.get(k) == a and (rec.typeid != _STR_ID or self._same(rec, v)):
                # the same binding to a live object
                new[k] = a
                if pushed:
                    vars_json[k] = {"ref": rec.oid}
                continue
            if pushed and rec is not None and self.earlier_names.get(k) == a and self._same(rec, v):
                # a name an earlier run of the session bound: the frame starts with it, not a rebind
                del self.earlier_names[k]
                rec.indeg += 1
                new[k] = a
                vars_json[k] = {"ref": rec.oid}
                continue
            if rec is None or not self._same(rec, v):
                if rec is not None and old.get(k) == a:
                    # the name still holds this address, but a new object lives there now
                    old[k] = -1
                rec = self.capture(v, site)
            new[k] = a
            if old.get(k) != a:
                rec.indeg += 1
                prev = old.get(k)
                was = None
                if prev is not None and prev != -1:
                    prev_rec = self.known.get(prev)
                    if prev_rec is not None:
                        was = prev_rec.oid
                    elif prev in self.freed_now:
                        was = self.freed_now[prev]
                if prev is not None:
                    self._release(prev)
                self.events.append(rebind_text(index, k, rec.oid, was))
            elif pushed:
                vars_json[k] = {"ref": rec.oid}
        for k, a in old.items():
            if k not in new:
                prev_rec = self.known.get(a)
                was = prev_rec.oid if prev_rec is not None else self.freed_now.get(a)
                self.events.append(rebind_text(index, k, None, was))
                self._release(a)
        if is_module and id(names) in self.known:
            # the program holds the namespace as a dict (`globals()`): it changed with the names
            for k in [k for k in old if old[k] != new.get(k)] + [k for k in new if k not in old]:
                if not self.reread_hinted(names, ("item", k), site):
                    self.reread(names, site)
                    break
        if recorded is not None:
            for k in old:
                if k not in new:
                    del recorded[k]
            recorded.update(new)
            if len(names) != len(recorded) + self.module_skipped:
                # a name came or went by a way the syntax did not show: read them all
                return self._scan_frame(index, f, site, pushed)
            return vars_json
        if is_module:
            self.module_skipped = len(names) - len(new)
        ret = state[2] if state else None
        self.frame_state[fid] = (id(code), new, ret)
        return vars_json

    def _returned(self, index, f, frame, event, arg, site):
        """The value a returning frame hands back (its oid), kept counted while it is shown."""
        fid = id(f)
        state = self.frame_state[fid]
        ret = state[2]
        code = f.f_code
        if event == "return" and f is frame and code.co_name != "<module>" and not self._is_yield(f) \
                and not _is_class_body(code):
            rv = self.capture(arg, site)
            if ret != id(arg):
                rv.indeg += 1
                if ret is not None:
                    self._release(ret)
            self.frame_state[fid] = (state[0], state[1], id(arg))
            return rv.oid
        if ret is not None:
            self._release(ret)
            self.frame_state[fid] = (state[0], state[1], None)
        return None

    def read_cells(self, frame, slots, site):
        """Records the frame's cells as they are now: a new one (made when the frame
        started), or a new value in one it had. The frame gives the cells' addresses (read
        by the host) and their values (f_locals reads through them): never the cells.
        Returns {name: id of its cell}."""
        out = {}
        names = None
        for name, addr in _frame_cells(frame, slots, self.peek):
            if names is None:
                names = frame.f_locals
            value = names[name] if name in names else _MISSING     # _MISSING: an empty cell
            self.cell_names[addr] = name
            rec = self.known.get(addr)
            if rec is None or rec.typeid != _CELL_ID:
                if rec is not None:
                    self._forget(rec)      # the block was freed and reused by this cell
                rec = self._record_cell(addr, name, value, site)
            else:
                new = () if value is _MISSING else ((name, id(value)),)
                if new != rec.slots:
                    old = rec.slots
                    rec.slots = new
                    changes = self._diff(rec, "cell", old, new, () if value is _MISSING else ((name, value),), site)
                    self.events.append({"kind": "mutate", "id": rec.oid, "changes": changes})
            out[name] = rec.oid
        return out

    def _record_cell(self, addr, name, value, site):
        """Records a cell known only by its address, holding `value`, as `_record` would."""
        rec = Rec()
        rec.oid = "o%d" % self.next_oid
        self.next_oid += 1
        rec.addr = addr
        rec.typeid = _CELL_ID
        rec.tname = "cell"
        rec.kind = "cell"
        rec.mutable = True
        rec.size = _CELL_SIZE
        rec.slots = ()
        self.known[addr] = rec
        self.hidden.pop(addr, None)
        self.track_ops.append(addr)
        self.track_ops.append(_CELL_ID)
        self.events.append('"%s"' % rec.oid)      # an alloc event, as wire.py writes it
        attributes = {}
        if value is not _MISSING:
            vr = self._ref(value, site)
            vr.indeg += 1
            rec.slots = ((name, id(value)),)
            attributes[name] = {"ref": vr.oid}
        j = {"type": "cell", "shape": "record", "mutable": True, "holds": "variable", "size": rec.size,
             "address": address_of(addr), "site": dict(site), "name": name, "attributes": attributes}
        self.object_ids.append(rec.oid)
        self.object_texts.append(self.wire.object_text(j))     # made at its alloc event's step
        return rec

    def mark_loop_changes(self, line, frame_id, frames):
        """A list that a running `for` loop walks, made longer or shorter by this line: the
        loop will skip or repeat items (the classic remove-while-iterating bug)."""
        changed = [ev for ev in self.events if type(ev) is dict and ev["kind"] == "mutate" and any(
            c.get("op") == "splice" and c.get("remove", 0) != c.get("insertCount", len(c.get("insert", ())))
            for c in ev["changes"])]
        if not changed:
            return
        run_frame = _frame_with_id(frames, frame_id)
        if run_frame is None:
            return
        names = run_frame.f_globals if run_frame.f_code.co_name == "<module>" else run_frame.f_locals
        for for_line, name in self.loops[line]:
            value = names.get(name, None) if hasattr(names, "get") else None
            rec = self.known.get(id(value)) if value is not None else None
            if rec is None:
                continue
            for ev in changed:
                if ev["id"] == rec.oid:
                    ev["duringLoop"] = for_line

    def _drop_frame(self, fid):
        state = self.frame_state.pop(fid, None)
        if state is None:
            return
        for a in state[1].values():
            self._release(a)
        if state[2] is not None:
            self._release(state[2])

    def _is_yield(self, frame):
        code = frame.f_code
        if not code.co_flags & 0x20:   # CO_GENERATOR
            return False
        lasti = frame.f_lasti
        return 0 <= lasti < len(code.co_code) and code.co_code[lasti] == YIELD_VALUE

    def reread_all(self, frames, site):
        self.stats["fullRescans"] += 1
        seen = set()
        work = []
        for f in frames:
            items = f.f_globals.values() if f.f_code.co_name == "<module>" else f.f_locals.values()
            work.extend(items)
        while work:
            obj = work.pop()
            a = id(obj)
            if a in seen:
                continue
            seen.add(a)
            rec = self.known.get(a)
            if rec is None or not rec.mutable or rec.slots is None:
                continue
            self.reread(obj, site)
            kind = rec.kind
            if kind in ("sequence", "set"):
                work.extend(list(obj)[:CAP])
            elif kind == "dict":
                for k, v in list(dict.items(obj))[:CAP]:
                    work.append(v)
            else:
                work.extend(v for _, v in self._named_slots(obj, kind))
