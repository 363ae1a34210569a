/**
 * The C runner's parts joined: every program of the corpus run by the interpreter with the Trace
 * builder listening; each Trace must pass the host's check, rebuild at its steps, and tell what the
 * interpreter saw (its stdout, its exit status or crash).
 */
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { stateAt } from "../../../src/core/state.js";
import { checkTrace } from "../../../src/core/trace-check.js";
import { runC } from "../../../src/runners/c/interp/index.js";
import { createTraceRecorder } from "../../../src/runners/c/trace/index.js";

const dir = join(import.meta.dirname, "programs");
const programs = readdirSync(dir).filter((f) => f.endsWith(".c")).sort();

describe("the C interpreter and the Trace builder together", () => {
  it("give every corpus program a Trace that checks, rebuilds at its steps and agrees with the run", async () => {
    const failures: string[] = [];
    for (const name of programs) {
      const source = readFileSync(join(dir, name), "utf8");
      const stdinFile = join(dir, name.replace(/\.c$/, ".stdin"));
      const stdin = existsSync(stdinFile) ? readFileSync(stdinFile, "utf8") : undefined;
      const recorder = createTraceRecorder(source, {});
      const run = await runC(source, { recorder, ...(stdin !== undefined ? { stdin } : {}), maxSteps: 200_000 });
      try {
        const trace = checkTrace(JSON.parse(JSON.stringify(recorder.trace())));
        expect(trace.language).toBe("c");
        // one Trace step per interpreter step, at most one more per call (the calling line's own
        // step), and one more where main's frame closes
        const calls = trace.steps.filter((s) => s.event === "call").length;
        expect(trace.steps.length - run.steps).toBeGreaterThanOrEqual(0);
        expect(trace.steps.length - run.steps).toBeLessThanOrEqual(calls + 1);
        expect(trace.stdout).toBe(run.stdout);
        if (run.end?.kind === "exit") expect(trace.outcome).toMatchObject({ status: "finished" });
        // every tenth step and the last (each state is rebuilt from the start)
        for (let i = 0; i < trace.steps.length; i += 10) stateAt(trace, i);
        stateAt(trace, trace.steps.length - 1);
      } catch (error) {
        failures.push(`${name}: ${(error as Error).message.split("\n")[0]}`);
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);
});
