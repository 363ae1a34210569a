/**
 * The whole run as an animated GIF: one frame per step (or per step that changes memory,
 * for long runs), each shown long enough to read, under a byte limit chat accepts.
 */
import { createCanvas } from "@napi-rs/canvas";
import gifenc, { type Palette } from "gifenc";
import type { Trace } from "../core/trace.js";
import { translator } from "../i18n/index.js";
import { resolveOptions, type RenderOptions } from "./options.js";
import { paintDiagram } from "./paint.js";
import { layoutSteps } from "./render.js";
import { THEMES, type Theme } from "./theme.js";
import type { DiagramLayout, Ink } from "./types.js";

/** Frames drawn at most; longer runs keep the steps that change memory. */
export const MAX_GIF_FRAMES = 120;
export const DEFAULT_GIF_BYTES = 8 * 1024 * 1024;
const SCALES = [1, 0.8, 0.65, 0.5];

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

function hex(color: string): number[] {
  const n = parseInt(color.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

const INKS_ON_TOP: Ink[] = ["text", "muted", "faint", "title", "arrow", "new", "changed", "freed", "ran", "next", "error", "temp", "tag", "cellBorder", "panelBorder", "chartLine"];
const GROUNDS: Ink[] = ["background", "panel", "object", "objectHeader", "cell"];

/**
 * One palette for every frame, made from the theme: its colours and the blends that
 * anti-aliased edges make between them. Entry 0 is kept for "unchanged since last frame".
 */
export function themePalette(theme: Theme): Palette {
  const seen = new Set<string>();
  const palette: Palette = [[255, 0, 255]];
  const add = (c: number[]) => {
    const key = c.join(",");
    if (palette.length < 256 && !seen.has(key)) {
      seen.add(key);
      palette.push(c);
    }
  };
  for (const ink of Object.keys(theme) as Ink[]) add(hex(theme[ink]));
  for (const t of [0.5, 0.25, 0.75]) {
    for (const fg of INKS_ON_TOP) {
      for (const bg of GROUNDS) {
        const a = hex(theme[fg]);
        const b = hex(theme[bg]);
        add(a.map((v, i) => Math.round(v * t + b[i]! * (1 - t))));
      }
    }
  }
  return palette;
}

/** Maps RGBA pixels to palette indices 1..n, remembering each colour's answer. */
function indexer(palette: Palette) {
  const cache = new Int16Array(1 << 18).fill(-1);
  return (rgba: Uint8Array | Uint8ClampedArray, out: Uint8Array) => {
    const n = out.length;
    for (let i = 0, p = 0; i < n; i++, p += 4) {
      const r = rgba[p]!;
      const g = rgba[p + 1]!;
      const b = rgba[p + 2]!;
      const key = ((r >> 2) << 12) | ((g >> 2) << 6) | (b >> 2);
      let idx = cache[key]!;
      if (idx < 0) {
        let best = Infinity;
        for (let k = 1; k < palette.length; k++) {
          const c = palette[k]!;
          const d = (c[0]! - r) ** 2 + (c[1]! - g) ** 2 + (c[2]! - b) ** 2;
          if (d < best) {
            best = d;
            idx = k;
          }
        }
        cache[key] = idx;
      }
      out[i] = idx;
    }
  };
}

/** How long a frame stays: long enough to read its caption. */
function delayFor(layout: DiagramLayout, last: boolean): number {
  const chars = layout.texts.filter((t) => t.font === "caption").reduce((a, t) => a + t.text.length, 0);
  const base = Math.min(6000, 1600 + chars * 35);
  return last ? base + 2000 : base;
}

function encode(layouts: DiagramLayout[], theme: Theme, scale: number): Buffer {
  const width = Math.max(...layouts.map((l) => l.width));
  const height = Math.max(...layouts.map((l) => l.height));
  const w = Math.round(width * scale);
  const h = Math.round(height * scale);
  const canvas = createCanvas(w, h);
  const ctx = canvas.getContext("2d");
  const palette = themePalette(theme);
  const toIndex = indexer(palette);
  const encoder = gifenc.GIFEncoder({ initialCapacity: 1 << 20 });
  let previous: Uint8Array | undefined;
  layouts.forEach((layout, k) => {
    ctx.fillStyle = theme.background;
    ctx.fillRect(0, 0, w, h);
    paintDiagram(ctx, layout, scale);
    const frame = new Uint8Array(w * h);
    toIndex(ctx.getImageData(0, 0, w, h).data, frame);
    // pixels that did not change are left transparent, so each frame stores only its changes
    const stored = frame.slice();
    if (previous) for (let i = 0; i < stored.length; i++) if (stored[i] === previous[i]) stored[i] = 0;
    encoder.writeFrame(stored, w, h, {
      ...(k === 0 ? { palette, repeat: 0 } : {}),
      delay: delayFor(layout, k === layouts.length - 1),
      transparent: k > 0,
      transparentIndex: 0,
      dispose: 1,
    });
    previous = frame;
  });
  encoder.finish();
  return Buffer.from(encoder.bytesView());
}

/**
 * The run animated: frames in step order with the step counter in each header. Stays under
 * `maxBytes` (default 8 MB) by drawing smaller frames, then fewer, and says so in `note`.
 */
export function renderGif(trace: Trace, options: RenderOptions & { maxBytes?: number } = {}): GifResult {
  const resolved = resolveOptions(options);
  const tr = translator(resolved.locale);
  const maxBytes = options.maxBytes ?? DEFAULT_GIF_BYTES;
  const theme = THEMES[resolved.theme];
  const total = Math.max(1, trace.steps.length);
  let steps = chooseSteps(trace, MAX_GIF_FRAMES);
  const trimmed = steps.length < total;
  let sampled = false;
  let layouts = layoutSteps(trace, new Set(steps), options);
  let s = 0;
  for (;;) {
    const gif = encode(layouts, theme, SCALES[s]!);
    if (gif.length <= maxBytes || (layouts.length <= 2 && s === SCALES.length - 1)) {
      const limit = tr.bytes(maxBytes);
      const said: string[] = [];
      if (sampled) said.push(tr.t("render.gif.sampled", { shown: steps.length, total, limit }));
      else if (trimmed) said.push(tr.t("render.gif.trimmed", { shown: steps.length, total }));
      if (SCALES[s]! < 1) said.push(tr.t("render.gif.scaled", { percent: Math.round(SCALES[s]! * 100), limit }));
      return { gif, frames: layouts.length, stepsShown: steps, ...(said.length ? { note: said.join(" ") } : {}) };
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
