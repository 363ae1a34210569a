/** What a line leaves on the stack: the frames at a step, or the names one frame holds, from `stateAt`. */
import type { Trace } from "../../../core/trace.js";
import { drawProgram, finish, QuizError, stateAt, stepsOfLine, type Draft, type Template } from "../common.js";
import type { QuestionGenerator } from "../types.js";

interface StackTemplate extends Template {
  /** module: the names of the program's own frame after `line`; frame: the names of `fn`'s frame when
   * `line` runs; depth: how many frames there are when `line` first runs */
  ask: "module" | "frame" | "depth";
  line: number;
  fn: string;
}

const names = (vars: Record<string, unknown>): string[] => Object.keys(vars).sort();
const text = (list: string[]): string => [...list].sort().join(", ");

/** The names a function's frame held at its fullest. */
function localsOf(trace: Trace, fn: string): string[] {
  const seen = new Set<string>();
  trace.steps.forEach((s, i) => {
    if (s.event !== "return") return;
    const top = stateAt(trace, i).frames.at(-1);
    if (top?.name === fn) for (const n of Object.keys(top.vars)) seen.add(n);
  });
  return [...seen];
}

export const stack: QuestionGenerator = {
  kind: "stack",
  language: "python",
  difficulties: [1, 2, 3],
  async generate(seed, difficulty, simulate) {
    const { template, program, values, r, trace } = await drawProgram<StackTemplate>("stack", seed, difficulty, simulate);
    const fn = values[template.fn.slice(1)]!;
    const steps = stepsOfLine(trace, template.line);
    if (steps.length === 0) throw new QuizError("quiz-template", `stack: line ${template.line} never runs in\n${program}`);
    const line = template.line;
    const base = { kind: "stack", difficulty, program };
    if (template.ask === "depth") {
      const step = steps[0]!;
      const depth = stateAt(trace, step).frames.length;
      const drafts: Draft[] = [
        { text: String(depth), correct: true },
        { text: "2", correct: false, why: { key: "quiz.why.callReplacesFrame" } },
        { text: String(depth - 1), correct: false, why: { key: "quiz.why.moduleFrameForgotten" } },
        { text: "1", correct: false, why: { key: "quiz.why.callReplacesFrame" } },
      ];
      return finish(
        { ...base, prompt: { key: "quiz.stack.depth.prompt", params: { line } }, decidingStep: step,
          explanation: { key: "quiz.stack.depth.explain", params: { line, n: depth, calls: depth - 1 } } },
        drafts,
        r,
      );
    }
    if (template.ask === "module") {
      const step = steps.at(-1)!;
      const held = names(stateAt(trace, step).frames[0]!.vars);
      const locals = localsOf(trace, fn);
      const drafts: Draft[] = [
        { text: text(held), correct: true },
        { text: text([...held, ...locals]), correct: false, why: { key: "quiz.why.localLivesOn" } },
        { text: text(held.filter((n) => n !== fn)), correct: false, why: { key: "quiz.why.defNoName" } },
      ];
      return finish(
        { ...base, prompt: { key: "quiz.stack.module.prompt", params: { line } }, decidingStep: step,
          explanation: { key: "quiz.stack.module.explain", params: { line, fn, names: text(held) } } },
        drafts,
        r,
      );
    }
    const step = steps[0]!;
    const state = stateAt(trace, step);
    const frame = state.frames.at(-1)!;
    if (frame.name !== fn) throw new QuizError("quiz-template", `stack: line ${line} is not in ${fn} in\n${program}`);
    const held = names(frame.vars);
    const caller = names(state.frames.at(-2)!.vars);
    const params = trace.steps.flatMap((s) => s.events).find((e) => e.kind === "call" && e.name === fn);
    const paramNames = params?.kind === "call" ? (params.params ?? []) : [];
    const drafts: Draft[] = [
      { text: text(held), correct: true },
      { text: text(held.filter((n) => !paramNames.includes(n))), correct: false, why: { key: "quiz.why.paramNotLocal" } },
      { text: text([...new Set([...held, ...caller])]), correct: false, why: { key: "quiz.why.callerNamesVisible" } },
    ];
    return finish(
      { ...base, prompt: { key: "quiz.stack.frame.prompt", params: { line, fn } }, decidingStep: step,
        explanation: { key: "quiz.stack.frame.explain", params: { line, fn, names: text(held) } } },
      drafts,
      r,
    );
  },
};
