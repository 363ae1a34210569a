/** What a diagram shows, read from its layout: the lessons each picture must carry. */
import { beforeAll, describe, expect, it } from "vitest";
import { stackDepths, stateAt, type Trace } from "../../src/core/index.js";
import { LIMITS, encodePng, layoutStep, renderFrames, renderStepPng, type DiagramLayout } from "../../src/render/index.js";
import { planReads } from "../../src/render/regions.js";
import { examples, largeHeaps, stepsToCheck, traceOf } from "./traces.js";

const traces = new Map<string, Trace>();

beforeAll(async () => {
  for (const p of [...examples(), ...largeHeaps()]) traces.set(p.name, await traceOf(p.source));
});

const words = (l: DiagramLayout) => l.texts.map((t) => t.text);
const last = (t: Trace) => t.steps.length - 1;
const firstStep = (t: Trace, test: (s: Trace["steps"][number]) => boolean) => t.steps.findIndex(test);

describe("what a diagram shows", () => {
  it("draws two names on one list as two arrows into one box", () => {
    const t = traces.get("aliasing")!;
    const layout = layoutStep(t, last(t));
    const a = layout.arrows.find((x) => x.from === "f0:a")!;
    const b = layout.arrows.find((x) => x.from === "f0:b")!;
    expect(a.to).toBe(b.to);
    expect(a.points.at(-1)).not.toEqual(b.points.at(-1));
    const c = layout.arrows.find((x) => x.from === "f0:c")!;
    expect(c.to).not.toBe(a.to);
  });

  it("writes small values in their slot by default, and shows the small-int cache on request", () => {
    const t = traces.get("small_ints")!;
    const inline = layoutStep(t, last(t));
    expect(inline.objects.filter((o) => t.objects[o.id]!.type === "int")).toEqual([]);
    expect(words(inline)).toContain("5");
    const heap = layoutStep(t, last(t), { inlineScalars: false });
    const a = heap.arrows.find((x) => x.from === "f0:a")!;
    const b = heap.arrows.find((x) => x.from === "f0:b")!;
    expect(a.to).toBe(b.to);
    expect(t.objects[a.to]!.origin).toBe("cached");
    expect(words(heap)).toContain("small-int cache");
  });

  it("shows an object freed at this step as released, not gone", () => {
    const t = traces.get("refcount")!;
    const step = firstStep(t, (s) => s.events.some((e) => e.kind === "free"));
    expect(step).toBeGreaterThan(0);
    const layout = layoutStep(t, step);
    expect(layout.objects.some((o) => o.state === "freed")).toBe(true);
    expect(words(layout)).toEqual(expect.arrayContaining(["Freed at this step", "freed"]));
    expect(layout.panels.map((p) => p.name)).toContain("freed");
  });

  it("names what a freed object's cells referred to when that was freed too", async () => {
    const t = await traceOf("import gc\ndef make():\n    a = []\n    b = [a]\n    a.append(b)\nmake()\nn = gc.collect()\n");
    const layout = layoutStep(t, t.steps.length - 1);
    expect(words(layout).filter((w) => w === "list (freed)")).toHaveLength(2);
    expect(words(layout)).not.toContain("?");
  });

  it("highlights what the step allocated", () => {
    const t = traces.get("aliasing")!;
    const layout = layoutStep(t, 0);
    const made = t.steps[0]!.events.flatMap((e) => (e.kind === "alloc" ? [e.id] : []));
    expect(made.length).toBeGreaterThan(0);
    for (const id of made) expect(layout.objects.find((o) => o.id === id)?.state).toBe("new");
  });

  it("lists the line's temporaries with their sizes", () => {
    const t = traces.get("slicing")!;
    const step = firstStep(t, (s) => s.events.some((e) => e.kind === "temp" && e.what.includes("a[1:4]")));
    const layout = layoutStep(t, step);
    expect(layout.panels.map((p) => p.name)).toContain("temps");
    expect(words(layout)).toContain("a[1:4]");
    expect(words(layout).some((w) => /^list · \d+ bytes/.test(w))).toBe(true);
    expect(layoutStep(t, 0).panels.map((p) => p.name)).not.toContain("temps");
  });

  it("marks the line that just ran and the next one", () => {
    const t = traces.get("aliasing")!;
    const layout = layoutStep(t, 1);
    const ran = t.steps[1]!.line;
    const number = layout.texts.find((x) => x.font === "lineNumber" && x.text === String(ran))!;
    expect(number.ink).toBe("text");
    const band = layout.shapes.find((s) => s.kind === "box" && s.fill === "ranFill");
    expect(band && band.kind === "box" && band.rect.y <= number.y && band.rect.y + band.rect.h >= number.y + number.height).toBe(true);
    expect(layout.shapes.some((s) => s.kind === "box" && s.stroke === "next")).toBe(true);
  });

  it("stacks calls with the newest frame on top", () => {
    const t = traces.get("call_frames")!;
    const depths = stackDepths(t);
    const step = depths.reduce((best, d, i) => (d > depths[best]! ? i : best), 0);
    const layout = layoutStep(t, step);
    const frames = [...layout.frames].sort((a, b) => a.rect.y - b.rect.y);
    expect(frames.length).toBeGreaterThanOrEqual(3);
    expect(frames[0]!.active).toBe(true);
    expect(frames.map((f) => f.index)).toEqual([...frames.map((f) => f.index)].sort((a, b) => b - a));
    expect(words(layout)).toEqual(expect.arrayContaining(["Stack", "Heap", "global frame"]));
  });

  it("draws a caption only when one is given", () => {
    const t = traces.get("aliasing")!;
    expect(layoutStep(t, 2).panels.map((p) => p.name)).not.toContain("caption");
    const captioned = layoutStep(t, 2, { caption: (i) => (i === 2 ? "b is a second name for the same list." : undefined) });
    expect(captioned.panels.map((p) => p.name)).toContain("caption");
    expect(words(captioned)).toContain("b is a second name for the same list.");
  });

  it("charts live heap bytes with the current step marked", () => {
    const t = traces.get("refcount")!;
    const layout = layoutStep(t, 3);
    expect(layout.panels.map((p) => p.name)).toContain("chart");
    expect(words(layout)).toContain("now 0 bytes");
    expect(words(layout)).toContain("peak 88 bytes");
  });

  it("shows the first cells of a 10,000-item list and how many more", () => {
    const t = traces.get("list10k")!;
    const layout = layoutStep(t, last(t));
    expect(words(layout)).toContain("… 9,992 more");
    expect(layout.height).toBeLessThan(1600);
  });

  it("folds the middle of a 30-deep recursion and says so", () => {
    const t = traces.get("deep30")!;
    const depths = stackDepths(t);
    const deepest = depths.reduce((best, d, i) => (d > depths[best]! ? i : best), 0);
    const layout = layoutStep(t, deepest);
    expect(layout.omitted.frames).toBeGreaterThan(20);
    expect(layout.frames.length).toBeLessThanOrEqual(LIMITS.maxFrames);
    expect(words(layout).some((w) => /more calls of down/.test(w))).toBe(true);
  });

  it("keeps what the step touched when the heap is too big, and says what was left out", () => {
    const t = traces.get("linked50")!;
    const layout = layoutStep(t, last(t), { inlineScalars: false });
    expect(layout.objects.length).toBeLessThanOrEqual(LIMITS.maxObjects);
    expect(layout.omitted.objects).toBeGreaterThan(0);
    expect(words(layout).some((w) => w.startsWith("Not shown:"))).toBe(true);
    const head = stateAt(t, last(t)).frames[0]!.vars.head!;
    expect("ref" in head && layout.objects.some((o) => o.id === head.ref)).toBe(true);
  });

  it("shows the first keys of a 100-key dict", () => {
    const t = traces.get("dict100")!;
    expect(words(layoutStep(t, last(t)))).toContain("… 92 more");
  });

  it("keeps a 200-object heap within the object limit and the width chat shows", () => {
    const t = traces.get("objs200")!;
    for (const step of [Math.floor(last(t) / 2), last(t)]) {
      const layout = layoutStep(t, step, { inlineScalars: false });
      expect(layout.objects.length).toBeLessThanOrEqual(LIMITS.maxObjects + LIMITS.maxFreed);
      expect(layout.width).toBeLessThanOrEqual(1600);
    }
  });

  it("says every word in Chinese when asked", () => {
    const t = traces.get("refcount")!;
    const layout = layoutStep(t, 3, { locale: "zh-CN" });
    expect(words(layout)).toEqual(expect.arrayContaining(["栈", "堆", "程序", "全局帧", "本步释放"]));
    expect(words(layout)).not.toContain("Stack");
    expect(layout.alt).toMatch(/^内存示意图/);
  });

  it("gives alt text for chat", () => {
    const t = traces.get("aliasing")!;
    expect(layoutStep(t, 0).alt).toMatch(/^Memory diagram, step 1 of \d+, line 2: 1 frame on the stack, 1 object on the heap, 88 bytes live\. New: list \(88 bytes\)\.$/);
  });

  it("draws a program that never ran (a syntax error) as its code and the error", async () => {
    const t = await traceOf("x = (1,\n");
    expect(t.steps.length).toBe(0);
    const layout = layoutStep(t, 0);
    expect(words(layout).some((w) => w.startsWith("SyntaxError"))).toBe(true);
    expect(renderStepPng(t, 0).subarray(1, 4).toString()).toBe("PNG");
  });

  it("refuses a step outside the run", () => {
    const t = traces.get("aliasing")!;
    expect(() => layoutStep(t, t.steps.length)).toThrow(RangeError);
  });
});

