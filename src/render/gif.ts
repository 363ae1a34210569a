/**
 * The whole run as an animated GIF: one frame per step (or per step that changes memory,
 * for long runs), each shown long enough to read, under a byte limit chat accepts.
 */
import { createCanvas } from "./canvas.js";
import * as gifenc from "gifenc";
import type { Trace } from "../core/trace.js";
import { translator } from "../i18n/index.js";
import { resolveOptions, type RenderOptions } from "./options.js";
import { paintDiagram } from "./paint.js";
import { layoutSteps } from "./render.js";
import { themeColours } from "./encode.js";
import { planReads, readPlanned } from "./regions.js";
import { THEMES, type Theme } from "./theme.js";
import type { DiagramLayout } from "./types.js";

// Node loads gifenc's CommonJS build (exports under `default`), bundlers its ES build
const GIFEncoder = (gifenc.GIFEncoder as typeof gifenc.GIFEncoder | undefined) ?? gifenc.default.GIFEncoder;

/** Frames drawn at most; longer runs keep the steps that change memory. */
export const MAX_GIF_FRAMES = 120;
export const DEFAULT_GIF_BYTES = 8 * 1024 * 1024;
const SCALES = [1, 0.8, 0.65, 0.5];
/** Pixels a frame may have before the animation starts smaller (big frames make big files). */
const FRAME_PIXELS = 1_600_000;

export interface GifResult {
  gif: Buffer;
  frames: number;
  stepsShown: number[];
  /** said when the animation shows less than every step at full size */
  note?: string;
}

/** Steps worth a frame when there are too many: those that change memory, thinned evenly. */
export function chooseSteps(trace: Trace, max: number): number[] {
  const all = trace.steps.map((_, i) => i);
  if (all.length <= max) return all;
  const busy = all.filter((i) => {
    const events = trace.steps[i]!.events;
    return i === 0 || i === all.length - 1 || events.some((e) => e.kind !== "rebind" && e.kind !== "temp");
  });
  return thin(busy.length ? busy : all, max);
}

function thin(steps: number[], max: number): number[] {
  if (steps.length <= max) return steps;
  const out = new Set<number>();
  for (let k = 0; k < max; k++) out.add(steps[Math.round((k * (steps.length - 1)) / (max - 1))]!);
  return [...out].sort((a, b) => a - b);
}

/** How long a frame stays: long enough to read its caption. */
function delayFor(layout: DiagramLayout, last: boolean): number {
  const chars = layout.texts.filter((t) => t.font === "caption").reduce((a, t) => a + t.text.length, 0);
  const base = Math.min(6000, 1600 + chars * 35);
  return last ? base + 2000 : base;
}

/** The longest a whole animation plays, in ms: a learner watches a minute, not ten. */
export const MAX_GIF_MS = 60_000;
/** The shortest a frame of a sped-up animation stays. */
const MIN_DELAY_MS = 700;
/** How long the last frame holds however fast the rest plays: the run's end is read. */
const LAST_HOLD_MS = 4000;
/** Frames an animation of a minute has room for at the shortest delay. */
export const MINUTE_FRAMES = Math.floor((MAX_GIF_MS - LAST_HOLD_MS) / MIN_DELAY_MS);

/**
 * Each frame's delay (GIF delays count in hundredths of a second), sped up evenly when the
 * whole would play longer than MAX_GIF_MS, with `speed` how many times faster.
 */
export function paceDelays(layouts: DiagramLayout[]): { delays: number[]; speed: number } {
  const natural = layouts.map((l, k) => delayFor(l, k === layouts.length - 1));
  const sum = natural.reduce((a, d) => a + d, 0);
  if (sum <= MAX_GIF_MS) return { delays: natural, speed: 1 };
  const last = Math.min(natural.at(-1)!, LAST_HOLD_MS);
  const rest = natural.slice(0, -1);
  const scaled = (f: number) => rest.map((d) => Math.max(MIN_DELAY_MS, Math.floor((d * f) / 10) * 10));
  const fits = (f: number) => scaled(f).reduce((a, d) => a + d, last) <= MAX_GIF_MS;
  // the largest slow-down factor whose delays still fit the minute
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 30; i++) {
    const mid = (lo + hi) / 2;
    if (fits(mid)) lo = mid;
    else hi = mid;
  }
  const delays = [...scaled(lo), last];
  return { delays, speed: sum / delays.reduce((a, d) => a + d, 0) };
}

