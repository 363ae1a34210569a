/**
 * The tracer's quick way of recording the common step (memsim_tracer/quick.py) writes the same
 * Trace as the general way: every example and truth program is traced both ways and compared.
 * Addresses are left out of the comparison: the two ways' own allocations differ, so CPython
 * hands the program other blocks (each way's addresses are checked by the truth tests).
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { loadPyodide, type PyodideInterface } from "pyodide";
import { beforeAll, describe, expect, it } from "vitest";
import { engineFromPyodide, pyodideIndexURL, type PythonEngine } from "../../../src/runners/python/index.js";
import { Trace } from "../../../src/core/trace.js";
import { decodeTrace } from "../../../src/core/wire.js";

const root = join(import.meta.dirname, "../../..");
const programs = ["assets/examples", "test/truth/programs"].flatMap((dir) =>
  readdirSync(join(root, dir))
    .filter((f) => f.endsWith(".py"))
    .map((f) => join(dir, f)),
);
const LIMITS = { maxSteps: 20_000, timeLimitMs: 60_000 };

let py: PyodideInterface;
let engine: PythonEngine;

/**
 * The run's Trace, decoded, without addresses and the tracer's figures, checked against the
 * schema (the in-process engine decodes its Traces without validating them: this is their
 * check). Decoded: the quick way writes a name bound to a new number as one event of the
 * compact form, which stands for the general way's record, alloc and rebind.
 */
function traced(source: string, quick: boolean): { trace: unknown; quickSteps: number } {
  py.runPython(`import memsim_tracer.quick as q\nq.ENABLED = ${quick ? "True" : "False"}`);
  const json = engine.runJson(source, LIMITS);
  const raw = JSON.parse(json) as Record<string, unknown>;
  delete raw._stats; // the tracer's own figures, which the engine takes off
  const parsed = Trace.safeParse(raw);
  expect(parsed.success ? "" : parsed.error.message.slice(0, 400)).toBe("");
  const text = json
    .replace(/"_stats":\{[^}]*\},/, "")
    .replace(/"address":"0x[0-9a-f]+"/g, '"address":"0x?"')
    .replace(/0x7f3a[0-9a-f]{8}/g, "0x?");
  return { trace: decodeTrace(JSON.parse(text)), quickSteps: engine.lastStats!.quickSteps };
}

beforeAll(async () => {
  py = await loadPyodide({ indexURL: pyodideIndexURL(), env: { PYTHONHASHSEED: "0" } });
  engine = engineFromPyodide(py, { validate: false });
}, 60_000);

describe("the quick step", () => {
  it("is how a loop of the module's own lines is recorded", () => {
    const { quickSteps } = traced("total = 0\nfor i in range(500):\n    total += i\nprint(total)\n", true);
    // of about 1,000 steps, all but a few: the first (names not yet bound), the print's, and
    // those binding a name to a small int recorded before (the general way tells a shared one)
    expect(quickSteps).toBeGreaterThan(950);
    expect(traced("total = 0\nfor i in range(500):\n    total += i\n", false).quickSteps).toBe(0);
  });

  it("writes the Trace the general way writes, and one the schema accepts, for every example and truth program", () => {
    let compared = 0;
    for (const file of programs) {
      const source = readFileSync(join(root, file), "utf8");
      let general = traced(source, false);
      let quick = traced(source, true);
      if (quick.quickSteps === 0) continue;
      compared++;
      if (!isDeepStrictEqual(general.trace, quick.trace)) {
        // a str grown in place or moved depends on the heap the run before left: once more
        general = traced(source, false);
        quick = traced(source, true);
      }
      expect(quick.trace, file).toEqual(general.trace);
    }
    expect(compared).toBeGreaterThan(20);
  }, 300_000);
});
