/**
 * The step one picture of a whole run shows. A run that finished shows its last step, unless
 * that step has no frame left on the stack (a C program whose main has returned): then the
 * last step before the stack emptied, where the last frame's variables and the heap they
 * point into are still seen together. A run that stopped shows where it stopped.
 */
import type { Trace } from "../core/trace.js";

export function pictureStep(trace: Trace): number {
  const last = Math.max(0, trace.steps.length - 1);
  if (trace.outcome.status !== "finished" || trace.steps.length === 0) return last;
  // the stack's depth after each step, from its changes
  const depth: number[] = [];
  let frames = 0;
  for (const step of trace.steps) {
    frames += (step.stack?.push?.length ?? 0) - (step.stack?.pop ?? 0);
    depth.push(frames);
  }
  let at = last;
  while (at > 0 && depth[at]! <= 0) at--;
  return depth[at]! > 0 ? at : last;
}
