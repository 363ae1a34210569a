/**
 * Reference pictures: a few diagrams kept as PNGs (and their layouts as JSON) from stored
 * Traces, so a change to how diagrams look is seen and chosen, not slipped in.
 * `UPDATE_GOLDEN=1 npx vitest run test/render/golden.test.ts` rewrites them after a look.
 * A failing picture writes the new image and a diff image, and says where they differ.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createCanvas, loadImage } from "../../src/render/canvas.js";
import { describe, expect, it } from "vitest";
import { Trace } from "../../src/core/index.js";
import { layoutStep, renderStepPng, type DiagramLayout, type RenderOptions } from "../../src/render/index.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const GOLDEN = join(root, "test", "golden", "render");
const FIXTURES = join(root, "test", "fixtures", "render");
const UPDATE = process.env.UPDATE_GOLDEN === "1";

const cases: { name: string; trace: string; step: number | "last"; options: RenderOptions }[] = [
  { name: "aliasing-dark", trace: "aliasing", step: "last", options: {} },
  {
    name: "slicing-light-zh",
    trace: "slicing",
    step: 3,
    options: { theme: "light", locale: "zh-CN", caption: () => "切片 a[1:4] 复制出一个新的列表：sum 用完它，它就被释放了。" },
  },
  { name: "small-ints-heap", trace: "small_ints", step: "last", options: { inlineScalars: false } },
  { name: "refcount-freed", trace: "refcount", step: 3, options: { caption: () => "The list has no name left, so CPython frees its 88 bytes at once." } },
];

/** The layout in a form that reads well as a diff: what is where, rounded. */
function summary(l: DiagramLayout) {
  const r = (x: { x: number; y: number; w: number; h: number }) => [x.x, x.y, x.w, x.h].map(Math.round).join(" ");
  return {
    size: `${l.width}×${l.height}`,
    panels: l.panels.map((p) => `${p.name}: ${r(p.rect)}`),
    frames: l.frames.map((f) => `frame ${f.index}${f.active ? " (active)" : ""}: ${r(f.rect)}`),
    objects: l.objects.map((o) => `${o.id} ${o.state}: ${r(o.rect)}`),
    arrows: l.arrows.map((a) => `${a.from} → ${a.to} (${a.side}, ${a.shape})`),
    texts: l.texts.map((t) => t.text),
    alt: l.alt,
  };
}

async function pixels(png: Buffer) {
  const img = await loadImage(png);
  const c = createCanvas(img.width, img.height);
  const ctx = c.getContext("2d");
  ctx.drawImage(img, 0, 0);
  return { width: img.width, height: img.height, data: ctx.getImageData(0, 0, img.width, img.height).data };
}

/** Compares two PNGs; on a difference, writes the new picture and a diff picture to look at. */
async function comparePng(name: string, actual: Buffer, expected: Buffer, layout: DiagramLayout): Promise<string | undefined> {
  const a = await pixels(actual);
  const e = await pixels(expected);
  if (a.width !== e.width || a.height !== e.height) return `size ${a.width}×${a.height}, expected ${e.width}×${e.height}`;
  let count = 0;
  let box = { x0: Infinity, y0: Infinity, x1: -1, y1: -1 };
  const diff = createCanvas(a.width, a.height);
  const dctx = diff.getContext("2d");
  const img = dctx.createImageData(a.width, a.height);
  for (let i = 0; i < a.data.length; i += 4) {
    const same = a.data[i] === e.data[i] && a.data[i + 1] === e.data[i + 1] && a.data[i + 2] === e.data[i + 2];
    const grey = (e.data[i]! + e.data[i + 1]! + e.data[i + 2]!) / 3;
    img.data.set(same ? [grey / 3, grey / 3, grey / 3, 255] : [255, 40, 40, 255], i);
    if (!same) {
      count++;
      const p = i / 4;
      const x = p % a.width;
      const y = Math.floor(p / a.width);
      box = { x0: Math.min(box.x0, x), y0: Math.min(box.y0, y), x1: Math.max(box.x1, x), y1: Math.max(box.y1, y) };
    }
  }
  // a few edge pixels may differ by one colour level between processors
  if (count <= a.width * a.height * 0.0005) return undefined;
  dctx.putImageData(img, 0, 0);
  const out = join(tmpdir(), "memsim-golden");
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, `${name}.actual.png`), actual);
  writeFileSync(join(out, `${name}.diff.png`), diff.toBuffer("image/png"));
  const near = [
    ...layout.panels.map((p) => ({ what: `panel ${p.name}`, r: p.rect })),
    ...layout.objects.map((o) => ({ what: `object ${o.id}`, r: o.rect })),
    ...layout.frames.map((f) => ({ what: `frame ${f.index}`, r: f.rect })),
  ]
    .filter(({ r }) => r.x <= box.x1 && r.x + r.w >= box.x0 && r.y <= box.y1 && r.y + r.h >= box.y0)
    .map((n) => n.what);
  return `${count} pixels differ in x ${box.x0}–${box.x1}, y ${box.y0}–${box.y1} (${near.join(", ")}); see ${join(out, `${name}.diff.png`)} and ${name}.actual.png`;
}

describe("reference pictures", () => {
  for (const c of cases) {
    it(c.name, async () => {
      const trace = Trace.parse(JSON.parse(readFileSync(join(FIXTURES, `${c.trace}.trace.json`), "utf8")));
      const step = c.step === "last" ? trace.steps.length - 1 : c.step;
      const layout = layoutStep(trace, step, c.options);
      const png = renderStepPng(trace, step, c.options);
      const layoutFile = join(GOLDEN, `${c.name}.layout.json`);
      const pngFile = join(GOLDEN, `${c.name}.png`);
      if (UPDATE) {
        mkdirSync(GOLDEN, { recursive: true });
        writeFileSync(layoutFile, JSON.stringify(summary(layout), null, 1) + "\n");
        writeFileSync(pngFile, png);
      }
      expect(existsSync(pngFile), `no reference picture ${pngFile}: look at the new one, then run with UPDATE_GOLDEN=1`).toBe(true);
      expect(summary(layout)).toEqual(JSON.parse(readFileSync(layoutFile, "utf8")));
      expect(await comparePng(c.name, png, readFileSync(pngFile), layout)).toBeUndefined();
    });
  }
});
