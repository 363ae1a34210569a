/**
 * Practice 5, use the libraries: a loop that counts into a dict, adds up, finds the largest,
 * sorts by swapping, flattens or removes duplicates by hand does what one call of a built-in
 * or the standard library does (in C, without a line of Python per item).
 */
import type { Edit } from "../../edit.js";
import { isName, node, nodes } from "../ast.js";
import { code, comprehensionText, loopVarsUsedOutside } from "../patterns.js";
import type { Candidate, PythonContext, Rule } from "../rule.js";
import { matchStdlib, type StdlibMatch } from "../stdlib-patterns.js";

export const useStdlib: Rule = {
  id: "use-stdlib",
  kinds: ["count", "sum", "max", "min", "sort", "flatten", "dedupe"],
  detect(ctx) {
    const out: Candidate[] = [];
    for (const loop of ctx.tree.ofType("For")) {
      const m = matchStdlib(ctx, loop);
      if (!m) continue;
      const lines = ctx.linesOf(loop);
      const runs = ctx.runsOf(lines);
      if (runs === 0) continue;
      const made = ctx.madeOn(lines, () => true);
      const forms = suggestions(ctx, m);
      const startLine = m.init?.lineno ?? loop.lineno ?? 0;
      out.push({
        kind: m.kind,
        about: "work",
        lines: lines.includes(startLine) ? lines : [startLine, ...lines],
        evidence: { runs, bytes: made.bytes },
        code: { name: m.name, seq: ctx.source.segment(node(loop, "iter")!), better: forms[0]!.text },
        rewrites: safeToReplace(ctx, m) ? forms.map((f) => [...f.edits, replaceLoop(ctx, m, f.text)]) : [],
      });
    }
    return out;
  },
};

interface Form {
  /** the code that replaces the loop (and its starting statement) */
  text: string;
  edits: Edit[];
}

/** What the library version looks like for this program, best first. */
function suggestions(ctx: PythonContext, m: StdlibMatch): Form[] {
  const iterNode = node(m.loop, "iter")!;
  const iter = ctx.source.segment(iterNode);
  // the iterable as a call's only argument: a list comprehension there reads better as a generator
  const only = iterNode._type === "ListComp" ? iter.slice(1, -1) : iter;
  const target = ctx.source.segment(node(m.loop, "target")!);
  const item = typeof m.item === "string" ? m.item : m.item ? ctx.source.segment(m.item) : target;
  // `f(xs)` when each item is the loop variable itself, else `f(e for x in xs)`
  const arg = item === target && !m.cond ? only : comprehensionText(ctx, item, m.loop, m.cond);
  const assign = (expr: string, edits: Edit[] = []): Form => ({ text: code(m.name, "=", expr), edits });
  switch (m.kind) {
    case "count": {
      const counter = ctx.imported("collections", "Counter", "from");
      return [assign(`${counter.name}(${arg})`, counter.edits), assign(`dict(${counter.name}(${arg}))`, counter.edits)];
    }
    case "sum":
      return [assign(`sum(${arg})`)];
    case "max":
    case "min":
      return [assign(`${m.kind}(${item})`)];
    case "sort":
      return [`${m.name}.sort()`, `${m.name}.sort(reverse=True)`].map((text) => ({ text, edits: [] }));
    case "flatten": {
      const x = ctx.source.segment(node(nodes(m.loop, "body")[0]!, "target")!);
      const chain = ctx.imported("itertools", "chain");
      const comprehension = `[${code(x, "for", target, "in", iter, "for", x, "in", target)}]`;
      return [assign(comprehension), assign(`list(${chain.name}.from_iterable(${only}))`, chain.edits)];
    }
    case "dedupe":
      return [assign(`list(dict.fromkeys(${only}))`)];
  }
}

/** The loop and the statement that starts it sit together, and nothing reads the loop's
 * variables afterwards (a library call does not leave them behind). */
function safeToReplace(ctx: PythonContext, m: StdlibMatch): boolean {
  if (m.init && (m.init.end_lineno ?? 0) !== (m.loop.lineno ?? 0) - 1) return false;
  const loops = [m.loop, ...ctx.tree.all.filter((n) => n._type === "For" && ctx.tree.ancestors(n).includes(m.loop))];
  if (m.kind !== "sort" && loops.some((l) => loopVarsUsedOutside(ctx, l))) return false;
  return !isName(node(m.loop, "iter"), m.name);
}

function replaceLoop(ctx: PythonContext, m: StdlibMatch, text: string): Edit {
  return { start: ctx.source.start(m.init ?? m.loop), end: ctx.source.end(m.loop), text };
}
