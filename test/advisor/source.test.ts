/** The plumbing: UTF-8 byte columns to string indices, edits, the diff a learner sees, and the figures. */
import { describe, expect, it } from "vitest";
import { diffText } from "../../src/advisor/diff.js";
import { applyEdits } from "../../src/advisor/edit.js";
import { figures } from "../../src/advisor/measure.js";
import { SourceText } from "../../src/advisor/python/source.js";
import { summarize } from "../../src/core/index.js";
import { engine, trace } from "../helpers.js";
import { adviceFor, expectRewriteHolds, heldBytes, only } from "./support.js";

describe("source positions", () => {
  it("turns CPython's UTF-8 byte columns into string indices", async () => {
    const text = 'name = "héllo 世界"\nrest = name[1:]\n';
    const src = new SourceText(text);
    const parsed = (await engine()).parse(text);
    if ("error" in parsed) throw new Error(parsed.error.message);
    const body = parsed.ast.body as { value: { lineno: number; col_offset: number; end_col_offset: number } }[];
    const str = body[0]!.value;
    // with its quotes the string is 10 characters but 15 bytes in UTF-8: columns count bytes
    expect(str.end_col_offset - str.col_offset).toBe(15);
    expect(src.segment(str)).toBe('"héllo 世界"');
    expect(src.segment(body[1]!.value)).toBe("name[1:]");
  });

  it("counts lines the way CPython does, \\r\\n included", () => {
    const src = new SourceText("a = 1\r\nb = 2\rc = 3\n");
    expect([src.line(1), src.line(2), src.line(3)]).toEqual(["a = 1", "b = 2", "c = 3"]);
    expect(src.index(2, 4)).toBe("a = 1\r\nb = ".length);
  });

  it("rewrites code with non-ASCII names and text", async () => {
    const source = ["水果 = ['苹果', '香蕉', '樱桃'] * 100", "for i in range(len(水果)):", "    print('我爱', 水果[i])"].join("\n");
    const { findings } = await adviceFor(source);
    const [f] = only(findings, "range-len");
    expect(f!.rewrite!.source).toBe(["水果 = ['苹果', '香蕉', '樱桃'] * 100", "for item in 水果:", "    print('我爱', item)"].join("\n"));
    await expectRewriteHolds(source, f!);
  });

  it("applies edits from the end, and refuses overlapping ones", () => {
    expect(applyEdits("abcdef", [{ start: 1, end: 2, text: "X" }, { start: 4, end: 6, text: "YZ!" }])).toBe("aXcdYZ!");
    expect(applyEdits("abcdef", [{ start: 1, end: 4, text: "X" }, { start: 3, end: 5, text: "Y" }])).toBeUndefined();
  });
});

describe("the diff", () => {
  it("shows removed lines before added ones, with a line of context and gaps", () => {
    const before = "a\nb\nc\nd\ne\nf\ng\n";
    const after = "a\nB\nc\nd\ne\nf\nG\n";
    expect(diffText(before, after)).toBe(["  a", "- b", "+ B", "  c", "  …", "  f", "- g", "+ G"].join("\n"));
  });
});

describe("figures", () => {
  it("are the summary's; what a loop holds without a name is an object it made, alive while the loop runs", async () => {
    const t = await trace("for x in list(range(50)):\n    pass\nfor y in [1, 2, 3][1:]:\n    pass");
    const s = summarize(t);
    const f = figures(t);
    const held = Object.values(t.objects).filter((o) => o.heldBy === "loop");
    expect(held.map((o) => [o.type, o.size])).toEqual([
      ["list", 56 + 8 * 50],
      ["list", 56 + 8 * 2],
    ]);
    for (const o of held) expect(o.freedAt).toBeDefined();
    expect(heldBytes(t)).toBe(0);
    expect(f.allocatedBytes).toBe(s.allocatedBytes + s.temporaryBytes);
    expect(f.allocations).toBe(s.allocations + s.temporaries);
    expect(f.steps).toBe(s.steps);
    // the list of 50 is held while its loop runs: the peak counts it
    expect(f.peakLiveBytes).toBe(s.peakLiveBytes);
    expect(s.peakLiveBytes).toBeGreaterThanOrEqual(56 + 8 * 50);
  });

  it("count an argument that became a parameter once, as the object it became", async () => {
    const t = await trace("def f(xs):\n    return len(xs)\nprint(f([1, 2, 3][1:]))");
    const f = figures(t);
    const s = summarize(t);
    expect(heldBytes(t)).toBe(0);
    expect(f.allocatedBytes).toBe(s.allocatedBytes + s.temporaryBytes);
  });
});