/** The box around every pixel that differs from the last frame, or undefined if none. */
function changedBox(frame: Uint8Array, previous: Uint8Array, w: number, h: number) {
  let top = -1;
  let bottom = -1;
  let left = w;
  let right = -1;
  for (let y = 0; y < h; y++) {
    const row = y * w;
    let first = -1;
    let last = -1;
    for (let x = 0; x < w; x++) {
      if (frame[row + x] !== previous[row + x]) {
        if (first < 0) first = x;
        last = x;
      }
    }
    if (first < 0) continue;
    if (top < 0) top = y;
    bottom = y;
    if (first < left) left = first;
    if (last > right) right = last;
  }
  return top < 0 ? undefined : { x: left, y: top, w: right - left + 1, h: bottom - top + 1 };
}

/**
 * One frame after the first: only the box that changed, with pixels that did not change
 * left transparent (palette entry 0), drawn over the last frame.
 */
function laterFrame(frame: Uint8Array, previous: Uint8Array, w: number, h: number, delay: number): Uint8Array {
  const box = changedBox(frame, previous, w, h) ?? { x: 0, y: 0, w: 1, h: 1 };
  const part = new Uint8Array(box.w * box.h);
  for (let y = 0; y < box.h; y++) {
    const from = (box.y + y) * w + box.x;
    for (let x = 0; x < box.w; x++) {
      const v = frame[from + x]!;
      part[y * box.w + x] = v === previous[from + x] ? 0 : v;
    }
  }
  const encoder = GIFEncoder({ auto: false, initialCapacity: 4096 });
  encoder.writeFrame(part, box.w, box.h, { delay, transparent: true, transparentIndex: 0, dispose: 1 });
  const bytes = encoder.bytes();
  // gifenc places every frame at (0, 0): the image descriptor after the 8-byte control
  // extension gets the box's position
  bytes[9] = box.x & 255;
  bytes[10] = box.x >> 8;
  bytes[11] = box.y & 255;
  bytes[12] = box.y >> 8;
  return bytes;
}

/**
 * The GIF, or undefined as soon as it grows past `maxBytes` (so a retry starts early).
 * Yields after each frame: the canvas's pixel buffers are given back only when the event
 * loop turns, so a caller that lets it turn there keeps memory flat however long the run.
 */
function* encode(layouts: DiagramLayout[], delays: number[], theme: Theme, scale: number, maxBytes: number, readAll: boolean): Generator<void, Buffer | undefined> {
  const width = Math.max(...layouts.map((l) => l.width));
  const height = Math.max(...layouts.map((l) => l.height));
  const w = Math.round(width * scale);
  const h = Math.round(height * scale);
  const canvas = createCanvas(w, h);
  const ctx = canvas.getContext("2d", { alpha: false });
  const colours = themeColours(theme);
  const { palette } = colours;
  const parts: Uint8Array[] = [];
  let previous: Uint8Array | undefined;
  let total = 1;
  for (let k = 0; k < layouts.length; k++) {
    const layout = layouts[k]!;
    ctx.fillStyle = theme.background;
    ctx.fillRect(0, 0, w, h);
    paintDiagram(ctx, layout, scale);
    const frame = new Uint8Array(w * h);
    if (readAll) {
      const pixels = ctx.getImageData(0, 0, w, h).data;
      colours.toIndex(new Uint8Array(pixels.buffer, pixels.byteOffset, pixels.byteLength), frame);
    } else readPlanned(ctx, planReads(layout, scale, w, h), colours, { width: w, height: h }, frame, w, 0);
    const delay = delays[k]!;
    let part: Uint8Array;
    if (!previous) {
      const first = GIFEncoder({ initialCapacity: 1 << 20 });
      first.writeFrame(frame, w, h, { palette, repeat: 0, delay });
      part = first.bytes();
    } else part = laterFrame(frame, previous, w, h, delay);
    parts.push(part);
    total += part.length;
    if (total > maxBytes) return undefined;
    // give up early when the frames so far say the whole will not fit
    if (k >= 8 && k < layouts.length - 1) {
      const later = (total - parts[0]!.length) / k;
      if (parts[0]!.length + later * (layouts.length - 1) > maxBytes * 1.15) return undefined;
    }
    previous = frame;
    yield;
  }
  parts.push(Uint8Array.of(0x3b));
  return Buffer.concat(parts);
}

