/** Diagrams that say what the Trace says: keys as objects, classes by name, yields as yields,
 * and every live byte the counter counts drawn as a box. */
import { beforeAll, describe, expect, it } from "vitest";
import { stackDepths, stateAt, summarize, type Trace } from "../../src/core/index.js";
import { translator } from "../../src/i18n/index.js";
import { layoutStep, resolveOptions, type DiagramLayout } from "../../src/render/index.js";
import { buildScene } from "../../src/render/scene.js";
import { examples, traceOf } from "./traces.js";

const traces = new Map<string, Trace>();
const DICT = 'ages = {"ada": 36, 300: "x"}\nages["grace"] = 85\n';

beforeAll(async () => {
  for (const p of examples()) traces.set(p.name, await traceOf(p.source));
  traces.set("dict", await traceOf(DICT));
});

const words = (l: DiagramLayout) => l.texts.map((t) => t.text);
const headers = (l: DiagramLayout) => l.texts.filter((t) => t.font === "typeName").map((t) => t.text);
const title = (l: DiagramLayout) => l.texts.find((t) => t.font === "header")!.text;

describe("dict keys", () => {
  it("are heap objects with arrows when every value is drawn on the heap", () => {
    const t = traces.get("dict")!;
    const last = t.steps.length - 1;
    const dict = Object.entries(t.objects).find(([, o]) => o.type === "dict")![0];
    const heap = layoutStep(t, last, { inlineScalars: false });
    const keyArrows = heap.arrows.filter((a) => a.from.startsWith(`${dict}:k`));
    expect(keyArrows).toHaveLength(3);
    const targets = keyArrows.map((a) => t.objects[a.to]!);
    expect(targets.map((o) => o.type).sort()).toEqual(["int", "str", "str"]);
    expect(words(heap)).toEqual(expect.arrayContaining(["key", "value", "'ada'", "300"]));
    // each key sits on its own row, right above its value
    const slot = (id: string) => heap.slots.find((s) => s.id === id)!.rect;
    expect(slot(`${dict}:k0`).y).toBeLessThan(slot(`${dict}:v0`).y);
    expect(slot(`${dict}:v0`).y).toBeLessThan(slot(`${dict}:k1`).y);
  });

  it("share the small-int cache with values that hold the same int", async () => {
    const t = await traceOf("d = {7: 7}\n");
    const heap = layoutStep(t, t.steps.length - 1, { inlineScalars: false });
    const dict = Object.entries(t.objects).find(([, o]) => o.type === "dict")![0];
    const key = heap.arrows.find((a) => a.from === `${dict}:k0`)!;
    const value = heap.arrows.find((a) => a.from === `${dict}:v0`)!;
    expect(key.to).toBe(value.to);
    expect(t.objects[key.to]!.origin).toBe("cached");
  });

  it("are written in place, with no arrow, when small values are", () => {
    const t = traces.get("dict")!;
    const inline = layoutStep(t, t.steps.length - 1);
    expect(inline.arrows.filter((a) => /:k\d+$/.test(a.from))).toEqual([]);
    expect(words(inline)).toEqual(expect.arrayContaining(["'ada'", "300"]));
    expect(words(inline)).not.toContain("key");
  });
});

describe("a class's box", () => {
  it("is headed with the class's name, as an instance's box is headed with its class", () => {
    const t = traces.get("classes")!;
    const last = t.steps.length - 1;
    const en = layoutStep(t, last);
    expect(headers(en)).toContain("class Point");
    expect(headers(en)).toContain("Point");
    expect(headers(en)).not.toContain("type");
    expect(headers(layoutStep(t, last, { locale: "zh-CN" }))).toContain("类 Point");
  });
});

describe("a class body's frame", () => {
  it("is titled as the body of its class while it runs, and a method's frame keeps its name", () => {
    const t = traces.get("classes")!;
    const body = t.steps.findIndex((s) => s.events.some((e) => e.kind === "call" && !!e.classBody));
    const init = t.steps.findIndex((_, i) => stateAt(t, i).frames.at(-1)?.name === "Point.__init__");
    const frameTitles = (l: DiagramLayout) => l.texts.filter((x) => l.frames.some((f) => x.y >= f.rect.y && x.y < f.rect.y + 24 && x.x >= f.rect.x && x.x < f.rect.x + f.rect.w)).map((x) => x.text);
    expect(frameTitles(layoutStep(t, body + 1))).toContain("body of class Point");
    expect(frameTitles(layoutStep(t, body + 1, { locale: "zh-CN" }))).toContain("类 Point 的类体");
    expect(frameTitles(layoutStep(t, init))).toContain("Point.__init__");
    expect(frameTitles(layoutStep(t, init))).not.toContain("body of class Point.__init__");
  });
});

