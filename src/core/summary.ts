/** Whole-run figures: what a program allocated and freed, and its peak of live memory. */
import { isProgramObject, stackDepths, stackShape, type MemoryState } from "./state.js";
import type { Event, Trace } from "./trace.js";
import { TraceView, type Tap } from "./view.js";

export interface RunSummary {
  steps: number;
  /** objects the program made (alloc events, and those counted beyond shown windows) and their bytes when made */
  allocations: number;
  allocatedBytes: number;
  /** of those, the ones freed while the program ran */
  frees: number;
  freedBytes: number;
  /** objects an earlier run of the session made that this run freed, and their bytes */
  freedEarlier: number;
  freedEarlierBytes: number;
  /** objects made without a name: dropped within one line, or held by a running loop */
  temporaries: number;
  temporaryBytes: number;
  /** of those, the ones a loop or a call still held when the run ended or stopped */
  heldAtEnd: number;
  heldAtEndBytes: number;
  /** bytes that objects made earlier gained (+) or gave back (-) in place: a list's bigger block */
  grownBytes: number;
  /** the most bytes held at once (named objects, what loops hold, a line's temporaries),
   * and the first step it happened */
  peakLiveBytes: number;
  peakStep: number;
  /** the peak counts a temporary of that step's line: it happened during the step, not after */
  peakDuring: boolean;
  /** bytes still held when the program ended (or the run stopped: with what loops held) */
  finalLiveBytes: number;
  /** the largest objects the program made, largest first */
  largest: { id: string; type: string; size: number; line: number; value?: string }[];
  /** bytes held during each step (as peakLiveBytes counts them), for a chart */
  liveBytes: number[];
}

export function summarize(trace: Trace, largestCount = 3): RunSummary {
  return TraceView.of(trace).get(summaryKey(largestCount), () => summaryTap(trace, largestCount));
}

/** Where a run's summary is kept in its TraceView. */
export function summaryKey(largestCount = 3): string {
  return `summary:${largestCount}`;
}

/** The summary, computed step by step (one replay may feed it and other taps at once). */
export function summaryTap(trace: Trace, largestCount = 3): Tap<RunSummary> {
  let allocations = 0;
  let allocatedBytes = 0;
  let frees = 0;
  let freedBytes = 0;
  let freedEarlier = 0;
  let freedEarlierBytes = 0;
  let temporaries = 0;
  let temporaryBytes = 0;
  let peakLiveBytes = 0;
  let peakStep = 0;
  let grownBytes = 0;
  const liveBytes: number[] = [];
  const maxSize = new Map<string, number>();
  const valueAtMax = new Map<string, string>();
  // each object's size before the step that changes it (its size when made, until it grows)
  const sizes = new Map<string, number>();
  const step = (state: MemoryState): void => {
    for (const ev of state.step.events) {
      if (ev.kind === "alloc") {
        const o = state.objects.get(ev.id);
        // an object an earlier run (or the runtime) made was found by this run, not allocated
        const base = o?.base ?? trace.objects[ev.id];
        if (base && !isProgramObject(base)) continue;
        allocations++;
        allocatedBytes += o?.size ?? trace.objects[ev.id]?.size ?? 0;
      } else if (ev.kind === "free") {
        const o = state.freed.get(ev.id);
        if (o && isProgramObject(o.base)) {
          frees++;
          freedBytes += o.size;
        } else if ((o?.base ?? trace.objects[ev.id])?.origin === "earlier") {
          // found and freed in this run's first step, it may never have been live in the replay
          freedEarlier++;
          freedEarlierBytes += o?.size ?? trace.objects[ev.id]!.size;
        }
      } else if (ev.kind === "temp" && !ev.live && !isFreedObject(trace, state.index, ev)) {
        temporaries += ev.count;
        temporaryBytes += ev.size;
      } else if (ev.kind === "mutate" && ev.size !== undefined) {
        const o = state.objects.get(ev.id);
        // an object made and grown in one step was counted at its grown size when made
        if (o && isProgramObject(o.base) && !state.allocated.has(ev.id)) grownBytes += ev.size - (sizes.get(ev.id) ?? o.base.size);
        sizes.set(ev.id, ev.size);
      }
    }
    // objects beyond every shown window: counted by type, not listed
    for (const u of state.step.unlisted ?? []) {
      allocations += u.made ?? 0;
      allocatedBytes += u.madeBytes ?? 0;
      frees += u.freed ?? 0;
      freedBytes += u.freedBytes ?? 0;
    }
    for (const [id, o] of state.objects) {
      if (!isProgramObject(o.base)) continue;
      if ((maxSize.get(id) ?? -1) < o.size) {
        maxSize.set(id, o.size);
        // a str grown in place holds another value at its largest than when it was made
        if (o.base.value !== undefined) valueAtMax.set(id, o.base.value);
      }
    }
    liveBytes.push(state.liveBytes);
  };
  const done = (): RunSummary => {
    const held = heldTemps(trace);
    let heldAtEnd = 0;
    let heldAtEndBytes = 0;
    for (const h of held) {
      temporaries += h.event.count;
      temporaryBytes += h.event.size;
      if (trace.outcome.status !== "finished" && stillHeld(trace, h)) {
        heldAtEnd += h.event.count;
        heldAtEndBytes += h.event.size;
      }
    }
    const { series, during } = liveSeries(trace, liveBytes, held);
    peakLiveBytes = 0;
    peakStep = 0;
    series.forEach((bytes, i) => {
      if (bytes > peakLiveBytes) {
        peakLiveBytes = bytes;
        peakStep = i;
      }
    });
    const largest = [...maxSize.entries()]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], "en", { numeric: true }))
      .slice(0, largestCount)
      .map(([id, size]) => {
        const o = trace.objects[id]!;
        const value = valueAtMax.get(id);
        return { id, type: o.type, size, line: o.site.line, ...(value !== undefined && value !== o.value ? { value } : {}) };
      });
    return {
      steps: trace.steps.length,
      allocations,
      allocatedBytes,
      frees,
      freedBytes,
      freedEarlier,
      freedEarlierBytes,
      temporaries,
      temporaryBytes,
      heldAtEnd,
      heldAtEndBytes,
      grownBytes,
      peakLiveBytes,
      peakStep,
      peakDuring: during[peakStep] ?? false,
      // what loops still held when the run stopped was held too
      finalLiveBytes: (liveBytes.at(-1) ?? 0) + heldAtEndBytes,
      largest,
      liveBytes: series,
    };
  };
  return { step, done };
}

