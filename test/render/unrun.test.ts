/** A run that took no step: a syntax error, or a stop inside its first long call. No line ran. */
import { describe, expect, it } from "vitest";
import { Trace } from "../../src/core/index.js";
import { layoutStep, type DiagramLayout } from "../../src/render/index.js";
import { trace } from "../helpers.js";

const texts = (layout: DiagramLayout) => layout.texts.map((t) => t.text);
/** the code panel's bands: a line marked as run, and the line the run stopped on */
function bands(layout: DiagramLayout) {
  const code = layout.panels.find((p) => p.name === "code")!.rect;
  const inCode = (r: { x: number; y: number; w: number; h: number }) => r.x >= code.x && r.y >= code.y && r.x + r.w <= code.x + code.w && r.y + r.h <= code.y + code.h;
  return layout.shapes.filter((s) => s.kind === "box" && inCode(s.rect) && (s.fill === "ranFill" || s.stroke === "error"));
}

describe("the diagram of a run that took no step", () => {
  it("says Python could not read the line, not that an exception was raised, and marks no line as run", async () => {
    const t = await trace("x = 1\ny = [1, 2\nz = 3\n");
    expect(t.outcome.status).toBe("syntax-error");
    const layout = layoutStep(t, 0);
    expect(texts(layout)).toContain("Python could not read line 2, so nothing ran");
    expect(texts(layout).join(" ")).not.toMatch(/exception is raised|Step 1 of 1|just ran|runs next/);
    expect(texts(layout).some((w) => w.startsWith("SyntaxError"))).toBe(true);
    expect(bands(layout)).toEqual([expect.objectContaining({ fill: "errorFill", stroke: "error" })]);
    expect(texts(layoutStep(t, 0, { locale: "zh-CN" }))).toContain("Python 读不懂第 2 行，所以什么都没有运行");
  });

  it("says a run stopped inside one long call stopped during its line", async () => {
    const ran = await trace("x = 1\ny = sum(range(10))\nprint(y)\n");
    // what the sandbox makes when a limit comes inside a call that never returns to the tracer
    const t = Trace.parse({ ...ran, steps: [], objects: {}, stdout: "", outcome: { status: "limit", limit: "time", max: 1.5, line: 2 } });
    const layout = layoutStep(t, 0);
    expect(texts(layout)).toContain("Stopped during line 2");
    expect(texts(layout).join(" ")).not.toMatch(/exception|Error/);
    expect(bands(layout)).toHaveLength(1);
    expect(bands(layout)[0]).not.toHaveProperty("fill", "ranFill");
    const early = Trace.parse({ ...t, outcome: { status: "limit", limit: "time", max: 1.5 } });
    expect(texts(layoutStep(early, 0))).toContain("Stopped before the first line ran");
  });
});
