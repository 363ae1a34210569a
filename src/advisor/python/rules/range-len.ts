/**
 * Practice 2, loop over the items: `for i in range(len(seq))` where the body only ever reads
 * `seq[i]` makes a range object (and, past 256, a new index number per turn) only to look each item up again.
 * An index that is printed, computed with, or used to write `seq[i] = …` is needed: no advice.
 */
import type { Edit } from "../../edit.js";
import { ctxOf, isCallOf, isConstant, isName, node, nodes, type PyNode } from "../ast.js";
import { loopVarsUsedOutside, typeAt } from "../patterns.js";
import type { Candidate, PythonContext, Rule } from "../rule.js";

/** Types whose items `for item in seq` visits in the same order as `seq[i]`. */
const SEQUENCES = new Set(["list", "tuple", "str", "bytes", "bytearray", "range"]);

export const rangeLen: Rule = {
  id: "range-len",
  kinds: ["item"],
  detect(ctx) {
    const out: Candidate[] = [];
    for (const loop of ctx.tree.ofType("For")) {
      const found = match(ctx, loop);
      if (!found) continue;
      const { index, seq, reads } = found;
      const line = loop.lineno ?? 0;
      const iterations = countRebinds(ctx, line, index);
      if (iterations === 0) continue;
      // numbers from the small-int cache are shared, never made: madeOn leaves them out
      const made = ctx.madeOn([line], (type) => type === "range" || type === "int");
      const numbers = ctx.madeOn([line], (type) => type === "int").count;
      const item = ctx.tree.freshName(singular(seq), "item", "value");
      const src = ctx.source;
      const edits: Edit[] = [
        { start: src.start(node(loop, "target")!), end: src.end(node(loop, "target")!), text: item },
        { start: src.start(node(loop, "iter")!), end: src.end(node(loop, "iter")!), text: seq },
        ...reads.map((r) => ({ start: src.start(r), end: src.end(r), text: item })),
      ];
      out.push({
        kind: "item",
        lines: [line],
        evidence: { iterations, lookups: reads.length, numbers, bytes: made.bytes },
        code: { index, seq, item },
        rewrites: [edits],
      });
    }
    return out;
  },
};

/** `for i in range(len(seq))` (or `range(0, len(seq))`) whose body reads only `seq[i]`. */
function match(ctx: PythonContext, loop: PyNode): { index: string; seq: string; reads: PyNode[] } | undefined {
  const target = node(loop, "target");
  const iter = node(loop, "iter");
  if (!isName(target) || !isCallOf(iter, "range") || nodes(iter, "keywords").length) return undefined;
  const args = nodes(iter, "args");
  const lenCall = args.length === 1 ? args[0] : args.length === 2 && isConstant(args[0], 0) ? args[1] : undefined;
  if (!isCallOf(lenCall, "len") || nodes(lenCall, "args").length !== 1) return undefined;
  const seqNode = nodes(lenCall, "args")[0];
  if (!isName(seqNode)) return undefined;
  const index = String(target.id);
  const seq = String(seqNode.id);
  if (index === seq) return undefined;
  const reads: PyNode[] = [];
  for (const part of [...nodes(loop, "body"), ...nodes(loop, "orelse")]) {
    for (const use of ctx.tree.namesIn(part, index)) {
      const sub = ctx.tree.parent(use);
      // the index may only ever pick an item to read: seq[i], never seq[i] = … or i + 1
      if (ctxOf(use) !== "Load" || sub?._type !== "Subscript" || sub.slice !== use || !isName(sub.value, seq) || ctxOf(sub) !== "Load") {
        return undefined;
      }
      reads.push(sub);
    }
    // the sequence must not change while the loop walks it
    for (const use of ctx.tree.namesIn(part, seq)) {
      const sub = ctx.tree.parent(use);
      const read = sub?._type === "Subscript" && sub.value === use && ctxOf(sub) === "Load";
      if (ctxOf(use) !== "Load" || !(read || isCallOf(sub, "len", "print"))) return undefined;
    }
  }
  if (reads.length === 0 || loopVarsUsedOutside(ctx, loop)) return undefined;
  const type = typeAt(ctx, seq, loop.lineno ?? 0);
  if (!type || !SEQUENCES.has(type)) return undefined;
  return { index, seq, reads };
}

/** How many times the loop gave its variable a new value: its turns. */
function countRebinds(ctx: PythonContext, line: number, name: string): number {
  let n = 0;
  for (const step of ctx.trace.steps) {
    if (step.line !== line) continue;
    for (const e of step.events) if (e.kind === "rebind" && e.name === name && e.to) n++;
  }
  return n;
}

/** A name for one item of a sequence: fruits → fruit, cities → city, data → item. */
function singular(seq: string): string {
  if (/[^aeiou]ies$/.test(seq)) return seq.slice(0, -3) + "y";
  if (/(ss|x|ch|sh)es$/.test(seq)) return seq.slice(0, -2);
  if (/[^s]s$/.test(seq) && seq.length > 2) return seq.slice(0, -1);
  if (seq === "xs" || seq === "ys") return seq[0]!;
  return "item";
}
