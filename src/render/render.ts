/**
 * From a Trace to diagrams: laying out one step, and painting steps as PNG images.
 * Whole-run figures (live bytes per step) are computed once per Trace and reused.
 */
import { createCanvas, type Canvas, type SKRSContext2D } from "./canvas.js";
import { replay, type MemoryState } from "../core/state.js";
import { TraceView } from "../core/view.js";
import { summarize } from "../core/summary.js";
import type { Trace } from "../core/trace.js";
import { translator } from "../i18n/index.js";
import { textMeasurer } from "./fonts.js";
import { layoutState, type RunContext } from "./layout/diagram.js";
import { resolveOptions, type RenderOptions } from "./options.js";
import { indexedPng, themeColours } from "./encode.js";
import { paintDiagram } from "./paint.js";
import { planReads, readPlanned } from "./regions.js";
import { THEMES } from "./theme.js";
import type { DiagramLayout } from "./types.js";

const liveCache = new WeakMap<Trace, number[]>();

export function runContext(trace: Trace, options?: RenderOptions): RunContext {
  let live = liveCache.get(trace);
  if (!live) {
    live = summarize(trace).liveBytes;
    liveCache.set(trace, live);
  }
  const resolved = resolveOptions(options);
  return { trace, live: live.length ? live : [0], tr: translator(resolved.locale), measure: textMeasurer(), options: resolved };
}

/** A stand-in state for a run that never took a step (a syntax error): code and error only. */
function emptyState(trace: Trace): MemoryState {
  const line = "line" in trace.outcome && trace.outcome.line !== undefined ? trace.outcome.line : 1;
  const events =
    trace.outcome.status === "error" || trace.outcome.status === "syntax-error"
      ? [{ kind: "error" as const, type: trace.outcome.type, message: trace.outcome.message, line }]
      : [];
  const step = { line, event: "exception" as const, top: line, events };
  return { index: 0, step, frames: [], objects: new Map(), allocated: new Set(), freed: new Map(), mutated: new Set(), liveBytes: 0 };
}

/**
 * The diagram of one step as data: boxes, slots, arrows and texts with their canvas
 * positions. Pure: the same Trace, step and options give the same layout.
 */
export function layoutStep(trace: Trace, stepIndex: number, options?: RenderOptions): DiagramLayout {
  const run = runContext(trace, options);
  if (trace.steps.length === 0 && stepIndex === 0) return layoutState(run, emptyState(trace));
  return layoutState(run, TraceView.of(trace).state(stepIndex));
}

// a canvas is reused while pictures keep one size (allocating one costs more than
// painting); never a larger one, so the pixels depend on the layout alone
let scratch: { canvas: Canvas; ctx: SKRSContext2D } | undefined;

function canvasFor(width: number, height: number): { canvas: Canvas; ctx: SKRSContext2D } {
  if (!scratch || scratch.canvas.width !== width || scratch.canvas.height !== height) {
    const canvas = createCanvas(width, height);
    scratch = { canvas, ctx: canvas.getContext("2d", { alpha: false }) };
  }
  return scratch;
}

// the image rows being built (one filter byte, then palette indices), kept between pictures
let rowsScratch = new Uint8Array(0);

/**
 * Paints a layout and encodes it as an indexed PNG in its theme's palette. Only the tiles
 * that may hold more than one colour are read back from the canvas (see regions.ts); the
 * rest are written from the layout. `readAll` reads every pixel instead (the reference
 * the tests compare with).
 */
export function encodePng(layout: DiagramLayout, readAll = false): Buffer {
  const { width, height } = layout;
  const { ctx } = canvasFor(width, height);
  paintDiagram(ctx, layout);
  const known = themeColours(THEMES[layout.theme]);
  const stride = width + 1;
  if (rowsScratch.length < stride * height) rowsScratch = new Uint8Array(stride * height);
  const rows = rowsScratch.subarray(0, stride * height);
  if (readAll) {
    rows.fill(0);
    const pixels = ctx.getImageData(0, 0, width, height).data;
    known.toIndex(new Uint8Array(pixels.buffer, pixels.byteOffset, pixels.byteLength), rows, width, stride, 1);
  } else {
    // each row starts with its filter byte, 0 (the scratch may hold an older picture's pixels)
    for (let y = 0; y < height; y++) rows[y * stride] = 0;
    readPlanned(ctx, planReads(layout), known, layout, rows, stride, 1);
  }
  return indexedPng(rows, width, height, known.palette);
}

/** One step as a PNG image (the CLI's `--png`; use the last step for a finished run). */
export function renderStepPng(trace: Trace, stepIndex: number, options?: RenderOptions): Buffer {
  return encodePng(layoutStep(trace, stepIndex, options));
}

/** Every step as a PNG, in order, replaying the run once (the CLI's `--frames`). */
export function* renderFrames(trace: Trace, options?: RenderOptions): Iterable<{ stepIndex: number; png: Buffer }> {
  const run = runContext(trace, options);
  if (trace.steps.length === 0) {
    yield { stepIndex: 0, png: encodePng(layoutState(run, emptyState(trace))) };
    return;
  }
  for (const state of replay(trace)) yield { stepIndex: state.index, png: encodePng(layoutState(run, state)) };
}

/** Layouts of chosen steps, replaying the run once. */
export function layoutSteps(trace: Trace, steps: Set<number>, options?: RenderOptions): DiagramLayout[] {
  const run = runContext(trace, options);
  if (trace.steps.length === 0) return [layoutState(run, emptyState(trace))];
  const out: DiagramLayout[] = [];
  for (const state of replay(trace)) if (steps.has(state.index)) out.push(layoutState(run, state));
  return out;
}
