/**
 * The fonts memsim ships in assets/fonts, registered once, and text measuring with them.
 * Only shipped fonts are named, so a diagram looks the same on every machine; the CJK font
 * comes last in every list so Chinese falls back to real glyphs.
 */
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createCanvas, GlobalFonts, type SKRSContext2D } from "@napi-rs/canvas";
import { MemsimError } from "../core/errors.js";
import type { FontRole } from "./types.js";

const SANS = "Memsim Sans";
const MONO = "Memsim Mono";
const CJK = "Memsim CJK";

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

const FONT_CSS: Record<FontRole, string> = {
  header: `bold ${FONT_SIZES.header}px ${sansList}`,
  title: `bold ${FONT_SIZES.title}px ${sansList}`,
  hint: `${FONT_SIZES.hint}px ${sansList}`,
  code: `${FONT_SIZES.code}px ${monoList}`,
  codeBold: `bold ${FONT_SIZES.codeBold}px ${monoList}`,
  lineNumber: `${FONT_SIZES.lineNumber}px ${monoList}`,
  name: `${FONT_SIZES.name}px ${monoList}`,
  value: `${FONT_SIZES.value}px ${monoList}`,
  typeName: `bold ${FONT_SIZES.typeName}px ${sansList}`,
  size: `${FONT_SIZES.size}px ${sansList}`,
  address: `${FONT_SIZES.address}px ${monoList}`,
  index: `${FONT_SIZES.index}px ${monoList}`,
  tag: `${FONT_SIZES.tag}px ${sansList}`,
  small: `${FONT_SIZES.small}px ${sansList}`,
  caption: `${FONT_SIZES.caption}px ${sansList}`,
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
