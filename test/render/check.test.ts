/** The layout checker itself: it must catch each kind of broken layout, or its passes mean nothing. */
import { beforeAll, describe, expect, it } from "vitest";
import type { Trace } from "../../src/core/index.js";
import { layoutStep, type DiagramLayout } from "../../src/render/index.js";
import { arrowsKeepClear, checkLayout } from "./check.js";
import { traceOf } from "./traces.js";

let good: DiagramLayout;

beforeAll(async () => {
  const t: Trace = await traceOf("a = [1, 2]\nb = a\nd = {'k': a}\n");
  good = layoutStep(t, t.steps.length - 1);
});

const copy = () => structuredClone(good);

describe("the layout checker", () => {
  it("passes a good layout", () => {
    expect(good.objects.length).toBeGreaterThanOrEqual(2);
    expect(good.arrows.length).toBeGreaterThanOrEqual(3);
    expect(checkLayout(good)).toEqual([]);
  });

  it("catches two boxes on top of each other", () => {
    const l = copy();
    const [a, b] = l.objects;
    (b as { rect: unknown }).rect = { ...a!.rect, x: a!.rect.x + 5 };
    expect(checkLayout(l).some((p) => p.includes("overlaps"))).toBe(true);
  });

  it("catches an arrow that misses its target", () => {
    const l = copy();
    const arrow = l.arrows[0]!;
    const end = arrow.points.at(-1)!;
    arrow.points[arrow.points.length - 1] = { x: end.x - 30, y: end.y };
    expect(checkLayout(l).some((p) => p.includes(`not on the ${arrow.side} side`))).toBe(true);
  });

  it("catches an arrow that does not start at its slot", () => {
    const l = copy();
    const arrow = l.arrows[0]!;
    arrow.points[0] = { x: arrow.points[0]!.x + 40, y: arrow.points[0]!.y };
    expect(checkLayout(l).some((p) => p.includes("does not start at its slot"))).toBe(true);
  });

  it("catches a reference drawn without its arrow", () => {
    const l = copy();
    l.arrows.pop();
    expect(checkLayout(l).some((p) => p.includes("but has 0 arrows"))).toBe(true);
  });

  it("catches something off the canvas", () => {
    const l = copy();
    l.width = 300;
    expect(checkLayout(l).some((p) => p.includes("leaves the 300×"))).toBe(true);
  });

  it("catches text wider than its box", () => {
    const l = copy();
    const t = l.texts.find((x) => x.text.length > 3)!;
    t.text = t.text + " and a great deal more text than the box was measured for";
    expect(checkLayout(l).some((p) => p.includes("does not fit its box"))).toBe(true);
  });
});

describe("the arrow rules", () => {
  it("catch an arrow drawn through a box's text", () => {
    const l = copy();
    const header = l.texts.find((t) => l.objects.some((o) => t.y >= o.rect.y && t.y < o.rect.y + 24 && t.x >= o.rect.x && t.x < o.rect.x + o.rect.w))!;
    const a = l.arrows[0]!;
    const y = header.y + header.height / 2;
    a.shape = "elbow";
    a.points = [a.points[0]!, { x: a.points[0]!.x, y }, { x: header.x + header.width + 10, y }, a.points.at(-1)!];
    expect(arrowsKeepClear(l).some((p) => p.includes("runs through the text"))).toBe(true);
  });

  it("catch two arrows that share a stretch of their way", () => {
    const l = copy();
    const [a, b] = l.arrows;
    b!.shape = "elbow";
    b!.points = [b!.points[0]!, { x: a!.points[0]!.x + 30, y: b!.points[0]!.y }, { x: a!.points[0]!.x + 30, y: a!.points[0]!.y }, { x: a!.points[0]!.x + 80, y: a!.points[0]!.y }];
    a!.shape = "elbow";
    a!.points = [a!.points[0]!, { x: a!.points[0]!.x + 80, y: a!.points[0]!.y }, a!.points.at(-1)!];
    expect(arrowsKeepClear(l).some((p) => p.includes("run together"))).toBe(true);
  });

  it("pass the good layout", () => {
    expect(arrowsKeepClear(good)).toEqual([]);
  });
});
