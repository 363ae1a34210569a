/** The animated GIF: every step a frame, each the same picture as that step's PNG, within chat's limits. */
import { loadImage, createCanvas } from "../../src/render/canvas.js";
import { beforeAll, describe, expect, it } from "vitest";
import type { Trace } from "../../src/core/index.js";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { MAX_GIF_FRAMES, renderGif, renderGifAsync, renderStepPng } from "../../src/render/index.js";
import { MAX_GIF_MS, MINUTE_FRAMES } from "../../src/render/gif.js";
import { decodeGif } from "./gifdecode.js";
import { examples, FIXTURES_DIR, traceOf } from "./traces.js";

let short: Trace;
let long: Trace;

beforeAll(async () => {
  short = await traceOf(examples().find((p) => p.name === "string_building")!.source);
  long = await traceOf("total = 0\nfor i in range(80):\n    total += i\nitems = [total]\n");
});

async function pngPixels(png: Buffer): Promise<{ width: number; height: number; rgba: Uint8ClampedArray }> {
  const img = await loadImage(png);
  const c = createCanvas(img.width, img.height);
  const ctx = c.getContext("2d");
  ctx.drawImage(img, 0, 0);
  return { width: img.width, height: img.height, rgba: ctx.getImageData(0, 0, img.width, img.height).data };
}

