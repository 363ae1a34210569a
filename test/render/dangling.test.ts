/** A C pointer left holding a freed block's address: drawn with that address, marked dangling, at every later step. */
import { describe, expect, it } from "vitest";
import { stateAt } from "../../src/core/state.js";
import { translator } from "../../src/i18n/index.js";
import { resolveOptions } from "../../src/render/options.js";
import { buildScene, type SceneFrame } from "../../src/render/scene.js";
import { traceC } from "../../src/runners/c/run.js";

const PROGRAM = [
  "#include <stdlib.h>",
  "int main(void) {",
  "  int *p = malloc(3 * sizeof *p);",
  "  p[0] = 7;",
  "  free(p);",
  "  int *q = malloc(12);",
  "  q[1] = 5;",
  "  return 0;",
  "}",
].join("\n");

function pRow(index: number, locale: "en" | "zh-CN" = "en") {
  return traceC(PROGRAM).then((t) => {
    const scene = buildScene(t, stateAt(t, index), resolveOptions({}), translator(locale));
    const main = scene.frames.find((f): f is SceneFrame => "rows" in f)!;
    return { t, row: main.rows.find((r) => r.label === "p")! };
  });
}

describe("a pointer to a freed block", () => {
  it("shows the freed block's address, marked dangling, after the step that freed it, even once the block is reused", async () => {
    const { t, row } = await pRow(6);
    // q was given the same memory back: the two addresses are one
    const blocks = Object.values(t.objects).filter((o) => o.type === "int[3]");
    expect(blocks).toHaveLength(2);
    expect(blocks[0]!.address).toBe(blocks[1]!.address);
    expect(row.value).toEqual({ kind: "hidden", text: `${blocks[0]!.address} (dangling)` });
    const zh = await pRow(6, "zh-CN");
    expect(zh.row.value).toEqual({ kind: "hidden", text: `${blocks[0]!.address}（悬空）` });
  });

  it("is named freed at the step that freed it", async () => {
    const { row } = await pRow(4);
    expect(row.value).toEqual({ kind: "hidden", text: "int[3] (freed)" });
  });
});
