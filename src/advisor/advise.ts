/**
 * From a program and its Trace to ranked findings: the language's rules find patterns,
 * each proposed rewrite is run, and it is offered only if both versions finish, print the
 * same output, and the rewrite's saving is worth a learner's attention (./worth.ts): memory,
 * or work at no noticeable cost in memory. A practice whose rewrites ran but none paid is
 * not offered at all.
 *
 * Runs cost someone's time: a caller may give a budget (total time, and a charge asked
 * before each run). When it runs out, no more rewrites are run, and a practice whose
 * rewrites were not run is judged on its evidence from the Trace alone, as when a rewrite
 * cannot be run at all.
 */
import type { Language, Trace } from "../core/trace.js";
import type { Locale } from "../i18n/index.js";
import type { ParseResult } from "../runners/python/index.js";
import { diffText } from "./diff.js";
import { applyEdits, type Edit } from "./edit.js";
import { figures } from "./measure.js";
import { pythonCandidates, pythonRuleOrder } from "./python/index.js";
import type { Candidate, Figures, Finding, Rewrite, RuleId, Saving } from "./types.js";
import { comparePay, gainOf, noticeableBytes, noticeableSteps } from "./worth.js";

/** Runs a program as the learner's run was made (same limits, same input). `limits.timeLimitMs`,
 * when given, is the most time this run may take: the runner's own limit still applies, the
 * smaller one wins. */
export type RunProgram = (source: string, limits?: RunLimits) => Promise<Trace> | Trace;

export interface RunLimits {
  timeLimitMs?: number;
}

/** What the advisor may spend on running programs for one request. */
export interface RunBudget {
  /** the time all its runs may take together, in ms of `now`; each run is given what is left as
   * its time limit, and none starts once nothing is left (Infinity: no limit of time) */
  ms: number;
  /** the clock runs are timed with, in ms (default `performance.now`) */
  now?: () => number;
  /** asked just before each run; false: the run may not be made (a cooldown is empty), and no
   * further run is tried */
  charge?: () => boolean;
}

export interface AdviseOptions {
  budget?: RunBudget;
  /** `input.trace` was made by `run` itself, with the same limits and input: it is compared with
   * the rewrites as it is, instead of the program being run once more (default false) */
  traceFromRun?: boolean;
  /** runs of a program already made (an earlier request's rewrites): used as they are, neither
   * timed nor charged */
  known?: (source: string) => Trace | undefined;
}

/** How the advisor's runs went for one request. */
export interface AdviceRuns {
  /** runs made now, the original's included when it was run again */
  made: number;
  /** the time they took together, by the budget's clock (ms) */
  ms: number;
  /** rewrites whose run was looked at: made now, or known from before */
  rewrites: number;
  /** rewrites not run because the budget, a charge or the cap on runs per request stopped them */
  skipped: number;
  /** what stopped them */
  stoppedBy?: "time" | "charge" | "count";
}
/** Parses a program without running it (`engine.parse`). */
export type ParseProgram = (source: string) => ParseResult;

export interface AdviseInput {
  source: string;
  /** the learner's run of `source` */
  trace: Trace;
  /** findings are data and need no locale; accepted so a front end can pass its request through */
  locale?: Locale;
}

interface LanguageAdvisor {
  candidates(source: string, trace: Trace, parse: ParseProgram): { ruleId: RuleId; candidate: Candidate }[];
  order: readonly RuleId[];
}

const ADVISORS: Partial<Record<Language, LanguageAdvisor>> = {
  python: { candidates: pythonCandidates, order: pythonRuleOrder },
};

/** Rewrites run per request at most: each is one run of the program (a budget may allow fewer). */
const MAX_REWRITE_RUNS = 16;

/**
 * The best practices that apply to the learner's program: savings of memory first, then
 * gains in work, each most saving first (a front end showing one shows the first). Each
 * finding names its rule, its lines and the evidence from the Trace; a rewrite is included
 * only when running it printed the same output and its saving reached the threshold.
 */
export async function advise(input: AdviseInput, run: RunProgram, parse: ParseProgram, options: AdviseOptions = {}): Promise<Finding[]> {
  return (await adviseWithin(input, run, parse, options)).findings;
}

/** `advise`, and how its runs went: how many were made, how long they took, how many were
 * left out and why. */
