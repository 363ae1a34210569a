/**
 * The advisor's runs within a budget: no rewrite starts once the time is spent, each run is
 * given at most what is left, and a refused charge stops the runs. Times are recorded by a
 * fake clock that each run moves on by the time it "took", never read from the wall.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { adviseWithin, type RunProgram } from "../../src/advisor/index.js";
import type { Trace } from "../../src/core/index.js";
import type { PythonEngine } from "../../src/runners/python/index.js";
import { engine } from "../helpers.js";

/** Patterns with several rewrites: slice copies (a recursion, a loop), range(len(…)), += on a string. */
const SOURCE = [
  "def total_of(xs):",
  "    if not xs:",
  "        return 0",
  "    return xs[0] + total_of(xs[1:])",
  "nums = list(range(30))",
  "for i in range(len(nums)):",
  "    nums[i] = nums[i] * 2",
  "text = ''",
  "for n in nums[1:]:",
  "    text += str(n)",
  "print(total_of(nums[:20]), len(text))",
].join("\n");

const ORIGINAL_MS = 100;

interface Recorded {
  source: string;
  timeLimitMs: number | undefined;
  /** what the run took on the fake clock: its cost, or its time limit if that came first */
  ms: number;
}

/** A runner over the real engine whose runs take `cost(source)` ms of a fake clock, and are
 * stopped at their time limit (outcome "limit") as the sandbox stops them. */
function fakeRunner(e: PythonEngine, cost: (source: string) => number) {
  let clock = 0;
  const runs: Recorded[] = [];
  const run: RunProgram = (source, limits) => {
    const wanted = cost(source);
    const limit = limits?.timeLimitMs ?? Number.POSITIVE_INFINITY;
    const ms = Math.min(wanted, limit);
    clock += ms;
    runs.push({ source, timeLimitMs: limits?.timeLimitMs, ms });
    const trace = e.run(source);
    return wanted > limit ? { ...trace, outcome: { status: "limit", limit: "time", max: limit / 1000 } } : trace;
  };
  return { run, runs, now: () => clock };
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe("the advisor's runs within a budget", () => {
  let e: PythonEngine;
  let trace: Trace;
  /** rewrites the advisor runs for SOURCE when nothing limits it */
  let unlimited: number;

  beforeAll(async () => {
    e = await engine();
    trace = e.run(SOURCE);
    expect(trace.outcome.status).toBe("finished");
    const free = fakeRunner(e, () => ORIGINAL_MS);
    const got = await adviseWithin({ source: SOURCE, trace }, free.run, (s) => e.parse(s), { traceFromRun: true });
    unlimited = free.runs.length;
    expect(got.runs).toMatchObject({ made: unlimited, rewrites: unlimited, skipped: 0 });
    expect(got.runs.stoppedBy).toBeUndefined();
  });

  it("has a program with enough rewrites for a budget to matter", () => {
    expect(unlimited).toBeGreaterThanOrEqual(4);
  });

  it("stops starting rewrites once twice the original's time is spent, each given only what is left", async () => {
    const budgetMs = 2 * ORIGINAL_MS;
    const r = fakeRunner(e, () => 70);
    const got = await adviseWithin({ source: SOURCE, trace }, r.run, (s) => e.parse(s), { traceFromRun: true, budget: { ms: budgetMs, now: r.now } });
    const durations = r.runs.map((x) => x.ms);
    // 70 + 70 finish; the third is given the 60 ms left and stopped there; no fourth starts
    expect(durations).toEqual([70, 70, 60]);
    expect(sum(durations)).toBeLessThanOrEqual(budgetMs);
    let spent = 0;
    for (const run of r.runs) {
      expect(run.timeLimitMs).toBe(budgetMs - spent);
      spent += run.ms;
    }
    expect(got.runs).toEqual({ made: 3, ms: sum(durations), rewrites: 3, skipped: unlimited - 3, stoppedBy: "time" });
  });

  it("stops a program whose rewrites would take long at the budget: one rewrite, cut at twice the original", async () => {
    const budgetMs = 2 * ORIGINAL_MS;
    // each rewrite would take ten times the original's run
    const r = fakeRunner(e, () => 10 * ORIGINAL_MS);
    const got = await adviseWithin({ source: SOURCE, trace }, r.run, (s) => e.parse(s), { traceFromRun: true, budget: { ms: budgetMs, now: r.now } });
    expect(r.runs).toHaveLength(1);
    expect(r.runs[0]!.timeLimitMs).toBe(budgetMs);
    expect(sum(r.runs.map((x) => x.ms))).toBeLessThanOrEqual(budgetMs);
    expect(got.runs).toMatchObject({ made: 1, skipped: unlimited - 1, stoppedBy: "time" });
    // a rewrite stopped by its limit is not offered; the practices are still named, from the run's own evidence
    expect(got.findings.length).toBeGreaterThan(0);
    expect(got.findings.every((f) => f.rewrite === undefined && !f.saving.measured)).toBe(true);
  });

  it("runs the original again inside the same budget when its trace is not from the same runner", async () => {
    const budgetMs = 2 * ORIGINAL_MS;
    const r = fakeRunner(e, () => ORIGINAL_MS);
    const got = await adviseWithin({ source: SOURCE, trace }, r.run, (s) => e.parse(s), { budget: { ms: budgetMs, now: r.now } });
    // the original's run again, then one rewrite: the budget is spent
    expect(r.runs.map((x) => x.source === SOURCE)).toEqual([true, false]);
    expect(sum(r.runs.map((x) => x.ms))).toBeLessThanOrEqual(budgetMs);
    expect(got.runs).toMatchObject({ made: 2, rewrites: 1, skipped: unlimited - 1, stoppedBy: "time" });
  });

  it("asks for a charge before each run and stops at the first refusal", async () => {
    const r = fakeRunner(e, () => 1);
    let asked = 0;
    const charge = () => ++asked <= 2;
    const got = await adviseWithin({ source: SOURCE, trace }, r.run, (s) => e.parse(s), {
      traceFromRun: true,
      budget: { ms: Number.POSITIVE_INFINITY, now: r.now, charge },
    });
    expect(r.runs).toHaveLength(2);
    expect(asked).toBe(3);
    // no time budget: no time limit is imposed on the runs
    expect(r.runs.every((x) => x.timeLimitMs === undefined)).toBe(true);
    expect(got.runs).toMatchObject({ made: 2, rewrites: 2, skipped: unlimited - 2, stoppedBy: "charge" });
  });

  it("uses runs it already knows without timing or charging them, and advises as with no budget", async () => {
    const free = fakeRunner(e, () => ORIGINAL_MS);
    const whole = await adviseWithin({ source: SOURCE, trace }, free.run, (s) => e.parse(s), { traceFromRun: true });
    const known = new Map(free.runs.map((x) => [x.source, e.run(x.source)]));
    const r = fakeRunner(e, () => ORIGINAL_MS);
    const got = await adviseWithin({ source: SOURCE, trace }, r.run, (s) => e.parse(s), {
      traceFromRun: true,
      known: (s) => known.get(s),
      budget: { ms: 0, now: r.now, charge: () => false },
    });
    expect(r.runs).toHaveLength(0);
    expect(got.runs).toEqual({ made: 0, ms: 0, rewrites: unlimited, skipped: 0 });
    expect(got.findings).toEqual(whole.findings);
  });
});
