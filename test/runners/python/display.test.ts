/**
 * The value of a program's last expression statement (`display`): what Python's prompt would
 * show, the object it is when the Trace has it, and a Trace otherwise the same as without it.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Trace } from "../../../src/core/trace.js";
import { checkTrace } from "../../../src/core/trace-check.js";
import { Trace as TraceSchema } from "../../../src/core/trace.js";
import { createSessionLayer } from "../../../src/session/index.js";
import { engine, trace } from "../../helpers.js";

/** The Trace with addresses left out (fields and texts): two runs in one interpreter place their objects apart. */
function shapeOf(t: Trace): unknown {
  return JSON.parse(
    JSON.stringify(t, (k, v) => (k === "address" || k === "display" ? undefined : typeof v === "string" ? v.replace(/0x7f3a[0-9a-f]+/g, "0x…") : v)),
  );
}

describe("display: the last expression's value", () => {
  it.each([
    ["1 + 1", "2"],
    ["'a' + 'b'", "'ab'"],
    ["1; 2", "2"],
    ["xs = [3]\nfor x in xs:\n    x\nlen(xs)", "1"],
    ["d = {'k': [1]}\nd", "{'k': [1]}"],
    ['"""doc"""\nx = 1\nx', "1"],
  ])("shows %j as %j, as the prompt does", async (source, text) => {
    const t = await trace(source, { display: true });
    expect(t.outcome.status).toBe("finished");
    expect(t.display?.text).toBe(text);
  });

  it("names the object the Trace has: x = [1, 2] then x", async () => {
    const t = await trace("x = [1, 2]\nx", { display: true });
    expect(t.display?.text).toBe("[1, 2]");
    const ref = t.display?.ref;
    expect(ref).toBeDefined();
    expect(t.objects[ref!]).toMatchObject({ type: "list" });
    expect(t.objects[ref!]!.freedAt).toBeUndefined();
  });

  it("names no object the Trace never showed (a list made and dropped on the last line)", async () => {
    const t = await trace("[1, 2]", { display: true });
    expect(t.display).toEqual({ text: "[1, 2]" });
  });

  it.each([
    ["an assignment", "x = [1, 2]"],
    ["None", "None"],
    ["a print call", "print('hi')"],
    ["a function that returns None", "def f():\n    pass\nf()"],
    ["a loop", "for i in range(2):\n    i"],
    ["an empty program", ""],
  ])("shows nothing for %s", async (_, source) => {
    const t = await trace(source, { display: true });
    expect(t.outcome.status).toBe("finished");
    expect(t.display).toBeUndefined();
  });

  it("shows addresses as the program's id() does, and cuts past 10,000 characters", async () => {
    const obj = await trace("class B:\n    pass\nb = B()\nb", { display: true });
    expect(obj.display?.text).toMatch(/^<__main__\.B object at 0x7f3a[0-9a-f]+>$/);
    const long = await trace("'a' * 20000", { display: true });
    expect(long.display?.text).toHaveLength(10_001);
    expect(long.display?.text.endsWith("a…")).toBe(true);
  });

  it("makes a __repr__ that raises the run's error, and stops one that never ends", async () => {
    const raising = await trace("class A:\n    def __repr__(self):\n        raise ValueError('no')\nA()", { display: true });
    expect(raising.outcome).toMatchObject({ status: "error", type: "ValueError", line: 3 });
    expect(raising.display).toBeUndefined();
    const looping = await trace("class A:\n    def __repr__(self):\n        while True:\n            pass\nA()", { display: true, maxSteps: 500 });
    expect(looping.outcome).toMatchObject({ status: "limit", limit: "steps" });
    expect(looping.display).toBeUndefined();
  });

  it("leaves no name behind (no _), and records the last line's steps as without it", async () => {
    const t = await trace("x = 5\nx * 2", { display: true });
    expect(t.display?.text).toBe("10");
    const names = t.steps.flatMap((s) => [...(s.stack?.push ?? []).flatMap((f) => Object.keys(f.vars ?? {}))]);
    expect(names).not.toContain("_");
  });

  it("changes nothing else in the Trace: the same steps, objects, frames and quick steps", async () => {
    const e = await engine();
    const programs = [
      "x = [1, 2]\nx",
      "def f(n):\n    return [i * i for i in range(n)]\nys = f(5)\nys.append(1)\nys",
      "s = ''\nfor c in 'abc':\n    s += c\n    s\ns",
      "class P:\n    def __init__(self):\n        self.v = [1]\np = P()\np.v",
      "import math\nmath.sqrt(16)",
    ];
    for (const source of programs) {
      const plain = e.run(source, {});
      const plainStats = e.lastStats;
      const shown = e.run(source, { display: true });
      expect(e.lastStats, source).toEqual(plainStats);
      expect(shown.display, source).toBeDefined();
      expect(shapeOf(shown), source).toEqual(shapeOf(plain));
      // the schema and the hand-written check both take it
      expect(checkTrace(JSON.parse(JSON.stringify(shown))).display).toEqual(shown.display);
      expect(TraceSchema.parse(JSON.parse(JSON.stringify(shown))).display).toEqual(shown.display);
    }
  });

  it("changes nothing else in the Trace of any example or truth program", async () => {
    const e = await engine();
    const root = join(import.meta.dirname, "../../..");
    const files = ["assets/examples", "test/truth/programs"].flatMap((dir) =>
      readdirSync(join(root, dir))
        .filter((f) => f.endsWith(".py"))
        .sort()
        .map((f) => join(dir, f)),
    );
    expect(files.length).toBeGreaterThan(20);
    // A program is compiled and hooked alike with and without display: its runs differ only
    // where the last statement's value, not None, is shown. The programs end in print(), so a
    // last line that shows a new list is added to every other example and to every thirtieth
    // truth program, each run with and without display in a fresh interpreter from the same snapshot
    // (in this shared one, a run's objects take the blocks the runs before it left, so any two
    // runs could differ).
    for (const f of files) {
      const source = readFileSync(join(root, f), "utf8");
      const plain = e.run(source, { maxSteps: 20_000 });
      const plainStats = e.lastStats;
      e.run(source, { maxSteps: 20_000, display: true });
      expect(e.lastStats, f).toEqual(plainStats);
      expect(plain.display, f).toBeUndefined();
    }
    const sample = files.filter((f, i) => i % (f.startsWith("assets/") ? 2 : 30) === 0);
    const layer = createSessionLayer({ engine: "threads", limits: { maxSteps: 20_000, timeLimitMs: 30_000 } });
    try {
      for (const f of sample) {
        const source = readFileSync(join(root, f), "utf8").trimEnd() + '\n[len(dir()), "end"]\n';
        const [plain, withDisplay] = await Promise.all([false, true].map((display) => layer.simulate(source, { language: "python", display })));
        if (!plain!.ok || !withDisplay!.ok) throw new Error(`${f} did not run`);
        if (withDisplay.trace.outcome.status !== "finished") continue;
        expect(withDisplay.trace.display?.text, f).toMatch(/^\[\d+, 'end'\]$/);
        expect(shapeOf(withDisplay.trace), f).toEqual(shapeOf(plain.trace));
      }
    } finally {
      await layer.close();
    }
  }, 300_000);

  it("is absent when not asked for", async () => {
    const t = await trace("1 + 1");
    expect("display" in t).toBe(false);
  });
});
