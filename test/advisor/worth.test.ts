/** Advice that pays: the threshold a saving must reach, and the reproducers of advice that did not. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { figures, formatAdvice, type Figures } from "../../src/advisor/index.js";
import { comparePay, gainOf, MIN_SAVED_BYTES, MIN_SAVED_SHARE, MIN_SAVED_STEP_SHARE, MIN_SAVED_STEPS } from "../../src/advisor/worth.js";
import { translator } from "../../src/i18n/index.js";
import { adviceFor, expectRewriteHolds, only } from "./support.js";

const examples = join(import.meta.dirname, "..", "..", "assets", "examples");
const example = (name: string) => readFileSync(join(examples, name), "utf8");
const en = translator("en");
const zh = translator("zh-CN");

/** Figures of a run: `allocatedBytes` and `peakLiveBytes` as given, 100 lines run unless said. */
function run(allocatedBytes: number, peakLiveBytes: number, steps = 100): Figures {
  return { allocations: 5, allocatedBytes, temporaryBytes: 0, peakLiveBytes, steps };
}

describe("the threshold", () => {
  it("is a number of bytes and a share of the run, or a number of lines and a share of the lines", () => {
    expect(MIN_SAVED_BYTES).toBe(64);
    expect(MIN_SAVED_SHARE).toBe(0.1);
    expect(MIN_SAVED_STEPS).toBe(3);
    expect(MIN_SAVED_STEP_SHARE).toBe(0.1);
  });

  it("counts a saving of enough bytes and enough of the run's allocations as memory", () => {
    expect(gainOf(run(600, 600), run(536, 600))).toBe("memory");
    expect(gainOf(run(10_000, 9_000), run(8_000, 9_000))).toBe("memory");
  });

  it("counts a saving of enough bytes and enough of the peak as memory", () => {
    expect(gainOf(run(10_000, 640), run(10_000, 576))).toBe("memory");
  });

  it("does not count a saving one byte short of the bytes", () => {
    expect(gainOf(run(600, 600), run(537, 537))).toBe("none");
  });

  it("does not count enough bytes that are under a tenth of the run", () => {
    // 64 bytes of 641 is just under a tenth, of the allocations and of the peak alike
    expect(gainOf(run(641, 641), run(577, 577))).toBe("none");
    expect(gainOf(run(640, 640), run(576, 576))).toBe("memory");
  });

  it("does not count a share that is only a few bytes (islice for a 3-item slice)", () => {
    expect(gainOf(run(40, 40), run(32, 32))).toBe("none");
  });

  it("counts enough lines fewer as work, at the edge and above it", () => {
    expect(gainOf(run(500, 500, 30), run(500, 500, 27))).toBe("work");
    expect(gainOf(run(500, 500, 100), run(500, 500, 90))).toBe("work");
    expect(gainOf(run(500, 500, 100), run(500, 500, 91))).toBe("none");
    expect(gainOf(run(500, 500, 20), run(500, 500, 18))).toBe("none");
  });

  it("calls a gain in lines work even when it costs memory, and memory comes first", () => {
    expect(gainOf(run(500, 500, 30), run(900, 700, 10))).toBe("work");
    const memory = { before: run(600, 600, 30), after: run(400, 600, 31) };
    const work = { before: run(600, 600, 30), after: run(600, 600, 5) };
    expect(comparePay(memory, work)).toBeGreaterThan(0);
    const more = { before: run(600, 600), after: run(300, 600) };
    expect(comparePay(more, memory)).toBeGreaterThan(0);
  });
});

describe("a slice read once, at the threshold", () => {
  // islice is a 72-byte object; a list slice of n items is 56 + 8n bytes: 10 items save 64
  const program = (n: number) => `a = list(range(12))\ntotal = sum(a[1:${n + 1}])\nprint(total)\n`;

  it("offers islice for 10 items, which saves 64 bytes", async () => {
    const source = program(10);
    const { findings } = await adviceFor(source);
    const [f] = only(findings, "slice-copy", "once");
    expect(f!.saving.bytes).toBe(64);
    await expectRewriteHolds(source, f!);
  });

  it("offers nothing for 9 items, which would save 56", async () => {
    const { findings } = await adviceFor(program(9));
    expect(findings).toEqual([]);
  });
});

describe("a saving lost among the run's other objects", () => {
  it("is not offered: 43 new index numbers beside 300 new strings", async () => {
    const source = ["cities = ['Oslo', 'Lima', 'Pune'] * 100", "for i in range(len(cities)):", "    print(cities[i].upper())"].join("\n");
    const { trace, findings } = await adviceFor(source);
    // the index numbers past 256 are made, but the strings upper() makes outweigh them tenfold
    expect(Object.values(trace.objects).filter((o) => o.type === "int" && o.origin === undefined)).toHaveLength(43);
    expect(only(findings, "range-len")).toEqual([]);
  });
});

describe("advice whose rewrite cannot run", () => {
  // islice refuses a negative start, so what the slice itself cost is all there is to judge
  const program = (n: number) => `data = list(range(${n}))\nk = -3\nprint(sum(data[k:]))\n`;

  it("is offered when the pattern's own cost reaches the threshold", async () => {
    const { trace, findings } = await adviceFor(program(40));
    const [f] = only(findings, "slice-copy", "once");
    expect(f!.rewrite).toBeUndefined();
    expect(f!.evidence.bytes).toBeGreaterThanOrEqual(MIN_SAVED_BYTES);
    expect(f!.evidence.bytes / figures(trace).allocatedBytes).toBeGreaterThanOrEqual(MIN_SAVED_SHARE);
  });

  it("is not offered when the same copy is small beside the run", async () => {
    const { findings } = await adviceFor(program(400));
    expect(findings).toEqual([]);
  });

  it("points out a mistake whatever it costs", async () => {
    const { findings } = await adviceFor("grid = [[0] * 2] * 3\ngrid[0][0] = 1\nprint(grid)\n");
    const [f] = only(findings, "memory-trap", "shared-rows");
    expect(f!.evidence.bytes).toBe(0);
  });
});

