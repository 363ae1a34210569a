/**
 * Arrows routed on a grid of lanes when the simple shapes would cross a box or run along
 * another arrow: straight legs in the gaps between boxes, found by a shortest-path search
 * that pays for each turn, avoids lanes other arrows already use and keeps off every box.
 */
import { point, type CanvasPoint, type CanvasRect } from "../types.js";

/** Distance between neighbouring lanes: an arrow and its halo fit between two. */
const LANE = 7;
/** How far a lane keeps from a box's border. */
const CLEAR = 3;
const TURN = 28;
const CROSS = 8;
/** Crossing a text outside the boxes (a row's label): a detour this long is preferred. */
const OVER_TEXT = 60;
const SHARED = 100000;
const NEAR_CURVE = 20000;

export interface Goal {
  /** the grid point the last leg starts from */
  from: CanvasPoint;
  /** the point on the target's border the arrowhead touches */
  end: CanvasPoint;
  side: "left" | "right" | "top" | "bottom";
}

/** Lanes: every required coordinate, then others only where they keep half a lane apart. */
function lanes(required: number[], optional: number[], lo: number, hi: number): number[] {
  const out = [...new Set(required.filter((v) => v >= lo && v <= hi))].sort((a, b) => a - b);
  const add = (v: number) => {
    const i = indexOf(out, v);
    const gap = Math.min(Math.abs((out[i] ?? Infinity) - v), Math.abs((out[i - 1] ?? Infinity) - v));
    if (gap >= LANE / 2) out.splice(out[i] !== undefined && out[i]! < v ? i + 1 : i, 0, v);
  };
  for (const v of optional) if (v >= lo && v <= hi) add(v);
  // the gaps between are filled evenly, no two lanes closer than LANE
  const edges = [lo, ...out, hi];
  const filled: number[] = [];
  for (let k = 0; k + 1 < edges.length; k++) {
    const a = edges[k]!;
    const b = edges[k + 1]!;
    const n = Math.floor((b - a) / LANE);
    for (let m = 1; m < n; m++) filled.push(a + ((b - a) * m) / n);
  }
  return [...out, ...filled].sort((a, b) => a - b);
}

function indexOf(values: number[], v: number): number {
  let a = 0;
  let b = values.length - 1;
  while (a < b) {
    const m = (a + b) >> 1;
    if (values[m]! < v) a = m + 1;
    else b = m;
  }
  return a;
}

/** A binary heap of (priority, state) pairs in flat arrays. */
class Queue {
  private keys: number[] = [];
  private vals: number[] = [];
  get size(): number {
    return this.keys.length;
  }
  push(key: number, val: number): void {
    const k = this.keys;
    const v = this.vals;
    let i = k.length;
    k.push(key);
    v.push(val);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (k[p]! <= key) break;
      k[i] = k[p]!;
      v[i] = v[p]!;
      i = p;
    }
    k[i] = key;
    v[i] = val;
  }
  pop(): number {
    const k = this.keys;
    const v = this.vals;
    const top = v[0]!;
    const lastK = k.pop()!;
    const lastV = v.pop()!;
    if (k.length) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= k.length) break;
        const r = l + 1;
        const c = r < k.length && k[r]! < k[l]! ? r : l;
        if (k[c]! >= lastK) break;
        k[i] = k[c]!;
        v[i] = v[c]!;
        i = c;
      }
      k[i] = lastK;
      v[i] = lastV;
    }
    return top;
  }
}

export class LaneGrid {
  private readonly xs: number[];
  private readonly ys: number[];
  private readonly blocked: Uint8Array;
  /** per node: arrows using the edge to the right / below neighbour */
  private readonly usedH: Uint8Array;
  private readonly usedV: Uint8Array;
  /** per node: an arrow passes through it (crossing it costs a little) */
  private readonly through: Uint8Array;
  /** per node: it lies on a text outside the boxes */
  private readonly overText: Uint8Array;
  private readonly cost: Float64Array;
  private readonly prev: Int32Array;
  /** which search last wrote a state's cost: a new search need not clear the whole array */
  private readonly seen: Uint32Array;
  private search = 0;

