/** Every case of every rule, found in a program made for it and worded in both languages. */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatAdvice, formatAdviceBlock } from "../../src/advisor/index.js";
import { rules } from "../../src/advisor/python/rules/index.js";
import { translator } from "../../src/i18n/index.js";
import { adviceFor } from "./support.js";

const dir = join(import.meta.dirname, "..", "fixtures", "advisor", "positive");
const files = readdirSync(dir).filter((f) => f.endsWith(".py")).sort();
const HAN = /\p{Script=Han}/u;
const en = translator("en");
const zh = translator("zh-CN");

describe("advice for every case", () => {
  it("has a program for every case of every rule", () => {
    const cases = rules.flatMap((r) => r.kinds.map((k) => `${r.id}.${k}.py`)).sort();
    expect(files).toEqual(cases);
  });

  for (const file of files) {
    const [ruleId, kind] = file.replace(/\.py$/, "").split(".");
    it(`${file}: found, and worded in English and Chinese`, async () => {
      const source = readFileSync(join(dir, file), "utf8");
      const { trace, findings } = await adviceFor(source);
      expect(trace.outcome.status).toBe("finished");
      const at = findings.findIndex((f) => f.ruleId === ruleId && f.kind === kind);
      expect(at, JSON.stringify(findings.map((f) => [f.ruleId, f.kind]))).toBeGreaterThanOrEqual(0);
      const finding = findings[at]!;
      const [english] = formatAdvice([finding], en);
      const [chinese] = formatAdvice([finding], zh);
      for (const text of [english!, chinese!]) {
        for (const part of [text.title, text.body, text.saving ?? ""]) expect(part).not.toMatch(/undefined|NaN|\{|\}/);
      }
      expect(HAN.test(english!.title + english!.body)).toBe(false);
      expect(HAN.test(chinese!.title)).toBe(true);
      expect(HAN.test(chinese!.body)).toBe(true);
      // the lines it points at, and a measured byte count where there is one, as the learner reads them
      expect(english!.title).toMatch(new RegExp(`^Lines? ${finding.lines[0]}`));
      expect(chinese!.title).toMatch(new RegExp(`^第 ${finding.lines[0]}`));
      if (finding.evidence.bytes > 0 && ruleId !== "use-stdlib") {
        expect(english!.body).toContain(en.bytes(finding.evidence.bytes));
        expect(chinese!.body).toContain(zh.bytes(finding.evidence.bytes));
      }
      if (finding.rewrite) {
        expect(english!.rewrite).toBe(finding.rewrite.diff);
        expect(english!.saving).toContain(en.bytes(finding.rewrite.before.allocatedBytes));
        expect(chinese!.saving).toContain(zh.bytes(finding.rewrite.after.peakLiveBytes));
      }
    });
  }
});

describe("the advice block of the command line", () => {
  it("numbers every finding and shows rewrites", async () => {
    const source = readFileSync(join(dir, "slice-copy.recursion.py"), "utf8");
    const { findings } = await adviceFor(source);
    const block = formatAdviceBlock(findings, en);
    expect(block.startsWith("Advice:\n  1. Line 4: ")).toBe(true);
    expect(block).toContain("Rewritten:");
    expect(block).toContain("+     return nums[start] + total(nums, start=start + 1)");
    expect(formatAdviceBlock(findings, zh).startsWith("建议：\n  1. 第 4 行：")).toBe(true);
  });

  it("says so when there is nothing to advise", () => {
    expect(formatAdviceBlock([], en)).toBe(`Advice:\n  ${en.t("advice.none")}\n`);
    expect(formatAdviceBlock([], zh)).toContain("没有建议");
  });

  it("formats numbers and plurals per locale", async () => {
    const source = readFileSync(join(dir, "slice-copy.recursion.py"), "utf8");
    const { findings } = await adviceFor(source);
    const [english] = formatAdvice(findings, en);
    const [chinese] = formatAdvice(findings, zh);
    expect(english!.body).toContain("12 copies");
    expect(chinese!.body).toContain("共 12 份");
    expect(english!.saving).toMatch(/\d,\d{3} bytes/);
    expect(chinese!.saving).toMatch(/\d,\d{3} 字节/);
  });
});
