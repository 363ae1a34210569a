/**
 * Hand-written loops that Python's built-ins and standard library already provide: counting
 * into a dict, adding up, finding the largest or smallest, sorting by swaps, flattening,
 * removing duplicates. Each matcher checks the exact shape, so a loop doing more is left alone.
 */
import { ctxOf, descendants, isCallOf, isConstant, isMethodCall, isName, node, nodes, sameCode, type PyNode } from "./ast.js";
import { accumulatingLoop, previousStatement } from "./patterns.js";
import type { PythonContext } from "./rule.js";

export interface StdlibMatch {
  kind: "count" | "sum" | "max" | "min" | "sort" | "flatten" | "dedupe";
  /** the name the loop fills, or the list it sorts */
  name: string;
  /** the statement before the loop that starts it off, replaced along with the loop */
  init?: PyNode;
  loop: PyNode;
  /** for count and sum: what each turn counts or adds, when it is not the loop variable itself */
  item?: PyNode | string;
  cond?: PyNode;
}

/** The one shape this loop has, if any. */
export function matchStdlib(ctx: PythonContext, loop: PyNode): StdlibMatch | undefined {
  if (loop._type !== "For" || nodes(loop, "orelse").length) return undefined;
  return counting(ctx, loop) ?? summing(ctx, loop) ?? extreme(ctx, loop) ?? flattening(ctx, loop) ?? dedupe(ctx, loop) ?? sorting(ctx, loop);
}

/** `name = init` right before the loop, where init passes the test. */
function initOf(ctx: PythonContext, loop: PyNode, test: (value: PyNode) => boolean): { init: PyNode; name: string } | undefined {
  const init = previousStatement(ctx, loop);
  const target = init && nodes(init, "targets")[0];
  if (init?._type !== "Assign" || nodes(init, "targets").length !== 1 || !isName(target) || !test(node(init, "value")!)) return undefined;
  return { init, name: String(target.id) };
}

const isEmpty = (type: "Dict" | "List", call: string) => (v: PyNode) =>
  (v._type === type && nodes(v, type === "Dict" ? "keys" : "elts").length === 0) || (isCallOf(v, call) && nodes(v, "args").length === 0);

function subscriptOf(n: PyNode | undefined, name: string): PyNode | undefined {
  return n?._type === "Subscript" && isName(n.value, name) ? node(n, "slice") : undefined;
}

function isInt(n: PyNode | undefined, value: number): boolean {
  return isConstant(n, value);
}

