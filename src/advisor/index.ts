/**
 * The advisor: which memory best practice applies to the learner's own program, with the
 * evidence from its Trace and, where a safe rewrite exists, what the rewrite saves, measured
 * by running both versions.
 */
export { advise, adviseWithin, savingOf, saves, weightOf } from "./advise.js";
export type { AdviseInput, AdviseOptions, AdviceRuns, RunBudget, RunLimits, RunProgram, ParseProgram } from "./advise.js";
export { figures } from "./measure.js";
export { gainOf, MIN_SAVED_BYTES, MIN_SAVED_SHARE, MIN_SAVED_STEPS, MIN_SAVED_STEP_SHARE, type Gain } from "./worth.js";
export { RULE_IDS } from "./types.js";
export type { Figures, Finding, Rewrite, RuleId, Saving } from "./types.js";
export { formatAdvice, formatAdviceBlock } from "./format.js";
export type { AdviceText } from "./format.js";
