/**
 * A C variable lives as long as the block that declares it (C17 6.2.4): the Trace drops it
 * from its frame when that block ends, frees an object it had (so a pointer still holding its
 * address dangles), and a declaration run again is a new variable.
 */
import { describe, expect, it } from "vitest";
import { replay, type MemoryState } from "../../../../src/core/state.js";
import type { Trace } from "../../../../src/core/trace.js";
import { explainRun } from "../../../../src/explain/index.js";
import { translator } from "../../../../src/i18n/index.js";
import { cTrace as traceOf } from "../../../helpers.js";

const cTrace = (lines: string[]): Promise<Trace> => traceOf(lines.join("\n") + "\n");

/** The names of main's frame after each step. */
function namesAfter(t: Trace): string[][] {
  const out: string[][] = [];
  for (const s of replay(t)) out.push(Object.keys((s as MemoryState).frames[0]?.vars ?? {}));
  return out;
}

describe("a C variable's lifetime in the Trace", () => {
  it("ends with its block: a for loop's i and a block's variables leave the frame, a function's stay", async () => {
    const t = await cTrace([
      "int main(void) {",
      "    int total = 0;",
      "    for (int i = 0; i < 2; i++) {",
      "        int sq = i * i;",
      "        total += sq;",
      "    }",
      "    total += 1;",
      "    return total;",
      "}",
    ]);
    const names = namesAfter(t);
    const at = (line: number) => names[t.steps.findLastIndex((s) => s.line === line)]!;
    expect(at(5)).toEqual(["total", "i"]);
    expect(at(7)).toEqual(["total"]);
    // sq was there inside the body, and is gone at each test of the loop
    expect(names.some((n) => n.includes("sq"))).toBe(true);
    for (const [k, s] of t.steps.entries()) if (s.line === 3 && k > 2) expect(names[k]).not.toContain("sq");
  });

  it("frees a block-scoped variable whose address was taken: the pointer to it dangles, and its next lifetime is a new object", async () => {
    const t = await cTrace(["int main(void) {", "    int *p = 0;", "    for (int i = 0; i < 2; i++) {", "        int v = i;", "        p = &v;", "    }", "    return p != 0;", "}"]);
    const vs = Object.entries(t.objects).filter(([, o]) => o.name === "v");
    expect(vs).toHaveLength(2);
    expect(new Set(vs.map(([id]) => id)).size).toBe(2);
    expect(vs.every(([, o]) => o.freedAt !== undefined && o.origin === "stack")).toBe(true);
    const said = explainRun(t, translator("en")).flatMap((s) => s.sentences);
    expect(said).toContain("The block that declared v has ended, so v no longer exists.");
    expect(said.some((s) => s.startsWith("v (an int, 4 bytes) was declared in that block, so it is gone too, but p still holds its address"))).toBe(true);
    const zh = explainRun(t, translator("zh-CN")).flatMap((s) => s.sentences);
    expect(zh).toContain("声明 v 的代码块已经结束，所以 v 不复存在。");
  });

  it("tells a block lost when the only pointer to it ends with its loop body", async () => {
    const t = await cTrace(["#include <stdlib.h>", "int main(void) {", "    for (int k = 0; k < 2; k++) {", "        char *tmp = malloc(4);", "    }", "    return 0;", "}"]);
    const steps = explainRun(t, translator("en"));
    expect(steps.filter((s) => s.sentences.some((x) => /leaked/.test(x)))).toHaveLength(2);
    // both blocks are read as what their pointer points to
    expect(Object.values(t.objects).filter((o) => o.origin === undefined).map((o) => o.type)).toEqual(["char[4]", "char[4]"]);
  });
});
