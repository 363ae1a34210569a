/**
 * Practice 1, slicing copies: `a[i:j]` builds a new list (or str, bytes) and copies the
 * items over. Flagged where the copy is wasted: made again on every turn of a loop, passed
 * down a recursion (`f(a[1:])`), or made only to be read once (`sum(a[1:4])`,
 * `for x in a[1:]`). A slice the program keeps and changes is needed, and is left alone.
 */
import type { Edit } from "../../edit.js";
import { ctxOf, isCallOf, isMethodCall, isName, isNode, node, nodes, type PyNode } from "../ast.js";
import type { Candidate, PythonContext, Rule } from "../rule.js";
import { recursionRewrite } from "../slice-recursion.js";

/** Calls that read an iterable once, from start to end, and keep nothing of it. */
const READERS = new Set(["sum", "min", "max", "any", "all", "sorted", "set", "frozenset", "tuple", "enumerate", "zip", "map", "filter"]);

export const sliceCopy: Rule = {
  id: "slice-copy",
  kinds: ["loop", "recursion", "once"],
  detect(ctx) {
    const out: Candidate[] = [];
    const seenLines = new Set<number>();
    for (const sub of ctx.tree.ofType("Subscript")) {
      const slice = node(sub, "slice");
      if (!slice || slice._type !== "Slice" || ctxOf(sub) !== "Load") continue;
      const line = sub.lineno ?? 0;
      if (seenLines.has(line)) continue;
      const kind = kindOf(ctx, sub);
      if (!kind) continue;
      const made = ctx.madeOn([line], (_type, site) => site === "slice");
      if (made.count === 0) continue;
      seenLines.add(line);
      const type = ctx.tempsOn([line], (t) => t.site === "slice")[0]?.type ?? ctx.objectsOn([line], (o) => o.site.kind === "slice")[0]?.type ?? "list";
      const seq = ctx.source.segment(node(sub, "value")!);
      const candidate: Candidate = {
        kind,
        lines: [line],
        evidence: { copies: made.count, bytes: made.bytes, runs: ctx.runsOf([line]) },
        code: { expr: ctx.source.segment(sub), seq, type },
      };
      const fn = ctx.tree.functionOf(sub);
      if (kind === "recursion" && fn) {
        const edits = recursionRewrite(ctx, fn, sub);
        if (edits) candidate.rewrites = [edits];
        candidate.code!.fn = String(fn.name);
      } else if (iteratedOnce(ctx, sub)) {
        const edits = isliceRewrite(ctx, sub);
        if (edits) candidate.rewrites = [edits];
      }
      out.push(candidate);
    }
    return out;
  },
};

/** Why this slice is wasted, or undefined when it may well be needed. */
function kindOf(ctx: PythonContext, sub: PyNode): string | undefined {
  const parent = ctx.tree.parent(sub);
  const fn = ctx.tree.functionOf(sub);
  if (fn && isCallOf(parent, String(fn.name)) && nodes(parent, "args").includes(sub)) return "recursion";
  const looped = ctx.tree.loopsAround(sub).length > 0;
  if (readOnce(ctx, sub)) return looped ? "loop" : "once";
  const uses = namedUses(ctx, sub);
  if (!uses || !uses.every((u) => readOnce(ctx, u) || readByIndex(ctx, u))) return undefined;
  if (looped) return "loop";
  // kept at the top level and read more than once: a copy worth having
  return uses.length === 1 && iteratedOnce(ctx, uses[0]!) && ctx.tree.loopsAround(uses[0]!).length === 0 ? "once" : undefined;
}

/** The slice is read once where it is made: walked by a `for` or a reader, or only measured. */
function readOnce(ctx: PythonContext, sub: PyNode): boolean {
  const parent = ctx.tree.parent(sub);
  if (isCallOf(parent, "len") && nodes(parent, "args").includes(sub)) return true;
  return iteratedOnce(ctx, sub);
}

