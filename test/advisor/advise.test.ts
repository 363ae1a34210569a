/** advise(): ranking, and rewrites offered only when both versions finish alike and the rewrite saves. */
import { describe, expect, it } from "vitest";
import { advise, weightOf } from "../../src/advisor/index.js";
import { engine } from "../helpers.js";
import { adviceFor, only } from "./support.js";

const MANY = [
  "scores = [70, 95, 88, 61, 99, 73, 84]",
  "total = 0",
  "for s in scores:",
  "    total += s",
  "nums = [5, 2, 9, 1, 7]",
  "for i in range(len(nums)):",
  "    for j in range(len(nums) - 1 - i):",
  "        if nums[j] > nums[j + 1]:",
  "            nums[j], nums[j + 1] = nums[j + 1], nums[j]",
  "def total_of(xs):",
  "    if not xs:",
  "        return 0",
  "    return xs[0] + total_of(xs[1:])",
  "print(total, nums, total_of(list(range(15))))",
].join("\n");

describe("advise", () => {
  it("ranks findings by what they save, most first", async () => {
    const { findings } = await adviceFor(MANY);
    expect(findings.length).toBeGreaterThanOrEqual(3);
    const weights = findings.map((f) => weightOf(f.saving));
    expect(weights).toEqual([...weights].sort((a, b) => b - a));
    expect(findings[0]!.ruleId).toBe("slice-copy");
  });

  it("does not offer a rewrite that prints something different", async () => {
    const e = await engine();
    const source = "fruits = ['apple', 'banana'] * 150\nfor i in range(len(fruits)):\n    print(fruits[i])";
    const trace = e.run(source);
    // a run that changes what the rewrite prints
    const findings = await advise(
      { source, trace },
      (s) => (s === source ? e.run(s) : { ...e.run(s), stdout: "something else\n" }),
      (s) => e.parse(s),
    );
    const [f] = only(findings, "range-len");
    expect(f).toBeDefined();
    expect(f!.rewrite).toBeUndefined();
  });

  it("does not offer a rewrite that raises", async () => {
    const source = "data = list(range(40))\nk = -3\nprint(sum(data[k:]))";
    const { findings } = await adviceFor(source);
    const [f] = only(findings, "slice-copy", "once");
    expect(f).toBeDefined();
    // islice refuses a negative start, so the rewrite raised and is not offered
    expect(f!.rewrite).toBeUndefined();
  });

  it("does not offer a rewrite when the runner fails", async () => {
    const e = await engine();
    const source = "fruits = ['apple', 'banana'] * 150\nfor i in range(len(fruits)):\n    print(fruits[i])";
    const findings = await advise(
      { source, trace: e.run(source) },
      (s) => {
        if (s !== source) throw new Error("worker died");
        return e.run(s);
      },
      (s) => e.parse(s),
    );
    expect(only(findings, "range-len")[0]!.rewrite).toBeUndefined();
  });

  it("still advises on a program that raised, but offers no rewrite", async () => {
    const source = "fruits = ['apple', 'banana'] * 150\nfor i in range(len(fruits)):\n    print(fruits[i])\nprint(1 / 0)";
    const { trace, findings } = await adviceFor(source);
    expect(trace.outcome.status).toBe("error");
    const [f] = only(findings, "range-len");
    expect(f!.rewrite).toBeUndefined();
  });

  it("gives no advice for a program Python cannot read", async () => {
    const { findings } = await adviceFor("for i in range(3)\n    print(i)");
    expect(findings).toEqual([]);
  });

  it("gives no advice for a language it has no rules for", async () => {
    const e = await engine();
    const source = "a = [1, 2, 3]\nprint(sum(a[1:]))";
    const trace = { ...e.run(source), language: "c" as const };
    expect(await advise({ source, trace }, (s) => e.run(s), (s) => e.parse(s))).toEqual([]);
  });
});
