/** The quiz's question model: plain JSON-able data, stored and posted later. */
import type { Language, Trace } from "../../core/trace.js";

export type Difficulty = 1 | 2 | 3;

/** A catalog key and the values it needs. */
export interface MessageRef {
  key: string;
  params?: Record<string, string | number>;
}

export interface QuizChoice {
  id: string;
  /** plain text, may hold code */
  text: string;
  correct: boolean;
  /** for a wrong choice: the misconception it stands for, as the catalog sentence that corrects it */
  why?: MessageRef;
}

export interface QuizQuestion {
  /** stable hash of (kind, program, choices): the same question has the same id */
  id: string;
  /** the generator's name */
  kind: string;
  difficulty: Difficulty;
  /** the language the program is written in (a question stored before C questions existed has none: Python) */
  language: Language;
  /** the program shown (and run) */
  program: string;
  /** the question asked */
  prompt: MessageRef;
  /** 2 to 5, shuffled deterministically from the seed */
  choices: QuizChoice[];
  /** the step (0-based, of the program's Trace) whose diagram decides the answer */
  decidingStep: number;
  /** why the right answer is right, computed from the Trace */
  explanation: MessageRef;
}

/** Runs a program in its language and gives its Trace. */
export type Simulate = (program: string, language: Language) => Promise<Trace>;

export interface QuestionGenerator {
  kind: string;
  /** the language of the programs it asks about */
  language: Language;
  difficulties: readonly Difficulty[];
  /** a question for `seed` (same seed, same question) at `difficulty`, answered from the program's Trace */
  generate(seed: number, difficulty: Difficulty, simulate: Simulate): Promise<QuizQuestion>;
}
