/**
 * What the command layer needs from the rest of memsim, behind small interfaces so the
 * parts can change without touching handlers: a Simulator (program → Trace), a Drawer
 * (Trace → pictures) and an Advisor (Trace → the best practice that applies).
 */
import type { Notice } from "../core/notice.js";
import type { Language, Trace } from "../core/trace.js";
import type { Locale } from "../i18n/index.js";
import { renderGifAsync, renderStepPng } from "../render/index.js";
import type { SealedTrace, SessionInfo } from "../sandbox/result.js";
import { within } from "../session/limits.js";
import { openSimulation } from "../session/python.js";
import type { SealedSimulation, Simulation, SimulateOptions } from "../session/types.js";

export interface SimulationRequest {
  /** any language the session layer runs (a command offers those of `commands/`; a quiz's programs may be C) */
  language: Language;
  /** the most time this run may take, in ms; the simulator's own limit still applies (the
   * smaller wins). The advisor's rewrites are given what is left of their budget. */
  timeLimitMs?: number;
  /** the lines `input()` returns, in order */
  stdin?: string[];
}

export type SimulationResult =
  /** the program ran (or failed, or hit a limit: that is in the Trace's outcome); `notices`
   * (stopped, cut…) are worded by the view, in the reader's language */
  | { ok: true; trace: Trace; notices: Notice[] }
  /** the program ran, and its Trace is still as the sandbox sent it: it is read (`openResult`)
   * where replies are made, never in the thread that receives and routes requests */
  | { ok: true; sealed: SealedTrace; session?: SessionInfo; distrust?: () => void }
  /** memsim could not run it now (busy, a runner crashed…) */
  | { ok: false; error: Notice };

/** A simulation that ran, read: its Trace and what to tell the learner besides. */
export type OpenedResult = Extract<SimulationResult, { trace: Trace }>;

/** Reads a result whose Trace is sealed (undefined: the sandbox sent something that is not a Trace). */
export function openResult(result: Extract<SimulationResult, { ok: true }>): OpenedResult | undefined {
  if ("trace" in result) return result;
  const opened = openSimulation(result);
  return opened?.ok ? { ok: true, trace: opened.trace, notices: opened.notices } : undefined;
}

export interface Simulator {
  run(source: string, request: SimulationRequest): Promise<SimulationResult>;
  /** the limits each run gets, when the simulator knows them (help tells them to learners) */
  readonly limits?: SimulationLimits;
}

/** Per-run limits chat uses: small programs, quick answers. */
export interface SimulationLimits {
  maxSteps: number;
  timeLimitMs: number;
}

export const CHAT_SIMULATION_LIMITS: SimulationLimits = { maxSteps: 5_000, timeLimitMs: 5_000 };

/** The part of the session layer chat uses (src/session `SessionLayer`). */
export interface SessionsLike {
  simulate(source: string, options: SimulateOptions): Promise<Simulation>;
  simulateSealed?(source: string, options: SimulateOptions): Promise<SealedSimulation | Simulation>;
}

/**
 * Runs programs through the session layer, with chat's limits (a request may only lower them).
 * `sealed`: Traces are handed on unread, for a bot whose replies are made in worker threads.
 */
export function sessionSimulator(layer: SessionsLike, limits: SimulationLimits = CHAT_SIMULATION_LIMITS, options: { sealed?: boolean } = {}): Simulator {
  return {
    limits,
    async run(source, request) {
      const asked = request.timeLimitMs === undefined ? {} : { timeLimitMs: request.timeLimitMs };
      const o = { language: request.language, limits: within(limits, asked), ...(request.stdin?.length ? { stdin: request.stdin } : {}) };
      const result = options.sealed && layer.simulateSealed ? await layer.simulateSealed(source, o) : await layer.simulate(source, o);
      if (!result.ok) return { ok: false, error: result.error };
      if ("sealed" in result) return result;
      return { ok: true, trace: result.trace, notices: result.notices };
    },
  };
}

export interface DrawOptions {
  locale: Locale;
  /** a sentence drawn under the diagram */
  caption?: string;
  /** false: every value drawn as its own heap object (default true: small values in their slot) */
  inlineScalars?: boolean;
}

export interface Drawer {
  /** one step as a PNG */
  step(trace: Trace, stepIndex: number, options: DrawOptions): Promise<Buffer>;
  /** the whole run as an animated GIF; `note` says when it shows less than every step */
  animation(trace: Trace, options: DrawOptions): Promise<{ gif: Buffer; note?: string }>;
}

/** Draws with memsim's renderer (src/render). */
export function canvasDrawer(theme: "dark" | "light" = "dark"): Drawer {
  return {
    async step(trace, stepIndex, options) {
      const caption = options.caption;
      return renderStepPng(trace, stepIndex, {
        theme,
        locale: options.locale,
        caption: (i) => (i === stepIndex ? caption : undefined),
        ...(options.inlineScalars !== undefined ? { inlineScalars: options.inlineScalars } : {}),
      });
    },
    async animation(trace, options) {
      const result = await renderGifAsync(trace, { theme, locale: options.locale });
      return result.note ? { gif: result.gif, note: result.note } : { gif: result.gif };
    },
  };
}

/** The best practice that applies to a run, worded for the learner. */
export interface Advice {
  /** the practice's name, e.g. "Build strings with join" */
  title: string;
  /** what to change, in a sentence or two */
  detail: string;
  /** the measured saving on this program, e.g. "saves 340 bytes (62 %)" */
  saving?: string;
  /** the checked rewrite, as "- old" / "+ new" lines */
  rewrite?: string;
  /** small print: fewer rewrites were run than the program had (their time or the cooldown ran out) */
  note?: string;
}

/**
 * What the advisor may spend on rewrite runs for one request: pool time in all (ms of `now`),
 * and a charge asked before each run, which takes it from the person's and channel's
 * cooldowns (false: one of them is empty, and no more rewrites are run).
 */
export interface RewriteBudget {
  ms: number;
  now(): number;
  charge(): boolean;
}

export interface Advisor {
  /** the most useful advice for this run, if any applies; its rewrite runs stay within `budget` */
  top(trace: Trace, locale: Locale, budget?: RewriteBudget): Promise<Advice | undefined>;
}

/** Gives no advice (until the advisor is wired in). */
export const noAdvisor: Advisor = { top: async () => undefined };
