/**
 * The code panel (the program with line numbers, the line that just ran and the next one
 * marked) and the chart of live heap bytes across the run, under it.
 */
import type { Translator } from "../../i18n/index.js";
import { LIMITS } from "../options.js";
import { point, rect, type CanvasPoint } from "../types.js";
import { lineHeight, text, type Sink } from "./sink.js";

const LINE_H = 21;
const PAD = 12;
const MARK_W = 16;
const MAX_TEXT_W = 430;
const MIN_PANEL_W = 250;
const HIDDEN_H = 18;

/** Lines to show: all of a short program, else a window around the lines that matter. */
function window(count: number, ran: number, next: number | undefined): [number, number] {
  if (count <= LIMITS.maxCodeLines) return [1, count];
  const lo = Math.min(ran, next ?? ran);
  const hi = Math.max(ran, next ?? ran);
  let first = Math.max(1, Math.round((lo + hi) / 2) - Math.floor(LIMITS.maxCodeLines / 2));
  if (hi - first >= LIMITS.maxCodeLines) first = hi - LIMITS.maxCodeLines + 3;
  first = Math.min(first, count - LIMITS.maxCodeLines + 1);
  return [first, first + LIMITS.maxCodeLines - 1];
}

export function placeCode(
  sink: Sink,
  source: string,
  ran: number | undefined,
  next: number | undefined,
  x: number,
  y: number,
  tr: Translator,
  /** the line a run that took no step stopped on (Python could not read it, or a limit came during it) */
  stop?: number,
): { w: number; h: number } {
  const lines = source.replace(/\t/g, "    ").split("\n");
  if (lines.length > 1 && lines.at(-1)!.trim() === "") lines.pop();
  const [first, last] = window(lines.length, ran ?? stop ?? 1, next);
  const numW = sink.measure.width(String(last), "lineNumber") + 8;
  let textW = 0;
  for (let n = first; n <= last; n++) textW = Math.max(textW, sink.measure.width(lines[n - 1]!, "code"));
  const title = tr.t("render.code.title");
  const legendRan = tr.t("render.code.ran");
  const legendNext = tr.t("render.code.next");
  const legendW = 2 * (MARK_W + 6) + sink.measure.width(legendRan, "small") + 18 + sink.measure.width(legendNext, "small");
  const textX = x + PAD + MARK_W + numW + 6;
  const w = Math.ceil(Math.max(MIN_PANEL_W, textX - x + Math.min(textW, MAX_TEXT_W) + PAD, legendW + 2 * PAD));
  const above = first - 1;
  const below = lines.length - last;
  const bodyTop = y + 36 + (above ? HIDDEN_H : 0);
  const h = bodyTop - y + (last - first + 1) * LINE_H + (below ? HIDDEN_H : 0) + 34;

  const panel = rect(x, y, w, h);
  sink.panels.push({ name: "code", rect: panel });
  sink.shapes.push({ kind: "box", rect: panel, fill: "panel", stroke: "panelBorder", lineWidth: 1, radius: 8 });
  text(sink, title, x + PAD, y + 8, "title", "title", rect(x + PAD, y, w - 2 * PAD, 30));
  const inner = rect(x + PAD, y, w - 2 * PAD, h);
  if (above) text(sink, tr.t("render.code.hidden", { n: above }), textX, bodyTop - HIDDEN_H, "small", "faint", inner);
  for (let n = first; n <= last; n++) {
    const ly = bodyTop + (n - first) * LINE_H;
    const band = rect(x + 4, ly, w - 8, LINE_H);
    if (n === ran) sink.shapes.push({ kind: "box", rect: band, fill: "ranFill", radius: 4 });
    // not "just ran": it never finished
    if (n === stop) sink.shapes.push({ kind: "box", rect: band, fill: "errorFill", stroke: "error", lineWidth: 1.5, radius: 4 });
    if (n === next) sink.shapes.push({ kind: "box", rect: band, stroke: "next", lineWidth: 1.5, radius: 4 });
    if (n === ran) sink.shapes.push({ kind: "mark", shape: "triangle", at: point(x + PAD + 6, ly + LINE_H / 2), size: 6, fill: "ran" });
    if (n === next && n !== ran) {
      sink.shapes.push({ kind: "mark", shape: "triangle", at: point(x + PAD + 6, ly + LINE_H / 2), size: 6, stroke: "next" });
    }
    const ty = ly + (LINE_H - lineHeight("code")) / 2;
    text(sink, String(n), textX - 8, ty + 1, "lineNumber", n === ran ? "text" : "faint", rect(x + PAD + MARK_W, ly, numW, LINE_H), "right");
    const line = lines[n - 1]!;
    if (line) text(sink, line, textX, ty, n === ran ? "codeBold" : "code", "text", rect(textX, ly, x + w - PAD - textX, LINE_H));
  }
  const end = bodyTop + (last - first + 1) * LINE_H;
  if (below) text(sink, tr.t("render.code.hidden", { n: below }), textX, end, "small", "faint", inner);
  // legend: what the two marks mean (a run that took no step has neither)
  if (ran === undefined && next === undefined) return { w, h };
  const ly = y + h - 26;
  let lx = x + PAD;
  sink.shapes.push({ kind: "mark", shape: "triangle", at: point(lx + 6, ly + 9), size: 6, fill: "ran" });
  const r1 = text(sink, legendRan, lx + MARK_W + 2, ly, "small", "muted", inner);
  lx = (r1 ? r1.x + r1.width : lx + MARK_W) + 18;
  sink.shapes.push({ kind: "mark", shape: "triangle", at: point(lx + 6, ly + 9), size: 6, stroke: "next" });
  text(sink, legendNext, lx + MARK_W + 2, ly, "small", "muted", inner);
  return { w, h };
}