describe("the same picture every time", () => {
  it("gives identical layouts and identical PNG bytes for the same Trace and step", () => {
    const t = traces.get("slicing")!;
    expect(layoutStep(t, 3)).toEqual(layoutStep(t, 3));
    expect(renderStepPng(t, 3).equals(renderStepPng(t, 3))).toBe(true);
  });

  it("gives the same bytes whatever was drawn before", () => {
    const t = traces.get("slicing")!;
    const first = renderStepPng(t, 3);
    renderStepPng(traces.get("mixed")!, last(traces.get("mixed")!), { inlineScalars: false });
    renderStepPng(traces.get("deep30")!, 60, { locale: "zh-CN" });
    expect(renderStepPng(t, 3).equals(first)).toBe(true);
  });

  it("lays out both themes the same way and paints them differently", () => {
    const t = traces.get("slicing")!;
    const dark = layoutStep(t, 3);
    const light = layoutStep(t, 3, { theme: "light" });
    expect(dark.theme).toBe("dark");
    expect({ ...light, theme: "dark" }).toEqual(dark);
    expect(renderStepPng(t, 3, { theme: "light" }).equals(renderStepPng(t, 3))).toBe(false);
  });

  it("reads back only part of the canvas, and the picture is the same as reading it all", () => {
    let compared = 0;
    let readPixels = 0;
    let allPixels = 0;
    const large = new Set(largeHeaps().map((p) => p.name));
    for (const p of [...examples(), ...largeHeaps()]) {
      const t = traces.get(p.name)!;
      // a large heap's pictures take seconds each to encode twice: two of its steps
      // each step in one theme, the themes taking turns: both themes and both languages in every program
      const steps = stepsToCheck(t, large.has(p.name) ? 2 : 4);
      steps.forEach((step, i) => {
        const theme = i % 2 === 0 ? "dark" : "light";
        const layout = layoutStep(t, step, { theme, inlineScalars: step % 2 === 0, locale: theme === "light" ? "zh-CN" : "en" });
        expect(encodePng(layout).equals(encodePng(layout, true)), `${p.name} ${theme} step ${step}`).toBe(true);
        const plan = planReads(layout);
        readPixels += plan.reads.reduce((sum, r) => sum + r.w * r.h, 0);
        allPixels += layout.width * layout.height;
        compared++;
      });
    }
    expect(compared).toBeGreaterThan(50);
    // the shortcut is worth having: well under all of the canvas is read
    expect(readPixels / allPixels).toBeLessThan(0.8);
  });

  it("keeps every example's picture under 500 KB and 1600 px wide", () => {
    for (const p of examples()) {
      const t = traces.get(p.name)!;
      const png = renderStepPng(t, last(t));
      expect(png.length, p.name).toBeLessThan(500 * 1024);
      expect(png.readUInt32BE(16), p.name).toBeLessThanOrEqual(1600);
    }
  });
});

describe("more of what a diagram shows", () => {
  it("shows an exception the step raised", async () => {
    const t = await traceOf("items = [1, 2]\nx = items[5]\n");
    const layout = layoutStep(t, t.steps.length - 1);
    expect(words(layout).some((w) => w.startsWith("IndexError: list index out of range"))).toBe(true);
  });

  it("keeps a frame with many names readable: the first ones, the changed one, and a count", () => {
    const t = traces.get("many_names")!;
    const step = t.steps.findIndex((s) => s.events.some((e) => e.kind === "rebind" && e.name === "omega"));
    const layout = layoutStep(t, step);
    expect(words(layout)).toContain("omega");
    expect(words(layout).some((w) => /^… \d+ more$/.test(w))).toBe(true);
    expect(words(layout).some((w) => /^… \d+ more lines?$/.test(w))).toBe(true);
  });

  it("renders every step as a PNG, in order, the same as one step at a time", () => {
    const t = traces.get("aliasing")!;
    const frames = [...renderFrames(t)];
    expect(frames.map((f) => f.stepIndex)).toEqual(t.steps.map((_, i) => i));
    expect(frames[2]!.png.equals(renderStepPng(t, 2))).toBe(true);
  });
});