describe("the animated GIF", () => {
  it("has one frame per step, each showing what that step's PNG shows", async () => {
    const result = renderGif(short);
    expect(result.frames).toBe(short.steps.length);
    expect(result.stepsShown).toEqual(short.steps.map((_, i) => i));
    expect(result.note).toBeUndefined();
    const gif = decodeGif(result.gif);
    expect(gif.frames.length).toBe(short.steps.length);
    expect(gif.loops).toBe(true);
    expect(gif.width).toBeLessThanOrEqual(1600);
    for (const step of [0, 5, short.steps.length - 1]) {
      const png = await pngPixels(renderStepPng(short, step));
      const frame = gif.frames[step]!.rgba;
      const differ: string[] = [];
      for (let y = 0; y < png.height; y++) {
        for (let x = 0; x < png.width; x++) {
          const p = (y * png.width + x) * 4;
          const g = (y * gif.width + x) * 4;
          if (png.rgba[p] !== frame[g] || png.rgba[p + 1] !== frame[g + 1] || png.rgba[p + 2] !== frame[g + 2]) {
            differ.push(`(${x},${y}) png ${png.rgba.subarray(p, p + 3).join(",")} gif ${frame.subarray(g, g + 3).join(",")}`);
          }
        }
      }
      expect(differ.slice(0, 5), `step ${step}: ${differ.length} pixels differ`).toEqual([]);
    }
  });

  it("shows each frame long enough to read, the last one longest", () => {
    const gif = decodeGif(renderGif(short, { caption: (i) => (i === 3 ? "A new string is made for every +, and the old one is freed as soon as nothing names it any more." : undefined) }).gif);
    for (const f of gif.frames) expect(f.delayMs).toBeGreaterThanOrEqual(1500);
    expect(gif.frames[3]!.delayMs).toBeGreaterThan(gif.frames[2]!.delayMs);
    expect(gif.frames.at(-1)!.delayMs).toBeGreaterThan(gif.frames[2]!.delayMs);
  });

  it("stores only what changed from one frame to the next", () => {
    const gif = decodeGif(renderGif(short).gif);
    const later = gif.frames.slice(1);
    expect(later.some((f) => f.box.w * f.box.h < gif.width * gif.height)).toBe(true);
  });

  it("is the same bytes every time", () => {
    expect(renderGif(short).gif.equals(renderGif(short).gif)).toBe(true);
  });

  it("reads back only part of each frame, and gives the same bytes as reading it all, at every size", () => {
    for (const maxBytes of [undefined, Math.round(renderGif(short).gif.length * 0.8)]) {
      for (const theme of ["dark", "light"] as const) {
        const options = { theme, ...(maxBytes ? { maxBytes } : {}) };
        expect(renderGif(short, options).gif.equals(renderGif(short, { ...options, readAll: true }).gif), `${theme} ${maxBytes}`).toBe(true);
      }
    }
  });

  it("keeps a long run to the steps that change memory, and says so", () => {
    const result = renderGif(long);
    expect(long.steps.length).toBeGreaterThan(MAX_GIF_FRAMES);
    expect(result.frames).toBeLessThanOrEqual(MAX_GIF_FRAMES);
    expect(result.stepsShown[0]).toBe(0);
    expect(result.stepsShown.at(-1)).toBe(long.steps.length - 1);
    expect(result.note).toMatch(new RegExp(`^The animation shows ${result.frames} of ${long.steps.length} steps: the ones that change memory\\.|^To play in about a minute, the animation shows ${result.frames} of ${long.steps.length} steps, spread evenly\\.`));
    expect(result.gif.length).toBeLessThan(8 * 1024 * 1024);
  });

  it("plays a long run in about a minute, faster than a short one, and says so in both languages", () => {
    const result = renderGif(long);
    const gif = decodeGif(result.gif);
    const total = gif.frames.reduce((a, f) => a + f.delayMs, 0);
    expect(total).toBeLessThanOrEqual(MAX_GIF_MS);
    expect(total).toBeGreaterThan(MAX_GIF_MS * 0.8);
    expect(result.frames).toBeLessThanOrEqual(MINUTE_FRAMES);
    for (const f of gif.frames) expect(f.delayMs).toBeGreaterThanOrEqual(700);
    expect(result.note).toMatch(/It runs \d+(\.\d)? times as fast as usual, to last about a minute\./);
    const zh = renderGif(long, { locale: "zh-CN" });
    expect(zh.note).toMatch(/全长约一分钟/);
    // a short run keeps its natural pace and says nothing of it
    const short_ = decodeGif(renderGif(short).gif);
    expect(short_.frames.reduce((a, f) => a + f.delayMs, 0)).toBeLessThanOrEqual(MAX_GIF_MS);
    expect(renderGif(short).note).toBeUndefined();
  });

  it("keeps a long run of a dense diagram under Discord's 10 MB and within a minute", async () => {
    const dense = await traceOf(readFileSync(join(FIXTURES_DIR, "many.py"), "utf8") + "for r in range(60):\n    best = (people[r % 8], best)\n");
    const result = await renderGifAsync(dense);
    expect(dense.steps.length).toBeGreaterThan(MAX_GIF_FRAMES);
    expect(result.gif.length).toBeLessThan(10 * 1000 * 1000);
    const gif = decodeGif(result.gif);
    expect(gif.frames.reduce((a, f) => a + f.delayMs, 0)).toBeLessThanOrEqual(MAX_GIF_MS);
    expect(result.note).toBeDefined();
  }, 240_000);

  it("draws smaller frames, then fewer, to stay under a byte limit, and says so", () => {
    const full = renderGif(short).gif.length;
    const smaller = renderGif(short, { maxBytes: Math.round(full * 0.8) });
    expect(smaller.gif.length).toBeLessThanOrEqual(Math.round(full * 0.8));
    expect(smaller.frames).toBe(short.steps.length);
    expect(smaller.note).toMatch(/drawn at \d+% size/);
    expect(decodeGif(smaller.gif).width).toBeLessThan(decodeGif(renderGif(short).gif).width);
    const fewer = renderGif(short, { maxBytes: Math.round(full * 0.2), locale: "zh-CN" });
    expect(fewer.gif.length).toBeLessThanOrEqual(Math.round(full * 0.2));
    expect(fewer.frames).toBeLessThan(short.steps.length);
    expect(fewer.note).toMatch(/动画只显示/);
  });
});
