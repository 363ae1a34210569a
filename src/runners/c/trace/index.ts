/** The Trace builder for C: a `CRecorder` whose `trace()` gives the finished Trace v2. */
export { CTraceRecorder, createTraceRecorder, C_RUNTIME } from "./recorder.js";
export type { TraceOptions } from "./recorder.js";
export { faultMessage, faultOutcome } from "./outcome.js";
