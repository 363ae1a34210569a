/**
 * Layout rules over every example and a set of large heaps, in both ways of drawing small
 * values: no overlaps, arrows from slot to target, nothing off the canvas, texts that fit.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Trace } from "../../src/core/index.js";
import { layoutStep } from "../../src/render/index.js";
import { checkLayout } from "./check.js";
import { examples, largeHeaps, stepsToCheck, traceOf } from "./traces.js";

const programs = [...examples().map((p) => ({ ...p, large: false })), ...largeHeaps().map((p) => ({ ...p, large: true }))];
const traces = new Map<string, Trace>();

beforeAll(async () => {
  for (const p of programs) traces.set(p.name, await traceOf(p.source));
});

describe("layout rules", () => {
  it("has examples and large heaps to check", () => {
    expect(examples().length).toBeGreaterThanOrEqual(5);
    expect(largeHeaps().map((p) => p.name)).toEqual(expect.arrayContaining(["objs200", "list10k", "deep30", "linked50", "dict100"]));
  });

  for (const p of programs) {
    for (const inlineScalars of [true, false]) {
      it(`${p.name} (${inlineScalars ? "values inline" : "values on the heap"})`, () => {
        const t = traces.get(p.name)!;
        const problems: string[] = [];
        for (const step of stepsToCheck(t, p.large ? 30 : 60)) {
          const layout = layoutStep(t, step, { inlineScalars, caption: (i) => `Step ${i + 1} explained in a sentence long enough to wrap onto a second line when the picture is narrow, as captions often are.` });
          for (const problem of checkLayout(layout)) problems.push(`step ${step}: ${problem}`);
        }
        expect(problems.slice(0, 20)).toEqual([]);
      });
    }
  }
});
