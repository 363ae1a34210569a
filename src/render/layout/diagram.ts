/**
 * One step's whole diagram as data: the code and chart on the left, the stack in the
 * middle, the heap on the right, and full-width strips under them.
 */
import type { MemoryState } from "../../core/state.js";
import type { Trace } from "../../core/trace.js";
import type { Translator } from "../../i18n/index.js";
import type { TextMeasurer } from "../fonts.js";
import { LIMITS, type ResolvedOptions } from "../options.js";
import { faultSentences } from "../../explain/fault.js";
import { buildScene, type Scene } from "../scene.js";
import { point, rect, type DiagramLayout, type Ink } from "../types.js";
import { foldPiece, framePiece } from "./boxes.js";
import { placeChart, placeCode } from "./code.js";
import { placeHeapArea } from "./heaparea.js";
import { createSink, text, type Sink } from "./sink.js";
import { placeCaption, placeHeader, placeNote, placeTemps } from "./strips.js";

const M = 20;
const GAP = 16;
const INSET = 14;
const TITLE_H = 44;
const MIN_WIDTH = 900;
const MIN_HEAP_W = 280;

/** What stays the same for every step of one run. */
export interface RunContext {
  trace: Trace;
  live: number[];
  tr: Translator;
  measure: TextMeasurer;
  options: ResolvedOptions;
}

/** The line that just ran and the line that runs next, by the kind of step. */
export function codeMarks(state: MemoryState): { ran?: number; next?: number } {
  const { step, frames } = state;
  const inner = frames.at(-1);
  const outer = frames.at(-2);
  switch (step.event) {
    case "call":
      return { ran: outer?.line ?? step.line, ...(inner ? { next: inner.line } : {}) };
    case "return":
      return { ran: step.line, ...(outer ? { next: outer.line } : {}) };
    case "exception":
      return { ran: step.line };
    default:
      return { ran: step.line, ...(inner ? { next: inner.line } : {}) };
  }
}

/** The title of a run that took no step: what stopped it, and on which line (no line ran). */
function unrunTitle(trace: Trace, tr: Translator): string | undefined {
  const o = trace.outcome;
  if (o.status === "syntax-error") return tr.t("render.unrun.syntax", { line: o.line });
  if (o.status === "limit") return o.line !== undefined ? tr.t("render.unrun.stopped", { line: o.line }) : tr.t("render.unrun.stoppedEarly");
  return undefined;
}

function headerTitle(state: MemoryState, total: number, tr: Translator): string {
  const parts = [tr.t("render.step", { n: state.index + 1, total: Math.max(1, total) }), tr.t("render.line", { line: state.step.line })];
  const kind = stepKind(state);
  if (kind) parts.push(tr.t(`render.event.${kind.key}`, { name: kind.name }));
  return parts.join(" · ");
}

/** What kind of step this is, as the title names it: a yield is not a return, a resumed
 * generator is not a new call, and a class body is not a function. */
export function stepKind(state: MemoryState): { key: string; name: string } | undefined {
  const { step, frames } = state;
  const frameName = frames.at(-1)?.name ?? "";
  if (step.event === "exception") return { key: "exception", name: frameName };
  for (const ev of step.events) {
    if (ev.kind === "call" && step.event === "call") {
      return { key: ev.classBody ? "classBody" : ev.resumed ? "resume" : "call", name: ev.name };
    }
    if (ev.kind === "return" && step.event === "return") {
      // a frame an exception leaves did not return
      const key = ev.classBody ? "classDone" : ev.yielded ? "yield" : ev.finished ? "finish" : ev.raised ? "raisedOut" : "return";
      // the program's own end is not a call returning
      return key === "return" && frames.length <= 1 ? undefined : { key, name: ev.name };
    }
  }
  if (step.event === "call") return { key: "call", name: frameName };
  if (step.event === "return" && frames.length > 1) return { key: "return", name: frameName };
  return undefined;
}

function panelTitle(sink: Sink, title: string, hint: string, x: number, y: number, w: number): void {
  const box = rect(x, y, w, 28);
  const t = text(sink, title, x, y + 4, "title", "title", box);
  const hx = (t ? t.x + t.width : x) + 10;
  text(sink, hint, hx, y + 7, "hint", "faint", rect(hx, y, Math.max(0, x + w - hx), 28));
}

