/**
 * Memory traps a learner meets next: a mutable default value shared by every call,
 * `[[0] * n] * m` rows that are one list, a shallow copy whose inner lists are still shared,
 * and a big object kept alive by a name nobody reads any more. Each is reported only when
 * the trace shows it happening in this run.
 */
import type { HeapObject, Slot } from "../../../core/trace.js";
import { ctxOf, descendants, isCallOf, isMethodCall, isName, node, nodes, type PyNode } from "../ast.js";
import { keptAlive } from "../kept-alive.js";
import { code } from "../patterns.js";
import type { Candidate, PythonContext, Rule } from "../rule.js";

/** Methods that change a list, dict or set in place. */
const MUTATORS = new Set(["append", "extend", "insert", "pop", "remove", "clear", "add", "update", "setdefault", "discard", "sort", "reverse", "popitem"]);
const MUTABLE_DISPLAYS = new Set(["List", "Dict", "Set", "ListComp", "DictComp", "SetComp"]);
const CONTAINER_TYPES = new Set(["list", "dict", "set", "bytearray"]);

export const memoryTrap: Rule = {
  id: "memory-trap",
  kinds: ["default", "shared-rows", "shallow-copy", "kept-alive"],
  detect(ctx) {
    return [...mutableDefaults(ctx), ...sharedRows(ctx), ...shallowCopies(ctx), ...keptAlive(ctx)];
  },
};

function makesMutable(n: PyNode | undefined): boolean {
  return !!n && (MUTABLE_DISPLAYS.has(n._type) || (isCallOf(n, "list", "dict", "set", "bytearray") && nodes(n, "args").length === 0));
}

/** The program changes this name's object in place somewhere under `scope`. */
function mutates(ctx: PythonContext, scope: PyNode, name: string): boolean {
  return ctx.tree.namesIn(scope, name).some((n) => mutatesNode(ctx, n));
}

/** Changes recorded in place on an object (after step `from`), and its size and length at the end. */
function changesOf(ctx: PythonContext, id: string, base: HeapObject, from = 0): { changes: number; size: number; length: number } {
  let changes = 0;
  let size = base.size;
  let length = base.length ?? base.items?.length ?? 0;
  for (const [i, step] of ctx.trace.steps.entries()) {
    for (const e of step.events) {
      if (i < from) continue;
      if (e.kind !== "mutate" || e.id !== id) continue;
      changes++;
      if (e.size !== undefined) size = e.size;
      if (e.length !== undefined) length = e.length;
    }
  }
  return { changes, size, length };
}

/** `def add(item, bucket=[])` whose body changes `bucket`, called twice or more without it. */
function mutableDefaults(ctx: PythonContext): Candidate[] {
  const out: Candidate[] = [];
  for (const fn of ctx.tree.ofType("FunctionDef", "AsyncFunctionDef")) {
    const a = node(fn, "args")!;
    const positional = [...nodes(a, "posonlyargs"), ...nodes(a, "args")];
    const defaults = nodes(a, "defaults");
    const pairs: [PyNode, PyNode | undefined][] = [
      ...positional.slice(positional.length - defaults.length).map((p, i): [PyNode, PyNode | undefined] => [p, defaults[i]]),
      ...nodes(a, "kwonlyargs").map((p, i): [PyNode, PyNode | undefined] => [p, (a.kw_defaults as (PyNode | null)[])[i] ?? undefined]),
    ];
    const qualname = qualnameOf(ctx, fn);
    for (const [param, value] of pairs) {
      const name = String(param.arg);
      if (!makesMutable(value) || !mutates(ctx, fn, name)) continue;
      // the calls that got the default: the parameter bound to an object made on the def line
      const bound = ctx.trace.steps.flatMap((s) =>
        s.event === "call" && s.events.some((e) => e.kind === "call" && (e.name === qualname || e.name === fn.name) && !e.resumed)
          ? s.events.flatMap((e) => (e.kind === "rebind" && e.name === name && e.to && "ref" in e.to ? [e.to.ref] : []))
          : [],
      );
      const id = bound.find((ref) => ctx.trace.objects[ref]?.site.line === fn.lineno);
      if (!id) continue;
      const calls = bound.filter((ref) => ref === id).length;
      const { changes, size, length } = changesOf(ctx, id, ctx.trace.objects[id]!);
      if (calls < 2 || changes === 0) continue;
      out.push({
        kind: "default",
        about: "safety",
        lines: [fn.lineno ?? 0],
        evidence: { calls, changes, items: length, bytes: size },
        code: { fn: String(fn.name), param: name, fresh: ctx.source.segment(value!) },
      });
    }
  }
  return out;
}

function sameRef(a: Slot | null | undefined, b: Slot | null | undefined): boolean {
  return !!a && !!b && "ref" in a && "ref" in b && a.ref === b.ref;
}

