/** slice-copy: slices in loops, down a recursion, or made only to be read once; needed slices left alone. */
import { describe, expect, it } from "vitest";
import { summarize } from "../../src/core/index.js";
import { adviceFor, expectRewriteHolds, only } from "./support.js";

describe("slice-copy", () => {
  it("finds a slice copied on every turn of a loop, counts the copies, and offers islice", async () => {
    const source = [
      "readings = [3, 8, 1, 9, 4, 7, 2, 6, 5, 0] * 4",
      "best = 0",
      "for i in range(len(readings) - 11):",
      "    window = sum(readings[i:i + 12])",
      "    best = max(best, window)",
      "print(best)",
    ].join("\n");
    const { trace, findings } = await adviceFor(source);
    const [f] = only(findings, "slice-copy");
    expect(f).toMatchObject({ kind: "loop", lines: [4], code: { expr: "readings[i:i + 12]", seq: "readings", type: "list" } });
    const turns = trace.steps.filter((s) => s.line === 4).length;
    expect(f!.evidence.copies).toBe(turns);
    expect(f!.rewrite!.source).toContain("sum(itertools.islice(readings, i, i + 12))");
    expect(f!.rewrite!.source.startsWith("import itertools\n")).toBe(true);
    await expectRewriteHolds(source, f!);
  });

  it("finds a recursion that passes a slice, and rewrites it with a start index", async () => {
    const source = [
      "def total(nums):",
      "    if not nums:",
      "        return 0",
      "    return nums[0] + total(nums[1:])",
      "",
      "print(total(list(range(12))))",
    ].join("\n");
    const { trace, findings } = await adviceFor(source);
    const [f] = only(findings, "slice-copy", "recursion");
    expect(f!.code.fn).toBe("total");
    expect(f!.evidence.copies).toBe(12);
    // every copy is in the run's own figures: the original allocates them, the rewrite does not
    expect(f!.evidence.bytes).toBeLessThanOrEqual(summarize(trace).allocatedBytes);
    expect(f!.rewrite!.source).toContain("def total(nums, start=0):");
    expect(f!.rewrite!.source).toContain("if start >= len(nums):");
    expect(f!.rewrite!.source).toContain("return nums[start] + total(nums, start=start + 1)");
    expect(f!.saving.peakBytes).toBeGreaterThan(0);
    await expectRewriteHolds(source, f!);
  });

  it("still warns about a recursion it cannot safely rewrite, without a rewrite", async () => {
    const source = [
      "def reverse(s):",
      "    if s == '':",
      "        return ''",
      "    return reverse(s[1:]) + s[0]",
      "",
      "print(reverse('memory'))",
    ].join("\n");
    const { findings } = await adviceFor(source);
    const [f] = only(findings, "slice-copy", "recursion");
    expect(f!.code.type).toBe("str");
    expect(f!.rewrite).toBeUndefined();
    expect(f!.saving.measured).toBe(false);
  });

  it("finds a big copy read once at the top level, and rewrites it with islice", async () => {
    const source = ["a = list(range(100))", "b = a[1:4]", "b[0] = 99", "total = sum(a[1:90])", "print(b, total)"].join("\n");
    const { findings } = await adviceFor(source);
    const fs = only(findings, "slice-copy");
    expect(fs.map((f) => f.lines)).toEqual([[4]]);
    expect(fs[0]!.kind).toBe("once");
    expect(fs[0]!.rewrite!.source).toContain("sum(itertools.islice(a, 1, 90))");
    await expectRewriteHolds(source, fs[0]!);
  });

  it("offers no islice for a 3-item slice (slicing.py's sum(a[1:4])): it would save 8 bytes", async () => {
    const source = ["a = [0, 1, 2, 3, 4, 5]", "b = a[1:4]", "b[0] = 99", "total = sum(a[1:4])", "print(a, b, total)"].join("\n");
    const { findings } = await adviceFor(source);
    expect(findings).toEqual([]);
  });

  it("finds a named slice read once by a for loop", async () => {
    const source = ["data = list(range(40))", "rest = data[1:]", "for x in rest:", "    print(x, end=' ')", "print()"].join("\n");
    const { findings } = await adviceFor(source);
    expect(only(findings, "slice-copy", "once").map((f) => f.lines)).toEqual([[2]]);
  });

  it("suggests memoryview for bytes", async () => {
    const source = ["payload = bytes(range(64))", "for i in range(0, len(payload), 16):", "    print(len(payload[i:i + 16]))"].join("\n");
    const { findings } = await adviceFor(source);
    const [f] = only(findings, "slice-copy", "loop");
    expect(f!.code.type).toBe("bytes");
    expect(f!.evidence.copies).toBe(4);
  });

  describe("leaves needed slices alone", () => {
    const cases: Record<string, string> = {
      "a slice that is changed": "a = [0, 1, 2, 3]\nb = a[1:3]\nb[0] = 9\nprint(a, b)",
      "slices kept in a list (near miss: in a loop)": "data = list(range(9))\nparts = []\nfor i in range(0, 9, 3):\n    parts.append(data[i:i + 3])\nprint(parts)",
      "a slice returned": "def tail(xs):\n    return xs[1:]\n\nprint(tail([1, 2, 3]))",
      "a slice read twice": "name = 'memory'\nhead = name[:3]\nprint(head)\nprint(head.upper())",
      "a slice changed in a loop (near miss)": "data = [1, 2, 3, 4]\nout = []\nfor i in range(2):\n    part = data[i:i + 2]\n    part.append(0)\n    out.append(part)\nprint(out)",
      "a copy through an item (b[0].append)": "rows = [[1], [2]]\nfor k in range(2):\n    b = rows[:]\n    b[0].append(k)\nprint(rows)",
    };
    for (const [name, source] of Object.entries(cases)) {
      it(name, async () => {
        const { trace, findings } = await adviceFor(source);
        expect(trace.outcome.status).toBe("finished");
        expect(only(findings, "slice-copy")).toEqual([]);
      });
    }
  });

  it("does not offer islice when the loop changes the list it walks", async () => {
    const source = ["xs = [1, 2, 3]", "for x in xs[1:]:", "    xs.append(x)", "print(xs)"].join("\n");
    const { findings } = await adviceFor(source);
    const [f] = only(findings, "slice-copy", "once");
    expect(f).toBeDefined();
    expect(f!.rewrite).toBeUndefined();
  });
});
