export * from "./trace.js";
export { decodeTrace, encodeTrace } from "./wire.js";
export { replay, stateAt, reachable, isProgramObject, stackDepths, stackShape, SHOWN_SLOTS } from "./state.js";
export type { LiveObject, MemoryState } from "./state.js";
export { summarize } from "./summary.js";
export type { RunSummary } from "./summary.js";
export { MemsimError, InputError, RunnerError } from "./errors.js";
