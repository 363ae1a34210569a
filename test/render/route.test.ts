/**
 * The router on its own: one small box that more arrows come into than its two sides hold.
 * Each arrow still gets a port of its own (the rest along the top and bottom), and no two
 * arrows share a stretch of their way.
 */
import { describe, expect, it } from "vitest";
import { rect, type SlotBox } from "../../src/render/types.js";
import { polyline, sharedRun } from "../../src/render/layout/paths.js";
import { routeArrows } from "../../src/render/layout/route.js";

describe("a crowded target", () => {
  // twelve cells of one list, all naming one 40 px tall box (three ports a side)
  const owner = rect(100, 100, 120, 12 * 24 + 30);
  const target = rect(420, 260, 120, 40);
  const slots: SlotBox[] = Array.from({ length: 12 }, (_, i) => {
    const r = rect(160, 130 + i * 24, 50, 20);
    return { id: `list:${i}`, owner: "list", rect: r, anchor: { x: r.x + r.w / 2, y: r.y + r.h / 2 }, target: "none" };
  });
  const targets = new Map([["none", target]]);
  const owners = new Map([["list", owner]]);
  const space = { area: rect(60, 40, 700, 600), boxes: [owner, target], texts: [] };

  it("gives every arrow a port of its own, on the top and bottom once the sides are full", () => {
    const { arrows, tangled } = routeArrows(slots, targets, owners, space, 800);
    expect(tangled).toBe(0);
    expect(arrows).toHaveLength(12);
    const ends = arrows.map((a) => `${Math.round(a.points.at(-1)!.x)},${Math.round(a.points.at(-1)!.y)}`);
    expect(new Set(ends).size).toBe(12);
    for (const a of arrows) {
      const end = a.points.at(-1)!;
      const on =
        a.side === "left" ? end.x === target.x
        : a.side === "right" ? end.x === target.x + target.w
        : a.side === "top" ? end.y === target.y
        : end.y === target.y + target.h;
      expect(on, `${a.from} ends on the ${a.side} side`).toBe(true);
    }
    expect(arrows.filter((a) => a.side === "top" || a.side === "bottom").length).toBeGreaterThan(0);
    const lines = arrows.map((a) => polyline(a));
    for (let i = 0; i < lines.length; i++) {
      for (let j = i + 1; j < lines.length; j++) expect(sharedRun(lines[i]!, lines[j]!, 1.5), `${arrows[i]!.from} and ${arrows[j]!.from}`).toBeLessThanOrEqual(10);
    }
  });
});
