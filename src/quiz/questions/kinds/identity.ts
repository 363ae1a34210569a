/** Whether two names refer to the same object after a line: read from the names' references in the Trace. */
import type { MemoryState } from "../../../core/state.js";
import { drawProgram, finish, QuizError, refOf, stateAt, stepsOfLine, type Template } from "../common.js";
import type { QuestionGenerator } from "../types.js";

interface IdentityTemplate extends Template {
  /** the two expressions compared with `is`: a name, or a name and an index */
  ask: [string, string];
  /** the misconception behind the wrong answer */
  why: string;
}

/** The object an expression (`name` or `name[index]`) refers to in a state. */
function resolve(state: MemoryState, expr: string): string | undefined {
  const m = /^([A-Za-z_]\w*)(?:\[(\d+)\])?$/.exec(expr);
  if (!m) throw new QuizError("quiz-template", `cannot read the expression ${expr}`);
  const ref = refOf(state, m[1]!);
  if (m[2] === undefined || ref === undefined) return ref;
  const slot = state.objects.get(ref)?.items?.[Number(m[2])];
  return slot && "ref" in slot ? slot.ref : undefined;
}

export const identity: QuestionGenerator = {
  kind: "identity",
  language: "python",
  difficulties: [1, 2, 3],
  async generate(seed, difficulty, simulate) {
    const { template, program, values, r, trace } = await drawProgram<IdentityTemplate>("identity", seed, difficulty, simulate);
    const line = template.program.length;
    const step = stepsOfLine(trace, line).at(-1)!;
    const state = stateAt(trace, step);
    const expr = (e: string): string => e.replace(/\$([a-z]+)/g, (_, slot: string) => values[slot]!);
    const a = expr(template.ask[0]);
    const b = expr(template.ask[1]);
    const refA = resolve(state, a);
    const refB = resolve(state, b);
    if (!refA || !refB) throw new QuizError("quiz-template", `no object for ${a} or ${b} after line ${line}:\n${program}`);
    const same = refA === refB;
    const type = trace.objects[refA]!.type;
    return finish(
      {
        kind: "identity",
        difficulty,
        program,
        prompt: { key: "quiz.identity.prompt", params: { a, b, line } },
        decidingStep: step,
        explanation: same
          ? { key: "quiz.identity.same", params: { a, b, type, line } }
          : { key: "quiz.identity.different", params: { a, b, typeA: type, typeB: trace.objects[refB]!.type, line } },
      },
      [
        { text: "True", correct: same, ...(same ? {} : { why: { key: template.why } }) },
        { text: "False", correct: !same, ...(!same ? {} : { why: { key: template.why } }) },
      ],
      r,
    );
  },
};
