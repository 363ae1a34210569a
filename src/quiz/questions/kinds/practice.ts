/** Which rewrite saves the most memory, and how much: the program and each rewrite run, and their
 * peaks (the most bytes in use at once) compared with the advisor's figures. */
import { figures } from "../../../advisor/measure.js";
import { drawProgram, finish, finishedTrace, QuizError, stepsOfLine, type Template } from "../common.js";
import type { QuestionGenerator } from "../types.js";

interface PracticeTemplate extends Template {
  /** the first and last line each option replaces */
  lines: [number, number];
  /** one-line rewrites, each with the sentence for picking it when another saves more */
  options: { code: string; why: string }[];
}

export const practice: QuestionGenerator = {
  kind: "practice",
  language: "python",
  difficulties: [1, 2, 3],
  async generate(seed, difficulty, simulate) {
    const { template, program, values, r, trace } = await drawProgram<PracticeTemplate>("practice", seed, difficulty, simulate);
    const put = (code: string): string => code.replace(/\$([a-z]+)/g, (_, s: string) => values[s]!);
    const [from, to] = template.lines;
    const lines = program.split("\n");
    const before = figures(trace).peakLiveBytes;
    const options = [];
    for (const o of template.options) {
      const code = put(o.code);
      const indent = /^\s*/.exec(lines[from - 1]!)![0];
      const rewritten = [...lines.slice(0, from - 1), indent + code, ...lines.slice(to)].join("\n");
      const after = figures(await finishedTrace(rewritten, simulate)).peakLiveBytes;
      options.push({ code, why: o.why, saved: before - after, after });
    }
    const best = Math.max(...options.map((o) => o.saved));
    const winners = options.filter((o) => o.saved === best);
    if (best <= 0 || winners.length !== 1) throw new QuizError("quiz-no-answer", `practice: no one rewrite saves most in\n${program}`);
    const win = winners[0]!;
    return finish(
      {
        kind: "practice",
        difficulty,
        program,
        prompt: { key: from === to ? "quiz.practice.prompt.line" : "quiz.practice.prompt.lines", params: { from, to } },
        decidingStep: stepsOfLine(trace, to).at(-1) ?? trace.steps.length - 1,
        explanation: {
          key: "quiz.practice.explain",
          params: { code: win.code, before, after: win.after, bytes: win.saved, percent: Math.round((win.saved / before) * 100) },
        },
      },
      options.map((o) => ({ text: o.code, correct: o === win, ...(o === win ? {} : { why: { key: o.why } }) })),
      r,
    );
  },
};
