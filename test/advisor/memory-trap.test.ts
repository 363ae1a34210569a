/** memory-trap: shared mutable defaults, `[[0] * n] * m`, shallow copies, big objects kept alive. */
import { describe, expect, it } from "vitest";
import { adviceFor, expectRewriteHolds, only } from "./support.js";

describe("memory-trap", () => {
  it("finds a mutable default changed across calls, with what the calls did to it", async () => {
    const source = [
      "def add_item(item, bucket=[]):",
      "    bucket.append(item)",
      "    return bucket",
      "",
      "first = add_item('x')",
      "second = add_item('y')",
      "third = add_item('z', [])",
      "print(first, second, third)",
    ].join("\n");
    const { findings } = await adviceFor(source);
    const [f] = only(findings, "memory-trap", "default");
    expect(f).toMatchObject({ lines: [1], code: { fn: "add_item", param: "bucket", fresh: "[]" } });
    expect(f!.evidence).toMatchObject({ calls: 2, changes: 2, items: 2 });
    expect(f!.rewrite).toBeUndefined();
  });

  it("finds a mutable default of a method, whose calls carry the class's name", async () => {
    const source = ["class Box:", "    def add(self, x, into=[]):", "        into.append(x)", "        return len(into)", "", "print(Box().add(1), Box().add(2))"].join("\n");
    const { findings } = await adviceFor(source);
    const [f] = only(findings, "memory-trap", "default");
    expect(f).toMatchObject({ lines: [2], code: { fn: "add", param: "into" }, evidence: { calls: 2, items: 2 } });
  });

  it("finds rows that are one list, and says how to make them separately", async () => {
    const source = ["board = [[0] * 3] * 4", "board[0][0] = 1", "print(board)"].join("\n");
    const { findings } = await adviceFor(source);
    const [f] = only(findings, "memory-trap", "shared-rows");
    expect(f).toMatchObject({ lines: [1], evidence: { rows: 4, changes: 1 }, code: { fix: "[[0] * 3 for _ in range(4)]" } });
  });

  it("finds a shallow copy whose inner list was changed through the copy", async () => {
    const source = ["grid = [[1, 2], [3, 4]]", "backup = grid.copy()", "backup[0][0] = 99", "print(grid)"].join("\n");
    const { findings } = await adviceFor(source);
    const [f] = only(findings, "memory-trap", "shallow-copy");
    expect(f).toMatchObject({ lines: [2], evidence: { shared: 2, changed: 1 }, code: { name: "backup", of: "grid" } });
  });

  it("finds a big list kept alive past its last use, and checks that del lowers the peak", async () => {
    const source = [
      "readings = [x * 10 for x in range(200)]",
      "average = sum(readings) / len(readings)",
      "report = []",
      "for k in range(150):",
      "    report.append(str(k))",
      "print(average, len(report))",
    ].join("\n");
    const { findings } = await adviceFor(source);
    const [f] = only(findings, "memory-trap", "kept-alive");
    expect(f).toMatchObject({ lines: [1, 2], code: { name: "readings" }, evidence: { lastUse: 2 } });
    expect(f!.rewrite!.source).toContain("average = sum(readings) / len(readings)\ndel readings\n");
    expect(f!.saving.peakBytes).toBeGreaterThan(0);
    await expectRewriteHolds(source, f!);
  });

  describe("stays quiet when there is no trap", () => {
    const cases: Record<string, string> = {
      "a mutable default that is only read": "def show(x, seen=[]):\n    return x in seen\nprint(show(1), show(2))",
      "a mutable default always passed explicitly (near miss)": "def add(x, acc=[]):\n    acc.append(x)\n    return acc\nprint(add(1, []), add(2, []))",
      "a mutable default used by one call": "def add(x, acc=[]):\n    acc.append(x)\n    return acc\nprint(add(1))",
      "rows made by a comprehension": "board = [[0] * 3 for _ in range(3)]\nboard[0][0] = 1\nprint(board)",
      "repeating a number": "zeros = [0] * 4\nzeros[1] = 5\nprint(zeros)",
      "a shallow copy of flat data": "a = [1, 2, 3]\nb = a.copy()\nb[0] = 9\nprint(a, b)",
      "a shallow copy changed only at the top": "g = [[1], [2]]\nh = g[:]\nh.append([3])\nprint(g, h)",
      "a big list used until the end": "data = [x * 10 for x in range(200)]\nextra = [str(k) for k in range(150)]\nprint(sum(data), len(extra))",
      "a big list read by a function": "data = [x * 10 for x in range(200)]\ndef total():\n    return sum(data)\nprint(total())\nextra = [str(k) for k in range(150)]\nprint(len(extra))",
    };
    for (const [name, source] of Object.entries(cases)) {
      it(name, async () => {
        const { trace, findings } = await adviceFor(source);
        expect(trace.outcome.status).toBe("finished");
        expect(only(findings, "memory-trap")).toEqual([]);
      });
    }
  });
});
