/**
 * The index-bound rewrite of a recursion that slices its parameter: `f(a[1:])` becomes
 * `f(a, start=start + 1)`, and the body reads `a[start + i]` and `len(a) - start` instead.
 * Only done when every use of the parameter is one this mapping keeps exact.
 */
import type { Edit } from "../edit.js";
import { ctxOf, isCallOf, isName, isNode, isNonNegativeInt, node, nodes, type PyNode } from "./ast.js";
import type { PythonContext } from "./rule.js";

/** Uses where the parameter's truth is tested: `if a:`, `while a:`, `a and …`. */
const TESTS = new Set(["If", "While", "IfExp", "Assert"]);

export function recursionRewrite(ctx: PythonContext, fn: PyNode, sub: PyNode): Edit[] | undefined {
  if (fn._type !== "FunctionDef" || nodes(fn, "decorator_list").length > 0) return undefined;
  const a = node(fn, "args")!;
  if (node(a, "vararg") || node(a, "kwarg") || nodes(a, "kwonlyargs").length || nodes(a, "posonlyargs").length) return undefined;
  const params = nodes(a, "args");
  const seq = node(sub, "value");
  if (!isName(seq)) return undefined;
  const index = params.findIndex((p) => p.arg === seq.id);
  if (index < 0) return undefined;
  const name = String(fn.name);
  const start = ctx.tree.freshName("start", "first", "lo");
  const src = ctx.source;
  const edits: Edit[] = [];
  const replace = (n: PyNode, text: string) => edits.push({ start: src.start(n), end: src.end(n), text });

  for (const use of ctx.tree.namesIn(fn, seq.id)) {
    if (ctx.tree.functionOf(use) !== fn) return undefined; // a nested function or lambda sees it too
    if (ctxOf(use) !== "Load") return undefined;
    const parent = ctx.tree.parent(use)!;
    const grand = ctx.tree.parent(parent);
    if (parent._type === "Subscript" && parent.value === use) {
      const slice = node(parent, "slice")!;
      if (isCallOf(grand, name) && slice._type === "Slice") {
        // the recursive call itself: pass the list and where the rest begins
        const lower = node(slice, "lower");
        if (node(slice, "upper") || node(slice, "step") || !lower || !isNonNegativeInt(lower)) return undefined;
        if (nodes(grand, "args")[index] !== parent || nodes(grand, "keywords").length) return undefined;
        const args = nodes(grand, "args");
        replace(parent, seq.id);
        const last = args[args.length - 1]!;
        edits.push({ start: src.end(last), end: src.end(last), text: `, ${start}=${start} + ${String((lower as PyNode).value)}` });
      } else if (isNonNegativeInt(slice) && ctxOf(parent) === "Load") {
        const c = Number((slice as PyNode).value);
        replace(slice, c === 0 ? start : `${start} + ${c}`);
      } else return undefined;
    } else if (isCallOf(parent, "len") && nodes(parent, "args").length === 1) {
      replace(parent, `(len(${seq.id}) - ${start})`);
    } else if (truthTested(ctx, use)) {
      // `not a` reads best as "start has reached the end"; a plain `a` as "items are left"
      const not = parent._type === "UnaryOp" && isNode(parent.op) && parent.op._type === "Not";
      if (not) replace(parent, `${start} >= len(${seq.id})`);
      else replace(use, `${start} < len(${seq.id})`);
    } else return undefined;
  }
  // every recursive call must have been rewritten, and be a plain positional call
  const calls = ctx.tree.all.filter((n) => isCallOf(n, name) && ctx.tree.functionOf(n) === fn);
  if (!calls.every((c) => isSliceArg(nodes(c, "args")[index], seq.id))) return undefined;
  // the new parameter, with a default so the program's own calls need no change
  const tail = [...params, ...nodes(a, "defaults")].reduce((m, n) => Math.max(m, src.end(n)), 0);
  edits.push({ start: tail, end: tail, text: `, ${start}=0` });
  return edits;
}

/** Only the value's truth matters here: `if a:`, `while a and …:`, `not a` inside a test. */
function truthTested(ctx: PythonContext, use: PyNode): boolean {
  let cur = use;
  for (let p = ctx.tree.parent(cur); p; cur = p, p = ctx.tree.parent(p)) {
    if (p._type === "BoolOp" || (p._type === "UnaryOp" && isNode(p.op) && p.op._type === "Not")) continue;
    return TESTS.has(p._type) && p.test === cur;
  }
  return false;
}

function isSliceArg(arg: PyNode | undefined, seq: string): boolean {
  return !!arg && arg._type === "Subscript" && isName(arg.value, seq) && node(arg, "slice")?._type === "Slice";
}