describe("the step's title", () => {
  it("says a generator yields, resumes and finishes, never that it returns", () => {
    const t = traces.get("generators")!;
    const find = (test: (e: Trace["steps"][number]["events"][number]) => boolean) => t.steps.findIndex((s) => s.events.some(test));
    const yielded = find((e) => e.kind === "return" && !!e.yielded);
    const resumed = find((e) => e.kind === "call" && !!e.resumed);
    const finished = find((e) => e.kind === "return" && !!e.finished);
    expect(Math.min(yielded, resumed, finished)).toBeGreaterThanOrEqual(0);
    expect(title(layoutStep(t, yielded))).toContain("squares yields");
    expect(title(layoutStep(t, resumed))).toContain("squares resumes");
    expect(title(layoutStep(t, finished))).toContain("squares finishes");
    expect(title(layoutStep(t, yielded, { locale: "zh-CN" }))).toContain("squares 交出一个值");
    for (const step of [yielded, resumed, finished]) expect(title(layoutStep(t, step))).not.toContain("returns");
    // the value handed out is shown in the pausing frame, named as yielded
    const paused = layoutStep(t, yielded);
    expect(words(paused)).toContain("yielded value");
    expect(words(paused)).not.toContain("return value");
    expect(paused.slots.some((x) => x.id === `f${stackDepths(t)[yielded]! - 1}:return`)).toBe(true);
  });

  it("says a class body runs and ends, not that a function is called", () => {
    const t = traces.get("classes")!;
    const body = t.steps.findIndex((s) => s.events.some((e) => e.kind === "call" && !!e.classBody));
    const done = t.steps.findIndex((s) => s.events.some((e) => e.kind === "return" && !!e.classBody));
    expect(title(layoutStep(t, body))).toContain("runs the body of class Point");
    expect(title(layoutStep(t, done))).toContain("the body of class Point is done");
  });
});

describe("live objects no name reaches", () => {
  it("are drawn, marked, so the boxes add up to the live-bytes counter at every step", () => {
    const tr = translator("en");
    let checked = 0;
    let unnamedSeen = 0;
    for (const p of examples()) {
      const t = traces.get(p.name)!;
      const live = summarize(t).liveBytes;
      for (let i = 0; i < t.steps.length; i++) {
        const state = stateAt(t, i);
        const scene = buildScene(t, state, resolveOptions({ inlineScalars: false }), tr);
        if (scene.omittedObjects > 0) continue;
        const drawn = [...scene.objects.filter((o) => t.objects[o.id]!.origin === undefined), ...scene.unnamed];
        unnamedSeen += scene.unnamed.length;
        const boxes = drawn.reduce((sum, o) => sum + o.size, 0);
        // the counter may also hold, for the length of its line, the line's largest temporary,
        // drawn in the strip of temporaries
        const temp = Math.max(0, ...scene.temps.filter((x) => !x.live).map((x) => Math.floor(x.size / x.count)));
        expect(live[i]! - boxes, `${p.name} step ${i + 1}`).toBeGreaterThanOrEqual(0);
        expect(live[i]! - boxes, `${p.name} step ${i + 1}`).toBeLessThanOrEqual(temp);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
    expect(unnamedSeen).toBeGreaterThan(0);
  });

  it("shows the generator a for loop runs in a row of its own while the loop runs", () => {
    const t = traces.get("generators")!;
    const made = t.steps.findIndex((s) => s.events.some((e) => e.kind === "alloc" && t.objects[e.id]?.type === "generator" && t.objects[e.id]?.heldBy === "loop"));
    expect(made).toBeGreaterThan(0);
    const later = made + 5;
    const layout = layoutStep(t, later);
    expect(layout.panels.map((p) => p.name)).toContain("unnamed");
    // drawn with its paused local names
    expect(words(layout)).toEqual(expect.arrayContaining(["generator", "n", "i", `made on line ${t.steps[made]!.line}`]));
    const heap = layout.panels.find((p) => p.name === "heap")!.rect;
    const row = layout.panels.find((p) => p.name === "unnamed")!.rect;
    expect(row.y).toBeGreaterThan(heap.y);
    expect(row.y + row.h).toBeLessThanOrEqual(heap.y + heap.h);
    // drawn on the heap when made, so not again among the line's temporaries
    expect(layoutStep(t, made).panels.map((p) => p.name)).not.toContain("temps");
    // gone once the loop is over
    expect(layoutStep(t, t.steps.length - 1).panels.map((p) => p.name)).not.toContain("unnamed");
  });
});
