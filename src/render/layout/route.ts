/**
 * Every arrow of a diagram: the simple shape (a curve, a drop down a lane, a loop) where it
 * keeps off every box and off every other arrow, otherwise a route in straight legs through
 * the gaps between boxes (grid.ts), into a port of its own on the target's side.
 */
import { point, type Arrow, type CanvasPoint, type CanvasRect, type SlotBox } from "../types.js";
import { routeArrows as simpleArrows } from "./arrows.js";
import { LaneGrid, type Goal } from "./grid.js";
import { grow, polyline, segmentHitsRect, sharedRun } from "./paths.js";

/** How far from the target's border the last leg starts: room for the arrowhead. */
const PORT = 14;
const PORT_GAP = 9;
const FIRST_PORT = 10;
/** Where an arrow leaving its box first reaches a lane. */
const EXIT = 7;
/** Two arrows closer than this for longer than MERGE px read as one. */
const NEAR = 2.5;
const MERGE = 8;
/** How far right of the rightmost box lanes may run. */
const ROOM = 90;

export interface RouteArea {
  /** where lanes may run */
  area: CanvasRect;
  /** every object and frame box */
  boxes: CanvasRect[];
  /** every text drawn inside a box */
  texts: CanvasRect[];
  /** texts outside the boxes (a row's label): routes go around them where they can */
  labels?: CanvasRect[];
  /** how far right of the rightmost box lanes may run (default ROOM) */
  room?: number;
}

export interface Routed {
  arrows: Arrow[];
  /** arrows that found no way of their own: they run along another arrow or through a box */
  tangled: number;
}

/**
 * Whether the route runs through any box but its way out of its own (where only that box's
 * texts and other cells count) and its way into the target's border.
 */
function hitsBox(line: CanvasPoint[], owner: CanvasRect, inOwner: CanvasRect[], target: CanvasRect, boxes: CanvasRect[]): boolean {
  const inner = grow(target, -1);
  for (let i = 0; i + 1 < line.length; i++) {
    const a = line[i]!;
    const b = line[i + 1]!;
    for (const box of boxes) {
      if (box === owner && box !== target) {
        if (inOwner.some((r) => segmentHitsRect(a, b, r))) return true;
      } else if (segmentHitsRect(a, b, box === target ? inner : grow(box, 1))) return true;
    }
  }
  return false;
}

function within(r: CanvasRect, box: CanvasRect): boolean {
  return r.x >= box.x && r.y >= box.y && r.x + r.w <= box.x + box.w && r.y + r.h <= box.y + box.h;
}

function takenPorts(arrows: Arrow[]): Map<string, number[]> {
  const taken = new Map<string, number[]>();
  for (const a of arrows) {
    const end = a.points.at(-1)!;
    const key = `${a.to}\u0000${a.side}`;
    taken.set(key, [...(taken.get(key) ?? []), a.side === "left" || a.side === "right" ? end.y : end.x]);
  }
  return taken;
}

function sidePorts(t: CanvasRect): number[] {
  const ys: number[] = [];
  for (let y = t.y + FIRST_PORT; y <= t.y + t.h - 6; y += PORT_GAP) ys.push(y);
  return ys;
}

function edgePorts(t: CanvasRect): number[] {
  const xs: number[] = [];
  for (let x = t.x + FIRST_PORT; x <= t.x + t.w - 6; x += PORT_GAP) xs.push(x);
  return xs;
}

/**
 * The next free port on the left and right sides of a target; when both are full and the
 * target is `crowded`, the next free one along its top and its bottom.
 */
function goalsFor(id: string, t: CanvasRect, taken: Map<string, number[]>, crowded: boolean, landY?: number): Goal[] {
  const goals: Goal[] = [];
  const free = (side: Goal["side"], at: number) => !(taken.get(`${id}\u0000${side}`) ?? []).some((u) => Math.abs(u - at) < PORT_GAP - 2);
  for (const side of ["left", "right"] as const) {
    const x = side === "left" ? t.x : t.x + t.w;
    // a pointer into the object enters level with the cell it points to
    const y = landY !== undefined && free(side, landY) ? landY : sidePorts(t).find((v) => free(side, v));
    if (y !== undefined) goals.push({ from: point(side === "left" ? x - PORT : x + PORT, y), end: point(x, y), side });
  }
  if (goals.length || !crowded) return goals;
  for (const side of ["top", "bottom"] as const) {
    const y = side === "top" ? t.y : t.y + t.h;
    const x = edgePorts(t).find((v) => free(side, v));
    if (x !== undefined) goals.push({ from: point(x, side === "top" ? y - PORT : y + PORT), end: point(x, y), side });
  }
  return goals;
}

/**
 * @param owners the rect of each slot's owner (object or frame)
 * @param limitX how far right an arrow may reach
 * @param stopAfter how many tangled arrows to route before giving up (the arrows are then
 *   left unfinished: the caller tries another layout); 0 also skips looking for shared ways
 */
