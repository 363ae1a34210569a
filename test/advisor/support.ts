/** Helpers for the advisor's tests: advice for a program, and checks that a rewrite holds. */
import { expect } from "vitest";
import { advise, figures, type Finding } from "../../src/advisor/index.js";
import { MIN_SAVED_BYTES, MIN_SAVED_SHARE, MIN_SAVED_STEP_SHARE, MIN_SAVED_STEPS } from "../../src/advisor/worth.js";
import { summarize, type Trace } from "../../src/core/index.js";
import { engine } from "../helpers.js";

/** The learner's run of a program and the advice for it, as a front end would get them. */
export async function adviceFor(source: string): Promise<{ trace: Trace; findings: Finding[] }> {
  const e = await engine();
  const trace = e.run(source);
  const findings = await advise({ source, trace }, (s) => e.run(s), (s) => e.parse(s));
  return { trace, findings };
}

/** The findings of one rule (and kind). */
export function only(findings: Finding[], ruleId: Finding["ruleId"], kind?: string): Finding[] {
  return findings.filter((f) => f.ruleId === ruleId && (kind === undefined || f.kind === kind));
}

/** Bytes of temporaries a loop or call held past their line and that never got a name,
 * read straight from the trace's events (what `summarize` leaves out). */
export function heldBytes(t: Trace): number {
  let bytes = 0;
  t.steps.forEach((s, i) => {
    for (const e of s.events) {
      if (e.kind !== "temp" || !e.live) continue;
      const named = Object.values(t.objects).some((o) => o.address === e.address && o.type === e.type && o.createdAt > i && o.createdAt <= i + 2);
      if (!named) bytes += e.size;
    }
  });
  return bytes;
}

/**
 * A rewrite really prints the same output and saves what it claims: both versions are run
 * again here, and the finding's figures are checked against the traces' own summaries.
 */
export async function expectRewriteHolds(source: string, finding: Finding): Promise<void> {
  const rewrite = finding.rewrite;
  expect(rewrite, `${finding.ruleId}/${finding.kind} offers a rewrite`).toBeDefined();
  const e = await engine();
  const before = e.run(source);
  const after = e.run(rewrite!.source);
  expect(after.outcome.status).toBe("finished");
  expect(after.stdout).toBe(before.stdout);
  for (const [t, f] of [[before, rewrite!.before], [after, rewrite!.after]] as const) {
    const s = summarize(t);
    const temps = t.steps.flatMap((st) => st.events.flatMap((ev) => (ev.kind === "temp" ? [ev] : [])));
    const dropped = temps.filter((ev) => !ev.live).reduce((n, ev) => n + ev.size, 0);
    // every temporary counts once: dropped within its line, held by a loop, or as the object it became
    expect(f.temporaryBytes).toBeGreaterThanOrEqual(dropped);
    expect(f.temporaryBytes).toBeLessThanOrEqual(dropped + heldBytes(t));
    expect(f.allocatedBytes).toBe(s.allocatedBytes + f.temporaryBytes);
    expect(f.steps).toBe(s.steps);
    // the peak counts named objects, what loops hold and a line's largest temporary
    expect(f.peakLiveBytes).toBe(s.peakLiveBytes);
    expect(f.peakLiveBytes).toBeGreaterThanOrEqual(Math.max(0, ...temps.map((ev) => ev.size / ev.count)));
    expect(figures(t)).toEqual(f);
  }
  expect(finding.saving).toEqual({
    bytes: rewrite!.before.allocatedBytes - rewrite!.after.allocatedBytes,
    peakBytes: rewrite!.before.peakLiveBytes - rewrite!.after.peakLiveBytes,
    steps: rewrite!.before.steps - rewrite!.after.steps,
    measured: true,
  });
  // it saves memory worth attention (bytes and a share of the run), or else lines worth attention
  const s = finding.saving;
  const b = rewrite!.before;
  const memory = (saved: number, whole: number) => saved >= MIN_SAVED_BYTES && saved >= MIN_SAVED_SHARE * whole;
  const work = s.steps >= MIN_SAVED_STEPS && s.steps >= MIN_SAVED_STEP_SHARE * b.steps;
  expect(memory(s.bytes, b.allocatedBytes) || memory(s.peakBytes, b.peakLiveBytes) || work).toBe(true);
}
