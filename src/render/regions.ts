/**
 * Which parts of a painted diagram need reading back. Reading pixels from the canvas is
 * the dearest stage of making a PNG, and much of a diagram is plain ground: the margins,
 * the empty part of a panel, the inside of a box. The layout says where everything is
 * painted, so the canvas is cut into tiles and each tile is either known to be one
 * colour (written straight into the image) or read.
 *
 * Every bound here is generous (anti-aliasing, stroke widths, arrow halos and heads, glyphs
 * that reach past their measured box): a tile is only called plain when nothing painted
 * after its ground can touch it. Tests compare the result with reading every pixel.
 */
import type { SKRSContext2D } from "./canvas.js";
import type { ThemeColours } from "./encode.js";
import type { Arrow, BoxShape, CanvasPoint, DiagramLayout, Ink, Shape, TextRun } from "./types.js";

/** Side of a square tile, in canvas pixels. */
export const TILE = 16;

/** Canvas pixels an edge may bleed past its geometry (anti-aliasing, hinting), at any scale. */
const DEVICE_BLEED = 2;
/** Glyphs may reach past the measured line box (accents, CJK, hinting). */
const GLYPH_BLEED = 4;
/** Arrow halo half-width plus round caps, and the head's half-width. */
const ARROW_REACH = 6;

export interface Region {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface ReadPlan {
  cols: number;
  rows: number;
  /** per tile: the ink it is known to be, or undefined when it has to be read */
  plain: (Ink | undefined)[];
  /** rectangles (in pixels, inside the canvas) covering every tile to read */
  reads: Region[];
}

interface Bounds {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

function grow(b: Bounds, by: number): Bounds {
  return { x0: b.x0 - by, y0: b.y0 - by, x1: b.x1 + by, y1: b.y1 + by };
}

function pointsBounds(points: readonly CanvasPoint[]): Bounds {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const p of points) {
    x0 = Math.min(x0, p.x);
    y0 = Math.min(y0, p.y);
    x1 = Math.max(x1, p.x);
    y1 = Math.max(y1, p.y);
  }
  return { x0, y0, x1, y1 };
}

/** Splits a cubic Bézier in two at t = ½ (de Casteljau); each half lies in its points' hull. */
function halves(p: readonly CanvasPoint[]): [CanvasPoint[], CanvasPoint[]] {
  const mid = (a: CanvasPoint, b: CanvasPoint): CanvasPoint => ({ x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 });
  const [p0, p1, p2, p3] = p as [CanvasPoint, CanvasPoint, CanvasPoint, CanvasPoint];
  const a = mid(p0, p1);
  const b = mid(p1, p2);
  const c = mid(p2, p3);
  const d = mid(a, b);
  const e = mid(b, c);
  const m = mid(d, e);
  return [
    [p0, a, d, m],
    [m, e, c, p3],
  ];
}

/** Boxes that together hold every pixel an arrow paints: its halo, its line and its head. */
function arrowBounds(a: Arrow): Bounds[] {
  const out: Bounds[] = [];
  if (a.shape === "curve" && a.points.length === 4) {
    let parts: CanvasPoint[][] = [a.points.slice()];
    for (let k = 0; k < 4; k++) parts = parts.flatMap((p) => halves(p));
    for (const p of parts) out.push(grow(pointsBounds(p), ARROW_REACH));
  } else {
    // straight legs; rounded corners stay inside the legs' joint box
    for (let i = 1; i < a.points.length; i++) out.push(grow(pointsBounds([a.points[i - 1]!, a.points[i]!]), ARROW_REACH));
  }
  // the head: 9 px back from the end, 4.5 px to each side
  const end = a.points.at(-1)!;
  out.push({ x0: end.x - 12, y0: end.y - 12, x1: end.x + 12, y1: end.y + 12 });
  return out;
}

function shapeBounds(s: Shape): Bounds {
  if (s.kind === "box") {
    const { x, y, w, h } = s.rect;
    return grow({ x0: x, y0: y, x1: x + w, y1: y + h }, (s.stroke ? (s.lineWidth ?? 1) : 0));
  }
  if (s.kind === "line") return grow(pointsBounds(s.points), s.lineWidth);
  return grow({ x0: s.at.x, y0: s.at.y, x1: s.at.x, y1: s.at.y }, s.size + 2);
}

/** The part of a filled box that is surely its fill colour alone: inside corners and stroke. */
function solidInside(s: BoxShape): Bounds | undefined {
  if (!s.fill || (s.alpha ?? 1) !== 1) return undefined;
  const { x, y, w, h } = s.rect;
  const inset = Math.max(s.radius ?? 0, s.stroke ? (s.lineWidth ?? 1) : 0);
  const b = { x0: x + inset, y0: y + inset, x1: x + w - inset, y1: y + h - inset };
  return b.x1 > b.x0 && b.y1 > b.y0 ? b : undefined;
}

function textBounds(t: TextRun): Bounds {
  return grow({ x0: t.x, y0: t.y, x1: t.x + t.width, y1: t.y + t.height }, GLYPH_BLEED);
}

/**
 * Decides, tile by tile, what must be read back after `layout` is painted at `scale` on a
 * canvas of `width` × `height` (at least the layout's scaled size; the rest stays ground).
 */
export function planReads(layout: DiagramLayout, scale = 1, width = Math.ceil(layout.width * scale), height = Math.ceil(layout.height * scale)): ReadPlan {
  const cols = Math.ceil(width / TILE);
  const rows = Math.ceil(height / TILE);
  const plain: (Ink | undefined)[] = new Array<Ink | undefined>(cols * rows).fill("background");
  const device = (b: Bounds, by: number): Bounds => grow({ x0: b.x0 * scale, y0: b.y0 * scale, x1: b.x1 * scale, y1: b.y1 * scale }, by);

  // tiles a box touches at all
  const touch = (layoutBounds: Bounds): void => {
    const b = device(layoutBounds, DEVICE_BLEED);
    const c0 = Math.max(0, Math.floor(b.x0 / TILE));
    const c1 = Math.min(cols - 1, Math.floor(b.x1 / TILE));
    const r0 = Math.max(0, Math.floor(b.y0 / TILE));
    const r1 = Math.min(rows - 1, Math.floor(b.y1 / TILE));
    for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) plain[r * cols + c] = undefined;
  };
  // tiles wholly inside a solid area become that colour again, whatever was under them
  const cover = (layoutBounds: Bounds, ink: Ink): void => {
    const b = device(layoutBounds, -DEVICE_BLEED);
    const c0 = Math.max(0, Math.ceil(b.x0 / TILE));
    const c1 = Math.min(cols, Math.floor(b.x1 / TILE));
    const r0 = Math.max(0, Math.ceil(b.y0 / TILE));
    const r1 = Math.min(rows, Math.floor(b.y1 / TILE));
    for (let r = r0; r < r1; r++) for (let c = c0; c < c1; c++) plain[r * cols + c] = ink;
  };

