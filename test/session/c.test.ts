/**
 * C through the session layer: each program traced in a thread of its own, with the layer's
 * limits; a compile error comes back as a Trace as a Python syntax error does, a runaway program
 * with the steps it made (also when its session interrupts it), and deep recursion works in the
 * thread's large stack.
 */
import { afterAll, describe, expect, it, onTestFinished } from "vitest";
import { stateAt } from "../../src/core/state.js";
import { checkTrace } from "../../src/core/trace-check.js";
import { Trace } from "../../src/core/trace.js";
import { traceInThread } from "../../src/session/c.js";
import { createSessionLayer, type Simulation } from "../../src/session/index.js";

const layer = createSessionLayer({ engine: "threads", limits: { maxSteps: 100_000, timeLimitMs: 20_000 } });
afterAll(() => layer.close());

function traceOf(r: Simulation): Trace {
  if (!r.ok) throw new Error(`the run failed: ${r.error.code}`);
  // what crossed from the thread is a Trace as the schema and the host's check read it
  return checkTrace(Trace.parse(JSON.parse(JSON.stringify(r.trace))));
}

describe("the C runner of the session layer", () => {
  it("is registered for C and runs programs in a thread", async () => {
    const r = await layer.simulate('#include <stdio.h>\nint main(void) {\n  int x = 6 * 7;\n  printf("%d\\n", x);\n  return 3;\n}\n', { language: "c" });
    const trace = traceOf(r);
    expect(layer.where("c")).toBe("thread");
    expect(trace.language).toBe("c");
    expect(trace.stdout).toBe("42\n");
    expect(trace.outcome).toEqual({ status: "finished", exitStatus: 3 });
    expect(r.ok && r.notices).toEqual([]);
  });

  it("kept warm, runs programs on threads started ahead, each run as if it were the first", async () => {
    const warm = createSessionLayer({ engine: "threads", limits: { maxSteps: 10_000, timeLimitMs: 20_000 } });
    try {
      await warm.warm("c");
      // what one run leaves in its thread (a static counter, rand's state) is not there for the next
      const source = '#include <stdio.h>\n#include <stdlib.h>\nstatic int runs;\nint main(void) {\n  runs++;\n  printf("%d %d\\n", runs, rand() % 1000);\n  return 0;\n}\n';
      const outs: string[] = [];
      for (let i = 0; i < 3; i++) outs.push(traceOf(await warm.simulate(source, { language: "c" })).stdout);
      expect(new Set(outs)).toEqual(new Set([outs[0]]));
      expect(outs[0]).toMatch(/^1 \d+\n$/);
      // the first run may find its spare still starting; the later ones find theirs ready
      expect((warm.stats("c") as { runsOnSpareThreads: number }).runsOnSpareThreads).toBeGreaterThanOrEqual(2);
    } finally {
      await warm.close();
    }
  });

  it("gives a compile error as a Trace with its place, the line's text and its diagnostics, and no steps", async () => {
    const source = "int main(void) {\n  int x = 1;\n  return y;\n}\n";
    const trace = traceOf(await layer.simulate(source, { language: "c" }));
    expect(trace.steps).toEqual([]);
    expect(trace.outcome).toMatchObject({ status: "syntax-error", type: "c.undeclared", line: 3, column: 10, text: "  return y;" });
    expect(trace.outcome.status === "syntax-error" && trace.outcome.message).toContain("y");
    expect(trace.diagnostics).toEqual([expect.objectContaining({ code: "c.undeclared", severity: "error", line: 3, column: 10, params: { name: "y" } })]);
  });

  it("reads the --stdin lines as the program's input", async () => {
    const source = '#include <stdio.h>\nint main(void) {\n  int a, b;\n  scanf("%d %d", &a, &b);\n  printf("%d\\n", a + b);\n  return 0;\n}\n';
    expect(traceOf(await layer.simulate(source, { language: "c", stdin: ["19", "23"] })).stdout).toBe("42\n");
  });

  it("stops a program at the step limit with the steps it made, which rebuild", async () => {
    const source = "int main(void) {\n  long n = 0;\n  while (1) {\n    n++;\n  }\n}\n";
    const trace = traceOf(await layer.simulate(source, { language: "c", limits: { maxSteps: 500 } }));
    expect(trace.outcome).toMatchObject({ status: "limit", limit: "steps", max: 500 });
    expect(trace.steps.length).toBeGreaterThanOrEqual(500);
    expect(trace.steps.length).toBeLessThanOrEqual(502);
    const last = stateAt(trace, trace.steps.length - 1);
    expect(last.frames.map((f) => f.name)).toEqual(["main"]);
  });

  it("stops a program that never ends at the time limit", async () => {
    const source = "int main(void) {\n  unsigned n = 0;\n  for (;;) n++;\n}\n";
    const trace = traceOf(await layer.simulate(source, { language: "c", limits: { maxSteps: 100_000_000, timeLimitMs: 300 } }));
    expect(trace.outcome).toMatchObject({ status: "limit", limit: "time", max: 300 });
  });

  it("interrupts a session's C program before its next step, keeping the steps it made, with KeyboardInterrupt", async () => {
    const source = "int main(void) {\n  unsigned n = 0;\n  for (;;) n++;\n}\n";
    // a layer whose limits the loop cannot reach in the second it runs, however fast the machine
    const long = createSessionLayer({ engine: "threads", limits: { maxSteps: 100_000_000, timeLimitMs: 20_000 } });
    const running = long.simulate(source, { language: "c", sessionId: "c-interrupted" });
    // an interrupt that did not stop it would leave a limit outcome
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(long.interrupt("c-interrupted")).toBe(true);
    const r = await running;
    onTestFinished(() => long.close());
    const trace = traceOf(r);
    expect(trace.outcome).toMatchObject({ status: "error", type: "KeyboardInterrupt", message: "" });
    expect(r.ok && r.notices).toEqual([]);
    if (trace.steps.length > 3) {
      // stopped in the loop, as its steps show: they rebuild
      expect(trace.outcome.status === "error" && trace.outcome.line).toBe(3);
      expect(trace.steps.at(-1)!.line).toBe(3);
      expect(stateAt(trace, trace.steps.length - 1).frames.map((f) => f.name)).toEqual(["main"]);
    }
    // the run is over: nothing of that session runs now
    expect(long.interrupt("c-interrupted")).toBe(false);
  });

  it("follows recursion 5,000 calls deep", async () => {
    const source = '#include <stdio.h>\nint depth(int n) {\n  if (n == 0) return 0;\n  return 1 + depth(n - 1);\n}\nint main(void) {\n  printf("%d\\n", depth(5000));\n  return 0;\n}\n';
    const trace = traceOf(await layer.simulate(source, { language: "c" }));
    expect(trace.outcome).toEqual({ status: "finished", exitStatus: 0 });
    expect(trace.stdout).toBe("5000\n");
    const deepest = Math.max(...trace.steps.map((_, i) => i).filter((i) => i % 997 === 0).map((i) => stateAt(trace, i).frames.length));
    expect(deepest).toBeGreaterThan(1000);
  }, 60_000);

  it("ends a thread that never answers at the time limit, as a run stopped there", async () => {
    const hung = new URL("./fixtures/hung-thread.mjs", import.meta.url);
    const r = await traceInThread("int main(void) { return 0; }\n", { maxSteps: 100, timeLimitMs: 200 }, hung);
    const trace = traceOf(r);
    expect(trace.outcome).toEqual({ status: "limit", limit: "time", max: 200 });
    expect(trace.steps).toEqual([]);
  });
});