type TempEvent = Extract<Event, { kind: "temp" }>;

/** A temporary that outlived its line, held by a loop or a call: when it lived, and its cost. */
export interface HeldTemp {
  event: TempEvent;
  /** the step that made it */
  step: number;
  /** the last step it was still held at */
  until: number;
}

/** A temp event of a step, with the index of that step. */
export interface StepTemp {
  event: TempEvent;
  step: number;
  /** a held temporary that got a name soon after (an argument becoming a parameter): that
   * object's id, which the trace counts from then on */
  became?: string;
}

/** Every temp event, in step order. */
export function tempEvents(trace: Trace): StepTemp[] {
  const out: StepTemp[] = [];
  trace.steps.forEach((s, step) => {
    for (const event of s.events) {
      if (event.kind !== "temp") continue;
      const became = event.live ? objectFrom(trace, event, step) : undefined;
      out.push(became ? { event, step, became } : { event, step });
    }
  });
  return out;
}

/** The object a held temporary became within the next steps (same address and type), if any. */
function objectFrom(trace: Trace, t: TempEvent, step: number): string | undefined {
  for (const [id, o] of Object.entries(trace.objects)) {
    if (o.address === t.address && o.type === t.type && o.createdAt > step && o.createdAt <= step + 2) return id;
  }
  return undefined;
}

/** Held temporaries with how long they were held: until the line that made them runs for the
 * last time in the same frame (a `for` header is revisited once per item and once at the end). */
export function heldTemps(trace: Trace): HeldTemp[] {
  const out: HeldTemp[] = [];
  const depths = stackDepths(trace);
  for (const { event, step, became } of tempEvents(trace)) {
    if (!event.live || became) continue;
    const depth = depths[step]!;
    let until = step;
    for (let i = step + 1; i < trace.steps.length; i++) {
      const s = trace.steps[i]!;
      if (depths[i]! < depth) break;
      if (depths[i] !== depth || s.line !== event.line) continue;
      // the same line making the same thing again starts a new loop: this one is over
      if (s.events.some((e) => e.kind === "temp" && e.live && e.line === event.line && e.what === event.what)) break;
      until = i;
    }
    out.push({ event, step, until });
  }
  return out;
}

