/**
 * Practice 3, building strings with `+`: a string never changes, so `s += piece` in a loop
 * makes a new string each turn and copies everything gathered so far into it. Numbers and
 * lists added up in a loop are left alone (the trace shows what the line actually built).
 */
import { isConstant, node, type PyNode } from "../ast.js";
import { accumulatingLoop, accumulationOf, code, comprehensionText, loopVarsUsedOutside } from "../patterns.js";
import type { Candidate, PythonContext, Rule } from "../rule.js";
import type { Edit } from "../../edit.js";

export const stringConcatLoop: Rule = {
  id: "string-concat-loop",
  kinds: ["loop"],
  detect(ctx) {
    const out: Candidate[] = [];
    for (const stmt of ctx.tree.ofType("AugAssign", "Assign")) {
      const loops = ctx.tree.loopsAround(stmt);
      const acc = loops.length ? accumulationOf(ctx, stmt) : undefined;
      if (!acc) continue;
      const lines = ctx.linesOf(stmt);
      const made = ctx.madeOn(lines, (type) => type === "str");
      const built = ctx.objectsOn(lines, (o) => o.type === "str");
      // one string is not a pattern yet: the loop must have built several
      if (made.count < 2 || built.length === 0) continue;
      const longest = Math.max(...built.map((o) => o.length ?? 0));
      out.push({
        kind: "loop",
        lines,
        evidence: { strings: made.count, bytes: made.bytes, longest, runs: ctx.runsOf(lines) },
        code: { stmt: ctx.source.segment(stmt), name: acc.acc },
        rewrites: joinRewrites(ctx, loops[0]!, acc.acc),
      });
    }
    return out;
  },
};

/** `s = ""` + `for x in it: s += e` → `s = "".join(e for x in it)` (or with a list). */
function joinRewrites(ctx: PythonContext, loop: PyNode, acc: string): Edit[][] {
  const found = accumulatingLoop(ctx, loop);
  if (!found || found.acc !== acc || !isConstant(node(found.init, "value"), "") || loopVarsUsedOutside(ctx, loop)) return [];
  if ((found.init.end_lineno ?? 0) !== (loop.lineno ?? 0) - 1) return [];
  const gen = comprehensionText(ctx, found.added, loop, found.cond);
  const start = ctx.source.start(found.init);
  const end = ctx.source.end(loop);
  return [`"".join(${gen})`, `"".join([${gen}])`].map((join) => [{ start, end, text: code(acc, "=", join) }]);
}
