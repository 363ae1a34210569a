/**
 * What a handler is given: the services, who asked and in which language, a `simulate`
 * that reuses recent traces (a button press after a reply usually finds its trace here;
 * after a restart it runs the program again) and times each run it makes, and `reply`,
 * which has a reply job served (by the reply workers, or in this thread) with the budget
 * the advisor's rewrites of a run get for this request. Handlers never read a Trace.
 */
import { MemsimError } from "../core/errors.js";
import type { Notice } from "../core/notice.js";
import type { Language, Trace } from "../core/trace.js";
import { translator, type Locale, type Translator } from "../i18n/index.js";
import { noticeText } from "../session/notices.js";
import type { Logger } from "./log.js";
import type { HeldTrace, TraceRef, ViewJob } from "./offload/jobs.js";
import type { MainHost, Replier } from "./offload/replier.js";
import { notice, type Answer, type Form } from "./reply.js";
import type { Advisor, Drawer, RewriteBudget, Simulator } from "./services.js";
import type { RunStore } from "./store.js";
import type { Who } from "./invocation.js";
import type { Cost, LimitSettings } from "./limits.js";
import { platformWords } from "./wording.js";
import type { QuizService } from "../quiz/service.js";

export interface Services {
  simulator: Simulator;
  drawer: Drawer;
  advisor: Advisor;
  store: RunStore;
  logger: Logger;
  /** who makes the replies that read Traces: reply workers, or this thread */
  replier: Replier;
  /** the cooldowns in force (help tells them) */
  limits: LimitSettings;
  /** the daily quiz, where memsim keeps one */
  quiz?: QuizService;
}

/** What a view reads a Trace with: the reader's language, the drawer and the advisor. */
export interface ViewContext {
  locale: Locale;
  tr: Translator;
  services: { drawer: Drawer; advisor: Advisor };
  /** what the advisor may spend on rewrites of this run for this request: charged to this
   * person and channel, within a multiple of the time the run took (./limits.ts) */
  rewriteBudget(trace: Trace): RewriteBudget;
}

/** A run's Trace as the main thread holds it, by key: read already, or sealed. */
export interface TraceHandle extends TraceRef {
  held: HeldTrace;
  /** ms the run took (the advisor's rewrites get a multiple of it) */
  ms: number;
  /** retires the sandbox worker that sent it, when it turns out not to be a Trace */
  distrust?: () => void;
}

export type SimulateResult = { ok: true; handle: TraceHandle } | { ok: false; error: Notice };

export interface Context {
  services: Services;
  who: Who;
  locale: Locale;
  tr: Translator;
  /** `stdin`: the lines `input()` returns; `language`: any the session layer runs (a quiz's C program too) */
  simulate(source: string, language: Language, stdin?: string[]): Promise<SimulateResult>;
  /** the reply a job makes (its Traces are the handles `simulate` gave), from whoever serves
   * jobs; busy, stopped and untrusted become kind answers */
  reply(job: ViewJob): Promise<Answer>;
  /** the same context in another language */
  withLocale(locale: Locale): Context;
  /** a press on a message only this person sees (their private copy), not on a shared one */
  onPrivate?: boolean;
  /** for a press: who the pressed message answered, when the platform tells */
  askedBy?: string;
}

/** What a handler decides at once; the command layer applies limits before it is acted on.
 * A work's `private`: acknowledged privately, as its answer is private or may turn out so. */
export type Plan =
  | { kind: "form"; form: Form }
  | { kind: "answer"; answer: Answer }
  | { kind: "work"; placement: Answer["placement"]; private: boolean; cost: Cost; finish: () => Promise<Answer> };

/** Work that simulates programs and answers with a new public message; `unsure` when the answer
 * may still turn out a private note (nothing public is shown before it is known). */
export function simulationWork(finish: () => Promise<Answer>, unsure = false): Plan {
  return { kind: "work", placement: "new", private: unsure, cost: "simulate", finish };
}

const CACHE_SIZE = 32;

/** What the command layer's fair use gives a context (./limits.ts). */
export interface FairUse {
  /** the clock runs are timed with, in ms */
  clock(): number;
  /** takes one run's worth from this person's and channel's cooldowns; false when either is empty */
  charge(who: Who): boolean;
  /** runs `charge` would allow now */
  available(who: Who): number;
  /** the pool time (ms) the advisor's rewrites may take for a run that took `runMs` */
  rewriteMs(runMs: number): number;
}

/** Trace keys are unique in the process: command layers may share one set of reply workers. */
let serial = 0;

/** Recent simulations by program, newest last (a Map keeps insertion order). A sealed Trace
 * is kept as the text the sandbox sent, so the entries are bounded in bytes too. */
export class TraceCache {
  private entries = new Map<string, TraceHandle>();
  private running = new Map<string, Promise<SimulateResult>>();
  private bytes = 0;

