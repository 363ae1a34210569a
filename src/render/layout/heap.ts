/**
 * Placing heap objects without overlaps: objects named from the stack in the first column,
 * what they refer to in the next, and so on; a column that grows too tall continues beside
 * itself, and columns that do not fit the width wrap into a band below. Each object is
 * pulled level with the slot that refers to it when its column has room there.
 */
import { rect, type CanvasRect } from "../types.js";
import { HEADER_H, type Piece } from "./boxes.js";

export const COL_GAP = 60;
// a heap with many references between its objects gets wider gaps: lanes for their arrows
const WIDE_GAP = 84;
const MANY_REFS = 12;
const ROW_GAP = 14;
const BAND_GAP = 34;
const CLIMB = 52;
const MAX_COLUMN_H = 1000;
// objects named from the stack line up with their variables: split that column only when
// it is very tall, since a second column of them puts arrows across the first
const MAX_FIRST_COLUMN_H = 1100;

interface Column {
  level: number;
  ids: string[];
  height: number;
  width: number;
}

export interface HeapPlacement {
  rects: Map<string, CanvasRect>;
  width: number;
  height: number;
}

/**
 * @param order objects in reading order (from the top of the stack)
 * @param rootY for objects a drawn frame names: the y of the first slot naming them
 * @param spread how much wider than usual the gaps between boxes are (room for more lanes)
 */
export function placeHeap(
  pieces: Map<string, Piece>,
  order: string[],
  rootY: Map<string, number>,
  left: number,
  top: number,
  maxWidth: number,
  spread = 1,
): HeapPlacement {
  const rowGap = Math.round(ROW_GAP * spread);
  const level = new Map<string, number>();
  const parent = new Map<string, { id: string; dy: number }>();
  for (const id of order) {
    if (!level.has(id)) level.set(id, 0);
    for (const ref of pieces.get(id)!.refs) {
      if (level.has(ref.target) || !pieces.has(ref.target) || rootY.has(ref.target)) continue;
      level.set(ref.target, level.get(id)! + 1);
      parent.set(ref.target, { id, dy: ref.dy });
    }
  }
  const refs = order.reduce((n, id) => n + pieces.get(id)!.refs.filter((r) => pieces.has(r.target)).length, 0);
  const byLevel = [...order].sort((a, b) => level.get(a)! - level.get(b)!);

  // columns: one or more per level, none taller than MAX_COLUMN_H unless one box is
  const columns: Column[] = [];
  for (const id of byLevel) {
    const p = pieces.get(id)!;
    const lv = level.get(id)!;
    let col = columns.at(-1);
    const limit = lv === 0 ? MAX_FIRST_COLUMN_H : MAX_COLUMN_H;
    if (!col || col.level !== lv || (col.ids.length > 0 && col.height + p.h > limit)) {
      col = { level: lv, ids: [], height: 0, width: 0 };
      columns.push(col);
    }
    col.ids.push(id);
    col.height += p.h + rowGap;
    col.width = Math.max(col.width, p.w);
  }

  // wide gaps where many references need lanes, unless they alone would wrap the columns
  const across = (g: number) => columns.reduce((w, c) => w + c.width, 0) + (columns.length - 1) * g;
  const wide = Math.round(WIDE_GAP * spread);
  const gap = refs > MANY_REFS && (across(wide) <= maxWidth || across(COL_GAP) > maxWidth) ? wide : COL_GAP;

  // bands: columns left to right, wrapping when the next one would pass maxWidth
  const bands: Column[][] = [];
  let x = 0;
  for (const col of columns) {
    if (!bands.length || (x > 0 && x + col.width > maxWidth)) {
      bands.push([]);
      x = 0;
    }
    bands.at(-1)!.push(col);
    x += col.width + gap;
  }

  const rects = new Map<string, CanvasRect>();
  const bandOf = new Map<string, number>();
  let bandTop = top;
  let width = 0;
  bands.forEach((band, b) => {
    let cx = left;
    let bottom = bandTop;
    for (const col of band) {
      let next = bandTop;
      for (const id of col.ids) {
        const p = pieces.get(id)!;
        let want = next;
        const anchor = rootY.get(id);
        const from = parent.get(id);
        if (b === 0 && anchor !== undefined) want = anchor - HEADER_H / 2;
        // level with the referring slot, but a chain should not become a staircase: an
        // arrow may climb a little into its target instead
        else if (from && bandOf.get(from.id) === b) want = rects.get(from.id)!.y + Math.max(0, from.dy - HEADER_H / 2 - CLIMB);
        const y = Math.round(Math.max(next, want));
        rects.set(id, rect(cx, y, p.w, p.h));
        bandOf.set(id, b);
        next = y + p.h + rowGap;
      }
      bottom = Math.max(bottom, next - rowGap);
      cx += col.width + gap;
    }
    width = Math.max(width, cx - gap - left);
    bandTop = bottom + BAND_GAP;
  });
  return { rects, width: Math.max(0, width), height: bands.length ? bandTop - BAND_GAP - top : 0 };
}