describe("the reproducers", () => {
  it("slicing.py: no islice and import to save 8 bytes on a 3-item slice", async () => {
    const { findings } = await adviceFor(example("slicing.py"));
    expect(findings).toEqual([]);
  });

  it("indexing.py: numbers from the small-int cache are neither costs nor savings", async () => {
    const source = example("indexing.py");
    const { trace, findings } = await adviceFor(source);
    const ints = Object.values(trace.objects).filter((o) => o.type === "int");
    expect(ints.length).toBeGreaterThan(0);
    expect(ints.every((o) => o.origin === "cached")).toBe(true);
    // the run's figures leave them out: only the list and the range are made
    expect(figures(trace).allocations).toBe(2);
    // what is left to save is one 48-byte range: not worth a change
    expect(findings).toEqual([]);
  });

  it("libraries.py: the gain is named as lines of Python, and the extra memory as a cost", async () => {
    const source = example("libraries.py");
    expect(source).not.toMatch(/less memory/);
    const { trace, findings } = await adviceFor(source);
    const [f] = only(findings, "use-stdlib", "count");
    expect(f!.rewrite).toBeDefined();
    await expectRewriteHolds(source, f!);
    const { before, after } = f!.rewrite!;
    expect(before).toEqual(figures(trace));
    // the library version allocates more and runs fewer lines
    expect(after.allocatedBytes).toBeGreaterThan(before.allocatedBytes);
    expect(after.steps).toBeLessThan(before.steps);
    expect(gainOf(before, after)).toBe("work");
    const [english] = formatAdvice([f!], en);
    const [chinese] = formatAdvice([f!], zh);
    const extra = before.allocatedBytes - after.allocatedBytes;
    expect(english!.saving).toContain(en.t("advice.saved.work", { n: before.steps - after.steps }));
    expect(english!.saving).toContain(en.t("advice.costs.bytes", { bytes: en.bytes(-extra) }));
    expect(english!.saving).not.toMatch(/It saves|less/);
    expect(chinese!.saving).toContain(zh.t("advice.saved.work", { n: before.steps - after.steps }));
    expect(chinese!.saving).toContain(zh.t("advice.costs.bytes", { bytes: zh.bytes(-extra) }));
    expect(chinese!.saving).not.toContain("内存分配减少");
    for (const text of [english!.body, english!.title]) expect(text).not.toMatch(/less memory|fewer bytes/);
  });

  it("a rewrite that uses more memory is never called less, whatever it saves", async () => {
    const fixtures = join(import.meta.dirname, "..", "fixtures", "advisor", "positive");
    const sources = [example("string_building.py"), readFileSync(join(fixtures, "use-stdlib.dedupe.py"), "utf8")];
    let costly = 0;
    for (const source of sources) {
      const { findings } = await adviceFor(source);
      for (const f of findings.filter((x) => x.rewrite)) {
        const { before, after } = f.rewrite!;
        const [english] = formatAdvice([f], en);
        const [chinese] = formatAdvice([f], zh);
        const more = after.allocatedBytes - before.allocatedBytes;
        const higher = after.peakLiveBytes - before.peakLiveBytes;
        if (more > 0) {
          costly++;
          expect(english!.saving).not.toContain("of allocations");
          expect(chinese!.saving).not.toContain("内存分配减少");
          expect(english!.saving).toContain(en.t("advice.costs.bytes", { bytes: en.bytes(more) }));
          expect(chinese!.saving).toContain(zh.t("advice.costs.bytes", { bytes: zh.bytes(more) }));
        }
        if (higher > 0) {
          expect(english!.saving).not.toContain("at the peak");
          expect(english!.saving).toContain(en.t("advice.costs.peak", { bytes: en.bytes(higher) }));
        }
        if (gainOf(before, after) === "work") expect(english!.saving).toContain("The gain is in work, not in memory");
      }
    }
    // dropping duplicates with a dict allocates more than the hand-made loop
    expect(costly).toBeGreaterThan(0);
  });
});

describe("the top advice", () => {
  it("is the one that saves most memory, ahead of one that saves only lines", async () => {
    const source = [
      "scores = [70, 95, 88, 61, 99, 73, 84]",
      "total = 0",
      "for s in scores:",
      "    total += s",
      "def total_of(xs):",
      "    if not xs:",
      "        return 0",
      "    return xs[0] + total_of(xs[1:])",
      "print(total, total_of(list(range(15))))",
    ].join("\n");
    const { findings } = await adviceFor(source);
    expect(findings.map((f) => `${f.ruleId}/${f.kind}`)).toEqual(["slice-copy/recursion", "use-stdlib/sum"]);
    expect(gainOf(findings[0]!.rewrite!.before, findings[0]!.rewrite!.after)).toBe("memory");
    expect(gainOf(findings[1]!.rewrite!.before, findings[1]!.rewrite!.after)).toBe("work");
  });
});
