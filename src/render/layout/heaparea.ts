/**
 * The heap panel's contents: live objects in columns, the rows of unnamed and freed objects
 * under them, and every arrow. When some arrows find no lane of their own, the heap is laid
 * out again with wider gaps between its boxes (more lanes), and the clearest layout is kept.
 */
import type { Translator } from "../../i18n/index.js";
import type { Scene, SceneObject } from "../scene.js";
import { rect, type CanvasRect, type Ink, type PanelName } from "../types.js";
import { objectPiece, type Piece } from "./boxes.js";
import { placeHeap } from "./heap.js";
import { routeArrows } from "./route.js";
import { text, type Sink } from "./sink.js";

// gaps in the rows of unnamed and freed objects: room for a few arrows to pass between boxes
const COLUMN_LANES = 64;
const ROW_LANES = 24;
// room left of the first column for the lanes of arrows coming from the stack
const LEFT_LANES = 30;
// room kept at the right for arrows that loop around the last column
const LOOP_ROOM = 48;
const ROOM = 90;
/** How much wider than usual the gaps are at each try; a picture that needs no more stops early. */
const SPREADS = [1, 1.5, 2.2, 3];

export interface HeapFrame {
  /** the heap panel's inner left edge and top */
  left: number;
  heapTop: number;
  /** the stack's x and bottom: arrows from its frames start there */
  stackX: number;
  stackBottom: number;
  /** the heap's inner right edge may reach this far */
  rightX: number;
  /** for objects a drawn frame names: the y of the first slot naming them */
  rootY: Map<string, number>;
}

export interface HeapArea {
  /** where the first column starts */
  innerX: number;
  maxInner: number;
  bottom: number;
  innerW: number;
}

type Mark = { [K in keyof Omit<Sink, "measure">]: number };

function markOf(sink: Sink): Mark {
  const { shapes, texts, slots, objects, frames, panels, arrows } = sink;
  return { shapes: shapes.length, texts: texts.length, slots: slots.length, objects: objects.length, frames: frames.length, panels: panels.length, arrows: arrows.length };
}

/** What was added to the sink since `mark`, taken out of it. */
function takeSince(sink: Sink, mark: Mark): Omit<Sink, "measure"> {
  const take = <T>(list: T[], n: number): T[] => list.splice(n);
  return {
    shapes: take(sink.shapes, mark.shapes),
    texts: take(sink.texts, mark.texts),
    slots: take(sink.slots, mark.slots),
    objects: take(sink.objects, mark.objects),
    frames: take(sink.frames, mark.frames),
    panels: take(sink.panels, mark.panels),
    arrows: take(sink.arrows, mark.arrows),
  };
}

export function placeHeapArea(sink: Sink, scene: Scene, at: HeapFrame, tr: Translator): HeapArea {
  const mark = markOf(sink);
  // first the narrowest layout whose every arrow has a way of its own (each try stops at its
  // first tangled arrow); failing that, the layout with the fewest tangled arrows
  for (const spread of SPREADS) {
    const { area, tangled } = attempt(sink, scene, at, tr, spread, 0);
    if (tangled === 0) return area;
    takeSince(sink, mark);
  }
  let best: { area: HeapArea; tangled: number; added: Omit<Sink, "measure"> } | undefined;
  for (const spread of SPREADS) {
    const { area, tangled } = attempt(sink, scene, at, tr, spread, best ? best.tangled - 1 : Infinity);
    const added = takeSince(sink, mark);
    if (!best || tangled < best.tangled) best = { area, tangled, added };
  }
  for (const key of Object.keys(mark) as (keyof Mark)[]) (sink[key] as unknown[]).push(...best!.added[key]);
  return best!.area;
}

