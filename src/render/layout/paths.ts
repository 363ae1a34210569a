/**
 * Arrows as straight pieces: a curve sampled into a polyline, and the two questions a route
 * must answer before it is drawn: does it run through a box, and does it run along another
 * arrow so closely that the two read as one.
 */
import { point, type Arrow, type CanvasPoint, type CanvasRect } from "../types.js";

const CURVE_PIECES = 16;

/** The arrow as a polyline: elbows as they are, a curve sampled along its length. */
export function polyline(a: Pick<Arrow, "shape" | "points">): CanvasPoint[] {
  if (a.shape !== "curve") return a.points;
  const [p0, p1, p2, p3] = a.points as [CanvasPoint, CanvasPoint, CanvasPoint, CanvasPoint];
  const out: CanvasPoint[] = [];
  for (let i = 0; i <= CURVE_PIECES; i++) {
    const t = i / CURVE_PIECES;
    const u = 1 - t;
    const b0 = u * u * u;
    const b1 = 3 * u * u * t;
    const b2 = 3 * u * t * t;
    const b3 = t * t * t;
    out.push(point(b0 * p0.x + b1 * p1.x + b2 * p2.x + b3 * p3.x, b0 * p0.y + b1 * p1.y + b2 * p2.y + b3 * p3.y));
  }
  return out;
}

/** Whether the segment from a to b passes through the inside of r (Liang–Barsky clipping). */
export function segmentHitsRect(a: CanvasPoint, b: CanvasPoint, r: CanvasRect): boolean {
  let t0 = 0;
  let t1 = 1;
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const edges: [number, number][] = [
    [-dx, a.x - r.x],
    [dx, r.x + r.w - a.x],
    [-dy, a.y - r.y],
    [dy, r.y + r.h - a.y],
  ];
  for (const [p, q] of edges) {
    if (p === 0) {
      if (q <= 0) return false;
      continue;
    }
    const t = q / p;
    if (p < 0) {
      if (t > t1) return false;
      if (t > t0) t0 = t;
    } else {
      if (t < t0) return false;
      if (t < t1) t1 = t;
    }
  }
  return t1 - t0 > 1e-9;
}

export function grow(r: CanvasRect, by: number): CanvasRect {
  return { x: r.x - by, y: r.y - by, w: r.w + 2 * by, h: r.h + 2 * by };
}

function distanceToSegment(p: CanvasPoint, a: CanvasPoint, b: CanvasPoint): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2));
  return Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

function bounds(line: CanvasPoint[]): CanvasRect {
  const xs = line.map((p) => p.x);
  const ys = line.map((p) => p.y);
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return { x, y, w: Math.max(...xs) - x, h: Math.max(...ys) - y };
}

/**
 * The longest stretch (in px) along which `a` runs within `near` px of `b`: two arrows that
 * share more than a few pixels of their way merge into one line on the picture.
 */
export function sharedRun(a: CanvasPoint[], b: CanvasPoint[], near = 2.5): number {
  const ba = grow(bounds(a), near);
  const bb = bounds(b);
  if (ba.x > bb.x + bb.w || bb.x > ba.x + ba.w || ba.y > bb.y + bb.h || bb.y > ba.y + ba.h) return 0;
  const STEP = 2;
  let best = 0;
  let run = 0;
  for (let i = 0; i + 1 < a.length; i++) {
    const p = a[i]!;
    const q = a[i + 1]!;
    const len = Math.hypot(q.x - p.x, q.y - p.y);
    const n = Math.max(1, Math.ceil(len / STEP));
    for (let k = i === 0 ? 0 : 1; k <= n; k++) {
      const s = point(p.x + ((q.x - p.x) * k) / n, p.y + ((q.y - p.y) * k) / n);
      let close = false;
      for (let j = 0; j + 1 < b.length && !close; j++) close = distanceToSegment(s, b[j]!, b[j + 1]!) <= near;
      if (close) {
        run += len / n;
        if (run > best) best = run;
      } else run = 0;
    }
  }
  return best;
}
