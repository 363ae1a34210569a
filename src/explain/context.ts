/**
 * What every sentence builder reads: the step's state, the run so far, and the catalog.
 * The builders themselves are in ./events/, one per kind of event, in a registry.
 */
import type { LiveObject, MemoryState } from "../core/state.js";
import type { Event, EventKind, HeapObject, Language, Slot, Trace, Unlisted } from "../core/trace.js";
import type { Translator } from "../i18n/index.js";
import type { Holders } from "./holders.js";

export type Of<K extends EventKind> = Extract<Event, { kind: K }>;

export interface Context {
  tr: Translator;
  trace: Trace;
  state: MemoryState;
  /** object sizes before this step */
  sizeBefore: Map<string, number>;
  /** ideas already explained in full earlier in the run (later mentions are brief) */
  told: Set<string>;
  /** sentences that only say a name took a shared or built-in value (not caption material) */
  minor?: Set<string>;
  /** warnings about a bug in the making: the caption leads with them */
  warnings?: Set<string>;
  /** this step's counts of objects beyond shown windows that a sentence has told already */
  unlistedTold?: Set<Unlisted>;
  /** the source line the step ran */
  code?: string;
  /** objects that were first an argument without a name (a list literal passed to a call) */
  fromTemp?: Set<string>;
  /** such arguments' temp events, with the object each became */
  becameOf?: Map<Event, string>;
  /** which objects other live objects still refer to (kept only where a sentence needs it) */
  holders?: Holders;
}

/** What the builders of one step share: objects told already, and the call's parameters. */
export interface StepNotes {
  said: Set<string>;
  params: string[];
  closure: string[];
  /** the call this step starts, if any */
  call?: Of<"call">;
}

/** When a kind's sentences come in a step's account, in the order a reader follows. */
export const PHASES = ["calls", "bindings", "changes", "temporaries", "frees", "endings"] as const;
export type Phase = (typeof PHASES)[number];

/** The sentences for one kind of event. Events of one phase are told in the step's order. */
export interface Builder<K extends EventKind> {
  phase: Phase;
  build(ctx: Context, ev: Of<K>, notes: StepNotes): string[];
}

/** Where each language keeps the sentences about its own runtime's habits (a cache of small
 * numbers, who reclaims a block): `explain.<language>.…` in the catalog. */
const OWN_KEYS: Record<Language, string> = { python: "explain.python", c: "explain.c" };

/** The catalog key of a sentence worded for the trace's language. */
export function own(ctx: { trace: Trace }, key: string): string {
  return `${OWN_KEYS[ctx.trace.language]}.${key}`;
}

/** The language's own wording of a shared sentence where the catalog has one, else the shared key
 * (`explain.<key>`): a runtime's fact with no counterpart elsewhere gets its own words without a branch. */
export function ownOr(ctx: { trace: Trace; tr: Translator }, key: string): string {
  const mine = own(ctx, key);
  return ctx.tr.has(mine) ? mine : `explain.${key}`;
}

/** The language's own sentence for a fact only some runtimes have, or undefined where it has none. */
export function ownIf(ctx: { trace: Trace; tr: Translator }, key: string): string | undefined {
  const mine = own(ctx, key);
  return ctx.tr.has(mine) ? mine : undefined;
}

/** The full sentence the first time an idea comes up in a run, the brief one after. */
export function once(ctx: Context, key: string, params: Record<string, string | number>): string {
  const brief = `${key}.brief`;
  if (ctx.told.has(key) && ctx.tr.has(brief)) return ctx.tr.t(brief, params);
  ctx.told.add(key);
  return ctx.tr.t(key, params);
}

export function size(ctx: Context, n: number): string {
  return ctx.tr.bytes(n);
}

export function objectOf(ctx: Context, id: string): HeapObject | undefined {
  return ctx.trace.objects[id];
}

/** Slots of a live object that refer to other objects: items, keys and values, attributes. */
export function refsIn(o: LiveObject): string[] {
  const out: string[] = [];
  const add = (s: Slot | null | undefined) => {
    if (s && "ref" in s) out.push(s.ref);
  };
  for (const s of o.items ?? []) add(s);
  for (const e of o.entries ?? []) {
    add(e.key);
    add(e.value);
  }
  for (const s of Object.values(o.attributes ?? {})) add(s);
  return out;
}

export type { MemoryState };
