/**
 * Objects alive at a step that no name reaches: a running `for` loop's generator or
 * iterator, say. A Trace records some of them only as a temporary "still in use" when made;
 * the whole-run figures count them until their loop ends, so the diagram draws them too.
 */
import type { MemoryState } from "../core/state.js";
import { heldTemps, type HeldTemp } from "../core/summary.js";
import type { Trace } from "../core/trace.js";

const cache = new WeakMap<Trace, HeldTemp[]>();

/** Held temporaries alive after step `index`. */
export function heldAt(trace: Trace, index: number): HeldTemp[] {
  let all = cache.get(trace);
  if (!all) {
    all = heldTemps(trace);
    cache.set(trace, all);
  }
  return all.filter((h) => h.step <= index && index <= h.until);
}

/** Of those, the ones the Trace has no object for (a live object at the same address and of
 * the same type is that very object, recorded). */
export function unrecorded(held: HeldTemp[], state: MemoryState): HeldTemp[] {
  if (!held.length) return held;
  const recorded = new Set([...state.objects.values()].map((o) => `${o.base.type}@${o.base.address}`));
  return held.filter((h) => !recorded.has(`${h.event.type}@${h.event.address}`));
}
