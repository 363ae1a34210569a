/** A diagram's title names what the step did: a generator pausing yields, it does not return. */
import { describe, expect, it } from "vitest";
import { layoutStep } from "../../src/render/index.js";
import { trace } from "../helpers.js";

function title(t: Awaited<ReturnType<typeof trace>>, step: number, locale?: "en" | "zh-CN"): string {
  const texts = layoutStep(t, step, locale ? { locale } : {}).texts.map((x) => x.text);
  return texts.find((x) => x.startsWith("Step ") || x.startsWith("第 ")) ?? "";
}

describe("the diagram title", () => {
  it("says a generator yields at a yield, and a function returns at a return", async () => {
    const t = await trace("def gen():\n    yield 1\n\ndef f():\n    return 2\n\ng = gen()\na = next(g)\nb = f()\n");
    const at = (pred: (e: (typeof t.steps)[number]["events"][number]) => boolean) => t.steps.findIndex((s) => s.events.some(pred));
    const yielded = at((e) => e.kind === "return" && e.yielded === true);
    const returned = at((e) => e.kind === "return" && e.name === "f");
    expect(title(t, yielded)).toMatch(/gen yields a value and pauses$/);
    expect(title(t, yielded, "zh-CN")).toMatch(/gen 交出一个值并暂停$/);
    expect(title(t, returned)).toMatch(/f returns$/);
  });

  it("says a frame an exception leaves ends with it", async () => {
    const t = await trace("def f():\n    raise ValueError('x')\n\nf()\n");
    const left = t.steps.findIndex((s) => s.events.some((e) => e.kind === "return" && e.raised === true));
    expect(left).toBeGreaterThan(0);
    expect(title(t, left)).toMatch(/f ends with an exception$/);
  });
});
