/**
 * The value of a program's last expression statement (`display`) changes nothing else in the
 * Trace. These read the engine's own figures, so they run on the in-process engine only (the
 * sandbox pool's run of the core's tests leaves them out: there they would only run again).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Trace } from "../../../src/core/trace.js";
import { checkTrace } from "../../../src/core/trace-check.js";
import { Trace as TraceSchema } from "../../../src/core/trace.js";
import { createSessionLayer } from "../../../src/session/index.js";
import { engine } from "../../helpers.js";

/** The Trace with addresses left out (fields and texts): two runs in one interpreter place their objects apart. */
function shapeOf(t: Trace): unknown {
  return JSON.parse(
    JSON.stringify(t, (k, v) => (k === "address" || k === "display" ? undefined : typeof v === "string" ? v.replace(/0x7f3a[0-9a-f]+/g, "0x…") : v)),
  );
}

describe("display: the last expression's value", () => {
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
});
