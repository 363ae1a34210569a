/** range-len: `for i in range(len(seq))` that only reads `seq[i]`; an index that is needed is left alone. */
import { describe, expect, it } from "vitest";
import { adviceFor, expectRewriteHolds, only } from "./support.js";

describe("range-len", () => {
  it("finds a loop over positions that only reads items, and loops over the items instead", async () => {
    // past position 256 every index is a new int: that is what the rewrite saves
    const source = ["cities = ['Oslo', 'Lima', 'Pune'] * 100", "for i in range(len(cities)):", "    print(cities[i], len(cities[i]))"].join("\n");
    const { trace, findings } = await adviceFor(source);
    const [f] = only(findings, "range-len");
    expect(f).toMatchObject({ kind: "item", lines: [2], code: { index: "i", seq: "cities", item: "city" } });
    expect(f!.evidence.iterations).toBe(300);
    expect(f!.evidence.lookups).toBe(2);
    const made = Object.values(trace.objects).filter((o) => o.type === "int" && o.site.line === 2 && o.origin === undefined);
    expect(f!.evidence.numbers).toBe(made.length);
    expect(made.length).toBe(300 - 257);
    expect(f!.rewrite!.source).toContain("for city in cities:\n    print(city, len(city))");
    await expectRewriteHolds(source, f!);
  });

  it("accepts range(0, len(seq)) and picks a name that is free", async () => {
    const source = ["items = [5, 6, 7] * 100", "item = 0", "for k in range(0, len(items)):", "    item += items[k]", "print(item)"].join("\n");
    const { findings } = await adviceFor(source);
    const [f] = only(findings, "range-len");
    expect(f!.code.item).not.toBe("item");
    await expectRewriteHolds(source, f!);
  });

  it("counts no index from the small-int cache as made (indexing.py), so three items get no advice", async () => {
    const source = ["fruits = ['apple', 'banana', 'cherry']", "for i in range(len(fruits)):", "    print(fruits[i])"].join("\n");
    const { trace, findings } = await adviceFor(source);
    const cached = Object.values(trace.objects).filter((o) => o.type === "int" && o.site.line === 2);
    expect(cached.map((o) => o.origin)).toEqual(["cached", "cached", "cached"]);
    // only the 48-byte range is saved: less than the threshold
    expect(only(findings, "range-len")).toEqual([]);
  });

  describe("leaves a needed index alone", () => {
    const cases: Record<string, string> = {
      "writing through the index (near miss)": "a = [1, 2, 3]\nfor i in range(len(a)):\n    a[i] = a[i] * 2\nprint(a)",
      "printing the index": "a = ['x', 'y']\nfor i in range(len(a)):\n    print(i, a[i])",
      "computing with the index": "a = [1, 4, 9]\nfor i in range(len(a) - 1):\n    print(a[i + 1] - a[i])",
      "reading a neighbour": "a = [1, 4, 9]\nfor i in range(len(a)):\n    print(a[i] - a[i - 1])",
      "using the index after the loop": "a = [1, 2]\nfor i in range(len(a)):\n    print(a[i])\nprint(i)",
      "a dict with number keys": "d = {0: 'a', 1: 'b'}\nfor i in range(len(d)):\n    print(d[i])",
      "a list that grows in the loop": "a = [1, 2]\nfor i in range(len(a)):\n    a.append(a[i])\nprint(a)",
      "an index that is never used": "a = [1, 2]\nfor i in range(len(a)):\n    print('hi')",
    };
    for (const [name, source] of Object.entries(cases)) {
      it(name, async () => {
        const { trace, findings } = await adviceFor(source);
        expect(trace.outcome.status).toBe("finished");
        expect(only(findings, "range-len")).toEqual([]);
      });
    }
  });
});
