/**
 * What a handler is given: the services, who asked and in which language, a `simulate`
 * that reuses recent traces (a button press after a reply usually finds its trace here;
 * after a restart it runs the program again) and times each run it makes, and the budget
 * the advisor's rewrites of a run get for this request.
 */
import type { ProgramLanguage } from "../../commands/memsim.js";
import type { Trace } from "../core/trace.js";
import { translator, type Locale, type Translator } from "../i18n/index.js";
import type { Logger } from "./log.js";
import type { Answer, Form } from "./reply.js";
import type { Advisor, Drawer, RewriteBudget, SimulationResult, Simulator } from "./services.js";
import type { RunStore } from "./store.js";
import type { Who } from "./invocation.js";
import type { Cost } from "./limits.js";

export interface Services {
  simulator: Simulator;
  drawer: Drawer;
  advisor: Advisor;
  store: RunStore;
  logger: Logger;
}

export interface Context {
  services: Services;
  who: Who;
  locale: Locale;
  tr: Translator;
  simulate(source: string, language: ProgramLanguage): Promise<SimulationResult>;
  /** what the advisor may spend on rewrites of this run for this request: charged to this
   * person and channel, within a multiple of the time the run took (./limits.ts) */
  rewriteBudget(trace: Trace): RewriteBudget;
  /** the same context in another language */
  withLocale(locale: Locale): Context;
}

/** What a handler decides at once; the command layer applies limits before it is acted on. */
export type Plan =
  | { kind: "form"; form: Form }
  | { kind: "answer"; answer: Answer }
  | { kind: "work"; placement: Answer["placement"]; private: boolean; cost: Cost; finish: () => Promise<Answer> };

/** Work that simulates programs and answers with a new public message. */
export function simulationWork(finish: () => Promise<Answer>): Plan {
  return { kind: "work", placement: "new", private: false, cost: "simulate", finish };
}

const CACHE_SIZE = 32;

/** What the command layer's fair use gives a context (./limits.ts). */
export interface FairUse {
  /** the clock runs are timed with, in ms */
  clock(): number;
  /** takes one run's worth from this person's and channel's cooldowns; false when either is empty */
  charge(who: Who): boolean;
  /** the pool time (ms) the advisor's rewrites may take for a run that took `runMs` */
  rewriteMs(runMs: number): number;
}

/** Recent simulations by program, newest last (a Map keeps insertion order), and how long
 * each trace's run took. */
export class TraceCache {
  private entries = new Map<string, Extract<SimulationResult, { ok: true }>>();
  private times = new WeakMap<Trace, number>();

  /** ms the run that made `trace` took, if this layer made it */
  timeOf(trace: Trace): number | undefined {
    return this.times.get(trace);
  }

  noteTime(trace: Trace, ms: number): void {
    this.times.set(trace, ms);
  }

  /** a cached result serves every locale: its notices are worded by the view that shows them */
  get(key: string): Extract<SimulationResult, { ok: true }> | undefined {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    this.entries.delete(key);
    this.entries.set(key, hit);
    return hit;
  }

  set(key: string, result: Extract<SimulationResult, { ok: true }>): void {
    this.entries.delete(key);
    this.entries.set(key, result);
    while (this.entries.size > CACHE_SIZE) this.entries.delete(this.entries.keys().next().value!);
  }
}

export function makeContext(services: Services, cache: TraceCache, fair: FairUse, who: Who, locale: Locale): Context {
  const ctx: Context = {
    services,
    who,
    locale,
    tr: translator(locale),
    async simulate(source, language) {
      const key = `${language}\u0000${source}`;
      const hit = cache.get(key);
      if (hit) return hit;
      const started = fair.clock();
      const result = await services.simulator.run(source, { language });
      if (result.ok) {
        cache.noteTime(result.trace, Math.max(0, fair.clock() - started));
        cache.set(key, result);
      }
      return result;
    },
    rewriteBudget(trace) {
      // a trace this layer did not time (none should reach here) gets only the operator's floor
      return { ms: fair.rewriteMs(cache.timeOf(trace) ?? 0), now: fair.clock, charge: () => fair.charge(who) };
    },
    withLocale: (other) => makeContext(services, cache, fair, who, other),
  };
  return ctx;
}
