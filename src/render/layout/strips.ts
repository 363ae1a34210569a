/**
 * The full-width strips of a diagram: the header (step counter, size model), the line's
 * temporaries, what was left out, an error, and the caption sentence.
 */
import type { Translator } from "../../i18n/index.js";
import type { SceneTemp } from "../scene.js";
import { rect, type CanvasRect } from "../types.js";
import { lineHeight, text, wrap, type Sink } from "./sink.js";

const PAD = 12;
const CHIP_H = 26;
const CHIP_GAP = 8;
const MAX_CHIP_W = 440;

export function placeHeader(sink: Sink, title: string, right: string, x: number, y: number, w: number): number {
  const h = 30;
  const box = rect(x, y, w, h);
  sink.panels.push({ name: "header", rect: box });
  const r = text(sink, right, x + w, y + 6, "hint", "faint", box, "right");
  text(sink, title, x, y + 2, "header", "title", rect(x, y, Math.max(0, (r?.x ?? x + w) - 24 - x), h));
  return h;
}

/** Chips for the temporaries of this line: the expression, its type and bytes. */
export function placeTemps(sink: Sink, temps: SceneTemp[], more: number, x: number, y: number, w: number, tr: Translator): number {
  const titleH = 26;
  const chips = temps.map((t) => {
    const label = `${t.type} · ${tr.bytes(t.size)}` + (t.count > 1 ? ` ${tr.t("render.temps.count", { n: t.count })}` : "");
    const tag = t.live ? tr.t("render.temps.live") : undefined;
    const whatW = sink.measure.width(t.what, "value");
    const labelW = sink.measure.width(label, "size");
    const tagW = tag ? sink.measure.width(tag, "tag") + 10 : 0;
    const cw = Math.min(MAX_CHIP_W, w - 2 * PAD, whatW + labelW + tagW + 3 * PAD + (tag ? 6 : 0));
    return { t, label, tag, labelW, tagW, w: Math.ceil(cw) };
  });
  const moreLabel = more > 0 ? tr.t("render.more", { n: more }) : undefined;
  // lay chips out in rows
  const placed: { chip: (typeof chips)[number]; x: number; y: number }[] = [];
  let cx = x + PAD;
  let cy = y + titleH;
  for (const chip of chips) {
    if (cx > x + PAD && cx + chip.w > x + w - PAD) {
      cx = x + PAD;
      cy += CHIP_H + CHIP_GAP;
    }
    placed.push({ chip, x: cx, y: cy });
    cx += chip.w + CHIP_GAP;
  }
  const moreW = moreLabel ? sink.measure.width(moreLabel, "small") + 4 : 0;
  if (moreLabel && cx + moreW > x + w - PAD) {
    cx = x + PAD;
    cy += CHIP_H + CHIP_GAP;
  }
  const h = cy + CHIP_H + 10 - y;
  const panel = rect(x, y, w, h);
  sink.panels.push({ name: "temps", rect: panel });
  sink.shapes.push({ kind: "box", rect: panel, fill: "panel", stroke: "panelBorder", lineWidth: 1, radius: 8 });
  text(sink, tr.t("render.temps.title"), x + PAD, y + 5, "small", "temp", rect(x + PAD, y, w - 2 * PAD, titleH));
  for (const { chip, x: px, y: py } of placed) {
    const r = rect(px, py, chip.w, CHIP_H);
    sink.shapes.push({ kind: "box", rect: r, fill: "tempFill", stroke: "temp", lineWidth: 1, radius: 6, dashed: true });
    let right = px + chip.w - PAD;
    if (chip.tag) {
      const pill = rect(right - chip.tagW, py + 5, chip.tagW, CHIP_H - 10);
      sink.shapes.push({ kind: "box", rect: pill, fill: "tagFill", radius: 7 });
      text(sink, chip.tag, pill.x + pill.w / 2, py + 5, "tag", "tag", pill, "center");
      right = pill.x - 6;
    }
    const lr = text(sink, chip.label, right, py + 5, "size", "muted", rect(px + PAD, py, right - px - PAD, CHIP_H), "right");
    const whatBox: CanvasRect = rect(px + PAD, py, Math.max(0, (lr?.x ?? right) - PAD - px - 6), CHIP_H);
    text(sink, chip.t.what, px + PAD, py + (CHIP_H - lineHeight("value")) / 2, "value", "text", whatBox);
  }
  if (moreLabel) text(sink, moreLabel, cx, cy + 5, "small", "muted", rect(cx, cy, x + w - PAD - cx, CHIP_H));
  return h;
}

/** Sentences in a plain strip: what was left out, or an error the step raised. */
export function placeNote(
  sink: Sink,
  sentences: string[],
  x: number,
  y: number,
  w: number,
  kind: "notes" | "error",
): number {
  const font = kind === "error" ? "value" : "small";
  const lh = lineHeight(font);
  const lines = sentences.flatMap((s) => wrap(sink.measure, s, font, w - 2 * PAD, 3));
  const h = lines.length * lh + 12;
  const box = rect(x, y, w, h);
  if (kind === "error") {
    sink.shapes.push({ kind: "box", rect: box, fill: "errorFill", stroke: "error", lineWidth: 1.5, radius: 8 });
  }
  sink.panels.push({ name: "notes", rect: box });
  lines.forEach((line, i) => text(sink, line, x + PAD, y + 6 + i * lh, font, kind === "error" ? "error" : "muted", box));
  return h;
}

/** The step's explanation: a few lines of large text with a coloured bar at the left. */
export function placeCaption(sink: Sink, caption: string, x: number, y: number, w: number): number {
  const lh = lineHeight("caption") + 2;
  const lines = wrap(sink.measure, caption, "caption", w - 2 * PAD - 10, 4);
  const h = lines.length * lh + 18;
  const box = rect(x, y, w, h);
  sink.panels.push({ name: "caption", rect: box });
  sink.shapes.push({ kind: "box", rect: box, fill: "panel", radius: 8 });
  sink.shapes.push({ kind: "box", rect: rect(x, y, 5, h), fill: "ran", radius: 2 });
  lines.forEach((line, i) => text(sink, line, x + PAD + 8, y + 9 + i * lh, "caption", "text", box));
  return h;
}
