/** The quiz's questions: generated from program templates, answered from the simulator's Trace. */
export type { Difficulty, MessageRef, QuestionGenerator, QuizChoice, QuizQuestion, Simulate } from "./types.js";
export { QUESTION_KINDS, questionKind } from "./registry.js";
export { dailyPlan, generateDaily } from "./daily.js";
export { QuizError, questionLanguage } from "./common.js";