  /** The run under way for a key, or a new one: one run at a time per program. */
  once(key: string, run: () => Promise<SimulateResult>): Promise<SimulateResult> {
    const under = this.running.get(key);
    if (under) return under;
    const started = run().finally(() => this.running.delete(key));
    this.running.set(key, started);
    return started;
  }

  constructor(private readonly maxBytes = 256 * 1024 * 1024) {}

  /** a cached result serves every locale: its notices are worded by the view that shows them */
  get(key: string): TraceHandle | undefined {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    this.entries.delete(key);
    this.entries.set(key, hit);
    return hit;
  }

  add(source: string, held: HeldTrace, ms: number, distrust?: () => void): TraceHandle {
    const handle: TraceHandle = { key: `t${++serial}`, held, ms, ...(distrust ? { distrust } : {}) };
    this.drop(source);
    this.entries.set(source, handle);
    this.bytes += sizeOf(held);
    while (this.entries.size > CACHE_SIZE || (this.bytes > this.maxBytes && this.entries.size > 1)) this.drop(this.entries.keys().next().value!);
    return handle;
  }

  /** Forgets the entry holding this Trace (it was not one). */
  forget(key: string): void {
    for (const [source, handle] of this.entries) if (handle.key === key) this.drop(source);
  }

  private drop(source: string): void {
    const old = this.entries.get(source);
    if (!old) return;
    this.entries.delete(source);
    this.bytes -= sizeOf(old.held);
  }

  handleOf(key: string): TraceHandle | undefined {
    for (const handle of this.entries.values()) if (handle.key === key) return handle;
    return undefined;
  }
}

function sizeOf(held: HeldTrace): number {
  return "sealed" in held && "json" in held.sealed ? held.sealed.json.length : 0;
}

/** A ref as it is posted: the key and the Trace, nothing of this thread's. */
function refOf(handle: TraceRef): TraceRef {
  return "held" in handle && handle.held ? { key: handle.key, held: handle.held } : { key: handle.key };
}

export function makeContext(services: Services, cache: TraceCache, fair: FairUse, who: Who, locale: Locale): Context {
  const tr = platformWords(translator(locale), who.channel?.platform);
  const ctx: Context = {
    services,
    who,
    locale,
    tr,
    async simulate(source, language, stdin) {
      // the same program given other input is another run
      const key = stdin?.length ? `${language}\u0000${source}\u0000${stdin.join("\n")}` : `${language}\u0000${source}`;
      const hit = cache.get(key);
      if (hit) return { ok: true, handle: hit };
      // many people pressing a quiz's buttons at once ask for one program: it runs once
      return cache.once(key, async () => {
        const started = fair.clock();
        const result = await services.simulator.run(source, { language, ...(stdin?.length ? { stdin } : {}) });
        if (!result.ok) return result;
        const ms = Math.max(0, fair.clock() - started);
        const held: HeldTrace = "trace" in result ? { trace: result.trace, notices: result.notices } : { sealed: result.sealed, ...(result.session ? { session: result.session } : {}) };
        return { ok: true, handle: cache.add(key, held, ms, "distrust" in result ? result.distrust : undefined) };
      });
    },
    async reply(asked) {
      if (asked.view === "quiz-question") throw new MemsimError("reply-job", "a question is asked of the quiz, not of a reply");
      const job = asked.view === "compare" ? { ...asked, before: refOf(asked.before), after: refOf(asked.after) } : { ...asked, trace: refOf(asked.trace) };
      if (job.view === "run" && asked.view === "run") {
        const ms = "ms" in asked.trace ? (asked.trace as TraceHandle).ms : 0;
        job.budget = { ms: fair.rewriteMs(ms), charges: fair.available(who) };
      }
      const host: MainHost = { now: fair.clock, charge: () => fair.charge(who), run: (source, request) => services.simulator.run(source, request) };
      const platform = who.channel?.platform;
      const done = await services.replier.serve({ ...job, locale, ...(platform ? { platform } : {}) }, host);
      switch (done.kind) {
        case "answer":
          return done.answer;
        case "question":
          throw new MemsimError("reply-job", "a reply job answered with a question");
        case "busy":
          return notice(tr.t("chat.error.busy"));
        case "untrusted": {
          // what the sandbox sent is not a Trace: its worker is retired, and the run is not kept
          cache.handleOf(done.key)?.distrust?.();
          cache.forget(done.key);
          return notice(noticeText({ code: "worker-crashed" }, tr));
        }
        case "failed":
          throw new MemsimError(done.code, done.message);
        case "missing":
        case "stopped":
          return notice(tr.t("chat.error.replyStopped"));
      }
    },
    withLocale: (other) => makeContext(services, cache, fair, who, other),
  };
  return ctx;
}