/** `counts = {}` + `for w in words:` counting each key with `in`/`get`. */
function counting(ctx: PythonContext, loop: PyNode): StdlibMatch | undefined {
  const start = initOf(ctx, loop, isEmpty("Dict", "dict"));
  if (!start) return undefined;
  const d = start.name;
  const body = nodes(loop, "body");
  // the key of `d[key] += 1`, and of `d[key] = v`
  const incr = (s: PyNode | undefined) =>
    s?._type === "AugAssign" && node(s, "op")?._type === "Add" && isInt(node(s, "value"), 1) ? subscriptOf(node(s, "target"), d) : undefined;
  const set = (s: PyNode | undefined, v: number) =>
    s?._type === "Assign" && nodes(s, "targets").length === 1 && isInt(node(s, "value"), v) ? subscriptOf(nodes(s, "targets")[0], d) : undefined;
  let key: PyNode | undefined;
  const first = body[0];
  if (body.length === 1 && first?._type === "If") {
    const test = node(first, "test")!;
    const op = nodes(test, "ops")[0]?._type;
    const inD = test._type === "Compare" && nodes(test, "ops").length === 1 && isName(nodes(test, "comparators")[0], d);
    const [yes, no] = [nodes(first, "body"), nodes(first, "orelse")];
    if (inD && yes.length === 1 && no.length === 1) {
      const k = node(test, "left");
      const keys = op === "In" ? [incr(yes[0]), set(no[0], 1)] : op === "NotIn" ? [set(yes[0], 1), incr(no[0])] : [];
      if (keys.length === 2 && keys.every((x) => sameCode(x, k))) key = k;
    }
  } else if (body.length === 1 && first?._type === "Assign") {
    // counts[w] = counts.get(w, 0) + 1
    const k = subscriptOf(nodes(first, "targets")[0], d);
    const v = node(first, "value");
    const get = v?._type === "BinOp" && node(v, "op")?._type === "Add" && isInt(node(v, "right"), 1) ? node(v, "left") : undefined;
    if (k && isMethodCall(get, "get") && isName(get.func.value, d) && sameCode(nodes(get, "args")[0], k) && isInt(nodes(get, "args")[1], 0)) key = k;
  } else if (body.length === 2 && first?._type === "If" && nodes(first, "orelse").length === 0) {
    // if w not in counts: counts[w] = 0 / counts[w] += 1
    const test = node(first, "test")!;
    const k = subscriptOf(nodes(nodes(first, "body")[0]!, "targets")[0], d);
    const notIn = test._type === "Compare" && nodes(test, "ops")[0]?._type === "NotIn" && isName(nodes(test, "comparators")[0], d);
    const zeroThenAdd = sameCode(set(nodes(first, "body")[0], 0), k) && sameCode(incr(body[1]), k);
    if (k && notIn && nodes(first, "body").length === 1 && zeroThenAdd && sameCode(node(test, "left"), k)) key = k;
  }
  if (!key || ctx.tree.namesIn(key, d).length) return undefined;
  return { kind: "count", name: d, init: start.init, loop, item: key };
}

/** `total = 0` + `for x in xs: total += x`. */
function summing(ctx: PythonContext, loop: PyNode): StdlibMatch | undefined {
  const acc = accumulatingLoop(ctx, loop);
  if (!acc || ctx.source.segment(node(acc.init, "value")!) !== "0") return undefined;
  const m: StdlibMatch = { kind: "sum", name: acc.acc, init: acc.init, loop, item: acc.added };
  if (acc.cond) m.cond = acc.cond;
  return m;
}

/** `best = xs[0]` + `for x in xs: if x > best: best = x` (or `<` for the smallest). */
function extreme(ctx: PythonContext, loop: PyNode): StdlibMatch | undefined {
  const iter = node(loop, "iter")!;
  const seq = isName(iter) ? iter : iter._type === "Subscript" && isName(iter.value) ? (iter.value as PyNode) : undefined;
  const x = node(loop, "target");
  if (!seq || !isName(x)) return undefined;
  const start = initOf(ctx, loop, (v) => isConstant(subscriptOf(v, String(seq.id)), 0));
  const body = nodes(loop, "body");
  const stmt = body[0];
  if (!start || body.length !== 1 || stmt?._type !== "If" || nodes(stmt, "orelse").length || nodes(stmt, "body").length !== 1) return undefined;
  const m = start.name;
  const set = nodes(stmt, "body")[0]!;
  if (set._type !== "Assign" || !isName(nodes(set, "targets")[0], m) || !isName(node(set, "value"), String(x.id))) return undefined;
  const test = node(stmt, "test")!;
  const op = nodes(test, "ops")[0]?._type;
  if (test._type !== "Compare" || nodes(test, "ops").length !== 1) return undefined;
  const [l, r] = [node(test, "left"), nodes(test, "comparators")[0]];
  const xFirst = isName(l, String(x.id)) && isName(r, m);
  const mFirst = isName(l, m) && isName(r, String(x.id));
  if ((xFirst && op === "Gt") || (mFirst && op === "Lt")) return { kind: "max", name: m, init: start.init, loop, item: ctx.source.segment(seq) };
  if ((xFirst && op === "Lt") || (mFirst && op === "Gt")) return { kind: "min", name: m, init: start.init, loop, item: ctx.source.segment(seq) };
  return undefined;
}