export function layoutState(run: RunContext, state: MemoryState): DiagramLayout {
  const { trace, tr, measure, options } = run;
  const scene = buildScene(trace, state, options, tr);
  const sink = createSink(measure);
  // a run that took no step (a syntax error, a stop inside its first long call) ran no line
  const unrun = trace.steps.length === 0 ? unrunTitle(trace, tr) : undefined;
  const { ran, next } = unrun ? {} : codeMarks(state);
  const stop = unrun && "line" in trace.outcome ? trace.outcome.line : undefined;

  // left column: code, then the chart under it
  const top = M + 30 + 12;
  const code = placeCode(sink, trace.source, ran, next, M, top, tr, stop);
  const chartY = top + code.h + 12;
  const chartH = placeChart(sink, run.live, state.index, M, chartY, code.w, tr);
  const leftBottom = chartY + chartH;

  // stack: innermost frame on top, the global frame at the bottom
  const stackX = M + code.w + GAP;
  const pieces = [...scene.frames].reverse().map((f) => ("fold" in f ? foldPiece(sink, f, tr) : framePiece(sink, f, tr)));
  const stackInnerW = Math.max(150, ...pieces.map((p) => p.w), measure.width(tr.t("render.stack.title"), "title") + 10 + measure.width(tr.t("render.stack.hint"), "hint"));
  const rootY = new Map<string, number>();
  let fy = top + TITLE_H;
  for (const p of pieces) {
    for (const r of p.refs) if (!rootY.has(r.target)) rootY.set(r.target, fy + r.dy);
    p.place(sink, stackX + INSET, fy);
    fy += p.h + 10;
  }
  const stackBottom = fy;
  const stackW = stackInnerW + 2 * INSET;

  // heap: live objects in columns, then what this step freed, then every arrow
  const heapX = stackX + stackW + GAP;
  const heapTop = top + TITLE_H;
  const heap = placeHeapArea(sink, scene, { left: heapX + INSET, heapTop, stackX: stackX + INSET, stackBottom, rightX: LIMITS.maxWidth - M - INSET, rootY }, tr);
  const { innerX, maxInner } = heap;
  const heapBottom = heap.bottom;
  let heapInnerW = heap.innerW;
  const legend = legendItems(scene, tr);
  const legendW = legend.reduce((a, l) => a + measure.width(l.label, "small") + 26, 0);
  const heapTitleW = measure.width(tr.t("render.heap.title"), "title") + 10 + measure.width(tr.t("render.heap.hint"), "hint");
  heapInnerW = Math.max(heapInnerW, MIN_HEAP_W, Math.min(maxInner, heapTitleW + legendW + 24));
  const heapW = Math.ceil(heapInnerW + (innerX - heapX) + INSET);
  const width = Math.max(MIN_WIDTH, heapX + heapW + M);

  // stack and heap panels share one height, at least the left column's
  const columnsBottom = Math.max(leftBottom, stackBottom + 4, heapBottom + 14);
  const stackPanel = rect(stackX, top, stackW, columnsBottom - top);
  const heapPanel = rect(heapX, top, width - M - heapX, columnsBottom - top);
  sink.panels.push({ name: "stack", rect: stackPanel }, { name: "heap", rect: heapPanel });
  sink.shapes.unshift(
    { kind: "box", rect: stackPanel, fill: "panel", stroke: "panelBorder", lineWidth: 1, radius: 8 },
    { kind: "box", rect: heapPanel, fill: "panel", stroke: "panelBorder", lineWidth: 1, radius: 8 },
  );
  panelTitle(sink, tr.t("render.stack.title"), tr.t("render.stack.hint"), stackX + INSET, top + 6, stackInnerW);
  // the floor the frames rest on: the bottom of the stack
  sink.shapes.push({ kind: "line", points: [point(stackX + INSET - 4, stackBottom - 4), point(stackX + stackW - INSET + 4, stackBottom - 4)], stroke: "muted", lineWidth: 3 });
  const legendX = placeLegend(sink, legend, heapX + heapPanel.w - INSET, top + 10, heapPanel.w - 2 * INSET);
  panelTitle(sink, tr.t("render.heap.title"), tr.t("render.heap.hint"), heapX + INSET, top + 6, legendX - 12 - heapX - INSET);

  // header and the strips under the columns
  const sizes = tr.t("render.sizes", { model: trace.runtime.sizeModel });
  placeHeader(sink, unrun ?? headerTitle(state, trace.steps.length, tr), sizes, M, M, width - 2 * M);
  let y = columnsBottom + 12;
  const fullW = width - 2 * M;
  if (scene.temps.length) y += placeTemps(sink, scene.temps, scene.tempsMore, M, y, fullW, tr) + 12;
  const errors = state.step.events.flatMap((e) => (e.kind === "error" ? [tr.t("render.error", { type: e.type, message: e.message })] : []));
  // a memory fault (C) stops the run after its last step: that step's picture says what went wrong, in the reader's language
  const o = trace.outcome;
  if (o.status === "error" && o.fault && state.index === trace.steps.length - 1) errors.push(faultSentences(trace, tr, o.fault, o.line)[0]!);
  if (errors.length) y += placeNote(sink, errors, M, y, fullW, "error") + 12;
  if (scene.omittedObjects > 0) {
    const note = tr.t("render.heap.left", { n: scene.omittedObjects, total: scene.totalObjects });
    y += placeNote(sink, [note], M, y, fullW, "notes") + 8;
  }
  const caption = options.caption(state.index);
  if (caption && caption.trim()) y += placeCaption(sink, caption.trim(), M, y, fullW) + 12;
  const height = Math.ceil(y + M - 12);

  return {
    width: Math.ceil(width),
    height,
    stepIndex: state.index,
    locale: tr.locale,
    theme: options.theme,
    panels: sink.panels,
    frames: sink.frames,
    objects: sink.objects,
    slots: sink.slots,
    arrows: sink.arrows,
    shapes: sink.shapes,
    texts: sink.texts,
    omitted: { objects: scene.omittedObjects, frames: scene.omittedFrames },
    alt: altText(scene, state, run),
  };
}

