/**
 * Chinese sentences space Latin names and numbers as Chinese text does: a space between Han
 * characters and Latin letters or digits, none next to full-width punctuation. Checked over
 * every catalog message (with names and numbers put in) and over the explanations of runs.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { explainRun, summarySentences } from "../../src/explain/index.js";
import { catalog, format, placeholders, translator } from "../../src/i18n/index.js";
import { spacingProblems } from "../../src/i18n/spacing.js";
import { trace } from "../helpers.js";
import { summarize } from "../../src/core/summary.js";

const zh = translator("zh-CN");

describe("spacing in Chinese sentences", () => {
  it("puts a space between Han and Latin names or numbers, at the seams where values go in", () => {
    expect(zh.t("explain.list.and", { head: "a", last: "b" })).toBe("a 和 b");
    expect(format("zh-CN", "{name} 现在引用{what}。", { name: "d", what: "一个Dog 对象" })).toBe("d 现在引用一个Dog 对象。");
    expect(format("zh-CN", "{name} 现在引用{what}。", { name: "d", what: "Dog 对象" })).toBe("d 现在引用 Dog 对象。");
    expect(format("zh-CN", "第{n}步，共{total}步", { n: 3, total: 12 })).toBe("第 3 步，共 12 步");
    expect(format("zh-CN", "列表 ，{x}", { x: "'a'" })).toBe("列表，'a'");
  });

  it("leaves the inside of a value as it is", () => {
    expect(format("zh-CN", "{name} 现在引用新字符串 {value}。", { name: "s", value: "'名字abc'" })).toBe("s 现在引用新字符串 '名字abc'。");
  });

  it("leaves English as it is", () => {
    expect(format("en", "{a}和{b}", { a: "x", b: "y" })).toBe("x和y");
    expect(translator("en").sentences(["One.", "Two."])).toBe("One. Two.");
  });

  it("joins whole sentences without a space after full-width punctuation", () => {
    expect(zh.sentences(["第一句。", "第二句。"])).toBe("第一句。第二句。");
    expect(zh.sentences(["动画按 50% 的尺寸绘制。", "Dog 对象"])).toBe("动画按 50% 的尺寸绘制。Dog 对象");
  });

  it("holds for every message in the catalog, with names and numbers put in", () => {
    const problems: string[] = [];
    const messages = catalog("zh-CN");
    for (const [key, text] of Object.entries(messages)) {
      const params: Record<string, string | number> = {};
      for (const name of placeholders(text)) params[name] = new RegExp(`\\{${name}\\s*,\\s*plural`).test(text) ? 3 : "Dog";
      for (const p of spacingProblems(format("zh-CN", text, params))) problems.push(`${key}: ${p}`);
    }
    expect(problems).toEqual([]);
  });

  it("holds for the explanations and summaries of the example runs", async () => {
    const dir = join(import.meta.dirname, "..", "..", "assets", "examples");
    const problems: string[] = [];
    let sentences = 0;
    for (const file of readdirSync(dir).filter((f) => f.endsWith(".py")).sort().slice(0, 8)) {
      const t = await trace(readFileSync(join(dir, file), "utf8"));
      const all = [...explainRun(t, zh).flatMap((s) => s.sentences), ...summarySentences(t, summarize(t), zh)];
      sentences += all.length;
      for (const s of all) for (const p of spacingProblems(s)) problems.push(`${file}: ${p}`);
    }
    expect(sentences).toBeGreaterThan(100);
    expect(problems.slice(0, 20)).toEqual([]);
  }, 120_000);
});