  /**
   * @param area where lanes may run
   * @param boxes what no lane may enter
   * @param xs, ys coordinates that must be lanes (exits, ports)
   * @param texts what a lane may cross, at a cost, but should rather go around
   */
  constructor(area: CanvasRect, boxes: CanvasRect[], xs: number[], ys: number[], texts: CanvasRect[] = []) {
    const bx = boxes.flatMap((b) => [b.x - LANE, b.x + b.w + LANE]);
    const by = boxes.flatMap((b) => [b.y - LANE, b.y + b.h + LANE]);
    this.xs = lanes(xs, bx, area.x, area.x + area.w);
    this.ys = lanes(ys, by, area.y, area.y + area.h);
    const n = this.xs.length * this.ys.length;
    this.blocked = new Uint8Array(n);
    this.usedH = new Uint8Array(n);
    this.usedV = new Uint8Array(n);
    this.through = new Uint8Array(n);
    this.overText = new Uint8Array(n);
    this.cost = new Float64Array(n * 4);
    this.prev = new Int32Array(n * 4);
    this.seen = new Uint32Array(n * 4);
    for (const b of boxes) this.cover(b, CLEAR, this.blocked);
    for (const t of texts) this.cover(t, 1, this.overText);
  }

  /** Flags every node within `by` px of a rect. */
  private cover(b: CanvasRect, by: number, flags: Uint8Array): void {
    const W = this.xs.length;
    const x0 = indexOf(this.xs, b.x - by);
    const y0 = indexOf(this.ys, b.y - by);
    for (let j = y0; j < this.ys.length && this.ys[j]! <= b.y + b.h + by; j++) {
      for (let i = x0; i < W && this.xs[i]! <= b.x + b.w + by; i++) flags[j * W + i] = 1;
    }
  }

  /** The grid node at a lane crossing, if (x, y) is one and is free. */
  node(p: CanvasPoint): number | undefined {
    const i = indexOf(this.xs, p.x);
    const j = indexOf(this.ys, p.y);
    if (this.xs[i] !== p.x || this.ys[j] !== p.y) return undefined;
    const id = j * this.xs.length + i;
    return this.blocked[id] ? undefined : id;
  }

  /**
   * The cheapest way from `start` (leaving rightwards) to one of the goals, as corner points
   * from `start` to the goal's `from`, and which goal; undefined when none can be reached.
   * `clear` is false when the way runs along a lane another arrow already uses; with
   * `clearOnly`, such a way is not looked for (undefined instead, found much sooner).
   */
  route(start: CanvasPoint, goals: Goal[], clearOnly = false): { points: CanvasPoint[]; goal: Goal; clear: boolean } | undefined {
    const s = this.node(start);
    const targets = new Map<number, Goal>();
    for (const g of goals) {
      const id = this.node(g.from);
      if (id !== undefined) targets.set(id, g);
    }
    if (s === undefined || !targets.size) return undefined;
    const W = this.xs.length;
    const H = this.ys.length;
    const gx = [...targets.keys()].map((id) => this.xs[id % W]!);
    const gy = [...targets.keys()].map((id) => this.ys[Math.floor(id / W)]!);
    const h = (i: number, j: number) => {
      let best = Infinity;
      for (let k = 0; k < gx.length; k++) best = Math.min(best, Math.abs(this.xs[i]! - gx[k]!) + Math.abs(this.ys[j]! - gy[k]!));
      return best;
    };
    const search = ++this.search;
    const queue = new Queue();
    // state = node * 4 + direction (0 right, 1 left, 2 down, 3 up)
    const first = s * 4;
    this.cost[first] = 0;
    this.seen[first] = search;
    this.prev[first] = -1;
    queue.push(h(s % W, Math.floor(s / W)), first);
    const DI = [1, -1, 0, 0];
    const DJ = [0, 0, 1, -1];
    let found = -1;
    while (queue.size) {
      const state = queue.pop();
      const id = state >> 2;
      const dir = state & 3;
      const i = id % W;
      const j = (id - i) / W;
      const c = this.cost[state]!;
      const goal = targets.get(id);
      // arriving against the last leg's way would fold the arrow back on itself
      if (goal && !(dir < 2 && (goal.end.x > goal.from.x) !== (dir === 0))) {
        found = state;
        break;
      }
      for (let d = 0; d < 4; d++) {
        if ((d ^ 1) === dir && d >> 1 === dir >> 1) continue; // no turning back
        const ni = i + DI[d]!;
        const nj = j + DJ[d]!;
        if (ni < 0 || nj < 0 || ni >= W || nj >= H) continue;
        const nid = nj * W + ni;
        if (this.blocked[nid]) continue;
        const horizontal = d < 2;
        const len = horizontal ? Math.abs(this.xs[ni]! - this.xs[i]!) : Math.abs(this.ys[nj]! - this.ys[j]!);
        const edgeUse = horizontal ? this.usedH[Math.min(id, nid)]! : this.usedV[Math.min(id, nid)]!;
        let step = len + (d === dir ? 0 : TURN) + (edgeUse === 255 ? NEAR_CURVE : edgeUse * SHARED);
        if (this.through[nid]) step += CROSS;
        if (this.overText[nid]) step += OVER_TEXT;
        const next = nid * 4 + d;
        const nc = c + step;
        if (clearOnly && nc >= NEAR_CURVE) continue;
        if (this.seen[next] !== search || nc < this.cost[next]!) {
          this.seen[next] = search;
          this.cost[next] = nc;
          this.prev[next] = state;
          queue.push(nc + h(ni, nj), next);
        }
      }
    }
    if (found < 0) return undefined;
    const nodes: number[] = [];
    for (let st = found; st >= 0; st = this.prev[st]!) nodes.push(st >> 2);
    nodes.reverse();
    const points = nodes.map((id) => point(this.xs[id % W]!, this.ys[Math.floor(id / W)]!));
    // the cost of one shared stretch outweighs any detour the grid can hold
    return { points: corners(points), goal: targets.get(found >> 2)!, clear: this.cost[found]! < NEAR_CURVE };
  }

