/** A closure cell in the diagram: a small box with one slot, between the function and the value. */
import { describe, expect, it } from "vitest";
import type { Trace } from "../../src/core/index.js";
import { layoutStep, type CanvasRect, type DiagramLayout } from "../../src/render/index.js";
import { trace } from "../helpers.js";
import { checkLayout } from "./check.js";

const PAIR = [
  "def pair():",
  "    items = []",
  "    def add(x):",
  "        items.append(x)",
  "    def get():",
  "        return items",
  "    return add, get",
  "add, get = pair()",
  "add(5)",
  "add(6)",
].join("\n");

function cellId(t: Trace): string {
  return Object.entries(t.objects).find(([, o]) => o.type === "cell")![0];
}

/** The legs of an arrow, as thin rects: straight for an elbow, the chord for a curve. */
function legs(layout: DiagramLayout, from: string): CanvasRect[] {
  const a = layout.arrows.find((x) => x.from === from)!;
  const out: CanvasRect[] = [];
  const pts = a.shape === "elbow" ? a.points : [a.points[0]!, a.points.at(-1)!];
  for (let i = 0; i + 1 < pts.length; i++) {
    const p = pts[i]!;
    const q = pts[i + 1]!;
    out.push({ x: Math.min(p.x, q.x), y: Math.min(p.y, q.y), w: Math.abs(p.x - q.x) || 1, h: Math.abs(p.y - q.y) || 1 });
  }
  return out;
}

const crosses = (a: CanvasRect, b: CanvasRect) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

describe("a closure cell in the diagram", () => {
  it("is a box with one slot: an arrow from each function to it, and from it to the value", async () => {
    const t = await trace(PAIR);
    const cell = cellId(t);
    const step = t.steps.length - 1;
    for (const inlineScalars of [true, false]) {
      const layout = layoutStep(t, step, { inlineScalars });
      expect(checkLayout(layout)).toEqual([]);
      expect(layout.objects.some((o) => o.id === cell)).toBe(true);
      const cellSlots = layout.slots.filter((s) => s.owner === cell);
      expect(cellSlots.map((s) => s.id)).toEqual([`${cell}:.items`]);
      const intoCell = layout.arrows.filter((a) => a.to === cell).map((a) => a.from.split(":")[0]);
      expect(intoCell.map((id) => t.objects[id!]!.type)).toEqual(["function", "function"]);
      const out = layout.arrows.find((a) => a.from === `${cell}:.items`)!;
      expect(t.objects[out.to]!.type).toBe("list");
      // the way back to the list goes around the other boxes, not through them
      const others = layout.objects.filter((o) => o.id !== cell && o.id !== out.to).map((o) => o.rect);
      for (const leg of legs(layout, `${cell}:.items`)) for (const box of others) expect(crosses(leg, box)).toBe(false);
    }
  });

  it("shows its slot empty, in words, before the variable has a value", async () => {
    const t = await trace(PAIR);
    const cell = cellId(t);
    const made = t.objects[cell]!.createdAt;
    for (const [locale, words] of [["en", "empty: no value yet"], ["zh-CN", "空：还没有值"]] as const) {
      const layout = layoutStep(t, made, { locale });
      expect(checkLayout(layout)).toEqual([]);
      expect(layout.slots.filter((s) => s.owner === cell)).toHaveLength(1);
      expect(layout.texts.some((x) => x.text === words)).toBe(true);
    }
  });
});
