/**
 * Frame and object boxes: their size from what they hold, and how they place their rows,
 * cells and texts once the heap or stack layout has given them a position.
 */
import type { Translator } from "../../i18n/index.js";
import type { SceneBody, SceneFold, SceneFrame, SceneObject, SceneRow, SlotValue } from "../scene.js";
import { point, rect, type CanvasRect, type FontRole, type Ink } from "../types.js";
import { text, type Sink } from "./sink.js";

export const PAD = 8;
export const HEADER_H = 24;
const ADDR_H = 18;
export const ROW_H = 24;
const MORE_H = 20;
const INDEX_H = 15;
const MIN_W = 112;
export const MAX_OBJECT_W = 300;
const MIN_FRAME_W = 170;
export const MAX_FRAME_W = 320;
const REF_CELL_W = 36;
const STRIP_CELL_W = 28;
/** a record with an array inside may widen its box to hold that array's row of cells */
const MAX_STRIP_W = 480;
const TAG_GAP = 6;

/** A box whose size is known before it is placed. */
export interface Piece {
  w: number;
  h: number;
  /** the objects its slots refer to, with each slot's offset from the box top */
  refs: { target: string; dy: number }[];
  place(sink: Sink, x: number, y: number): void;
}

function cellWidth(sink: Sink, v: SlotValue): number {
  if (v.kind === "text" || v.kind === "hidden") return sink.measure.width(v.text, "value") + 2 * PAD;
  return REF_CELL_W;
}

/** Draws one slot (a value cell) and records it; refs get the dot their arrow leaves from. */
function placeCell(sink: Sink, owner: string, id: string, v: SlotValue, r: CanvasRect, fill: Ink | undefined, align: "left" | "center"): void {
  sink.shapes.push({ kind: "box", rect: r, fill: fill ?? "cell", stroke: "cellBorder", lineWidth: 1 });
  if (v.kind === "ref") {
    const anchor = { x: r.x + r.w / 2, y: r.y + r.h / 2 };
    sink.shapes.push({ kind: "mark", shape: "dot", at: anchor, size: 4, fill: "arrow" });
    sink.slots.push({ id, owner, rect: r, anchor, target: v.target, ...(v.at ? { land: v.at } : {}) });
    return;
  }
  sink.slots.push({ id, owner, rect: r });
  if (v.kind === "none") return;
  const font: FontRole = v.kind === "hidden" ? "small" : "value";
  const ink: Ink = v.kind === "hidden" ? "faint" : "text";
  const inner = rect(r.x + 4, r.y, r.w - 8, r.h);
  const ty = r.y + (r.h - Math.round(14 * 1.4)) / 2;
  if (align === "center") text(sink, v.text, r.x + r.w / 2, ty, font, ink, inner, "center");
  else text(sink, v.text, r.x + PAD, ty, font, ink, inner);
}

function rowFill(row: SceneRow): Ink | undefined {
  if (row.value.kind === "text" && row.value.fresh) return "newFill";
  return row.changed ? "changedFill" : undefined;
}

/** The widths of a row of cells (an array inside a record). */
const stripWidths = (sink: Sink, row: SceneRow): number[] => (row.cells ?? []).map((c) => Math.max(STRIP_CELL_W, cellWidth(sink, c.value)));