  for (const s of layout.shapes) {
    touch(shapeBounds(s));
    if (s.kind === "box") {
      const inside = solidInside(s);
      if (inside) cover(inside, s.fill!);
    }
  }
  for (const t of layout.texts) touch(textBounds(t));
  for (const a of layout.arrows) for (const b of arrowBounds(a)) touch(b);

  // runs of tiles to read in each tile row, then runs repeated down consecutive rows merged
  const reads: Region[] = [];
  let open = new Map<string, Region>();
  for (let r = 0; r < rows; r++) {
    const next = new Map<string, Region>();
    for (let c = 0; c < cols; ) {
      if (plain[r * cols + c] !== undefined) {
        c++;
        continue;
      }
      let e = c;
      while (e < cols && plain[r * cols + e] === undefined) e++;
      const x = c * TILE;
      const w = Math.min(width, e * TILE) - x;
      const y = r * TILE;
      const h = Math.min(height, y + TILE) - y;
      const key = `${x}:${w}`;
      const above = open.get(key);
      if (above) {
        above.h += h;
        next.set(key, above);
      } else {
        const region = { x, y, w, h };
        reads.push(region);
        next.set(key, region);
      }
      c = e;
    }
    open = next;
  }
  return { cols, rows, plain, reads };
}

/**
 * Fills `out` with the palette index of every pixel of a painted canvas, reading back only
 * what `plan` says to: row y of the picture starts at y × stride + pad.
 */
export function readPlanned(
  ctx: Pick<SKRSContext2D, "getImageData">,
  plan: ReadPlan,
  colours: ThemeColours,
  size: { width: number; height: number },
  out: Uint8Array,
  stride: number,
  pad: number,
): void {
  const { width, height } = size;
  const template = new Uint8Array(width);
  for (let r = 0; r < plan.rows; r++) {
    // the known colours of this band of tiles, as one row, copied down the band
    for (let c = 0; c < plan.cols; c++) {
      const ink = plan.plain[r * plan.cols + c];
      template.fill(ink === undefined ? 0 : colours.inkIndex(ink), c * TILE, Math.min(width, (c + 1) * TILE));
    }
    const y1 = Math.min(height, (r + 1) * TILE);
    for (let y = r * TILE; y < y1; y++) out.set(template, y * stride + pad);
  }
  for (const { x, y, w, h } of plan.reads) {
    const pixels = ctx.getImageData(x, y, w, h).data;
    colours.toIndex(new Uint8Array(pixels.buffer, pixels.byteOffset, pixels.byteLength), out, w, stride, y * stride + pad + x);
  }
}
