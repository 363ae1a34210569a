/**
 * Which frames on the stack run a class body rather than a function: the frame list of a
 * step does not say, the call event that pushed each frame does. Worked out once per Trace.
 */
import { stackDepths } from "../core/state.js";
import type { Trace } from "../core/trace.js";

const cache = new WeakMap<Trace, Set<number>[]>();

/** For step `index`, the positions (0: outermost) of frames that run a class body. */
export function classBodyFrames(trace: Trace, index: number): Set<number> {
  let all = cache.get(trace);
  if (!all) {
    all = [];
    let open = new Set<number>();
    const depths = stackDepths(trace);
    for (const [i, step] of trace.steps.entries()) {
      const next = new Set([...open].filter((f) => f < depths[i]!));
      for (const ev of step.events) {
        if (ev.kind !== "call") continue;
        if (ev.classBody) next.add(ev.frame);
        else next.delete(ev.frame);
      }
      all.push(next);
      open = next;
    }
    cache.set(trace, all);
  }
  return all[index] ?? new Set();
}
