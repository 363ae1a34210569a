/**
 * What a run cost, as the advisor compares a program with its rewrite: the run summary's
 * figures, where temporaries (dropped within a line or held by a running loop) count as
 * allocations too, since they are exactly what the practices are about.
 */
import { summarize } from "../core/summary.js";
import type { Trace } from "../core/trace.js";
import type { Figures } from "./types.js";

export { tempEvents, heldTemps, type StepTemp, type HeldTemp } from "../core/summary.js";

/** The figures of one run: allocations, bytes, temporaries, peak live bytes, lines run. */
export function figures(trace: Trace): Figures {
  const s = summarize(trace);
  return {
    allocations: s.allocations + s.temporaries,
    allocatedBytes: s.allocatedBytes + s.temporaryBytes,
    temporaryBytes: s.temporaryBytes,
    peakLiveBytes: s.peakLiveBytes,
    steps: s.steps,
  };
}
