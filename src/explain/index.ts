export { explainKey, explainRun, explainStep, explainTap } from "./step.js";
export type { StepExplanation } from "./step.js";
export { summarySentences, outcomeSentences, syntaxMessage } from "./summary.js";
export { diagnosticText } from "./diagnostic.js";
export { describeObject, namesOf, slotText, joinNames } from "./describe.js";
