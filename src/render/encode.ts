/**
 * Turning painted pixels into files. A diagram uses only its theme's colours and the
 * blends that anti-aliased edges make between them, so one palette of at most 256 colours,
 * built from the theme, holds every pixel: PNGs are written indexed (small and quick to
 * compress) and GIF frames share it.
 */
import { crc32, deflateSync } from "node:zlib";
import type { Theme } from "./theme.js";
import type { Ink } from "./types.js";

export type Palette = number[][];

function hex(color: string): number[] {
  const n = parseInt(color.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

const INKS_ON_TOP: Ink[] = ["text", "muted", "faint", "title", "arrow", "new", "changed", "freed", "ran", "next", "error", "temp", "tag", "cellBorder", "panelBorder", "chartLine"];
const GROUNDS: Ink[] = ["background", "panel", "object", "objectHeader", "cell"];

/**
 * The theme's colours and their blends, in a fixed order (the same theme always gives the
 * same palette). Entry 0 is left free: GIF frames use it for "unchanged since last frame".
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

/**
 * Maps RGBA pixels to the nearest palette entry (1..n), remembering each colour's answer.
 * Writes each pixel's index to `out`, row by row: row y starts at y × stride + pad (a PNG
 * row has one filter byte before its pixels).
 */
export type Indexer = (rgba: Uint8Array, out: Uint8Array, width?: number, stride?: number, pad?: number) => void;

/** One row of pixels to indices through the colour table; 0 in `out` marks a colour not yet known. */
function indexRow(px: Int32Array, from: number, to: number, out: Uint8Array, at: number, cache: Uint8Array): boolean {
  let missing = false;
  for (let i = from, o = at; i < to; i++, o++) {
    const idx = cache[px[i]! & 0xffffff]!;
    out[o] = idx;
    if (idx === 0) missing = true;
  }
  return missing;
}

export function paletteIndexer(palette: Palette): Indexer {
  // keyed by the exact colour, so an answer never depends on which colours came first;
  // 0 means "not looked up yet" (entry 0 is never an answer)
  const cache = new Uint8Array(1 << 24);
  const flat = new Int32Array(palette.length * 3);
  palette.forEach((c, k) => flat.set(c, k * 3));
  const nearest = (r: number, g: number, b: number): number => {
    let best = Infinity;
    let idx = 1;
    for (let k = 1, q = 3; k < palette.length; k++, q += 3) {
      const dr = flat[q]! - r;
      const dg = flat[q + 1]! - g;
      const db = flat[q + 2]! - b;
      const d = dr * dr + dg * dg + db * db;
      if (d < best) {
        best = d;
        idx = k;
      }
    }
    return idx;
  };
  // a row with colours met for the first time: look them up, then index it again
  const learnRow = (px: Int32Array, from: number, to: number): void => {
    for (let i = from; i < to; i++) {
      const key = px[i]! & 0xffffff;
      if (cache[key] === 0) cache[key] = nearest(key & 0xff, (key >>> 8) & 0xff, (key >>> 16) & 0xff);
    }
  };
  return (rgba, out, width = out.length, stride = width, pad = 0) => {
    // four bytes at a time (little-endian: r | g << 8 | b << 16)
    const aligned = rgba.byteOffset % 4 === 0 ? rgba : rgba.slice();
    const px = new Int32Array(aligned.buffer, aligned.byteOffset, rgba.length >> 2);
    indexPixels(px, out, width, stride, pad, cache, learnRow);
  };
}

function indexPixels(
  px: Int32Array,
  out: Uint8Array,
  width: number,
  stride: number,
  pad: number,
  cache: Uint8Array,
  learnRow: (px: Int32Array, from: number, to: number) => void,
): void {
  const n = px.length;
  for (let y = 0, i = 0; i < n; y++, i += width) {
    const at = y * stride + pad;
    if (indexRow(px, i, i + width, out, at, cache)) {
      learnRow(px, i, i + width);
      indexRow(px, i, i + width, out, at, cache);
    }
  }
}

export interface ThemeColours {
  palette: Palette;
  toIndex: Indexer;
  /** the palette index a pixel painted in exactly this ink gets */
  inkIndex: (ink: Ink) => number;
}

const shared = new Map<Theme, ThemeColours>();

/** The palette of a theme and its indexer, made once per process. */
export function themeColours(theme: Theme): ThemeColours {
  let known = shared.get(theme);
  if (!known) {
    const palette = themePalette(theme);
    const toIndex = paletteIndexer(palette);
    const inks = new Map<Ink, number>();
    const inkIndex = (ink: Ink): number => {
      let idx = inks.get(ink);
      if (idx === undefined) {
        const out = new Uint8Array(1);
        toIndex(Uint8Array.from([...hex(theme[ink]), 255]), out);
        idx = out[0]!;
        inks.set(ink, idx);
      }
      return idx;
    };
    known = { palette, toIndex, inkIndex };
    shared.set(theme, known);
  }
  return known;
}

function chunk(type: string, data: Buffer): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, "latin1");
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

const SIGNATURE = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);

/**
 * An 8-bit indexed PNG from its rows: each row one filter byte (0) and `width` palette
 * indices, as `paletteIndexer` writes them with stride width + 1 and pad 1.
 */
export function indexedPng(rows: Uint8Array, width: number, height: number, palette: Palette): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 3, 0, 0, 0], 8);
  const plte = Buffer.from(palette.flat());
  // filter 0 on every row: runs of one index compress best as they are
  const idat = deflateSync(rows, { level: 3 });
  return Buffer.concat([SIGNATURE, chunk("IHDR", header), chunk("PLTE", plte), chunk("IDAT", idat), chunk("IEND", Buffer.alloc(0))]);
}
