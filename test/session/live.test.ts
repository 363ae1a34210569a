/**
 * What a notebook's kernel needs of the session layer, on the "threads" engine (the CLI's and
 * the kernel's default): a cell's last value, interrupting a session's run while its names live
 * on, and input() answered while the program waits.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Trace } from "../../src/core/trace.js";
import { noticeText } from "../../src/session/notices.js";
import { translator } from "../../src/i18n/index.js";
import { createSessionLayer, type SessionLayer, type Simulation } from "../../src/session/index.js";

function traceOf(r: Simulation): Trace {
  if (!r.ok) throw new Error(`the run failed: ${r.error.code}`);
  return r.trace;
}

const BIG = { timeLimitMs: 60_000, maxSteps: 5_000_000 };
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs `source` in the session and interrupts it once it has been going for `afterMs`. */
async function interrupted(layer: SessionLayer, sessionId: string, source: string, afterMs = 700): Promise<{ r: Simulation; told: boolean; ms: number }> {
  const run = layer.simulate(source, { language: "python", sessionId, limits: BIG });
  await wait(afterMs);
  const started = performance.now();
  const told = layer.interrupt(sessionId);
  const r = await run;
  return { r, told, ms: performance.now() - started };
}

describe("the session layer for a kernel, in interpreter threads", () => {
  let layer: SessionLayer;
  beforeAll(async () => {
    layer = createSessionLayer({ engine: "threads", limits: { timeLimitMs: 5_000 } });
    await layer.warm("python");
  }, 240_000);
  afterAll(async () => {
    await layer?.close();
  });

  it("gives a cell's last value, with the object it is", async () => {
    const t = traceOf(await layer.simulate("x = [1, 2]\nx", { language: "python", sessionId: "disp", display: true }));
    expect(t.display?.text).toBe("[1, 2]");
    expect(t.objects[t.display!.ref!]).toMatchObject({ type: "list" });
    // an object an earlier cell made is named too
    const later = traceOf(await layer.simulate("x", { language: "python", sessionId: "disp", display: true }));
    expect(later.display?.text).toBe("[1, 2]");
    expect(later.objects[later.display!.ref!]).toMatchObject({ type: "list", origin: "earlier" });
    expect(traceOf(await layer.simulate("1 + 1", { language: "python", display: true })).display).toEqual({ text: "2" });
    expect(traceOf(await layer.simulate("y = 3", { language: "python", sessionId: "disp", display: true })).display).toBeUndefined();
    expect(traceOf(await layer.simulate("None", { language: "python", display: true })).display).toBeUndefined();
    expect(traceOf(await layer.simulate("print(1)", { language: "python", display: true })).display).toBeUndefined();
    expect("display" in traceOf(await layer.simulate("1 + 1", { language: "python" }))).toBe(false);
  });

  it("stops a run interrupted before its program began at its first line", async () => {
    const sessionId = "early";
    const run = layer.simulate("a = 1\nwhile True:\n    pass\n", { language: "python", sessionId, limits: BIG });
    expect(layer.interrupt(sessionId)).toBe(true);
    const t = traceOf(await run);
    expect(t.outcome).toMatchObject({ status: "error", type: "KeyboardInterrupt", line: 1 });
    expect(traceOf(await layer.simulate("print(1)", { language: "python", sessionId })).stdout).toBe("1\n");
  });

  it("says no run was told to stop when none is going on", () => {
    expect(layer.interrupt("disp")).toBe(false);
    expect(layer.interrupt("never-seen")).toBe(false);
  });

  it("stops while True: pass with KeyboardInterrupt, keeps its Trace, and the session's names live on", async () => {
    const sessionId = "spin";
    traceOf(await layer.simulate("kept = [1, 2, 3]\n", { language: "python", sessionId }));
    const { r, told } = await interrupted(layer, sessionId, "made = 'before'\nwhile True:\n    pass\n");
    expect(told).toBe(true);
    const t = traceOf(r);
    expect(t.outcome).toMatchObject({ status: "error", type: "KeyboardInterrupt", line: expect.any(Number) });
    expect([2, 3]).toContain((t.outcome as { line: number }).line);
    expect(t.steps.length).toBeGreaterThan(10);
    expect(r.ok && r.notices).toEqual([]);
    const next = traceOf(await layer.simulate("print(kept, made)", { language: "python", sessionId }));
    expect(next.outcome.status).toBe("finished");
    expect(next.stdout).toBe("[1, 2, 3] before\n");
  });

  it("lands in the program's code however busy the tracer is: every Trace whole, every line the program's", async () => {
    const sessionId = "busy";
    // the session's interpreter is started first: an interrupt before the program begins stops it at its first line
    traceOf(await layer.simulate("pass", { language: "python", sessionId }));
    const source = [
      "def grow(n):",
      "    out = []",
      "    for i in range(n):",
      "        out.append([i, str(i)])",
      "    return out",
      "total = 0",
      "while True:",
      "    xs = grow(30)",
      "    total += len(xs)",
    ].join("\n");
    for (const afterMs of [300, 450, 600, 750]) {
      const { r } = await interrupted(layer, sessionId, source, afterMs);
      const t = traceOf(r);
      expect(t.outcome, `after ${afterMs} ms`).toMatchObject({ status: "error", type: "KeyboardInterrupt" });
      expect([2, 3, 4, 5, 7, 8, 9]).toContain((t.outcome as { line: number }).line);
      const last = t.steps[t.steps.length - 1]!;
      expect(last.events.some((e) => e.kind === "error")).toBe(true);
    }
    const next = traceOf(await layer.simulate("print(total > 0)", { language: "python", sessionId }));
    expect(next.stdout).toBe("True\n");
  });

  it("stops time.sleep(1000) at once", async () => {
    const sessionId = "sleepy";
    traceOf(await layer.simulate("pass", { language: "python", sessionId }));
    const { r, told, ms } = await interrupted(layer, sessionId, "import time\nz = 1\ntime.sleep(1000)\n");
    expect(told).toBe(true);
    expect(traceOf(r).outcome).toMatchObject({ status: "error", type: "KeyboardInterrupt", line: 3 });
    expect(ms).toBeLessThan(1_500);
    expect(traceOf(await layer.simulate("print(z)", { language: "python", sessionId })).stdout).toBe("1\n");
  });

  it("keeps time.sleep as Python's: it waits, refuses what Python refuses, and stops at the time limit", async () => {
    const short = traceOf(await layer.simulate("import time\nt = time.monotonic()\ntime.sleep(0.3)\nprint(time.monotonic() - t >= 0.29)", { language: "python" }));
    expect(short.stdout).toBe("True\n");
    const refused = traceOf(await layer.simulate("import time\ntime.sleep(-1)", { language: "python" }));
    expect(refused.outcome).toMatchObject({ status: "error", type: "ValueError" });
    const long = traceOf(await layer.simulate("import time\nfor i in range(3):\n    time.sleep(10)\n", { language: "python", limits: { timeLimitMs: 1_000 } }));
    expect(long.outcome).toMatchObject({ status: "limit", limit: "time", max: 1 });
  });

  it("calls a SIGINT handler the program set, in the program's code", async () => {
    const sessionId = "handler";
    traceOf(await layer.simulate("pass", { language: "python", sessionId }));
    const source = "import signal\ncaught = []\nold = signal.signal(signal.SIGINT, lambda s, f: caught.append(s))\nwhile not caught:\n    pass\nprint('caught', caught, old is signal.default_int_handler)";
    const { r, told } = await interrupted(layer, sessionId, source);
    expect(told).toBe(true);
    const t = traceOf(r);
    expect(t.outcome.status).toBe("finished");
    expect(t.stdout).toBe("caught [2] True\n");
  });

  it("stops one long C call by ending its runner, and says the session starts fresh", async () => {
    const sessionId = "c-loop";
    traceOf(await layer.simulate("kept = 1\n", { language: "python", sessionId }));
    const { r, told } = await interrupted(layer, sessionId, "sum(range(10**12))\n");
    expect(told).toBe(true);
    if (!r.ok) throw new Error(r.error.code);
    expect(r.trace.outcome).toMatchObject({ status: "error", type: "KeyboardInterrupt", line: 1 });
    expect(r.stopped?.by).toBe("interrupt");
    expect(r.notices.map((n) => n.code)).toEqual(["stopped.interrupt"]);
    for (const locale of ["en", "zh-CN"] as const) expect(noticeText(r.notices[0]!, translator(locale))).not.toMatch(/^sandbox\.|\{/);
    const next = await layer.simulate("kept\n", { language: "python", sessionId });
    expect(next.ok && next.notices.map((n) => n.code)).toEqual(["session.replaced"]);
  });

  it("asks for input() past the stdin lines, with the prompt, while the program waits", async () => {
    const asked: string[] = [];
    const t = traceOf(
      await layer.simulate("a = input('first? ')\nb = input('second? ')\nc = input('third? ')\nprint(a + b + c)", {
        language: "python",
        stdin: ["x"],
        input: async (prompt) => {
          asked.push(prompt);
          await wait(100);
          return `<${asked.length}>`;
        },
      }),
    );
    expect(asked).toEqual(["second? ", "third? "]);
    expect(t.outcome.status).toBe("finished");
    expect(t.stdout).toBe("first? x\nsecond? <1>\nthird? <2>\nx<1><2>\n");
  });

  it("goes on as when input runs out when the answer is null", async () => {
    const t = traceOf(await layer.simulate("a = input('name? ')\n", { language: "python", input: async () => null }));
    expect(t.outcome).toMatchObject({ status: "error", type: "EOFError", noInput: true });
  });

  it("does not count the wait for an answer toward the time limit", async () => {
    const t = traceOf(
      await layer.simulate("a = input()\nprint(len(a))", {
        language: "python",
        limits: { timeLimitMs: 1_000 },
        input: async () => {
          await wait(3_500);
          return "four";
        },
      }),
    );
    expect(t.outcome.status).toBe("finished");
    expect(t.stdout).toBe("four\n4\n");
  });

  it("ends the wait and the run with KeyboardInterrupt when interrupted during input()", async () => {
    const sessionId = "asking";
    traceOf(await layer.simulate("pass", { language: "python", sessionId }));
    const run = layer.simulate("before = 7\nname = input('name? ')\n", { language: "python", sessionId, input: () => new Promise(() => undefined) });
    await wait(800);
    expect(layer.interrupt(sessionId)).toBe(true);
    const t = traceOf(await run);
    expect(t.outcome).toMatchObject({ status: "error", type: "KeyboardInterrupt", line: 2 });
    expect(t.stdout).toBe("name? ");
    expect(traceOf(await layer.simulate("print(before)", { language: "python", sessionId })).stdout).toBe("7\n");
  });
});