export type GifOptions = RenderOptions & { maxBytes?: number; readAll?: boolean };

/**
 * The run animated: frames in step order with the step counter in each header. Stays under
 * `maxBytes` (default 8 MB) by drawing smaller frames, then fewer, and says so in `note`.
 * `readAll` reads every pixel of every frame back (the reference the tests compare with).
 * Lets the event loop turn between frames, so memory stays flat however many are drawn.
 */
export async function renderGifAsync(trace: Trace, options: GifOptions = {}): Promise<GifResult> {
  const frames = gifFrames(trace, options);
  for (;;) {
    const next = frames.next();
    if (next.done) return next.value;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

/**
 * The same GIF without a pause: every frame's canvas buffers stay allocated until the
 * caller next lets the event loop turn (about 1 MB a frame). For measuring the drawing alone.
 */
export function renderGif(trace: Trace, options: GifOptions = {}): GifResult {
  const frames = gifFrames(trace, options);
  for (;;) {
    const next = frames.next();
    if (next.done) return next.value;
  }
}

function* gifFrames(trace: Trace, options: GifOptions): Generator<void, GifResult> {
  const resolved = resolveOptions(options);
  const tr = translator(resolved.locale);
  const maxBytes = options.maxBytes ?? DEFAULT_GIF_BYTES;
  const theme = THEMES[resolved.theme];
  const total = Math.max(1, trace.steps.length);
  let steps = chooseSteps(trace, MAX_GIF_FRAMES);
  const trimmed = steps.length < total;
  // more frames than a minute holds: an even sample of them, first and last kept
  const minute = steps.length > MINUTE_FRAMES;
  if (minute) steps = thin(steps, MINUTE_FRAMES);
  let sampled = false;
  let layouts = layoutSteps(trace, new Set(steps), options);
  const area = Math.max(...layouts.map((l) => l.width)) * Math.max(...layouts.map((l) => l.height));
  let s = SCALES.findIndex((scale) => area * scale * scale <= FRAME_PIXELS);
  if (s < 0) s = SCALES.length - 1;
  for (;;) {
    const smallest = layouts.length <= 2 && s === SCALES.length - 1;
    const paced = paceDelays(layouts);
    const gif = yield* encode(layouts, paced.delays, theme, SCALES[s]!, smallest ? Infinity : maxBytes, options.readAll === true);
    if (gif) {
      const limit = maxBytes >= 1 << 20 ? tr.t("units.mb", { n: Math.round((maxBytes / (1 << 20)) * 10) / 10 }) : tr.bytes(maxBytes);
      const said: string[] = [];
      if (sampled) said.push(tr.t("render.gif.sampled", { shown: steps.length, total, limit }));
      else if (minute) said.push(tr.t("render.gif.minute", { shown: steps.length, total }));
      else if (trimmed) said.push(tr.t("render.gif.trimmed", { shown: steps.length, total }));
      if (paced.speed >= 1.05) said.push(tr.t("render.gif.faster", { times: tr.number(Math.round(paced.speed * 10) / 10) }));
      if (SCALES[s]! < 1) said.push(tr.t("render.gif.scaled", { percent: Math.round(SCALES[s]! * 100), limit }));
      return { gif, frames: layouts.length, stepsShown: steps, ...(said.length ? { note: tr.sentences(said) } : {}) };
    }
    if (s < SCALES.length - 1) s++;
    else {
      // smallest frames and still too big: keep every other frame (first and last stay)
      steps = thin(steps, Math.max(2, Math.ceil(steps.length / 2)));
      const keep = new Set(steps);
      layouts = layouts.filter((l) => keep.has(l.stepIndex));
      sampled = true;
    }
  }
}
