/**
 * Arrows from slots to the objects they name. Each arrow enters its target by the side that
 * faces it; arrows into one side are spread apart, so two names on one object show as two
 * arrowheads into one box.
 */
import { point, type Arrow, type CanvasRect, type SlotBox } from "../types.js";

const SPREAD = 8;
const FIRST = 12;

type Side = Arrow["side"];

function sideFor(start: { x: number; y: number }, t: CanvasRect): Side {
  if (t.x >= start.x + 24) return "left";
  // a target in the same column: loop out to the right instead of crossing boxes
  if (start.x >= t.x - 40 && start.x <= t.x + t.w + 40) return "right";
  if (t.y >= start.y + 24) return "top";
  if (t.y + t.h <= start.y - 24) return "bottom";
  return "right";
}

export function routeArrows(slots: SlotBox[], targets: Map<string, CanvasRect>): Arrow[] {
  const groups = new Map<string, { slot: SlotBox; side: Side }[]>();
  for (const slot of slots) {
    if (!slot.anchor || !slot.target) continue;
    const t = targets.get(slot.target);
    if (!t) continue;
    const side = sideFor(slot.anchor, t);
    const key = `${slot.target}\u0000${side}`;
    const list = groups.get(key) ?? [];
    list.push({ slot, side });
    groups.set(key, list);
  }
  const arrows: Arrow[] = [];
  for (const list of groups.values()) {
    const vertical = list[0]!.side === "left" || list[0]!.side === "right";
    list.sort((a, b) => (vertical ? a.slot.anchor!.y - b.slot.anchor!.y : a.slot.anchor!.x - b.slot.anchor!.x));
    list.forEach(({ slot, side }, k) => {
      const s = slot.anchor!;
      const t = targets.get(slot.target!)!;
      arrows.push(curve(slot.id, slot.target!, s, slot.rect.x + slot.rect.w, t, side, k));
    });
  }
  return arrows;
}

function curve(from: string, to: string, s: { x: number; y: number }, slotRight: number, t: CanvasRect, side: Side, k: number): Arrow {
  const start = point(s.x, s.y);
  if (side === "left" || side === "right") {
    const ey = Math.min(t.y + FIRST + k * SPREAD, t.y + t.h - 4);
    if (side === "left") {
      const end = point(t.x, ey);
      const dx = Math.max(24, (end.x - s.x) * 0.45);
      return { from, to, start, c1: point(s.x + dx, s.y), c2: point(end.x - dx, ey), end, side };
    }
    const end = point(t.x + t.w, ey);
    const out = Math.max(slotRight + 16, end.x) + 36;
    return { from, to, start, c1: point(out, s.y), c2: point(out, ey), end, side };
  }
  const ex = Math.min(t.x + 18 + k * SPREAD, t.x + t.w - 6);
  const end = point(ex, side === "top" ? t.y : t.y + t.h);
  const reach = Math.max(40, Math.abs(end.y - s.y) * 0.4);
  const c2 = point(ex, side === "top" ? end.y - reach : end.y + reach);
  return { from, to, start, c1: point(s.x + 50, s.y), c2, end, side };
}