/** `flat = []` + `for row in grid: for x in row: flat.append(x)`. */
function flattening(ctx: PythonContext, loop: PyNode): StdlibMatch | undefined {
  const start = initOf(ctx, loop, isEmpty("List", "list"));
  const inner = nodes(loop, "body")[0];
  if (!start || nodes(loop, "body").length !== 1 || inner?._type !== "For" || nodes(inner, "orelse").length) return undefined;
  const row = node(loop, "target");
  if (!isName(row) || !isName(node(inner, "iter"), String(row.id))) return undefined;
  const x = node(inner, "target");
  return isName(x) && appendsTarget(inner, start.name, String(x.id)) ? { kind: "flatten", name: start.name, init: start.init, loop } : undefined;
}

/** `unique = []` + `for x in xs: if x not in unique: unique.append(x)`. */
function dedupe(ctx: PythonContext, loop: PyNode): StdlibMatch | undefined {
  const start = initOf(ctx, loop, isEmpty("List", "list"));
  const stmt = nodes(loop, "body")[0];
  const x = node(loop, "target");
  if (!start || !isName(x) || nodes(loop, "body").length !== 1 || stmt?._type !== "If" || nodes(stmt, "orelse").length) return undefined;
  const test = node(stmt, "test")!;
  const notIn =
    test._type === "Compare" &&
    nodes(test, "ops")[0]?._type === "NotIn" &&
    isName(node(test, "left"), String(x.id)) &&
    isName(nodes(test, "comparators")[0], start.name);
  return notIn && appendsTarget(stmt, start.name, String(x.id)) ? { kind: "dedupe", name: start.name, init: start.init, loop } : undefined;
}

/** The block's only statement is `name.append(item)`. */
function appendsTarget(block: PyNode, name: string, item: string): boolean {
  const body = nodes(block, "body");
  const call = body.length === 1 && body[0]!._type === "Expr" ? node(body[0]!, "value") : undefined;
  return isMethodCall(call, "append") && isName(call.func.value, name) && nodes(call, "args").length === 1 && isName(nodes(call, "args")[0], item);
}

/** Nested loops that compare two items of one list and swap them: a hand-made sort. */
function sorting(ctx: PythonContext, loop: PyNode): StdlibMatch | undefined {
  const list = swappedList(loop);
  if (!list) return undefined;
  // report the outermost loop of the sort only
  if (ctx.tree.loopsAround(loop).some((outer) => outer._type === "For" && swappedList(outer) === list)) return undefined;
  return { kind: "sort", name: list, loop };
}

function swappedList(loop: PyNode): string | undefined {
  const inside = descendants(loop);
  if (!inside.some((n) => n !== loop && n._type === "For")) return undefined;
  for (const n of inside) {
    if (n._type !== "Assign") continue;
    const [t, v] = [nodes(n, "targets")[0], node(n, "value")];
    if (t?._type !== "Tuple" || v?._type !== "Tuple" || nodes(t, "elts").length !== 2) continue;
    const [a, b] = nodes(t, "elts");
    const [c, d] = nodes(v, "elts");
    const list = a?._type === "Subscript" && isName(a.value) ? String(a.value.id) : undefined;
    const items = [a, b, c, d].map((e) => subscriptOf(e, list ?? ""));
    // a[i], a[j] = a[j], a[i]
    const swapped = sameCode(subscriptOf(a, list ?? ""), subscriptOf(d, list ?? "")) && sameCode(subscriptOf(b, list ?? ""), subscriptOf(c, list ?? ""));
    if (!list || items.some((i) => !i) || ctxOf(a!) !== "Store" || !swapped) continue;
    const compares = inside.some((m) => m._type === "Compare" && subscriptOf(node(m, "left"), list) && subscriptOf(nodes(m, "comparators")[0], list));
    if (compares) return list;
  }
  return undefined;
}