/** Rows of labelled slots (variables, attributes, list cells, dict entries), stacked. */
function rowsPiece(sink: Sink, rows: SceneRow[], labelFont: FontRole, maxW: number) {
  const labelW = Math.max(0, ...rows.map((r) => (r.key ? cellWidth(sink, r.key.value) : sink.measure.width(r.label, labelFont) + PAD)));
  const valueW = Math.max(REF_CELL_W, ...rows.map((r) => (r.cells ? stripWidths(sink, r).reduce((a, b) => a + b, 0) : cellWidth(sink, r.value))));
  const want = PAD + labelW + 6 + valueW + PAD;
  return {
    want,
    place(owner: string, x: number, y: number, w: number) {
      const inner = w - 2 * PAD;
      // labels get what the values leave, but never less than 45% of the row
      const lw = Math.min(labelW, Math.max(Math.round(inner * 0.45), inner - valueW - 6));
      rows.forEach((row, i) => {
        const ry = y + i * ROW_H;
        const vx = x + PAD + lw + 6;
        const vr = rect(vx, ry + 2, x + w - PAD - vx, ROW_H - 4);
        if (row.divider) sink.shapes.push({ kind: "line", points: [point(x + PAD, ry), point(x + w - PAD, ry)], stroke: "panelBorder", lineWidth: 1 });
        if (row.key) placeCell(sink, owner, row.key.id, row.key.value, rect(x + PAD, ry + 2, lw, ROW_H - 4), rowFill(row), "left");
        else if (row.label) {
          const lr = rect(x + PAD, ry, lw, ROW_H);
          text(sink, row.label, x + PAD + lw - 4, ry + 3, labelFont, labelFont === "index" ? "muted" : "text", lr, "right");
        }
        if (!row.cells) placeCell(sink, owner, row.id, row.value, vr, rowFill(row), "left");
        let cx = vx;
        stripWidths(sink, row).forEach((cw, k) => {
          const c = row.cells![k]!;
          placeCell(sink, owner, c.id, c.value, rect(cx, ry + 2, cw, ROW_H - 4), c.changed ? "changedFill" : undefined, "center");
          cx += cw;
        });
      });
    },
    refs: rows.flatMap((r, i) => [r.key?.value, r.value].flatMap((v) => (v?.kind === "ref" ? [{ target: v.target, dy: i * ROW_H + ROW_H / 2 }] : []))),
    height: rows.length * ROW_H,
    maxW: rows.some((r) => r.cells) ? MAX_STRIP_W : maxW,
  };
}

function moreLine(sink: Sink, label: string, x: number, y: number, w: number): void {
  text(sink, label, x + PAD, y + 2, "small", "muted", rect(x + PAD, y, w - 2 * PAD, MORE_H));
}

/**
 * A dict whose keys are drawn as objects gives each key a row of its own above its value:
 * an arrow from a key cell beside its value would run through the value's cell.
 */
function entryRows(rows: SceneRow[], tr: Translator): SceneRow[] {
  if (!rows.some((r) => r.key?.value.kind === "ref")) return rows;
  return rows.flatMap((r, i) => {
    const value = { id: r.id, label: tr.t("render.mapping.value"), value: r.value, changed: r.changed };
    return r.key ? [{ id: r.key.id, label: tr.t("render.mapping.key"), value: r.key.value, changed: r.changed, divider: i > 0 }, value] : [value];
  });
}

/** Body of an object box: its size, and how to place it under the box's header. */
function bodyPiece(sink: Sink, owner: string, body: SceneBody, tr: Translator) {
  const more = "more" in body && body.more > 0 ? tr.t("render.more", { n: body.more }) : undefined;
  const moreH = more ? MORE_H : 0;
  const moreW = more ? sink.measure.width(more, "small") + 2 * PAD : 0;
  if (body.kind === "text" || body.kind === "empty") {
    const value = body.kind === "text" ? body.text : tr.t("render.empty");
    const font: FontRole = body.kind === "text" ? "value" : "small";
    const note = body.kind === "text" ? body.note : undefined;
    const h = ROW_H + (note ? MORE_H - 4 : 0) + 4;
    const want = Math.max(sink.measure.width(value, font), note ? sink.measure.width(note, "small") : 0) + 2 * PAD;
    return {
      want,
      h,
      refs: [] as Piece["refs"],
      place(x: number, y: number, w: number) {
        const box = rect(x + PAD, y, w - 2 * PAD, h);
        text(sink, value, x + PAD, y + 4, font, body.kind === "text" ? "text" : "muted", box);
        if (note) text(sink, note, x + PAD, y + ROW_H, "small", "muted", box);
      },
    };
  }
  const rows = body.rows;
  const inlineOnly = body.kind === "cells" && rows.every((r) => r.value.kind !== "ref");
  const widths = rows.map((r) => Math.max(30, cellWidth(sink, r.value)));
  const across = widths.reduce((a, b) => a + b, 0) + 2 * PAD;
  // an array a pointer points into reads as a column instead, so each element has a row to land on
  if (inlineOnly && rows.length > 0 && across <= MAX_OBJECT_W && !(body.kind === "cells" && body.landed)) {
    // a short list of plain values reads best as a row of numbered cells
    const h = (body.kind === "cells" && body.indexed ? INDEX_H : 0) + ROW_H + moreH + 4;
    return {
      want: Math.max(across, moreW),
      h,
      refs: [] as Piece["refs"],
      place(x: number, y: number, _w: number) {
        let cx = x + PAD;
        const top = y + (body.kind === "cells" && body.indexed ? INDEX_H : 2);
        rows.forEach((row, i) => {
          const cw = widths[i]!;
          if (row.label) text(sink, row.label, cx + cw / 2, y, "index", "muted", rect(cx, y, cw, INDEX_H), "center");
          placeCell(sink, owner, row.id, row.value, rect(cx, top, cw, ROW_H), rowFill(row), "center");
          cx += cw;
        });
        if (more) moreLine(sink, more, x, top + ROW_H, _w);
      },
    };
  }
  const labelFont: FontRole = body.kind === "cells" ? "index" : "name";
  const rp = rowsPiece(sink, body.kind === "entries" ? entryRows(rows, tr) : rows, labelFont, MAX_OBJECT_W);
  return {
    want: Math.max(rp.want, moreW),
    maxW: rp.maxW,
    h: rp.height + moreH + 4,
    refs: rp.refs.map((r) => ({ ...r, dy: r.dy + 2 })),
    place(x: number, y: number, w: number) {
      rp.place(owner, x, y + 2, w);
      if (more) moreLine(sink, more, x, y + 2 + rp.height, w);
    },
  };
}

