export { explainKey, explainRun, explainStep, explainTap } from "./step.js";
export type { StepExplanation } from "./step.js";
export { summarySentences, outcomeSentences } from "./summary.js";
export { describeObject, namesOf, slotText, joinNames } from "./describe.js";
