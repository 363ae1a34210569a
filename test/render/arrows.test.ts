/**
 * Arrows in dense diagrams keep clear of what a learner reads: checked over every step picked
 * from every example (both ways of drawing small values) and from the generated large heaps,
 * among them `many`, 40+ objects that refer to each other. No arrow may run through a text
 * inside a box, no two arrows may share a stretch of their way, and each lands on its target.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Trace } from "../../src/core/index.js";
import { layoutStep } from "../../src/render/index.js";
import { arrowsKeepClear, checkLayout } from "./check.js";
import { examples, largeHeaps, stepsToCheck, traceOf } from "./traces.js";

const traces = new Map<string, Trace>();
const cases = [
  ...examples().flatMap((p) => [{ ...p, inline: true }, { ...p, inline: false }]),
  ...largeHeaps().flatMap((p) => [{ ...p, inline: true }, { ...p, inline: false }]),
];

beforeAll(async () => {
  for (const p of cases) if (!traces.has(p.name)) traces.set(p.name, await traceOf(p.source));
});

describe("arrows in dense diagrams", () => {
  it("has a dense program to check: 40+ objects, most drawn, with many arrows", () => {
    const t = traces.get("many")!;
    const last = layoutStep(t, t.steps.length - 1);
    expect(last.objects.length).toBeGreaterThanOrEqual(25);
    expect(last.arrows.length).toBeGreaterThanOrEqual(50);
    expect(Object.keys(t.objects).length).toBeGreaterThanOrEqual(40);
  });

  for (const p of cases) {
    it(`${p.name} (${p.inline ? "values inline" : "values on the heap"})`, () => {
      const t = traces.get(p.name)!;
      const problems: string[] = [];
      for (const step of stepsToCheck(t, 30)) {
        const layout = layoutStep(t, step, { inlineScalars: p.inline });
        for (const problem of [...arrowsKeepClear(layout), ...checkLayout(layout).filter((x) => x.includes("arrow"))]) problems.push(`step ${step}: ${problem}`);
      }
      expect(problems.slice(0, 10)).toEqual([]);
    });
  }

  it("routes the arrows of the dense program's last step around every box, each into a port of its own", () => {
    const t = traces.get("many")!;
    const layout = layoutStep(t, t.steps.length - 1);
    const ends = layout.arrows.map((a) => `${a.to} ${a.side} ${Math.round(a.points.at(-1)!.x)},${Math.round(a.points.at(-1)!.y)}`);
    expect(new Set(ends).size).toBe(ends.length);
    // legs in straight lines: every elbow turns at right angles
    for (const a of layout.arrows.filter((x) => x.shape === "elbow")) {
      for (let i = 1; i < a.points.length; i++) {
        const p = a.points[i - 1]!;
        const q = a.points[i]!;
        expect(p.x === q.x || p.y === q.y).toBe(true);
      }
    }
  });
});

describe("an object many cells refer to, with values on the heap", () => {
  // None, a small int and the two bools, each named from many cells at once
  const source = "xs = [None] * 10\nys = [7] * 10\nzs = [xs, ys]\nws = [True, False] * 5\nd = {k: None for k in range(9)}\n";

  it("takes every arrow into a port of its own, and no way runs through another's port", async () => {
    const t = await traceOf(source);
    for (let step = 0; step < t.steps.length; step++) {
      const layout = layoutStep(t, step, { inlineScalars: false });
      expect([...arrowsKeepClear(layout), ...checkLayout(layout).filter((x) => x.includes("arrow"))], `step ${step}`).toEqual([]);
    }
    const layout = layoutStep(t, t.steps.length - 1, { inlineScalars: false });
    const into = new Map<string, string[]>();
    for (const a of layout.arrows) {
      const end = a.points.at(-1)!;
      into.set(a.to, [...(into.get(a.to) ?? []), `${a.side} ${Math.round(end.x)},${Math.round(end.y)}`]);
    }
    const [busiest, ends] = [...into].sort((a, b) => b[1].length - a[1].length)[0]!;
    // None: ten cells of xs and nine values of d
    expect(layout.objects.find((o) => o.id === busiest)!.rect.h).toBeLessThan(100);
    expect(ends.length).toBeGreaterThanOrEqual(19);
    expect(new Set(ends).size).toBe(ends.length);
  });
});

describe("a single heap object", () => {
  it("stands beside the frame whose variable refers to it, level with the variable", async () => {
    const programs = [
      "def make(n):\n    out = [n]\n    out.append(n + 1)\n    out.append(n + 2)\n    return out\n\ndef outer(k):\n    x = k + 1\n    return make(x)\n\nnums = outer(2)\nprint(nums)\n",
      // the list's name is the ninth variable of its frame: the box stands level with it, not at the top
      "a = 1\nb = 2\nc = 3\nd = 4\ne = 5\nf = 6\ng = 7\nh = 8\nitems = [a, b]\nitems.append(c)\nprint(items)\n",
    ];
    let checked = 0;
    for (const source of programs) {
    const t = await traceOf(source);
    for (let step = 0; step < t.steps.length; step++) {
      const layout = layoutStep(t, step);
      const live = layout.objects.filter((o) => o.state !== "freed");
      if (live.length !== 1) continue;
      const o = live[0]!;
      const slots = layout.slots.filter((s) => s.target === o.id && s.owner.startsWith("frame:"));
      if (!slots.length) continue;
      const frame = layout.frames.find((f) => `frame:${f.index}` === slots[0]!.owner)!;
      const y = slots[0]!.anchor!.y;
      // the box's header is level with the variable naming it, and within its frame's height
      expect(Math.abs(o.rect.y + 12 - y)).toBeLessThanOrEqual(14);
      expect(o.rect.y).toBeGreaterThanOrEqual(frame.rect.y - 14);
      expect(o.rect.y).toBeLessThanOrEqual(frame.rect.y + frame.rect.h);
      checked++;
    }
    }
    expect(checked).toBeGreaterThanOrEqual(3);
  });
});
