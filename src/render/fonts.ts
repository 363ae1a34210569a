/**
 * The fonts memsim ships in assets/fonts, registered once, and text measuring with them.
 * Only shipped fonts are named, so a diagram looks the same on every machine; the CJK font
 * comes last in every list so Chinese falls back to real glyphs.
 */
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createCanvas, GlobalFonts, type SKRSContext2D } from "./canvas.js";
import { MemsimError } from "../core/errors.js";
import type { FontRole } from "./types.js";

const SANS = "MemsimSans";
const MONO = "MemsimMono";
const CJK = "MemsimCJK";

const FILES: [string, string][] = [
  ["NotoSans-Regular.ttf", SANS],
  ["NotoSans-Bold.ttf", SANS],
  ["NotoSansMono-Regular.ttf", MONO],
  ["NotoSansMono-Bold.ttf", MONO],
  ["DroidSansFallbackFull.ttf", CJK],
];

/** Size in px and CSS font string of each role. */
export const FONT_SIZES: Record<FontRole, number> = {
  header: 18,
  title: 15,
  hint: 12,
  code: 14,
  codeBold: 14,
  lineNumber: 12,
  name: 14,
  value: 14,
  typeName: 13,
  size: 12,
  address: 11,
  index: 11,
  tag: 11,
  small: 12,
  caption: 16,
};

// mono falls back to the sans's glyphs, and both to CJK; the mono font also carries arrows
const sansList = `"${SANS}", "${MONO}", "${CJK}"`;
const monoList = `"${MONO}", "${SANS}", "${CJK}"`;

/** A CSS font shorthand; weights are numbers (400 regular, 700 bold). */
const css = (weight: 400 | 700, role: FontRole, families: string) => `${weight} ${FONT_SIZES[role]}px ${families}`;

const FONT_CSS: Record<FontRole, string> = {
  header: css(700, "header", sansList),
  title: css(700, "title", sansList),
  hint: css(400, "hint", sansList),
  code: css(400, "code", monoList),
  codeBold: css(700, "codeBold", monoList),
  lineNumber: css(400, "lineNumber", monoList),
  name: css(400, "name", monoList),
  value: css(400, "value", monoList),
  typeName: css(700, "typeName", sansList),
  size: css(400, "size", sansList),
  address: css(400, "address", monoList),
  index: css(400, "index", monoList),
  tag: css(400, "tag", sansList),
  small: css(400, "small", sansList),
  caption: css(400, "caption", sansList),
};

export function fontCss(role: FontRole): string {
  return FONT_CSS[role];
}

/** The folder of shipped fonts: assets/fonts above this module, from src/ or dist/src/. */
export function fontsDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, "assets", "fonts");
    if (existsSync(join(candidate, FILES[0]![0]))) return candidate;
    dir = dirname(dir);
  }
  throw new MemsimError("fonts-missing", "memsim's fonts were not found in assets/fonts.");
}

let registered = false;

/** Registers the shipped fonts with the canvas library (once per process). */
export function registerFonts(): void {
  if (registered) return;
  const dir = fontsDir();
  for (const [file, family] of FILES) {
    const key = GlobalFonts.registerFromPath(join(dir, file), family);
    if (!key) throw new MemsimError("fonts-missing", `memsim could not load the font ${file}.`);
  }
  registered = true;
}

/** Measures text in a font role; widths are cached, since diagrams repeat the same words. */
export interface TextMeasurer {
  width(text: string, font: FontRole): number;
}

let shared: TextMeasurer | undefined;

export function textMeasurer(): TextMeasurer {
  if (shared) return shared;
  registerFonts();
  const ctx: SKRSContext2D = createCanvas(4, 4).getContext("2d");
  // measured as painted: in no particular host language
  ctx.lang = "en";
  const cache = new Map<string, number>();
  let current = "";
  shared = {
    width(text, font) {
      const key = font + "\u0000" + text;
      const hit = cache.get(key);
      if (hit !== undefined) return hit;
      if (current !== font) {
        ctx.font = FONT_CSS[font];
        current = font;
      }
      const w = Math.ceil(ctx.measureText(text).width * 10) / 10;
      if (cache.size > 50_000) cache.clear();
      cache.set(key, w);
      return w;
    },
  };
  return shared;
}