export function routeArrows(slots: SlotBox[], targets: Map<string, CanvasRect>, owners: Map<string, CanvasRect>, space: RouteArea, limitX: number, stopAfter = Infinity): Routed {
  const objects = [...targets.values()];
  const simple = simpleArrows(slots, targets, owners, space.boxes, limitX);
  const slotOf = new Map(slots.map((s) => [s.id, s]));
  const cellsOf = new Map<string, CanvasRect[]>();
  for (const s of slots) cellsOf.set(s.owner, [...(cellsOf.get(s.owner) ?? []), s.rect]);
  const kept: { arrow: Arrow; line: CanvasPoint[] }[] = [];
  const redo: Arrow[] = [];
  for (const arrow of simple) {
    const slot = slotOf.get(arrow.from)!;
    const owner = owners.get(slot.owner) ?? slot.rect;
    const line = polyline(arrow);
    const inOwner = [...space.texts.filter((r) => within(r, owner)), ...(cellsOf.get(slot.owner) ?? []).filter((c) => c !== slot.rect)];
    const blocked = hitsBox(line, owner, inOwner, targets.get(arrow.to)!, space.boxes) || line.some((p) => p.x > limitX - 8);
    if (blocked || kept.some((k) => sharedRun(line, k.line, NEAR) > MERGE)) redo.push(arrow);
    else kept.push({ arrow, line });
  }
  if (!redo.length) return { arrows: simple, tangled: 0 };

  const starts = redo.map((a) => {
    const slot = slotOf.get(a.from)!;
    const owner = owners.get(slot.owner) ?? slot.rect;
    return point(owner.x + owner.w + EXIT, slot.anchor!.y);
  });
  // a target more arrows come into than its two sides hold takes the rest along its top and bottom
  const fanIn = new Map<string, number>();
  for (const a of simple) fanIn.set(a.to, (fanIn.get(a.to) ?? 0) + 1);
  const crowded = new Set([...targets].filter(([id, t]) => (fanIn.get(id) ?? 0) > 2 * sidePorts(t).length).map(([id]) => id));
  const edges = [...crowded].map((id) => targets.get(id)!);
  const portYs = [...objects.flatMap(sidePorts), ...edges.flatMap((t) => [t.y - PORT, t.y + t.h + PORT])];
  const portXs = [...objects.flatMap((t) => [t.x - PORT, t.x + t.w + PORT]), ...edges.flatMap(edgePorts)];
  // lanes reach a little past the rightmost box, never past limitX
  const right = Math.max(...space.boxes.map((b) => b.x + b.w)) + (space.room ?? ROOM);
  const area = { ...space.area, w: Math.min(space.area.w, limitX - 8 - space.area.x, right - space.area.x) };
  // kept elbows run on lanes of their own, so later routes see exactly where they are
  const legs = kept.filter((k) => k.arrow.shape === "elbow").flatMap((k) => k.arrow.points);
  const grid = new LaneGrid(area, space.boxes, [...starts.map((p) => p.x), ...portXs, ...legs.map((p) => p.x)], [...starts.map((p) => p.y), ...portYs, ...legs.map((p) => p.y)], space.labels);
  for (const k of kept) {
    if (k.arrow.shape === "elbow") grid.mark(k.arrow.points);
    else grid.markNear(k.line);
  }
  const taken = takenPorts(kept.map((k) => k.arrow));
  const out = kept.map((k) => k.arrow);
  let tangled = 0;
  // the longest ways first: short hops find room whatever is left
  const order = redo.map((a, i) => i).sort((i, j) => distance(redo[j]!) - distance(redo[i]!));
  for (const i of order) {
    const a = redo[i]!;
    const slot = slotOf.get(a.from)!;
    const t = targets.get(a.to)!;
    const found = grid.route(starts[i]!, goalsFor(a.to, t, taken, crowded.has(a.to), slot.landY), stopAfter === 0);
    if (!found || !found.clear) tangled++;
    if (tangled > stopAfter) return { arrows: out, tangled };
    if (!found) {
      out.push(a);
      continue;
    }
    const side = found.goal.side;
    const points = [point(slot.anchor!.x, slot.anchor!.y), ...found.points, found.goal.end];
    // the last leg too: a later way must not run through this port
    grid.mark([...found.points, found.goal.end]);
    const key = `${a.to}\u0000${side}`;
    taken.set(key, [...(taken.get(key) ?? []), side === "left" || side === "right" ? found.goal.end.y : found.goal.end.x]);
    out.push({ from: a.from, to: a.to, shape: "elbow", side, points: straighten(points) });
  }
  return { arrows: out, tangled };
}

function distance(a: Arrow): number {
  const s = a.points[0]!;
  const e = a.points.at(-1)!;
  return Math.abs(e.x - s.x) + Math.abs(e.y - s.y);
}

/** Drops points that lie on a straight line between their neighbours. */
function straighten(points: CanvasPoint[]): CanvasPoint[] {
  const out: CanvasPoint[] = [];
  for (const p of points) {
    const a = out.at(-2);
    const b = out.at(-1);
    if (b && b.x === p.x && b.y === p.y) continue;
    if (a && b && ((a.x === b.x && b.x === p.x) || (a.y === b.y && b.y === p.y))) out[out.length - 1] = p;
    else out.push(p);
  }
  return out;
}