/** A run that did not finish stopped while the held temporary's loop (or call) was running:
 * its frame never left, and its line did not end its loop before the end. */
function stillHeld(trace: Trace, h: HeldTemp): boolean {
  // the exception that stopped the program lives as long as the program does
  const raised = trace.steps[h.step]!.raised;
  if (raised && trace.outcome.status === "error" && raised.type === h.event.type && trace.outcome.type === raised.type) return true;
  const depths = stackDepths(trace);
  const depth = depths[h.step]!;
  for (let i = h.step + 1; i < trace.steps.length; i++) if (depths[i]! < depth) return false;
  return h.until === trace.steps.length - 1 || !loopEnds(trace, h.until);
}

/**
 * Bytes held at each step: named objects, what loops hold, and, within a line, its largest
 * temporary on top of what stayed alive through that line. A temporary list passed to `sum`
 * really did sit in memory next to everything else, if only for a moment.
 */
function liveSeries(trace: Trace, objectBytes: number[], held: HeldTemp[]): { series: number[]; during: boolean[] } {
  const heldAt = new Array<number>(objectBytes.length).fill(0);
  for (const h of held) for (let i = h.step; i <= h.until && i < heldAt.length; i++) heldAt[i]! += h.event.size;
  const madeAt = new Array<number>(objectBytes.length).fill(0);
  for (const o of Object.values(trace.objects)) {
    // an object listed only once it came into view was not made at that step
    if (o.origin === undefined && o.madeAt === undefined && o.createdAt < madeAt.length) madeAt[o.createdAt]! += o.size;
  }
  trace.steps.forEach((s, i) => {
    for (const u of s.unlisted ?? []) madeAt[i]! += u.madeBytes ?? 0;
  });
  const during: boolean[] = [];
  const series = objectBytes.map((live, i) => {
    let temp = 0;
    for (const e of trace.steps[i]!.events) {
      // a group of temporaries came and went one after another: count one of average size
      if (e.kind === "temp" && !e.live && !isFreedObject(trace, i, e)) temp = Math.max(temp, Math.floor(e.size / Math.max(1, e.count)));
    }
    // what was there before the line and still is after it was alive while the temporary was
    const through = Math.max(0, live - madeAt[i]!);
    during.push(through + temp > live);
    return Math.max(live, through + temp) + heldAt[i]!;
  });
  return { series, during };
}

/**
 * A temp event that is an object the trace already counts: a value a call returned, used up
 * within the caller's line (`print(greet())`) and freed at that step, same address and type.
 */
export function isFreedObject(trace: Trace, step: number, t: TempEvent): boolean {
  return trace.steps[step]!.events.some((e) => {
    if (e.kind !== "free") return false;
    const o = trace.objects[e.id];
    return o !== undefined && o.address === t.address && o.type === t.type;
  });
}

/**
 * Steps of the same frame as step `index`, walking one way until that frame is left: as they
 * are wanted (a caller that needs the nearest few does not walk a long run's every step).
 */
function* sameFrame(trace: Trace, index: number, dir: 1 | -1): Generator<number> {
  const steps = trace.steps;
  const shape = stackShape(trace);
  const depth = shape.depth[index]!;
  const name = shape.top[index];
  for (let i = index + dir; i >= 0 && i < steps.length; i += dir) {
    if (shape.depth[i]! < depth) break;
    if (shape.depth[i]! > depth) continue;
    if (shape.top[i] !== name) break;
    yield i;
  }
}

/**
 * A loop header run one last time: the frame came back to this line from a later one (the
 * end of the loop's body), and from here goes past every line the loop ran, or leaves.
 */
export function loopEnds(trace: Trace, index: number): boolean {
  const steps = trace.steps;
  const step = steps[index]!;
  if (step.event !== "line") return false;
  const before = sameFrame(trace, index, -1);
  const prev = before.next();
  if (prev.done || steps[prev.value]!.line <= step.line) return false;
  // the lines the loop ran since this header's previous visit
  let maxLine = steps[prev.value]!.line;
  for (const i of before) {
    const line = steps[i]!.line;
    if (line === step.line) break;
    maxLine = Math.max(maxLine, line);
  }
  const after = sameFrame(trace, index, 1).next().value as number | undefined;
  if (after === undefined) return true;
  const nextLine = steps[after]!.line;
  return nextLine > maxLine || nextLine < step.line;
}