/** The slice is walked once from start to end, where any iterable would do (so islice can stand in). */
function iteratedOnce(ctx: PythonContext, sub: PyNode): boolean {
  const parent = ctx.tree.parent(sub);
  if (!parent) return false;
  if ((parent._type === "For" || parent._type === "comprehension") && parent.iter === sub) return true;
  if (isCallOf(parent, ...READERS) && nodes(parent, "args").includes(sub)) return true;
  return isMethodCall(parent, "join") && nodes(parent, "args")[0] === sub;
}

/** A use that only looks at an item: `b[0]` as a value (not `b[0].append(…)` or `b[0][1] = …`). */
function readByIndex(ctx: PythonContext, use: PyNode): boolean {
  const parent = ctx.tree.parent(use);
  if (parent?._type !== "Subscript" || parent.value !== use || ctxOf(parent) !== "Load") return false;
  const grand = ctx.tree.parent(parent);
  return grand?._type !== "Attribute" && !(grand?._type === "Subscript" && grand.value === parent && ctxOf(grand) !== "Load");
}

/** For `b = a[1:4]`: every other mention of b in its scope (none of them may bind it again). */
function namedUses(ctx: PythonContext, sub: PyNode): PyNode[] | undefined {
  const assign = ctx.tree.parent(sub);
  if (assign?._type !== "Assign" || nodes(assign, "targets").length !== 1) return undefined;
  const target = nodes(assign, "targets")[0];
  if (!isName(target)) return undefined;
  const uses = ctx.tree.namesIn(ctx.tree.scopeOf(assign), target.id).filter((n) => n !== target);
  return uses.length > 0 && uses.every((u) => ctxOf(u) === "Load") ? uses : undefined;
}

/** `sum(a[1:4])` → `sum(itertools.islice(a, 1, 4))`: the same items, handed out without a copy. */
function isliceRewrite(ctx: PythonContext, sub: PyNode): Edit[] | undefined {
  const seq = node(sub, "value")!;
  if (!isName(seq) && seq._type !== "Attribute") return undefined;
  const slice = node(sub, "slice")!;
  const [lower, upper, step] = ["lower", "upper", "step"].map((f) => node(slice, f));
  if ([lower, upper, step].some((b) => b && negative(b))) return undefined;
  const parent = ctx.tree.parent(sub)!;
  if (parent._type === "For" && !onlyReadsIn(ctx, parent, seq)) return undefined;
  const text = (n: PyNode | undefined) => (n ? ctx.source.segment(n) : "None");
  let args: string[];
  if (step) args = [text(lower), text(upper), text(step)];
  else if (!lower && !upper) return [{ start: ctx.source.start(sub), end: ctx.source.end(sub), text: ctx.source.segment(seq) }];
  else if (!lower) args = [text(upper)];
  else args = [text(lower), text(upper)];
  const islice = ctx.imported("itertools", "islice");
  const call = `${islice.name}(${[ctx.source.segment(seq), ...args].join(", ")})`;
  return [...islice.edits, { start: ctx.source.start(sub), end: ctx.source.end(sub), text: call }];
}

function negative(n: PyNode): boolean {
  return n._type === "UnaryOp" && isNode(n.op) && n.op._type === "USub";
}

/** Inside this loop the sequence is only read by index or measured: nothing can change it
 * while islice walks it. */
function onlyReadsIn(ctx: PythonContext, loop: PyNode, seq: PyNode): boolean {
  if (!isName(seq)) return false;
  for (const part of [...nodes(loop, "body"), ...nodes(loop, "orelse")]) {
    for (const n of ctx.tree.namesIn(part, seq.id)) {
      const p = ctx.tree.parent(n);
      const read = p?._type === "Subscript" && p.value === n && ctxOf(p) === "Load";
      if (!read && !isCallOf(p, "len")) return false;
    }
  }
  return true;
}
