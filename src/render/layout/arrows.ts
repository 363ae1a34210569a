/**
 * Arrows from slots to the objects they name. Each arrow enters its target by the side that
 * faces it; arrows into one side are spread apart, so two names on one object show as two
 * arrowheads into one box. A reference back to an object left of and below its owner (a
 * chain that wrapped onto the next band) goes around the boxes in straight legs.
 */
import { point, type Arrow, type CanvasPoint, type CanvasRect, type SlotBox } from "../types.js";

const SPREAD = 9;
const FIRST = 12;
const DROP = 64;
const LANE = 6;
// how far left of its owner a target may stand for an arrow to loop back to it (one column gap)
const BACK_REACH = 90;

type Side = Arrow["side"];

function sideFor(start: CanvasPoint, t: CanvasRect): Side {
  if (t.x >= start.x + 24) return "left";
  // a target in the same column: loop out to the right instead of crossing boxes
  if (start.x >= t.x - 40 && start.x <= t.x + t.w + 40) return "right";
  if (t.y >= start.y + 24) return "top";
  if (t.y + t.h <= start.y - 24) return "bottom";
  return "right";
}

function crosses(a: CanvasRect, b: CanvasRect): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/**
 * @param owners the rect of each slot's owner (object or frame)
 * @param obstacles every box an arrow should not run through
 * @param limitX how far right an arrow that goes around the boxes may reach
 */
export function routeArrows(
  slots: SlotBox[],
  targets: Map<string, CanvasRect>,
  owners: Map<string, CanvasRect>,
  obstacles: CanvasRect[],
  limitX = Infinity,
): Arrow[] {
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
  // long drops into a column run as vertical legs in the gap before it, one lane each:
  // later starts take lanes further left, so the legs never cross each other
  const lanes = new Map<string, number>();
  const drops = new Map<number, SlotBox[]>();
  for (const list of groups.values()) {
    for (const { slot, side } of list) {
      const t = targets.get(slot.target!)!;
      if (side !== "left" || Math.abs(t.y + FIRST - slot.anchor!.y) < DROP) continue;
      drops.set(t.x, [...(drops.get(t.x) ?? []), slot]);
    }
  }
  for (const list of drops.values()) {
    list.sort((a, b) => a.anchor!.y - b.anchor!.y || a.anchor!.x - b.anchor!.x);
    list.forEach((slot, k) => lanes.set(slot.id, k));
  }
  // loops back to the column before, with the curve each replaces if the lanes push it too far right
  const backs = new Map<Arrow, Arrow>();
  for (const list of groups.values()) {
    const vertical = list[0]!.side === "left" || list[0]!.side === "right";
    list.sort((a, b) => (vertical ? a.slot.anchor!.y - b.slot.anchor!.y : a.slot.anchor!.x - b.slot.anchor!.x));
    list.forEach(({ slot, side }, k) => {
      const t = targets.get(slot.target!)!;
      const owner = owners.get(slot.owner) ?? slot.rect;
      const lane = lanes.get(slot.id);
      let arrow =
        lane !== undefined ? drop(slot, t, k, lane)
        : side === "right" ? loop(slot, owner, t, k, obstacles)
        : elbow(slot, owner, t, side, k, obstacles);
      if (!arrow && (side === "top" || side === "bottom")) {
        arrow = backLoop(slot, owner, t, k, obstacles);
        if (arrow) backs.set(arrow, curve(slot, t, side, k));
      }
      arrows.push(arrow ?? curve(slot, t, side, k));
    });
  }
  separateLoops(arrows);
  return arrows.map((a) => (backs.has(a) && Math.max(...a.points.map((p) => p.x)) + 8 > limitX ? backs.get(a)! : a));
}

/**
 * Loops out to the right that run alongside each other get lanes of their own: shorter
 * loops inside, longer ones further out, so no two vertical legs lie on one line.
 */
function separateLoops(arrows: Arrow[]): Arrow[] {
  const loops = arrows.filter((a) => a.side === "right" && a.shape === "elbow");
  const span = (a: Arrow) => [Math.min(a.points[1]!.y, a.points[2]!.y), Math.max(a.points[1]!.y, a.points[2]!.y)] as const;
  loops.sort((a, b) => span(a)[1] - span(a)[0] - (span(b)[1] - span(b)[0]) || a.points[0]!.y - b.points[0]!.y);
  const placed: Arrow[] = [];
  for (const a of loops) {
    const [lo, hi] = span(a);
    let out = a.points[1]!.x;
    for (const p of placed) {
      const [plo, phi] = span(p);
      if (plo <= hi + 4 && lo <= phi + 4) out = Math.max(out, p.points[1]!.x + LANE);
    }
    a.points[1] = point(out, a.points[1]!.y);
    a.points[2] = point(out, a.points[2]!.y);
    placed.push(a);
  }
  return arrows;
}

