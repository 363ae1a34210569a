/**
 * One memoized view of a Trace: what a reply needs from it (the summary, a step's state, each
 * locale's explanations, anything else a part derives step by step) computed in one replay and
 * kept for as long as the Trace is. A reply asks for all it needs at once (`prepare`), so the
 * Trace is replayed once however many parts read it; a later question replays only for what is new.
 */
import { keepState, replay, type MemoryState } from "./state.js";
import type { Trace } from "./trace.js";

/** Something derived from a Trace by walking its states in order. */
export interface Tap<T> {
  step(state: MemoryState): void;
  done(): T;
}

/** what a reply asks of a view: derived values by key, and states at steps */
type Ask = { taps?: Record<string, () => Tap<unknown>>; steps?: number[] };

/** states kept per view: the step a reply shows and those its buttons go to next (each state is a
 * copy of the heap, so few are kept) */
const KEPT_STATES = 4;

export class TraceView {
  private static views = new WeakMap<Trace, TraceView>();

  /** the one view of this Trace */
  static of(trace: Trace): TraceView {
    let view = TraceView.views.get(trace);
    if (!view) {
      view = new TraceView(trace);
      TraceView.views.set(trace, view);
    }
    return view;
  }

  /** how many times this view walked the Trace (for tests and the bench) */
  replays = 0;
  private readonly derived = new Map<string, unknown>();
  private readonly states = new Map<number, MemoryState>();

  private constructor(readonly trace: Trace) {}

  /**
   * Computes, in one replay, every derived value asked for that is not known yet, and the
   * states at `steps`. Taps are made only for keys not known.
   */
  prepare(ask: Ask): void {
    for (const _ of this.walk(ask)) continue;
  }

  /**
   * `prepare`, letting the event loop turn every `sliceMs` of work: a long run's replay takes
   * a noticeable time, and a server's other requests (a kernel's heartbeat) wait meanwhile.
   */
  async prepareAsync(ask: Ask, sliceMs = 15): Promise<void> {
    let since = performance.now();
    for (const _ of this.walk(ask)) {
      if (performance.now() - since < sliceMs) continue;
      await new Promise<void>((resolve) => setImmediate(resolve));
      since = performance.now();
    }
  }

  /** The replay `prepare` makes, pausing (yielding) every few hundred states. */
  private *walk(ask: Ask): Generator<void> {
    const taps = Object.entries(ask.taps ?? {})
      .filter(([key]) => !this.derived.has(key))
      .map(([key, make]) => [key, make()] as const);
    const steps = new Set((ask.steps ?? []).filter((i) => i >= 0 && i < this.trace.steps.length && !this.states.has(i)));
    if (taps.length === 0 && steps.size === 0) return;
    const last = taps.length > 0 ? this.trace.steps.length - 1 : Math.max(...steps);
    this.replays++;
    for (const state of replay(this.trace)) {
      for (const [, tap] of taps) tap.step(state);
      if (steps.has(state.index)) this.keep(state.index, keepState(state));
      if (state.index >= last) break;
      if ((state.index & 255) === 255) yield;
    }
    for (const [key, tap] of taps) this.derived.set(key, tap.done());
  }

  /** A derived value, computed (with one replay) if it is not known yet. */
  get<T>(key: string, make: () => Tap<T>): T {
    if (!this.derived.has(key)) this.prepare({ taps: { [key]: make } });
    return this.derived.get(key) as T;
  }

  /** The state after step `index` (0-based), kept for later questions. */
  state(index: number): MemoryState {
    if (index < 0 || index >= this.trace.steps.length) throw new RangeError(`step ${index} is outside 0..${this.trace.steps.length - 1}`);
    if (!this.states.has(index)) this.prepare({ steps: [index] });
    return this.states.get(index)!;
  }

  private keep(index: number, state: MemoryState): void {
    this.states.set(index, state);
    while (this.states.size > KEPT_STATES) this.states.delete(this.states.keys().next().value!);
  }
}
