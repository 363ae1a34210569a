/** When an object is freed: the line of the step at which the Trace records its free. */
import { drawProgram, finish, lineText, QuizError, stateAt, stepsOfLine, type Template } from "../common.js";
import type { QuestionGenerator } from "../types.js";

interface FreedTemplate extends Template {
  /** the object asked about: the one `name` refers to after `line` */
  target: { name: string; line: number };
  /** the lines offered as choices, each with the misconception of picking it wrongly */
  why: Record<string, string>;
}

export const freed: QuestionGenerator = {
  kind: "freed",
  language: "python",
  difficulties: [1, 2, 3],
  async generate(seed, difficulty, simulate) {
    const { template, program, values, r, trace } = await drawProgram<FreedTemplate>("freed", seed, difficulty, simulate);
    const name = values[template.target.name.slice(1)]!;
    const made = stateAt(trace, stepsOfLine(trace, template.target.line).at(-1)!);
    const slot = made.frames.toReversed().map((f) => f.vars[name]).find((s) => s !== undefined);
    const ref = slot && "ref" in slot ? slot.ref : undefined;
    const freedAt = ref ? trace.objects[ref]!.freedAt : undefined;
    if (!ref || freedAt === undefined) throw new QuizError("quiz-template", `freed: ${name} is never freed in\n${program}`);
    const line = trace.steps[freedAt]!.line;
    const lines = Object.keys(template.why).map(Number);
    if (!lines.includes(line)) lines.push(line);
    const o = trace.objects[ref]!;
    return finish(
      {
        kind: "freed",
        difficulty,
        program,
        prompt: { key: "quiz.freed.prompt", params: { name, line: template.target.line, type: o.type } },
        decidingStep: freedAt,
        explanation: { key: "quiz.freed.explain", params: { line, type: o.type, bytes: o.size } },
      },
      lines.sort((a, b) => a - b).map((l) => ({
        text: lineText(program, l),
        correct: l === line,
        ...(l === line ? {} : { why: { key: template.why[String(l)]! } }),
      })),
      r,
    );
  },
};