function attempt(sink: Sink, scene: Scene, at: HeapFrame, tr: Translator, spread: number, stopAfter: number): { area: HeapArea; tangled: number } {
  const { measure } = sink;
  const { heapTop } = at;
  const innerX = at.left + Math.round(LEFT_LANES * spread);
  const maxInner = at.rightX - innerX;
  const loopRoom = Math.round(LOOP_ROOM * spread);
  const objectPieces = new Map<string, Piece>(scene.objects.map((o) => [o.id, objectPiece(sink, o, tr)]));
  const placed = placeHeap(objectPieces, scene.objects.map((o) => o.id), at.rootY, innerX, heapTop, maxInner - loopRoom, spread);
  for (const o of scene.objects) {
    const r = placed.rects.get(o.id)!;
    objectPieces.get(o.id)!.place(sink, r.x, r.y);
  }
  let bottom = heapTop + placed.height;
  let innerW = placed.width;
  if (!scene.objects.length && !scene.globals.length && scene.emptyNote) {
    const empty = scene.emptyNote;
    innerW = measure.width(empty, "small") + 1;
    text(sink, empty, innerX, heapTop, "small", "faint", rect(innerX, heapTop, innerW, 24));
    bottom = heapTop + 24;
  }
  const rows: [PanelName, string, Ink, SceneObject[], number][] = [
    ["globals", scene.globalsLabel, "muted", scene.globals, 0],
    ["unnamed", scene.unnamedLabel, "muted", scene.unnamed, scene.unnamedMore],
    ["freed", tr.t("render.heap.freed"), "freed", scene.freed, scene.freedMore],
  ];
  // a row's label: arrows go around it where they can
  const labels: CanvasRect[] = [];
  for (const [panel, label, ink, objects, more] of rows) {
    if (!objects.length) continue;
    const r = placeRow(sink, label, ink, objects, more, panel, innerX, bottom + 22, maxInner - loopRoom, tr, spread);
    bottom = r.bottom;
    innerW = Math.max(innerW, r.width);
    if (r.label) labels.push(r.label);
  }
  // a pointer into an object lands level with the cell it points to
  const cells = new Map(sink.slots.map((sl) => [sl.id, sl.rect]));
  for (const sl of sink.slots) {
    const cell = sl.land ? cells.get(sl.land) : undefined;
    if (cell) sl.landY = Math.round(cell.y + cell.h / 2);
  }
  // arrows are routed now, so the heap panel can grow to hold any that loop outside the boxes
  const targets = new Map<string, CanvasRect>(sink.objects.filter((o) => o.state !== "freed").map((o) => [o.id, o.rect]));
  const owners = new Map<string, CanvasRect>([...targets, ...sink.frames.map((f): [string, CanvasRect] => [`frame:${f.index}`, f.rect])]);
  const boxes = [...sink.objects.map((o) => o.rect), ...sink.frames.map((f) => f.rect)];
  const area = rect(at.stackX, heapTop - 8, innerX + maxInner - at.stackX, Math.max(bottom, at.stackBottom) - heapTop + 80);
  // what a learner reads in a box: its texts, at the height their glyphs take
  const texts = sink.texts.map((t) => rect(t.x, t.y + t.height * 0.2, t.width, t.height * 0.6));
  const routed = routeArrows(sink.slots, targets, owners, { area, boxes, texts, labels, room: Math.round(ROOM * spread) }, innerX + maxInner, stopAfter);
  sink.arrows.push(...routed.arrows);
  for (const a of sink.arrows) {
    for (const p of a.points) {
      innerW = Math.max(innerW, p.x + 8 - innerX);
      bottom = Math.max(bottom, p.y + 4);
    }
  }
  return { area: { innerX, maxInner, bottom, innerW }, tangled: routed.tangled };
}

/**
 * Objects in a labelled row of their own under the live heap: the ones no name reaches, and
 * the ones freed at this step (faded and dashed).
 */
function placeRow(sink: Sink, label: string, ink: Ink, objects: SceneObject[], more: number, panel: PanelName, x: number, y: number, maxW: number, tr: Translator, spread: number) {
  const columnLanes = Math.round(COLUMN_LANES * spread);
  const run = text(sink, label, x, y, "small", ink, rect(x, y, Math.min(maxW, sink.measure.width(label, "small") + 1), 22));
  const pieces = objects.map((o) => objectPiece(sink, o, tr));
  let cx = x;
  let cy = y + 24;
  let rowH = 0;
  let width = sink.measure.width(label, "small");
  for (const p of pieces) {
    if (cx > x && cx + p.w > x + maxW) {
      cx = x;
      cy += rowH + Math.round(ROW_LANES * spread);
      rowH = 0;
    }
    p.place(sink, cx, cy);
    width = Math.max(width, cx + p.w - x);
    cx += p.w + columnLanes;
    rowH = Math.max(rowH, p.h);
  }
  if (more > 0) {
    const moreText = tr.t("render.more", { n: more });
    const mw = sink.measure.width(moreText, "small");
    if (cx + mw > x + maxW) {
      cx = x;
      cy += rowH + 8;
      rowH = 20;
    }
    text(sink, moreText, cx, cy + 4, "small", "muted", rect(cx, cy, mw + 1, 22));
    width = Math.max(width, cx + mw - x);
  }
  sink.panels.push({ name: panel, rect: rect(x, y, width, cy + rowH - y) });
  // the label's glyphs, as the router keeps clear of them
  const glyphs = run ? rect(run.x, run.y + run.height * 0.2, run.width, run.height * 0.6) : undefined;
  return { bottom: cy + rowH, width, label: glyphs };
}
