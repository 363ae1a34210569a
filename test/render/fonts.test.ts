/** The fonts memsim ships: present, licensed, small enough, and drawing Chinese with real glyphs. */
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { createCanvas, GlobalFonts } from "../../src/render/canvas.js";
import { describe, expect, it } from "vitest";
import { fontsDir, registerFonts } from "../../src/render/index.js";
import { fontCss } from "../../src/render/fonts.js";

/** The pixels of `text` drawn alone in a font role. */
function ink(text: string): Uint8ClampedArray {
  const c = createCanvas(120, 40);
  const ctx = c.getContext("2d");
  ctx.fillStyle = "#fff";
  ctx.fillRect(0, 0, 120, 40);
  ctx.fillStyle = "#000";
  ctx.font = fontCss("caption");
  ctx.lang = "en";
  ctx.fillText(text, 4, 28);
  return ctx.getImageData(0, 0, 120, 40).data;
}

const dark = (px: Uint8ClampedArray) => px.filter((_, i) => i % 4 === 0 && px[i]! < 128).length;

describe("the shipped fonts", () => {
  it("are files in assets/fonts with their licences, under 10 MB in all", () => {
    const dir = fontsDir();
    expect(dir.endsWith(join("assets", "fonts"))).toBe(true);
    const files = readdirSync(dir);
    expect(files.filter((f) => f.endsWith(".ttf")).length).toBeGreaterThanOrEqual(3);
    expect(files.filter((f) => f.startsWith("LICENSE")).length).toBeGreaterThanOrEqual(2);
    const bytes = files.reduce((a, f) => a + statSync(join(dir, f)).size, 0);
    expect(bytes).toBeLessThan(10 * 1024 * 1024);
  });

  it("are registered under memsim's own family names", () => {
    registerFonts();
    const families = GlobalFonts.families.map((f) => f.family);
    expect(families).toEqual(expect.arrayContaining(["MemsimSans", "MemsimMono", "MemsimCJK"]));
  });

  it("draw Chinese with real glyphs, not boxes", () => {
    registerFonts();
    const heap = ink("堆");
    const stack = ink("栈");
    // two missing glyphs would draw the same box (or nothing): real glyphs differ, with many strokes
    expect(Buffer.from(heap).equals(Buffer.from(stack))).toBe(false);
    expect(dark(heap)).toBeGreaterThan(40);
    expect(dark(stack)).toBeGreaterThan(40);
  });
});