const CHART_H = 118;

/** A small area chart of live heap bytes over the whole run, the current step marked. */
export function placeChart(sink: Sink, live: number[], index: number, x: number, y: number, w: number, tr: Translator): number {
  const panel = rect(x, y, w, CHART_H);
  sink.panels.push({ name: "chart", rect: panel });
  sink.shapes.push({ kind: "box", rect: panel, fill: "panel", stroke: "panelBorder", lineWidth: 1, radius: 8 });
  const inner = rect(x + PAD, y, w - 2 * PAD, CHART_H);
  const now = tr.t("render.chart.now", { bytes: tr.bytes(live[index] ?? 0) });
  const nowRun = text(sink, now, x + w - PAD, y + 8, "small", "text", inner, "right");
  text(sink, tr.t("render.chart.title"), x + PAD, y + 8, "small", "muted", rect(x + PAD, y, Math.max(0, (nowRun?.x ?? x + w) - 12 - x - PAD), 24));
  // a loop, not a spread: a long run's hundreds of thousands of steps overflow the call stack
  const peak = live.reduce((a, b) => Math.max(a, b), 1);
  const plot = rect(x + PAD, y + 34, w - 2 * PAD, CHART_H - 34 - 24);
  const bottom = plot.y + plot.h;
  const xAt = (i: number) => plot.x + (live.length <= 1 ? plot.w / 2 : (i / (live.length - 1)) * plot.w);
  const yAt = (v: number) => bottom - (v / peak) * plot.h;
  // one point per pixel column at most, keeping each column's highest value
  const points: CanvasPoint[] = [];
  const columns = Math.max(1, Math.floor(plot.w));
  const per = Math.max(1, Math.ceil(live.length / columns));
  for (let i = 0; i < live.length; i += per) {
    let v = 0;
    for (let j = i; j < Math.min(live.length, i + per); j++) v = Math.max(v, live[j]!);
    points.push(point(xAt(i), yAt(v)));
  }
  if (points.length === 1) points.push(point(plot.x + plot.w, points[0]!.y));
  sink.shapes.push({ kind: "line", points: [point(plot.x, bottom), ...points, point(points.at(-1)!.x, bottom)], stroke: "chartLine", lineWidth: 0, fill: "chartFill" });
  sink.shapes.push({ kind: "line", points, stroke: "chartLine", lineWidth: 1.5 });
  sink.shapes.push({ kind: "line", points: [point(plot.x, bottom), point(plot.x + plot.w, bottom)], stroke: "panelBorder", lineWidth: 1 });
  const cx = xAt(index);
  sink.shapes.push({ kind: "line", points: [point(cx, plot.y - 2), point(cx, bottom)], stroke: "ran", lineWidth: 1.5 });
  sink.shapes.push({ kind: "mark", shape: "dot", at: point(cx, yAt(live[index] ?? 0)), size: 4, fill: "ran" });
  const foot = rect(x + PAD, bottom, w - 2 * PAD, 24);
  text(sink, tr.t("render.chart.peak", { bytes: tr.bytes(live.reduce((a, b) => Math.max(a, b), 0)) }), x + PAD, bottom + 4, "small", "faint", foot);
  return CHART_H;
}