function curve(slot: SlotBox, t: CanvasRect, side: Side, k: number): Arrow {
  const s = slot.anchor!;
  const base = { from: slot.id, to: slot.target!, shape: "curve" as const, side };
  const start = point(s.x, s.y);
  if (side === "left" || side === "right") {
    const ey = slot.landY ?? Math.min(t.y + FIRST + k * SPREAD, t.y + t.h - 4);
    if (side === "left") {
      const end = point(t.x, ey);
      const dx = Math.max(24, (end.x - s.x) * 0.45);
      return { ...base, points: [start, point(s.x + dx, s.y), point(end.x - dx, ey), end] };
    }
    const end = point(t.x + t.w, ey);
    const out = Math.max(slot.rect.x + slot.rect.w + 16, end.x) + 36;
    return { ...base, points: [start, point(out, s.y), point(out, ey), end] };
  }
  const ex = Math.min(t.x + 18 + k * SPREAD, t.x + t.w - 6);
  const end = point(ex, side === "top" ? t.y : t.y + t.h);
  const reach = Math.max(40, Math.abs(end.y - s.y) * 0.4);
  const c2 = point(ex, side === "top" ? end.y - reach : end.y + reach);
  return { ...base, points: [start, point(s.x + 50, s.y), c2, end] };
}

/** The right edge of whatever stands in the band from y0 to y1, starting at `from`. */
function clearRight(from: number, left: number, y0: number, y1: number, obstacles: CanvasRect[]): number {
  let right = from;
  for (let moved = true; moved; ) {
    moved = false;
    for (const o of obstacles) {
      if (o.y < y1 && o.y + o.h > y0 && o.x < right + 12 && o.x + o.w > right && o.x + o.w > left) {
        right = o.x + o.w;
        moved = true;
      }
    }
  }
  return right;
}

/** Out to the right of every box between the slot and the target, then back into its right side. */
function loop(slot: SlotBox, owner: CanvasRect, t: CanvasRect, k: number, obstacles: CanvasRect[]): Arrow {
  const s = slot.anchor!;
  const ey = slot.landY ?? Math.min(t.y + FIRST + k * SPREAD, t.y + t.h - 4);
  const right = clearRight(Math.max(owner.x + owner.w, t.x + t.w), owner.x, Math.min(s.y, ey) - 4, Math.max(s.y, ey) + 4, obstacles);
  const out = right + 14;
  return {
    from: slot.id,
    to: slot.target!,
    shape: "elbow",
    side: "right",
    points: [point(s.x, s.y), point(out, s.y), point(out, ey), point(t.x + t.w, ey)],
  };
}

/**
 * Back to an object left of the owner when the gap beside the target is blocked (a cell
 * referring to a list that a frame names, say): out to the right, up or down beside every
 * box, then along the target's row into its right side, if nothing stands on that row.
 */
function backLoop(slot: SlotBox, owner: CanvasRect, t: CanvasRect, k: number, obstacles: CanvasRect[]): Arrow | undefined {
  // only to the column just before: a longer way round would cross the whole heap
  if (t.x + t.w > owner.x || owner.x - (t.x + t.w) > BACK_REACH) return undefined;
  const arrow = loop(slot, owner, t, k, obstacles);
  const [, , corner, end] = arrow.points;
  const leg = { x: end!.x + 1, y: corner!.y - 1, w: corner!.x - end!.x - 2, h: 2 };
  return obstacles.some((o) => crosses(o, leg)) ? undefined : arrow;
}

/** Across to a lane in the gap before the target's column, down (or up) it, and in. */
function drop(slot: SlotBox, t: CanvasRect, k: number, lane: number): Arrow | undefined {
  const s = slot.anchor!;
  const laneX = t.x - 12 - Math.min(lane, 7) * LANE;
  if (laneX <= s.x + 12) return undefined;
  const ey = slot.landY ?? Math.min(t.y + FIRST + k * SPREAD, t.y + t.h - 4);
  return {
    from: slot.id,
    to: slot.target!,
    shape: "elbow",
    side: "left",
    points: [point(s.x, s.y), point(laneX, s.y), point(laneX, ey), point(t.x, ey)],
  };
}

/** Out of the owner's right side, along the gap above (or below) the target, then in. */
function elbow(slot: SlotBox, owner: CanvasRect, t: CanvasRect, side: Side, k: number, obstacles: CanvasRect[]): Arrow | undefined {
  if ((side !== "top" && side !== "bottom") || t.x + t.w > owner.x) return undefined;
  const s = slot.anchor!;
  const gapY = side === "top" ? t.y - 14 - k * 4 : t.y + t.h + 14 + k * 4;
  const lo = Math.min(s.y, gapY);
  const hi = Math.max(s.y, gapY);
  // the vertical leg runs right of every box it would pass
  const right = clearRight(owner.x + owner.w, owner.x, lo, hi, obstacles);
  const legX = right + 12 + k * 4;
  const ex = Math.min(t.x + 18 + k * SPREAD, t.x + t.w - 6);
  const leg = { x: Math.min(ex, legX), y: gapY - 1, w: Math.abs(legX - ex), h: 2 };
  if (obstacles.some((o) => crosses(o, leg))) return undefined;
  const end = point(ex, side === "top" ? t.y : t.y + t.h);
  return {
    from: slot.id,
    to: slot.target!,
    shape: "elbow",
    side,
    points: [point(s.x, s.y), point(legX, s.y), point(legX, gapY), point(ex, gapY), end],
  };
}
