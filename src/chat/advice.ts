/**
 * The Advisor the command layer uses, over memsim's advisor (src/advisor): the top finding
 * for a run, worded in the asker's language, with the saving measured by running the
 * rewrite. Findings are kept per trace, so stepping through a run does not ask again.
 *
 * Rewrite runs go through the same simulator (the sandbox pool) as the learner's run, within
 * the request's budget (./limits.ts): each is charged to the person's and channel's
 * cooldowns, each is given what is left of the time budget as its time limit, and none
 * starts once the budget is spent. Advice cut short says so in a note; the runs it did make
 * are remembered, so asking again later goes on where it stopped.
 */
import { adviseWithin, formatAdvice, type AdviceRuns, type Finding, type ParseProgram, type RunLimits } from "../advisor/index.js";
import type { Trace } from "../core/trace.js";
import { translator, type Locale } from "../i18n/index.js";
import { openResult, type Advice, type Advisor, type RewriteBudget, type Simulator } from "./services.js";

type Advised = { findings: Finding[]; runs: AdviceRuns };

/** Rewrite runs remembered (by program text), so that advice cut short can go on later. */
const KNOWN_RUNS = 64;

/**
 * Advice from memsim's advisor. Rewrites run through `simulator` (the sandbox, for the bot),
 * the one that made the traces it is given, so a trace is compared with its rewrites as it
 * is; `parse` is Python's own parser (it runs no code).
 */
export function findingsAdvisor(simulator: Simulator, parse: ParseProgram): Advisor {
  const found = new WeakMap<Trace, Promise<Advised>>();
  const known = new Map<string, Trace>();
  const remember = (source: string, trace: Trace) => {
    // a run stopped by its time limit says nothing about a run given more time
    if (trace.outcome.status === "limit") return;
    known.delete(source);
    known.set(source, trace);
    while (known.size > KNOWN_RUNS) known.delete(known.keys().next().value!);
  };
  const run = async (source: string, limits?: RunLimits): Promise<Trace> => {
    const result = await simulator.run(source, { language: "python", ...(limits?.timeLimitMs !== undefined ? { timeLimitMs: limits.timeLimitMs } : {}) });
    if (!result.ok) throw new Error(`rewrite not run: ${result.error.code}`);
    const opened = openResult(result);
    if (!opened) throw new Error("rewrite not run: the sandbox sent no Trace");
    remember(source, opened.trace);
    return opened.trace;
  };
  return {
    async top(trace: Trace, locale: Locale, budget?: RewriteBudget) {
      // the practices are Python's: a C program gets none (and Python's parser is not asked)
      if (trace.language !== "python") return undefined;
      let advised = found.get(trace);
      if (!advised) {
        const options = { traceFromRun: true, known: (source: string) => known.get(source), ...(budget ? { budget } : {}) };
        advised = adviseWithin({ source: trace.source, trace }, run, parse, options).catch(() => ({ findings: [], runs: { made: 0, ms: 0, rewrites: 0, skipped: 0 } }));
        found.set(trace, advised);
        const mine = advised;
        // advice cut short by a cooldown is not kept: the next request may measure more
        void mine.then((a) => {
          if (a.runs.stoppedBy === "charge" && found.get(trace) === mine) found.delete(trace);
        });
      }
      const { findings, runs } = await advised;
      const tr = translator(locale);
      const [first] = formatAdvice(findings.slice(0, 1), tr);
      if (!first) return undefined;
      const advice: Advice = { title: first.title, detail: first.body, ...(first.saving ? { saving: first.saving } : {}), ...(first.rewrite ? { rewrite: first.rewrite } : {}) };
      if (runs.skipped > 0 && (runs.stoppedBy === "time" || runs.stoppedBy === "charge")) {
        const params = { ran: runs.rewrites, total: runs.rewrites + runs.skipped };
        advice.note = tr.t(runs.stoppedBy === "time" ? "chat.advice.cut.time" : "chat.advice.cut.cooldown", params);
      }
      return advice;
    },
  };
}
