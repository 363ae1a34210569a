/**
 * A big object kept alive by a forgotten name: bound at the top level, last used early, and
 * still held when the program reaches its peak of memory later on. `del name` after the last
 * use would let CPython free it before then.
 */
import { stackDepths } from "../../core/state.js";
import { summarize } from "../../core/summary.js";
import { ctxOf, isName, nodes, type PyNode } from "./ast.js";
import type { Candidate, PythonContext } from "./rule.js";

/** Smallest object worth the advice, in bytes, and its least share of the peak. */
const MIN_BYTES = 1024;
const MIN_SHARE_OF_PEAK = 0.25;

export function keptAlive(ctx: PythonContext): Candidate[] {
  const module = ctx.tree.module;
  const body = nodes(module, "body");
  const functions = ctx.tree.ofType("FunctionDef", "AsyncFunctionDef", "Lambda", "ClassDef");
  const series = summarize(ctx.trace).liveBytes;
  const peak = series.reduce((m, b) => Math.max(m, b), 0);
  const out: Candidate[] = [];
  for (const stmt of body) {
    const target = stmt._type === "Assign" && nodes(stmt, "targets").length === 1 ? nodes(stmt, "targets")[0] : undefined;
    if (!isName(target)) continue;
    const name = String(target.id);
    const mentions = ctx.tree.namesIn(module, name);
    // a function reading the name needs it as long as it may be called; a second binding is another story
    if (functions.some((f) => ctx.tree.namesIn(f, name).length > 0)) continue;
    if (mentions.some((n) => n !== target && ctxOf(n) !== "Load")) continue;
    const uses = mentions.filter((n) => n !== target);
    if (uses.length === 0) continue;
    const last = uses.map((u) => topLevel(ctx, u)).reduce((a, b) => ((a.end_lineno ?? 0) >= (b.end_lineno ?? 0) ? a : b));
    if (body.indexOf(last) === body.length - 1) continue;
    const id = boundObject(ctx, name);
    const obj = id ? ctx.trace.objects[id] : undefined;
    if (!id || !obj || obj.origin !== undefined) continue;
    const size = retainedSize(ctx, id);
    const from = last.lineno ?? 0;
    const to = last.end_lineno ?? from;
    let lastUse = -1;
    const depths = stackDepths(ctx.trace);
    ctx.trace.steps.forEach((s, i) => {
      if (depths[i] === 1 && s.line >= from && s.line <= to) lastUse = i;
    });
    if (lastUse < 0) continue;
    let peakAfter = -1;
    for (let i = lastUse + 1; i < series.length; i++) if (peakAfter < 0 || series[i]! > series[peakAfter]!) peakAfter = i;
    const alive = peakAfter >= 0 && (obj.freedAt === undefined || obj.freedAt > peakAfter);
    if (!alive || series[peakAfter]! < peak || size < MIN_BYTES || size < peak * MIN_SHARE_OF_PEAK) continue;
    const at = ctx.source.lineStart(to + 1);
    const br = at === ctx.source.text.length && !/[\r\n]$/.test(ctx.source.text) ? "\n" : "";
    out.push({
      kind: "kept-alive",
      lines: [stmt.lineno ?? 0, to],
      evidence: { bytes: size, lastUse: to, peak, peakLine: ctx.trace.steps[peakAfter]!.line, steps: (obj.freedAt ?? series.length) - lastUse - 1 },
      code: { name },
      rewrites: [[{ start: at, end: at, text: `${br}del ${name}\n` }]],
    });
  }
  return out;
}

/** The top-level statement a node belongs to. */
function topLevel(ctx: PythonContext, n: PyNode): PyNode {
  const chain = [n, ...ctx.tree.ancestors(n)];
  return chain[chain.length - 2] ?? n;
}

/** The object the module-level name was first bound to. */
function boundObject(ctx: PythonContext, name: string): string | undefined {
  for (const step of ctx.trace.steps) {
    for (const e of step.events) {
      if (e.kind === "rebind" && e.frame === 0 && e.name === name && e.to && "ref" in e.to) return e.to.ref;
    }
  }
  return undefined;
}

/** The most bytes the object ever took (a list grows after it is made), plus the items made
 * along with it (the numbers of a list comprehension), which it alone keeps alive. */
function retainedSize(ctx: PythonContext, id: string): number {
  const obj = ctx.trace.objects[id]!;
  let max = obj.size;
  for (const step of ctx.trace.steps) {
    for (const e of step.events) if (e.kind === "mutate" && e.id === id && e.size !== undefined) max = Math.max(max, e.size);
  }
  const items = new Set((obj.items ?? []).flatMap((s) => (s && "ref" in s ? [s.ref] : [])));
  for (const ref of items) {
    const item = ctx.trace.objects[ref];
    if (item && item.origin === undefined && item.createdAt === obj.createdAt) max += item.size;
  }
  return max;
}
