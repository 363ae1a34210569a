/**
 * What a handler is given: the services, who asked and in which language, and a
 * `simulate` that reuses recent traces (a button press after a reply usually finds its
 * trace here; after a restart it runs the program again).
 */
import type { ProgramLanguage } from "../../commands/memsim.js";
import { translator, type Locale, type Translator } from "../i18n/index.js";
import type { Logger } from "./log.js";
import type { Answer, Form } from "./reply.js";
import type { Advisor, Drawer, SimulationResult, Simulator } from "./services.js";
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
  simulate(source: string, language: ProgramLanguage, locale?: Locale): Promise<SimulationResult>;
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

/** Recent simulations by program, newest last (a Map keeps insertion order). */
export class TraceCache {
  private entries = new Map<string, Extract<SimulationResult, { ok: true }> & { locale: Locale }>();

  get(key: string, locale: Locale): Extract<SimulationResult, { ok: true }> | undefined {
    const hit = this.entries.get(key);
    // notes are worded in the locale they were made in
    if (!hit || (hit.notes.length > 0 && hit.locale !== locale)) return undefined;
    this.entries.delete(key);
    this.entries.set(key, hit);
    return hit;
  }

  set(key: string, locale: Locale, result: Extract<SimulationResult, { ok: true }>): void {
    this.entries.delete(key);
    this.entries.set(key, { ...result, locale });
    while (this.entries.size > CACHE_SIZE) this.entries.delete(this.entries.keys().next().value!);
  }
}

export function makeContext(services: Services, cache: TraceCache, who: Who, locale: Locale): Context {
  const ctx: Context = {
    services,
    who,
    locale,
    tr: translator(locale),
    async simulate(source, language, runLocale = locale) {
      const key = `${language}\u0000${source}`;
      const hit = cache.get(key, runLocale);
      if (hit) return hit;
      const result = await services.simulator.run(source, { language, locale: runLocale });
      if (result.ok) cache.set(key, runLocale, result);
      return result;
    },
    withLocale: (other) => makeContext(services, cache, who, other),
  };
  return ctx;
}
