/** Which line makes a copy: the one line whose steps leave a new list on the heap, read from the Trace. */
import type { Trace } from "../../../core/trace.js";
import { drawProgram, finish, lineText, QuizError, stepsOfLine, type Template } from "../common.js";
import type { QuestionGenerator } from "../types.js";

interface CopiesTemplate extends Template {
  /** the list the question is about */
  of: string;
  /** the lines offered as choices, each with the misconception of picking it wrongly */
  why: Record<string, string>;
}

/** The new lists the program made at a line's steps (not shared or cached ones). */
function listsMade(trace: Trace, line: number): string[] {
  const made: string[] = [];
  for (const i of stepsOfLine(trace, line)) {
    for (const e of trace.steps[i]!.events) {
      if (e.kind !== "alloc") continue;
      const o = trace.objects[e.id]!;
      if (o.shape === "sequence" && o.mutable && o.origin === undefined) made.push(e.id);
    }
  }
  return made;
}

export const copies: QuestionGenerator = {
  kind: "copies",
  language: "python",
  difficulties: [1, 2, 3],
  async generate(seed, difficulty, simulate) {
    const { template, program, values, r, trace } = await drawProgram<CopiesTemplate>("copies", seed, difficulty, simulate);
    const lines = Object.keys(template.why).map(Number);
    const making = lines.filter((l) => listsMade(trace, l).length > 0);
    if (making.length !== 1) throw new QuizError("quiz-template", `copies: ${making.length} lines make a list in\n${program}`);
    const line = making[0]!;
    const made = trace.objects[listsMade(trace, line)[0]!]!;
    const of = template.of.replace(/\$([a-z]+)/g, (_, s: string) => values[s]!);
    return finish(
      {
        kind: "copies",
        difficulty,
        program,
        prompt: { key: "quiz.copies.prompt", params: { name: of } },
        decidingStep: stepsOfLine(trace, line).at(-1)!,
        explanation: { key: "quiz.copies.explain", params: { line, what: made.site.what, type: made.type, bytes: made.size } },
      },
      lines.map((l) => ({
        text: lineText(program, l),
        correct: l === line,
        ...(l === line ? {} : { why: { key: template.why[String(l)]! } }),
      })),
      r,
    );
  },
};
