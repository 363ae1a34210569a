/**
 * Sentences for each step, generated from the step's events and the state around it: each
 * kind of event has its builder in ./events/ (a registry), told in the order a reader
 * follows (calls, bindings, changes, temporaries, frees, endings). Every sentence comes from
 * the message catalog; nothing here builds learner text itself.
 */
import type { MemoryState } from "../core/state.js";
import { tempEvents } from "../core/summary.js";
import type { Event, EventKind, Trace } from "../core/trace.js";
import { TraceView, type Tap } from "../core/view.js";
import type { Translator } from "../i18n/index.js";
import { own, PHASES, type Builder, type Context, type Of, type StepNotes } from "./context.js";
import { Holders } from "./holders.js";
import { afterPhase, builders } from "./events/index.js";
import { quietSentence } from "./quiet.js";

export type { Context } from "./context.js";

export interface StepExplanation {
  index: number;
  line: number;
  /** the source line that ran, trimmed */
  code: string;
  sentences: string[];
  /**
   * The sentence that says most, for a caption: a warning first; and a name bound to a
   * shared value of the runtime or a constant says less than the objects the step made, changed or freed.
   */
  headline?: string;
}

/** Sentences for one step, in the order a reader follows: calls, bindings, changes, frees. */
export function sentencesFor(ctx: Context): string[] {
  const { tr, trace, state } = ctx;
  const events = state.step.events;
  const call = events.find((e): e is Of<"call"> => e.kind === "call");
  const notes: StepNotes = { said: new Set(), params: [], closure: [], ...(call ? { call } : {}) };
  ctx.unlistedTold = new Set();
  const out: string[] = [];
  for (const phase of PHASES) {
    for (const ev of events) {
      const builder = builders[ev.kind] as unknown as Builder<EventKind>;
      if (builder.phase === phase) out.push(...builder.build(ctx, ev, notes));
    }
    out.push(...afterPhase[phase](ctx, notes));
  }
  if (out.length === 0) {
    const quiet = quietSentence(trace, state.index, tr, ctx.told);
    if (quiet) out.push(quiet);
  }
  return out;
}

/** Explanations for every step of a run (worked out once per Trace, locale and form). */
export function explainRun(trace: Trace, tr: Translator, options: { brief?: boolean } = {}): StepExplanation[] {
  return TraceView.of(trace).get(explainKey(tr, options), () => explainTap(trace, tr, options));
}

/** Where a run's explanations are kept in its TraceView. */
export function explainKey(tr: Translator, options: { brief?: boolean } = {}): string {
  return `explain:${tr.locale}:${String(options.brief)}`;
}

/** The explanations, step by step (one replay may feed them and other taps at once). */
export function explainTap(trace: Trace, tr: Translator, options: { brief?: boolean } = {}): Tap<StepExplanation[]> {
  const lines = trace.source.split("\n");
  const becameOf = new Map<Event, string>();
  for (const t of tempEvents(trace)) if (t.became) becameOf.set(t.event, t.became);
  const fromTemp = new Set(becameOf.values());
  const sizes = new Map<string, number>();
  const told = new Set<string>();
  const out: StepExplanation[] = [];
  // who still refers to each object, for the language that warns of a block lost for good
  const holders = tr.has(own({ trace }, "rebind.lost")) ? new Holders(trace) : undefined;
  const step = (state: MemoryState): void => {
    holders?.update(state);
    const sizeBefore = new Map(sizes);
    for (const ev of state.step.events) {
      if (ev.kind === "mutate" && ev.size !== undefined && !sizes.has(ev.id)) sizeBefore.set(ev.id, trace.objects[ev.id]?.size ?? 0);
    }
    // a caption stands alone; a run's account says each idea in full once
    const minor = new Set<string>();
    const warnings = new Set<string>();
    const code = (lines[state.step.line - 1] ?? "").trim();
    const sentences = sentencesFor({ tr, trace, state, sizeBefore, told: options.brief === false ? new Set() : told, minor, warnings, code, fromTemp, becameOf, ...(holders ? { holders } : {}) });
    for (const ev of state.step.events) if (ev.kind === "mutate" && ev.size !== undefined) sizes.set(ev.id, ev.size);
    const headline = sentences.find((x) => warnings.has(x)) ?? sentences.find((x) => !minor.has(x)) ?? sentences[0];
    out.push({ index: state.index, line: state.step.line, code, sentences, ...(headline ? { headline } : {}) });
  };
  return { step, done: () => out };
}

/** The explanation of one step (the caption of its diagram). */
export function explainStep(trace: Trace, index: number, tr: Translator): StepExplanation {
  const all = explainRun(trace, tr, { brief: false });
  const hit = all[index];
  if (!hit) throw new RangeError(`step ${index} is outside 0..${all.length - 1}`);
  return hit;
}
