/**
 * A Trace grows with what a program changes, not with the names it has: the text the tracer
 * writes (what crosses the sandbox boundary, is kept and is printed by `memsim run --json`)
 * for the two heavy cases of a study server stays small. Sizes are counted, not timed.
 */
import { describe, expect, it } from "vitest";
import { Trace } from "../../../src/core/index.js";
import { engine } from "../../helpers.js";

/** 1,000 assignments of five kinds (numbers, strings, tuples, lists, floats), about 46 KB. */
function assignments(): string {
  const kinds = [
    (i: number, n: string) => `count_${n} = ${i} * 3 + 7  # a number from arithmetic`,
    (_: number, n: string) => `label_${n} = "item number ${n} of the list"`,
    (i: number, n: string) => `pair_${n} = (${i}, "p${i}")  # a small tuple`,
    (i: number, n: string) => `items_${n} = [${i}, ${i} + 1, ${i} + 2]  # a new list`,
    (i: number, n: string) => `ratio_${n} = ${i} / 7.0  # a float from division`,
  ];
  return Array.from({ length: 1000 }, (_, i) => kinds[i % kinds.length]!(i, String(i).padStart(4, "0"))).join("\n") + "\n";
}

async function traced(source: string): Promise<{ bytes: number; trace: Trace }> {
  const text = (await engine()).runJson(source, { maxSteps: 10_000 });
  return { bytes: Buffer.byteLength(text), trace: Trace.parse(JSON.parse(text)) };
}

describe("the size of a Trace", () => {
  it("is under 1 MB for a program that makes 2,400 globals", { timeout: 300_000 }, async () => {
    const { bytes, trace } = await traced('g = globals()\nfor i in range(2400):\n    g[f"v{i}"] = i\n');
    expect(trace.outcome.status).toBe("finished");
    expect(trace.steps).toHaveLength(2 * 2400 + 2);
    expect(Object.keys(trace.objects).length).toBeGreaterThan(2 * 2400);
    expect(bytes).toBeLessThan(1_000_000);
  });

  it("is under 2 MB for a 46 KB file of 1,000 assignments", { timeout: 300_000 }, async () => {
    const source = assignments();
    expect(Buffer.byteLength(source)).toBeGreaterThan(46_000);
    const { bytes, trace } = await traced(source);
    expect(trace.outcome.status).toBe("finished");
    expect(trace.steps).toHaveLength(1000);
    expect(bytes).toBeLessThan(2_000_000);
  });
});
