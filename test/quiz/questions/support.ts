/** Generating many quiz questions through the in-process engines, keeping each program's Trace. */
import type { Language, Trace } from "../../../src/core/index.js";
import { QUESTION_KINDS, type QuizQuestion } from "../../../src/quiz/questions/index.js";
import { traceC } from "../../../src/runners/c/run.js";
import { trace } from "../../helpers.js";

export interface Generated {
  question: QuizQuestion;
  trace: Trace;
  seed: number;
}

const traces = new Map<string, Trace>();

/** The simulator the generators get: the inline engines (Python's, C's), each program's Trace kept for the checks. */
export async function simulate(program: string, language: Language): Promise<Trace> {
  const t = traces.get(program) ?? (language === "c" ? await traceC(program) : await trace(program));
  traces.set(program, t);
  return t;
}

/** `perLevel` questions of every kind at every difficulty (of the kinds `only` keeps, or all). */
export async function generateMany(perLevel: number, only: (kind: string) => boolean = () => true): Promise<Generated[]> {
  const out: Generated[] = [];
  for (const g of QUESTION_KINDS.filter((k) => only(k.kind))) {
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