interface LegendItem {
  label: string;
  fill: Ink;
  stroke: Ink;
  dashed: boolean;
}

/** Only the highlights this step uses are explained. */
function legendItems(scene: Scene, tr: Translator): LegendItem[] {
  const items: LegendItem[] = [];
  const used = new Set([...scene.objects, ...scene.unnamed].map((o) => o.state));
  const rows = [...scene.objects.flatMap((o) => ("rows" in o.body ? o.body.rows : [])), ...scene.frames.flatMap((f) => ("rows" in f ? f.rows : []))];
  if (used.has("new") || rows.some((r) => r.value.kind === "text" && r.value.fresh)) items.push({ label: tr.t("render.state.new"), fill: "newFill", stroke: "new", dashed: false });
  if (used.has("changed") || rows.some((r) => r.changed)) items.push({ label: tr.t("render.state.changed"), fill: "changedFill", stroke: "changed", dashed: false });
  if (scene.freed.length) items.push({ label: tr.t("render.state.freed"), fill: "freedFill", stroke: "freed", dashed: true });
  return items;
}

/** Draws legend swatches right-aligned ending at `right`; returns where they start. */
function placeLegend(sink: Sink, items: LegendItem[], right: number, y: number, maxW: number): number {
  let x = right;
  const box = rect(right - maxW, y - 4, maxW, 24);
  for (const item of [...items].reverse()) {
    const w = sink.measure.width(item.label, "small");
    if (x - w - 22 < box.x) break;
    x -= w;
    text(sink, item.label, x, y, "small", "muted", box);
    x -= 20;
    sink.shapes.push({ kind: "box", rect: rect(x, y + 2, 14, 13), fill: item.fill, stroke: item.stroke, lineWidth: 1.5, radius: 3, dashed: item.dashed });
    x -= 12;
  }
  return x;
}

function altText(scene: Scene, state: MemoryState, run: RunContext): string {
  const { tr } = run;
  const describe = (o: Scene["objects"][number]) => `${o.type} (${tr.bytes(o.size)})`;
  const parts = [
    tr.t("render.alt", {
      n: state.index + 1,
      total: run.trace.steps.length,
      line: state.step.line,
      frames: state.frames.length,
      objects: scene.totalObjects + scene.unnamed.length + scene.unnamedMore,
      // as the chart counts them: with what a running loop holds
      bytes: tr.bytes(run.live[state.index] ?? state.liveBytes),
    }),
  ];
  const made = [...scene.objects, ...scene.unnamed].filter((o) => o.state === "new");
  if (made.length) parts.push(tr.t("render.alt.new", { list: made.map(describe).join(", ") }));
  if (scene.freed.length) parts.push(tr.t("render.alt.freed", { list: scene.freed.map(describe).join(", ") }));
  return tr.sentences(parts);
}