  /** Records a drawn route so that later ones keep off its lanes. */
  mark(points: CanvasPoint[]): void {
    const W = this.xs.length;
    for (let k = 0; k + 1 < points.length; k++) {
      const a = points[k]!;
      const b = points[k + 1]!;
      const i0 = indexOf(this.xs, Math.min(a.x, b.x));
      const i1 = indexOf(this.xs, Math.max(a.x, b.x));
      const j0 = indexOf(this.ys, Math.min(a.y, b.y));
      const j1 = indexOf(this.ys, Math.max(a.y, b.y));
      if (a.y === b.y && this.ys[j0] === a.y) {
        for (let i = i0; i <= i1; i++) this.through[j0 * W + i] = 1;
        // lanes closer than one lane's width would draw as one line: they count as used too
        for (let j = j0; j >= 0 && a.y - this.ys[j]! < LANE - 2; j--) for (let i = i0; i < i1; i++) this.bump(this.usedH, j * W + i);
        for (let j = j0 + 1; j < this.ys.length && this.ys[j]! - a.y < LANE - 2; j++) for (let i = i0; i < i1; i++) this.bump(this.usedH, j * W + i);
      } else if (a.x === b.x && this.xs[i0] === a.x) {
        for (let j = j0; j <= j1; j++) this.through[j * W + i0] = 1;
        for (let i = i0; i >= 0 && a.x - this.xs[i]! < LANE - 2; i--) for (let j = j0; j < j1; j++) this.bump(this.usedV, j * W + i);
        for (let i = i0 + 1; i < W && this.xs[i]! - a.x < LANE - 2; i++) for (let j = j0; j < j1; j++) this.bump(this.usedV, j * W + i);
      }
    }
  }

  /** Records a path that does not follow the lanes (a curve): lanes it passes near cost more. */
  markNear(points: CanvasPoint[]): void {
    const W = this.xs.length;
    for (let k = 0; k + 1 < points.length; k++) {
      const a = points[k]!;
      const b = points[k + 1]!;
      const n = Math.max(1, Math.ceil(Math.hypot(b.x - a.x, b.y - a.y) / 3));
      for (let s = 0; s <= n; s++) {
        const x = a.x + ((b.x - a.x) * s) / n;
        const y = a.y + ((b.y - a.y) * s) / n;
        const i0 = indexOf(this.xs, x - LANE + 2);
        const j0 = indexOf(this.ys, y - LANE + 2);
        for (let ii = Math.max(0, i0 - 1); ii < W && this.xs[ii]! <= x + LANE - 2; ii++) {
          for (let jj = Math.max(0, j0 - 1); jj < this.ys.length && this.ys[jj]! <= y + LANE - 2; jj++) {
            const id = jj * W + ii;
            if (!this.usedH[id]) this.usedH[id] = 255;
            if (!this.usedV[id]) this.usedV[id] = 255;
            this.through[id] = 1;
          }
        }
      }
    }
  }

  private bump(used: Uint8Array, id: number): void {
    used[id] = used[id] === 255 ? 1 : Math.min(254, used[id]! + 1);
  }
}

/** Only the points where the path turns. */
function corners(points: CanvasPoint[]): CanvasPoint[] {
  const out: CanvasPoint[] = [];
  for (const p of points) {
    const a = out.at(-2);
    const b = out.at(-1);
    if (a && b && ((a.x === b.x && b.x === p.x) || (a.y === b.y && b.y === p.y))) out[out.length - 1] = p;
    else out.push(p);
  }
  return out;
}
