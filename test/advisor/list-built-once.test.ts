/** list-built-once: a whole list built only to be walked or added up once; lists used as lists left alone. */
import { describe, expect, it } from "vitest";
import { adviceFor, expectRewriteHolds, only } from "./support.js";

describe("list-built-once", () => {
  it("finds sum([...]) and drops the brackets when that saves memory", async () => {
    const source = ["nums = list(range(60))", "print(sum([n % 7 for n in nums]))"].join("\n");
    const { findings } = await adviceFor(source);
    const [f] = only(findings, "list-built-once", "reduce");
    expect(f).toMatchObject({ lines: [2], code: { fn: "sum", expr: "[n % 7 for n in nums]" } });
    expect(f!.rewrite!.source).toContain("print(sum(n % 7 for n in nums))");
    await expectRewriteHolds(source, f!);
  });

  it("keeps the brackets' place when the call has more arguments", async () => {
    const source = ["nums = list(range(60))", "print(max([n % 11 for n in nums], default=0))"].join("\n");
    const { findings } = await adviceFor(source);
    const [f] = only(findings, "list-built-once", "reduce");
    expect(f!.rewrite!.source).toContain("max((n % 11 for n in nums), default=0)");
    await expectRewriteHolds(source, f!);
  });

  it("says nothing when, measured, a generator would cost more than the small list (near miss)", async () => {
    const { findings } = await adviceFor("print(sum([x * 2 for x in [1, 2, 3]]))");
    expect(only(findings, "list-built-once")).toEqual([]);
  });

  it("finds for i in list(range(n))", async () => {
    const source = ["for i in list(range(30)):", "    print(i, end='')", "print()"].join("\n");
    const { findings } = await adviceFor(source);
    const [f] = only(findings, "list-built-once", "range-list");
    expect(f!.rewrite!.source).toContain("for i in range(30):");
    expect(f!.evidence.bytes).toBe(f!.saving.bytes);
    await expectRewriteHolds(source, f!);
  });

  it("finds a comprehension built just to be looped over", async () => {
    const source = ["total = 0", "for sq in [n * n for n in range(50)]:", "    total += sq", "print(total)"].join("\n");
    const { findings } = await adviceFor(source);
    const [f] = only(findings, "list-built-once", "comprehension");
    expect(f!.rewrite!.source).toContain("for sq in (n * n for n in range(50)):");
    await expectRewriteHolds(source, f!);
  });

  it("finds a file read whole with readlines() to loop over its lines", async () => {
    const source = [
      "with open('log.txt', 'w') as out:",
      "    for k in range(40):",
      "        out.write('entry ' + str(k) + '\\n')",
      "f = open('log.txt')",
      "for line in f.readlines():",
      "    print(line.strip())",
      "f.close()",
    ].join("\n");
    const { findings } = await adviceFor(source);
    const [f] = only(findings, "list-built-once", "readlines");
    expect(f).toMatchObject({ lines: [5], code: { target: "line", better: "f" } });
    expect(f!.rewrite!.source).toContain("for line in f:");
    // the lines are no longer all held at once
    expect(f!.saving.peakBytes).toBeGreaterThan(f!.evidence.bytes);
    await expectRewriteHolds(source, f!);
  });

  it("finds a list kept in a name for a single use", async () => {
    const source = ["nums = [n * 3 for n in range(40)]", "squares = [n * n for n in nums]", "total = sum(squares)", "print(total)"].join("\n");
    const { findings } = await adviceFor(source);
    const [f] = only(findings, "list-built-once", "named");
    expect(f).toMatchObject({ lines: [2, 3], code: { name: "squares", better: "(n * n for n in nums)" } });
    expect(f!.evidence.use).toBe(3);
    await expectRewriteHolds(source, f!);
  });

  describe("leaves lists that are needed alone", () => {
    const cases: Record<string, string> = {
      "a list used twice": "squares = [x * x for x in range(40)]\nprint(sum(squares))\nprint(squares[0])",
      "a list changed after it is built": "nums = list(range(40))\nnums.append(99)\nprint(sum(nums))",
      "the source changes before the one use (near miss)": "xs = list(range(40))\nsq = [x * 2 for x in xs]\nxs.append(9)\nprint(sum(sq))",
      "any() over calls with side effects": "def check(x):\n    print('checking', x)\n    return x > 1\nprint(any([check(x) for x in range(40)]))",
      "a one-use list read inside a loop": "sq = [x * x for x in range(40)]\nfor k in range(2):\n    print(k, sum(sq))",
    };
    for (const [name, source] of Object.entries(cases)) {
      it(name, async () => {
        const { trace, findings } = await adviceFor(source);
        expect(trace.outcome.status).toBe("finished");
        expect(only(findings, "list-built-once")).toEqual([]);
      });
    }
  });
});
