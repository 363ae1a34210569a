/** Whole-run figures: what a program allocated and freed, and its peak of live memory. */
import { isProgramObject, replay } from "./state.js";
import type { Trace } from "./trace.js";

export interface RunSummary {
  steps: number;
  /** objects the program made (alloc events) and their bytes when made */
  allocations: number;
  allocatedBytes: number;
  /** of those, the ones freed while the program ran */
  frees: number;
  freedBytes: number;
  /** objects made and dropped within one line */
  temporaries: number;
  temporaryBytes: number;
  /** the most bytes the program's objects held at once, and the first step it happened */
  peakLiveBytes: number;
  peakStep: number;
  /** bytes still held when the program ended */
  finalLiveBytes: number;
  /** the largest objects the program made, largest first */
  largest: { id: string; type: string; size: number; line: number }[];
  /** live bytes after each step, for a chart */
  liveBytes: number[];
}

export function summarize(trace: Trace, largestCount = 3): RunSummary {
  let allocations = 0;
  let allocatedBytes = 0;
  let frees = 0;
  let freedBytes = 0;
  let temporaries = 0;
  let temporaryBytes = 0;
  let peakLiveBytes = 0;
  let peakStep = 0;
  const liveBytes: number[] = [];
  const maxSize = new Map<string, number>();
  for (const state of replay(trace)) {
    for (const ev of state.step.events) {
      if (ev.kind === "alloc") {
        const o = state.objects.get(ev.id);
        allocations++;
        allocatedBytes += o?.size ?? trace.objects[ev.id]?.size ?? 0;
      } else if (ev.kind === "free") {
        const o = state.freed.get(ev.id);
        if (o && isProgramObject(o.base)) {
          frees++;
          freedBytes += o.size;
        }
      } else if (ev.kind === "temp" && !ev.live) {
        temporaries += ev.count;
        temporaryBytes += ev.size;
      }
    }
    for (const [id, o] of state.objects) {
      if (!isProgramObject(o.base)) continue;
      if ((maxSize.get(id) ?? -1) < o.size) maxSize.set(id, o.size);
    }
    liveBytes.push(state.liveBytes);
    if (state.liveBytes > peakLiveBytes) {
      peakLiveBytes = state.liveBytes;
      peakStep = state.index;
    }
  }
  const largest = [...maxSize.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], "en", { numeric: true }))
    .slice(0, largestCount)
    .map(([id, size]) => {
      const o = trace.objects[id]!;
      return { id, type: o.type, size, line: o.site.line };
    });
  return {
    steps: trace.steps.length,
    allocations,
    allocatedBytes,
    frees,
    freedBytes,
    temporaries,
    temporaryBytes,
    peakLiveBytes,
    peakStep,
    finalLiveBytes: liveBytes.at(-1) ?? 0,
    largest,
    liveBytes,
  };
}
