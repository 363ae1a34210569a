/** use-stdlib: hand-written counting, sums, max/min, sorts, flattening, deduplication; loops doing more left alone. */
import { describe, expect, it } from "vitest";
import { adviceFor, expectRewriteHolds, only } from "./support.js";

describe("use-stdlib", () => {
  it("finds counting into a dict and suggests Counter", async () => {
    const source = [
      "words = ['red', 'blue', 'red', 'green', 'red']",
      "counts = {}",
      "for w in words:",
      "    if w in counts:",
      "        counts[w] += 1",
      "    else:",
      "        counts[w] = 1",
      "print(counts)",
    ].join("\n");
    const { trace, findings } = await adviceFor(source);
    const [f] = only(findings, "use-stdlib", "count");
    expect(f).toMatchObject({ lines: [2, 3, 4, 5, 6, 7], code: { name: "counts", seq: "words", better: "counts = Counter(words)" } });
    expect(f!.evidence.runs).toBe(trace.steps.filter((s) => s.line >= 3 && s.line <= 7).length);
  });

  it("recognises counts.get(w, 0) + 1 as counting", async () => {
    const source = ["counts = {}", "for ch in 'mississippi':", "    counts[ch] = counts.get(ch, 0) + 1", "print(counts)"].join("\n");
    const { findings } = await adviceFor(source);
    expect(only(findings, "use-stdlib", "count")).toHaveLength(1);
  });

  it("finds a hand-written sum and rewrites it with sum()", async () => {
    const source = ["scores = [700, 950, 880, 610, 990]", "total = 0", "for s in scores:", "    total += s", "print(total)"].join("\n");
    const { findings } = await adviceFor(source);
    const [f] = only(findings, "use-stdlib", "sum");
    expect(f!.rewrite!.source).toContain("total = sum(scores)\nprint(total)");
    await expectRewriteHolds(source, f!);
  });

  it("finds a hand-written max and min", async () => {
    const source = [
      "xs = [4, 9, 2, 7]",
      "big = xs[0]",
      "for x in xs:",
      "    if x > big:",
      "        big = x",
      "small = xs[0]",
      "for x in xs:",
      "    if small > x:",
      "        small = x",
      "print(big, small)",
    ].join("\n");
    const { findings } = await adviceFor(source);
    expect(only(findings, "use-stdlib").map((f) => f.kind).sort()).toEqual(["max", "min"]);
    for (const f of only(findings, "use-stdlib")) if (f.rewrite) await expectRewriteHolds(source, f);
    expect(only(findings, "use-stdlib", "max")[0]!.code.better).toBe("big = max(xs)");
  });

  it("finds a bubble sort and offers .sort()", async () => {
    const source = [
      "nums = [5, 2, 9, 1, 7]",
      "for i in range(len(nums)):",
      "    for j in range(len(nums) - 1 - i):",
      "        if nums[j] > nums[j + 1]:",
      "            nums[j], nums[j + 1] = nums[j + 1], nums[j]",
      "print(nums)",
    ].join("\n");
    const { findings } = await adviceFor(source);
    const sorts = only(findings, "use-stdlib", "sort");
    expect(sorts).toHaveLength(1);
    expect(sorts[0]!.lines).toEqual([2, 3, 4, 5]);
    expect(sorts[0]!.rewrite!.source).toContain("nums.sort()\nprint(nums)");
    await expectRewriteHolds(source, sorts[0]!);
  });

  it("picks sort(reverse=True) for a descending sort, since only it prints the same", async () => {
    const source = [
      "nums = [5, 2, 9, 1, 7]",
      "for i in range(len(nums)):",
      "    for j in range(len(nums) - 1):",
      "        if nums[j] < nums[j + 1]:",
      "            nums[j], nums[j + 1] = nums[j + 1], nums[j]",
      "print(nums)",
    ].join("\n");
    const { findings } = await adviceFor(source);
    const [f] = only(findings, "use-stdlib", "sort");
    expect(f!.rewrite!.source).toContain("nums.sort(reverse=True)");
  });

  it("finds flattening and deduplication by hand", async () => {
    const source = [
      "grid = [[1, 2], [3, 4], [5, 6]]",
      "flat = []",
      "for row in grid:",
      "    for x in row:",
      "        flat.append(x)",
      "tags = ['a', 'b', 'a', 'c', 'b']",
      "unique = []",
      "for t in tags:",
      "    if t not in unique:",
      "        unique.append(t)",
      "print(flat, unique)",
    ].join("\n");
    const { findings } = await adviceFor(source);
    expect(only(findings, "use-stdlib", "flatten")[0]!.code.better).toBe("flat = [x for row in grid for x in row]");
    expect(only(findings, "use-stdlib", "dedupe")[0]!.code.better).toBe("unique = list(dict.fromkeys(tags))");
    for (const f of only(findings, "use-stdlib")) if (f.rewrite) await expectRewriteHolds(source, f);
  });

  describe("leaves loops that do more alone", () => {
    const cases: Record<string, string> = {
      "counting and printing as it goes (near miss)": "counts = {}\nfor w in ['a', 'b', 'a']:\n    counts[w] = counts.get(w, 0) + 1\n    print(w, counts[w])",
      "a running total kept in a list": "run = []\ntotal = 0\nfor v in [1, 2, 3]:\n    total += v\n    run.append(total)\nprint(run)",
      "a sum that starts elsewhere": "total = 100\nfor v in [1, 2, 3]:\n    total += v\nprint(total)",
      "a max that remembers where": "xs = [4, 9, 2]\nbest = xs[0]\nwhere = 0\nfor i, x in enumerate(xs):\n    if x > best:\n        best = x\n        where = i\nprint(best, where)",
      "appending something else": "out = []\nfor row in [[1], [2]]:\n    for x in row:\n        out.append(x * 2)\nprint(out)",
    };
    for (const [name, source] of Object.entries(cases)) {
      it(name, async () => {
        const { trace, findings } = await adviceFor(source);
        expect(trace.outcome.status).toBe("finished");
        expect(only(findings, "use-stdlib")).toEqual([]);
      });
    }
  });
});
