/** Generating many quiz questions through the in-process engine, keeping each program's Trace. */
import type { Trace } from "../../../src/core/index.js";
import { QUESTION_KINDS, type QuizQuestion } from "../../../src/quiz/questions/index.js";
import { trace } from "../../helpers.js";

export interface Generated {
  question: QuizQuestion;
  trace: Trace;
  seed: number;
}

const traces = new Map<string, Trace>();

/** The simulator the generators get: the inline engine, each program's Trace kept for the checks. */
export async function simulate(program: string): Promise<Trace> {
  const t = traces.get(program) ?? (await trace(program));
  traces.set(program, t);
  return t;
}

/** `perLevel` questions of every kind at every difficulty. */
export async function generateMany(perLevel: number): Promise<Generated[]> {
  const out: Generated[] = [];
  for (const g of QUESTION_KINDS) {
    for (const d of g.difficulties) {
      for (let i = 0; i < perLevel; i++) {
        const seed = 1_000_003 * i + 7 * d + 13;
        const question = await g.generate(seed, d, simulate);
        out.push({ question, trace: traces.get(question.program)!, seed });
      }
    }
  }
  return out;
}