/** The name calls of a function carry: `add`, `Box.add`, `outer.<locals>.inner`. */
function qualnameOf(ctx: PythonContext, fn: PyNode): string {
  const parts = [String(fn.name)];
  for (const a of ctx.tree.ancestors(fn)) {
    if (a._type === "ClassDef") parts.unshift(String(a.name));
    else if (a._type === "FunctionDef" || a._type === "AsyncFunctionDef") parts.unshift(`${String(a.name)}.<locals>`);
  }
  return parts.join(".");
}

/** `[[0] * n] * m`: m slots that refer to one inner list. */
function sharedRows(ctx: PythonContext): Candidate[] {
  const out: Candidate[] = [];
  for (const n of ctx.tree.ofType("BinOp")) {
    if (node(n, "op")?._type !== "Mult") continue;
    const [l, r] = [node(n, "left")!, node(n, "right")!];
    const [list, count] = l._type === "List" ? [l, r] : r._type === "List" ? [r, l] : [undefined, undefined];
    const elts = list ? nodes(list, "elts") : [];
    const inner = elts[0];
    const innerRepeat =
      inner?._type === "BinOp" && node(inner, "op")?._type === "Mult" && [node(inner, "left"), node(inner, "right")].some((x) => x?._type === "List");
    if (!list || !count || elts.length !== 1 || !(makesMutable(inner) || innerRepeat)) continue;
    const line = n.lineno ?? 0;
    // the list this line made whose slots all refer to one object
    const sameSlots = (items: HeapObject["items"]) => !!items && items.length >= 2 && items.every((s) => s && "ref" in s && sameRef(s, items[0]));
    const outer = Object.entries(ctx.trace.objects).find(([, o]) => o.site.line === line && o.type === "list" && sameSlots(o.items));
    if (!outer) continue;
    const shared = (outer[1].items![0] as { ref: string }).ref;
    const rows = outer[1].length ?? outer[1].items!.length;
    const { changes } = changesOf(ctx, shared, ctx.trace.objects[shared]!);
    const fix = `[${code(ctx.source.segment(inner!), "for", "_", "in", `range(${ctx.source.segment(count)})`)}]`;
    out.push({
      kind: "shared-rows",
      about: "safety",
      lines: [line],
      evidence: { rows, changes, bytes: 0 },
      code: { expr: ctx.source.segment(n), fix },
    });
  }
  return out;
}

/** `b = a.copy()` (or `a[:]`, `list(a)`, `copy.copy(a)`) of a list of lists, then `b[i][j] = …`. */
function shallowCopies(ctx: PythonContext): Candidate[] {
  const out: Candidate[] = [];
  for (const assign of ctx.tree.ofType("Assign")) {
    const target = nodes(assign, "targets")[0];
    const v = node(assign, "value")!;
    let of: PyNode | undefined;
    if (isMethodCall(v, "copy") && nodes(v, "args").length === 0) of = v.func.value;
    else if (isCallOf(v, "list") && nodes(v, "args").length === 1) of = nodes(v, "args")[0];
    else if (isMethodCall(v, "copy") && isName(v.func.value, "copy") && nodes(v, "args").length === 1) of = nodes(v, "args")[0];
    else if (v._type === "Subscript" && node(v, "slice")?._type === "Slice" && descendants(node(v, "slice")!).length === 1) of = node(v, "value");
    if (!isName(target) || !isName(of) || nodes(assign, "targets").length !== 1) continue;
    const name = String(target.id);
    const scope = ctx.tree.scopeOf(assign);
    // changed through an item of the copy: b[i][j] = …, b[i].append(…)
    const throughItem = ctx.tree.namesIn(scope, name).some((n) => {
      const item = ctx.tree.parent(n);
      if (item?._type !== "Subscript" || item.value !== n || ctxOf(item) !== "Load") return false;
      return mutatesNode(ctx, item);
    });
    if (!throughItem) continue;
    const copy = ctx.objectsOn([assign.lineno ?? 0], (o) => o.type === "list" || o.type === "dict")[0];
    const innerIds = (copy?.items ?? []).flatMap((s) => (s && "ref" in s && CONTAINER_TYPES.has(ctx.trace.objects[s.ref]?.type ?? "") ? [s.ref] : []));
    const changed = innerIds.filter((id) => changesOf(ctx, id, ctx.trace.objects[id]!, copy!.createdAt + 1).changes > 0);
    if (!copy || changed.length === 0) continue;
    out.push({
      kind: "shallow-copy",
      about: "safety",
      lines: [assign.lineno ?? 0],
      evidence: { shared: innerIds.length, changed: changed.length, bytes: 0 },
      code: { name, of: String(of.id), expr: ctx.source.segment(v) },
    });
  }
  return out;
}

/** This expression's object is changed in place right here: `x[j] = …`, `x.append(…)`, `x += …`. */
function mutatesNode(ctx: PythonContext, x: PyNode): boolean {
  const p = ctx.tree.parent(x);
  if (p?._type === "Attribute" && isMethodCall(ctx.tree.parent(p), ...MUTATORS)) return true;
  if (p?._type === "Subscript" && p.value === x && ctxOf(p) !== "Load") return true;
  return p?._type === "AugAssign" && p.target === x;
}