const STATE_INK: Record<SceneObject["state"], { stroke: Ink; width: number }> = {
  plain: { stroke: "cellBorder", width: 1 },
  new: { stroke: "new", width: 2.5 },
  changed: { stroke: "changed", width: 2.5 },
  freed: { stroke: "freed", width: 1.5 },
};

/** An object box: header (type, size), address line (address, tags), then its contents. */
export function objectPiece(sink: Sink, o: SceneObject, tr: Translator): Piece {
  const size = tr.bytes(o.size);
  const tags: { label: string; ink: Ink; fill: Ink }[] = [];
  if (o.state !== "plain") tags.push({ label: tr.t(`render.state.${o.state}`), ink: o.state, fill: `${o.state}Fill` });
  if (o.tag) tags.push({ label: o.tag, ink: "tag", fill: "tagFill" });
  const tagW = tags.map((t) => sink.measure.width(t.label, "tag") + 10);
  const body = bodyPiece(sink, o.id, o.body, tr);
  const headW = sink.measure.width(o.type, "typeName") + 14 + sink.measure.width(size, "size") + 2 * PAD;
  const addrW = sink.measure.width(o.address, "address") + tagW.reduce((a, b) => a + b + TAG_GAP, 0) + 2 * PAD;
  const w = Math.ceil(Math.min(("maxW" in body ? body.maxW : undefined) ?? MAX_OBJECT_W, Math.max(MIN_W, headW, addrW, body.want)));
  const h = HEADER_H + ADDR_H + body.h;
  const refs = body.refs.map((r) => ({ target: r.target, dy: r.dy + HEADER_H + ADDR_H }));
  return {
    w,
    h,
    refs,
    place(s, x, y) {
      const r = rect(x, y, w, h);
      const look = STATE_INK[o.state];
      const ghost = o.state === "freed";
      s.shapes.push({ kind: "box", rect: r, fill: ghost ? "freedFill" : "object", radius: 5, ...(ghost ? { alpha: 0.55 } : {}) });
      s.shapes.push({ kind: "box", rect: rect(x, y, w, HEADER_H), fill: ghost ? "freedFill" : "objectHeader", radius: 5, topOnly: true });
      s.shapes.push({ kind: "box", rect: r, stroke: look.stroke, lineWidth: look.width, radius: 5, dashed: ghost });
      s.objects.push({ id: o.id, rect: r, state: o.state });
      const head = rect(x + PAD, y, w - 2 * PAD, HEADER_H);
      const sizeRun = text(s, size, x + w - PAD, y + 4, "size", "muted", head, "right");
      const typeBox = rect(x + PAD, y, Math.max(0, (sizeRun?.x ?? x + w - PAD) - 10 - x - PAD), HEADER_H);
      text(s, o.type, x + PAD, y + 4, "typeName", ghost ? "freed" : "title", typeBox);
      // tags sit at the right of the address line; the address gets what room is left
      let tx = x + w - PAD;
      const line = rect(x + PAD, y + HEADER_H, w - 2 * PAD, ADDR_H);
      tags.forEach((t, i) => {
        const tw = Math.min(tagW[i]!, tx - (x + PAD));
        if (tw < 24) return;
        tx -= tw;
        const pill = rect(tx, y + HEADER_H + 2, tw, ADDR_H - 3);
        s.shapes.push({ kind: "box", rect: pill, fill: t.fill, radius: 7 });
        text(s, t.label, tx + tw / 2, y + HEADER_H + 1, "tag", t.ink, pill, "center");
        tx -= TAG_GAP;
      });
      text(s, o.address, x + PAD, y + HEADER_H + 2, "address", "muted", rect(line.x, line.y, Math.max(0, tx - line.x), ADDR_H));
      body.place(x, y + HEADER_H + ADDR_H, w);
    },
  };
}