export async function adviseWithin(
  input: AdviseInput,
  run: RunProgram,
  parse: ParseProgram,
  options: AdviseOptions = {},
): Promise<{ findings: Finding[]; runs: AdviceRuns }> {
  const checker = new RewriteChecker(input, run, parse, options);
  const findings = await adviseWith(input, parse, checker);
  return { findings, runs: checker.report() };
}

async function adviseWith(input: AdviseInput, parse: ParseProgram, checker: RewriteChecker): Promise<Finding[]> {
  const advisor = ADVISORS[input.trace.language];
  if (!advisor || input.trace.outcome.status === "syntax-error") return [];
  // when runs are scarce, the likely first findings are measured first: memory before work,
  // the costlier pattern first (the findings are ranked again once measured)
  const found = advisor
    .candidates(input.source, input.trace, parse)
    .map((c, i) => ({ ...c, i }))
    .sort((a, b) => Number(b.candidate.about !== "work") - Number(a.candidate.about !== "work") || b.candidate.evidence.bytes - a.candidate.evidence.bytes || a.i - b.i);
  const findings: Finding[] = [];
  let own: Figures | undefined;
  const gains = new Map<Finding, number>();
  for (const { ruleId, candidate } of found) {
    const checked = await checker.best(candidate.rewrites ?? []);
    const rewrite = checked.rewrite;
    // measured and not worth it: the practice does not pay in this program
    if (!rewrite && checked.ranSame && candidate.about !== "safety") continue;
    if (!rewrite && !evidencePays(candidate, (own ??= figures(input.trace)))) continue;
    const finding: Finding = {
      ruleId,
      kind: candidate.kind,
      lines: candidate.lines,
      evidence: candidate.evidence,
      code: candidate.code ?? {},
      saving: rewrite ? savingOf(rewrite.before, rewrite.after) : { bytes: candidate.evidence.bytes, peakBytes: 0, steps: 0, measured: false },
    };
    if (rewrite) finding.rewrite = rewrite;
    // memory before work: a rewrite by what it measurably gains, other advice by what it is about
    const memory = rewrite ? gainOf(rewrite.before, rewrite.after) === "memory" : candidate.about !== "work";
    gains.set(finding, memory ? 1 : 0);
    findings.push(finding);
  }
  const rank = (f: Finding) => advisor.order.indexOf(f.ruleId);
  const weight = (f: Finding) => weightOf(f.saving);
  return findings.sort(
    (a, b) =>
      gains.get(b)! - gains.get(a)! ||
      weight(b) - weight(a) ||
      b.saving.bytes - a.saving.bytes ||
      b.saving.peakBytes - a.saving.peakBytes ||
      b.saving.steps - a.saving.steps ||
      rank(a) - rank(b) ||
      (a.lines[0] ?? 0) - (b.lines[0] ?? 0),
  );
}

/** What the rewrite saves over the original (positive: less). */
export function savingOf(before: Figures, after: Figures): Saving {
  return {
    bytes: before.allocatedBytes - after.allocatedBytes,
    peakBytes: before.peakLiveBytes - after.peakLiveBytes,
    steps: before.steps - after.steps,
    measured: true,
  };
}

/** A rewrite is worth offering when it saves memory worth a learner's attention, or lines of
 * work at no noticeable cost in memory. What it costs in return is shown with the figures. */
export function saves(before: Figures, after: Figures): boolean {
  return gainOf(before, after) !== "none";
}

/** Without a measured rewrite, the pattern's own cost in this run bounds what the practice
 * could save: it must itself be worth attention. A mistake is pointed out whatever it costs. */
function evidencePays(c: Candidate, run: Figures): boolean {
  if (c.about === "safety") return true;
  if (c.about === "work") return noticeableSteps(c.evidence.runs ?? 0, run.steps);
  return noticeableBytes(c.evidence.bytes, run.allocatedBytes);
}

/** How much a finding saves, for ranking: the larger of the bytes allocated and the peak it lowers. */
export function weightOf(s: Saving): number {
  return Math.max(s.bytes, s.peakBytes);
}

/** Runs the original once (unless its run is at hand) and each proposed rewrite, within the
 * budget, and keeps the one that pays most. */
class RewriteChecker {
  private original: Promise<Trace | undefined> | undefined;
  /** rewrites looked at: run now or known from before */
  private rewrites = 0;
  /** rewrites run now, against MAX_REWRITE_RUNS */
  private rewriteRuns = 0;
  private made = 0;
  private spentMs = 0;
  private skipped = 0;
  private stoppedBy: AdviceRuns["stoppedBy"];
  private readonly source: string;
  private readonly now: () => number;

