/**
 * When a measured saving is worth a learner's attention. A learner's program holds a few
 * hundred bytes, so a saving must be sizeable in itself AND next to the run's own figures;
 * a rewrite that spares only lines of Python is a gain in work, and is named so.
 */
import type { Figures } from "./types.js";

/** Less than this many bytes is less than one small object (an empty list is 56 bytes, a
 * range 48, an int 28): not worth changing code for. */
export const MIN_SAVED_BYTES = 64;
/** And at least this share of the run's own figure (all it allocated, or its peak): a
 * smaller saving is lost among the program's other objects. */
export const MIN_SAVED_SHARE = 0.1;
/** A gain in work alone must spare at least this share of the lines the run ran… */
export const MIN_SAVED_STEP_SHARE = 0.1;
/** …and at least this many lines: one or two lines fewer is not worth changing code for. */
export const MIN_SAVED_STEPS = 3;

/** What a rewrite gains: memory, only work (lines of Python run), or nothing worth showing. */
export type Gain = "memory" | "work" | "none";

/** `bytes` is worth attention next to `whole`, the run's own figure. */
export function noticeableBytes(bytes: number, whole: number): boolean {
  return bytes >= MIN_SAVED_BYTES && atLeastShare(bytes, whole, MIN_SAVED_SHARE);
}

/** `steps` fewer lines is worth attention in a run of `whole` lines. */
export function noticeableSteps(steps: number, whole: number): boolean {
  return steps >= MIN_SAVED_STEPS && atLeastShare(steps, whole, MIN_SAVED_STEP_SHARE);
}

/** part/whole ≥ share; a division, so that exactly a tenth counts (64/640 is 0.1, while 0.1 * 640 need not be 64). */
function atLeastShare(part: number, whole: number, share: number): boolean {
  return whole <= 0 || part / whole >= share;
}

/**
 * Memory, when the rewrite allocates or peaks noticeably less; else work, when it runs
 * noticeably fewer lines; else none. A gain in work is named as such, and whatever the
 * rewrite costs in memory is stated next to it, never passed off as a saving.
 */
export function gainOf(before: Figures, after: Figures): Gain {
  const bytes = before.allocatedBytes - after.allocatedBytes;
  const peak = before.peakLiveBytes - after.peakLiveBytes;
  const steps = before.steps - after.steps;
  if (noticeableBytes(bytes, before.allocatedBytes) || noticeableBytes(peak, before.peakLiveBytes)) return "memory";
  return noticeableSteps(steps, before.steps) ? "work" : "none";
}

/** Of two rewrites, the one that pays more: memory before work, then the larger saving,
 * then the smaller cost. Positive when `a` pays more than `b`. */
export function comparePay(a: { before: Figures; after: Figures }, b: { before: Figures; after: Figures }): number {
  const order: Record<Gain, number> = { memory: 2, work: 1, none: 0 };
  const ga = gainOf(a.before, a.after);
  const gb = gainOf(b.before, b.after);
  if (ga !== gb) return order[ga] - order[gb];
  const bytes = (x: typeof a) => Math.max(x.before.allocatedBytes - x.after.allocatedBytes, x.before.peakLiveBytes - x.after.peakLiveBytes);
  const steps = (x: typeof a) => x.before.steps - x.after.steps;
  return ga === "work" ? steps(a) - steps(b) || bytes(a) - bytes(b) : bytes(a) - bytes(b) || steps(a) - steps(b);
}