/** A stack frame: its function's name, then one row per variable. */
export function framePiece(sink: Sink, f: SceneFrame, tr: Translator): Piece {
  const more = f.more > 0 ? tr.t("render.more", { n: f.more }) : undefined;
  const empty = f.rows.length === 0 ? tr.t("render.stack.empty") : undefined;
  const rp = rowsPiece(sink, f.rows, "name", MAX_FRAME_W);
  const titleW = sink.measure.width(f.title, "typeName") + 2 * PAD;
  const extraW = Math.max(more ? sink.measure.width(more, "small") : 0, empty ? sink.measure.width(empty, "small") : 0) + 2 * PAD;
  const w = Math.ceil(Math.min(MAX_FRAME_W, Math.max(MIN_FRAME_W, rp.want, titleW, extraW)));
  const h = HEADER_H + 4 + rp.height + (more || empty ? MORE_H : 0) + 6;
  return {
    w,
    h,
    refs: rp.refs.map((r) => ({ ...r, dy: r.dy + HEADER_H + 4 })),
    place(s, x, y) {
      const r = rect(x, y, w, h);
      s.shapes.push({ kind: "box", rect: r, fill: "frame", radius: 6 });
      s.shapes.push({ kind: "box", rect: rect(x, y, w, HEADER_H), fill: "frameHeader", radius: 6, topOnly: true });
      s.shapes.push({
        kind: "box",
        rect: r,
        stroke: f.active ? "frameActive" : "panelBorder",
        lineWidth: f.active ? 2.5 : 1,
        radius: 6,
      });
      s.frames.push({ index: f.index, rect: r, active: f.active });
      text(s, f.title, x + PAD, y + 4, "typeName", "title", rect(x + PAD, y, w - 2 * PAD, HEADER_H));
      rp.place(`frame:${f.index}`, x, y + HEADER_H + 4, w);
      if (more || empty) moreLine(s, (more ?? empty)!, x, y + HEADER_H + 4 + rp.height, w);
    },
  };
}

/** Frames folded out of a deep stack: a dashed strip saying how many. */
export function foldPiece(sink: Sink, f: SceneFold, tr: Translator): Piece {
  const label = f.name ? tr.t("render.stack.calls", { n: f.fold, name: f.name }) : tr.t("render.more", { n: f.fold });
  const w = Math.ceil(Math.min(MAX_FRAME_W, Math.max(MIN_FRAME_W, sink.measure.width(label, "small") + 2 * PAD)));
  const h = 30;
  return {
    w,
    h,
    refs: [],
    place(s, x, y) {
      const r = rect(x, y, w, h);
      s.shapes.push({ kind: "box", rect: r, stroke: "panelBorder", lineWidth: 1, radius: 6, dashed: true });
      text(s, label, x + PAD, y + 7, "small", "muted", rect(x + PAD, y, w - 2 * PAD, h));
    },
  };
}