  constructor(
    private readonly input: AdviseInput,
    private readonly run: RunProgram,
    private readonly parse: ParseProgram,
    private readonly options: AdviseOptions,
  ) {
    this.source = input.source;
    this.now = options.budget?.now ?? (() => performance.now());
  }

  report(): AdviceRuns {
    return {
      made: this.made,
      ms: this.spentMs,
      rewrites: this.rewrites,
      skipped: this.skipped,
      ...(this.stoppedBy ? { stoppedBy: this.stoppedBy } : {}),
    };
  }

  /** Of the rewrites that check out, the one that pays most (the earlier one on a tie);
   * `ranSame`: some rewrite ran and printed the same output. */
  async best(proposals: Edit[][]): Promise<{ rewrite?: Rewrite; ranSame: boolean }> {
    let ranSame = false;
    let best: Rewrite | undefined;
    for (const edits of proposals) {
      const text = applyEdits(this.source, edits);
      if (text === undefined || text === this.source || "error" in this.parse(text)) continue;
      const before = await this.originalRun();
      if (!before) {
        // the original was not run for want of budget: this rewrite is left out too
        if (this.stoppedBy) {
          this.skipped++;
          continue;
        }
        break;
      }
      const after = await this.rewriteRun(text);
      if (after === "stopped") {
        this.skipped++;
        continue;
      }
      this.rewrites++;
      if (!after || !finishedAlike(before, after)) continue;
      ranSame = true;
      const b = figures(before);
      const a = figures(after);
      if (!saves(b, a)) continue;
      if (!best || comparePay({ before: b, after: a }, best) > 0) {
        best = { source: text, diff: diffText(this.source, text), before: b, after: a };
      }
    }
    return best ? { rewrite: best, ranSame } : { ranSame };
  }

  private originalRun(): Promise<Trace | undefined> {
    const usable = (t: Trace | undefined) => (t && t.outcome.status === "finished" && !t.stdoutTruncated ? t : undefined);
    if (this.options.traceFromRun) return Promise.resolve(usable(this.input.trace));
    this.original ??= (async () => {
      const t = this.options.known?.(this.source) ?? (await this.runOnce(this.source));
      return usable(t === "stopped" ? undefined : t);
    })();
    return this.original;
  }

  /** A rewrite's run: known from before, or made now if the cap and the budget allow. */
  private async rewriteRun(source: string): Promise<Trace | undefined | "stopped"> {
    const known = this.options.known?.(source);
    if (known) return known;
    if (this.rewriteRuns >= MAX_REWRITE_RUNS) this.stop("count");
    const t = await this.runOnce(source);
    if (t !== "stopped") this.rewriteRuns++;
    return t;
  }

  private stop(why: NonNullable<AdviceRuns["stoppedBy"]>): void {
    this.stoppedBy ??= why;
  }

  /** One run within the budget: its Trace, undefined when it could not be run, "stopped"
   * when the budget (time, or a charge refused) allows no more runs. */
  private async runOnce(source: string): Promise<Trace | undefined | "stopped"> {
    if (this.stoppedBy) return "stopped";
    const budget = this.options.budget;
    const left = budget ? budget.ms - this.spentMs : Number.POSITIVE_INFINITY;
    // a run is given whole milliseconds, and at least one
    const timeLimitMs = Math.floor(left);
    if (!(timeLimitMs >= 1)) {
      this.stop("time");
      return "stopped";
    }
    if (budget?.charge && !budget.charge()) {
      this.stop("charge");
      return "stopped";
    }
    this.made++;
    const started = this.now();
    try {
      return await this.tryRun(source, Number.isFinite(timeLimitMs) ? { timeLimitMs } : undefined);
    } finally {
      this.spentMs += Math.max(0, this.now() - started);
    }
  }

  private async tryRun(source: string, limits: RunLimits | undefined): Promise<Trace | undefined> {
    try {
      return await (limits ? this.run(source, limits) : this.run(source));
    } catch {
      // a rewrite that cannot be run is simply not offered
      return undefined;
    }
  }
}

function finishedAlike(before: Trace, after: Trace): boolean {
  return after.outcome.status === "finished" && !after.stdoutTruncated && after.stdout === before.stdout;
}
