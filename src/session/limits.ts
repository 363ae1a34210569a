/** How a run's limits are set: the ones its caller gives, never above the ones it runs under. */
import type { Limits } from "./types.js";

/** The longest program text memsim reads, in bytes (UTF-8): one this long is read and traced, or
 * stopped at its time limit, within about a second on a small machine, never a hang. */
export const MAX_SOURCE_BYTES = 64 * 1024;

/** A run's limits: the layer's, each lowered (never raised) by what the run asks for. */
export function within(base: Limits | undefined, asked: Limits | undefined): Limits {
  const out: Limits = { ...base };
  for (const [k, v] of Object.entries(asked ?? {}) as [keyof Limits, number | undefined][]) {
    if (v === undefined || !(v > 0)) continue;
    const cap = out[k];
    out[k] = cap === undefined ? v : Math.min(cap, v);
  }
  return out;
}
