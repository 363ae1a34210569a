/**
 * Where layout pieces put what they place, and the text helpers they share: fitting a
 * string into a width (with "…") and wrapping a sentence (between words, or between
 * characters for Chinese).
 */
import { FONT_SIZES, type TextMeasurer } from "../fonts.js";
import type {
  Arrow,
  CanvasRect,
  FontRole,
  FrameBox,
  Ink,
  ObjectBox,
  Panel,
  Shape,
  SlotBox,
  TextRun,
} from "../types.js";

export interface Sink {
  measure: TextMeasurer;
  shapes: Shape[];
  texts: TextRun[];
  slots: SlotBox[];
  objects: ObjectBox[];
  frames: FrameBox[];
  panels: Panel[];
  arrows: Arrow[];
}

export function createSink(measure: TextMeasurer): Sink {
  return { measure, shapes: [], texts: [], slots: [], objects: [], frames: [], panels: [], arrows: [] };
}

/** Height of a text line of a role (the line box the painter centres glyphs in). */
export function lineHeight(font: FontRole): number {
  return Math.round(FONT_SIZES[font] * 1.4);
}

/** The longest prefix of `text` that fits `max` px, with "…" when cut. */
export function fit(measure: TextMeasurer, text: string, font: FontRole, max: number): string {
  // a hair of slack: widths and positions are sums of fractional pixels
  max += 0.25;
  if (measure.width(text, font) <= max) return text;
  const chars = [...text];
  let lo = 0;
  let hi = chars.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (measure.width(chars.slice(0, mid).join("") + "…", font) <= max) lo = mid;
    else hi = mid - 1;
  }
  return lo === 0 ? "" : chars.slice(0, lo).join("") + "…";
}

const CJK = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]/;

/** Breaks text into lines of at most `max` px: at spaces, and between CJK characters. */
export function wrap(measure: TextMeasurer, text: string, font: FontRole, max: number, maxLines: number): string[] {
  const tokens: string[] = [];
  for (const part of text.split(/(\s+)/)) {
    if (!part) continue;
    if (CJK.test(part)) tokens.push(...(part.match(/[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef][，。、；：！？）》」』]*|[^\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]+/g) ?? [part]));
    else tokens.push(part);
  }
  const lines: string[] = [];
  let line = "";
  for (const token of tokens) {
    const candidate = line + token;
    if (!line || measure.width(candidate.trimEnd(), font) <= max) {
      line = candidate;
      continue;
    }
    lines.push(line.trimEnd());
    line = /^\s+$/.test(token) ? "" : token;
  }
  if (line.trim()) lines.push(line.trimEnd());
  if (lines.length > maxLines) {
    const rest = lines.slice(maxLines - 1).join(CJK.test(text) ? "" : " ");
    return [...lines.slice(0, maxLines - 1), fit(measure, rest, font, max)];
  }
  return lines.map((l) => fit(measure, l, font, max));
}

/**
 * Places one line of text at (x, y) (top of its line box), cut to fit `box`. Align "right"
 * puts its right edge at x; "center" centres it on x.
 */
export function text(
  sink: Sink,
  value: string,
  x: number,
  y: number,
  font: FontRole,
  ink: Ink,
  box: CanvasRect,
  align: "left" | "right" | "center" = "left",
): TextRun | undefined {
  const room = align === "left" ? box.x + box.w - x : align === "right" ? x - box.x : box.w;
  const shown = fit(sink.measure, value, font, Math.max(0, room));
  if (!shown) return undefined;
  const width = sink.measure.width(shown, font);
  const left = align === "left" ? x : align === "right" ? x - width : x - width / 2;
  const run: TextRun = { text: shown, x: left, y, width, height: lineHeight(font), font, ink, box };
  sink.texts.push(run);
  return run;
}
