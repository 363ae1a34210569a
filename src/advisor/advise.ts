/**
 * From a program and its Trace to ranked findings: the language's rules find patterns,
 * each proposed rewrite is run, and it is offered only if both versions finish, print the
 * same output, and the rewrite's saving is worth a learner's attention (./worth.ts): memory,
 * or work at no noticeable cost in memory. A practice whose rewrites ran but none paid is
 * not offered at all.
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

/** Runs a program as the learner's run was made (same limits, same input). */
export type RunProgram = (source: string) => Promise<Trace> | Trace;
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

/** Rewrites tried per request at most: each is one run of the program. */
const MAX_REWRITE_RUNS = 16;

/**
 * The best practices that apply to the learner's program: savings of memory first, then
 * gains in work, each most saving first (a front end showing one shows the first). Each
 * finding names its rule, its lines and the evidence from the Trace; a rewrite is included
 * only when running it printed the same output and its saving reached the threshold.
 */
export async function advise(input: AdviseInput, run: RunProgram, parse: ParseProgram): Promise<Finding[]> {
  const advisor = ADVISORS[input.trace.language];
  if (!advisor || input.trace.outcome.status === "syntax-error") return [];
  const found = advisor.candidates(input.source, input.trace, parse);
  const checker = new RewriteChecker(input.source, run, parse);
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

/** Runs the original once and each proposed rewrite, and keeps the first that checks out. */
class RewriteChecker {
  private original: Promise<Trace | undefined> | undefined;
  private runs = 0;

  constructor(
    private readonly source: string,
    private readonly run: RunProgram,
    private readonly parse: ParseProgram,
  ) {}

  /** Of the rewrites that check out, the one that pays most (the earlier one on a tie);
   * `ranSame`: some rewrite ran and printed the same output. */
  async best(proposals: Edit[][]): Promise<{ rewrite?: Rewrite; ranSame: boolean }> {
    let ranSame = false;
    let best: Rewrite | undefined;
    for (const edits of proposals) {
      const text = applyEdits(this.source, edits);
      if (text === undefined || text === this.source || "error" in this.parse(text)) continue;
      const before = await this.originalRun();
      if (!before || this.runs >= MAX_REWRITE_RUNS) break;
      this.runs++;
      const after = await this.tryRun(text);
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
    this.original ??= this.tryRun(this.source).then((t) => (t && t.outcome.status === "finished" && !t.stdoutTruncated ? t : undefined));
    return this.original;
  }

  private async tryRun(source: string): Promise<Trace | undefined> {
    try {
      return await this.run(source);
    } catch {
      // a rewrite that cannot be run is simply not offered
      return undefined;
    }
  }
}

function finishedAlike(before: Trace, after: Trace): boolean {
  return after.outcome.status === "finished" && !after.stdoutTruncated && after.stdout === before.stdout;
}
