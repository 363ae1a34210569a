/**
 * What a notebook's kernel needs of the session layer, on the "pool" engine (sandboxed worker
 * processes, as a shared JupyterHub runs them): a cell's last value, interrupting a session's run
 * while its names live on, input() answered through the worker process while the program waits,
 * and the output sent as it is printed.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Trace } from "../../src/core/trace.js";
import { createSessionLayer, type OutputPiece, type SessionLayer, type Simulation } from "../../src/session/index.js";

function traceOf(r: Simulation): Trace {
  if (!r.ok) throw new Error(`the run failed: ${r.error.code}`);
  return r.trace;
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
const BIG = { timeLimitMs: 60_000, maxSteps: 5_000_000 };

describe("the session layer for a kernel, in the sandbox pool", () => {
  let layer: SessionLayer;
  beforeAll(async () => {
    layer = createSessionLayer({ engine: "pool", sandbox: { size: 1, maxSessions: 2, sparesPerWorker: 1 }, limits: { timeLimitMs: 5_000 } });
    await layer.warm("python");
  }, 240_000);
  afterAll(async () => {
    await layer?.close();
  });

  it("gives a cell's last value, with the object it is", async () => {
    const t = traceOf(await layer.simulate("x = [1, 2]\nx", { language: "python", sessionId: "nb", display: true }));
    expect(t.display?.text).toBe("[1, 2]");
    expect(t.objects[t.display!.ref!]).toMatchObject({ type: "list" });
    expect(traceOf(await layer.simulate("1 + 1", { language: "python", display: true })).display).toEqual({ text: "2" });
    expect(traceOf(await layer.simulate("x = 3", { language: "python", display: true })).display).toBeUndefined();
  });

  it("stops while True: pass with KeyboardInterrupt, and the next run reads a name made before", async () => {
    const run = layer.simulate("made = 'before'\nwhile True:\n    pass\n", { language: "python", sessionId: "nb", limits: BIG });
    await wait(1_000);
    expect(layer.interrupt("nb")).toBe(true);
    const t = traceOf(await run);
    expect(t.outcome).toMatchObject({ status: "error", type: "KeyboardInterrupt" });
    expect(t.steps.length).toBeGreaterThan(10);
    const next = traceOf(await layer.simulate("print(x, made)", { language: "python", sessionId: "nb" }));
    expect(next.stdout).toBe("[1, 2] before\n");
    expect(layer.interrupt("nb")).toBe(false);
  });

  it("asks for input() through the worker, twice in one run, with the prompts", async () => {
    const asked: string[] = [];
    const t = traceOf(
      await layer.simulate("a = input('first? ')\nb = input('second? ')\nprint(a + b)", {
        language: "python",
        input: async (prompt) => {
          asked.push(prompt);
          return `<${asked.length}>`;
        },
      }),
    );
    expect(asked).toEqual(["first? ", "second? "]);
    expect(t.stdout).toBe("first? <1>\nsecond? <2>\n<1><2>\n");
  });

  it("sends the output as it is printed through the worker, in order, a prompt and the line typed as input", async () => {
    const pieces: OutputPiece[] = [];
    const shownAtPrompt: string[] = [];
    const source = 'import sys\nprint("one")\nprint("two", file=sys.stderr)\nname = input("name? ")\nprint("hi", name)\n';
    const t = traceOf(
      await layer.simulate(source, {
        language: "python",
        output: (p) => pieces.push(...p),
        input: async (prompt) => {
          shownAtPrompt.push(`${pieces.map((p) => p.text).join("")}|${prompt}`);
          return "Ada";
        },
      }),
    );
    expect(shownAtPrompt).toEqual(["one\ntwo\n|name? "]);
    expect(pieces.slice(0, 3)).toEqual([
      { name: "stdout", text: "one\n" },
      { name: "stderr", text: "two\n" },
      { name: "input", text: "name? Ada\n" },
    ]);
    expect(t.stdout).toBe("one\ntwo\nname? Ada\nhi Ada\n");
    // what was sent is the beginning of the Trace's output, once
    expect(t.stdout.startsWith(pieces.map((p) => p.text).join(""))).toBe(true);
  });

  it("ends the wait and the run with KeyboardInterrupt when interrupted during input()", async () => {
    const run = layer.simulate("name = input('name? ')\n", { language: "python", sessionId: "nb", input: () => new Promise(() => undefined) });
    await wait(1_000);
    expect(layer.interrupt("nb")).toBe(true);
    const t = traceOf(await run);
    expect(t.outcome).toMatchObject({ status: "error", type: "KeyboardInterrupt", line: 1 });
    expect(traceOf(await layer.simulate("print(made)", { language: "python", sessionId: "nb" })).stdout).toBe("before\n");
  });

  it("lets a session go at once when its kernel restarts: a run under way stops, and its names are gone", async () => {
    const run = layer.simulate("kept = 1\nwhile True:\n    pass\n", { language: "python", sessionId: "old", limits: BIG });
    await wait(1_000);
    const sessions = () => (layer.stats("python") as { sessions: number }).sessions;
    const opened = sessions();
    expect(opened).toBeGreaterThanOrEqual(1);
    expect(layer.endSession("old")).toBe(true);
    expect(traceOf(await run).outcome).toMatchObject({ status: "error", type: "KeyboardInterrupt" });
    // gone at once, its worker with it, not waiting to idle out
    expect(layer.endSession("old")).toBe(false);
    expect(sessions()).toBe(opened - 1);
  });
});
