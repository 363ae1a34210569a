/**
 * C Traces explained: every step, the outcome and the summary of every program of the C corpus,
 * in both languages, with no missing message and no placeholder left; and the full account of
 * the programs under test/golden/text/c/ compared with the text beside them
 * (`MEMSIM_UPDATE_GOLDEN=1` rewrites it: read both languages as a beginner would first).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatAccount } from "../../src/cli/account.js";
import { summarize } from "../../src/core/summary.js";
import type { Trace } from "../../src/core/trace.js";
import { explainRun, outcomeSentences, summarySentences } from "../../src/explain/index.js";
import { LOCALES, translator } from "../../src/i18n/index.js";
import { lineDiff } from "../cli/diff.js";
import { cTrace } from "../helpers.js";

const corpus = join(import.meta.dirname, "..", "runners", "c", "programs");
const goldens = join(import.meta.dirname, "..", "golden", "text", "c");
const update = process.env.MEMSIM_UPDATE_GOLDEN === "1";

async function traceOf(path: string): Promise<Trace> {
  const source = readFileSync(path, "utf8");
  const stdinFile = path.replace(/\.c$/, ".stdin");
  const stdin = existsSync(stdinFile) ? readFileSync(stdinFile, "utf8") : undefined;
  return traceOfSource(source, stdin);
}

const traceOfSource = cTrace;

const cFiles = (dir: string): string[] =>
  readdirSync(dir)
    .filter((f) => f.endsWith(".c"))
    .sort();

/** A placeholder the formatter did not fill, or Python's words where C's were wanted. */
const LEFT_OVER = /\{[A-Za-z_]+(, ?[a-z]+)?\}/;
const PYTHON_WORDS = /CPython|reference count|refers to|comprehension|引用计数/;

describe("C Traces explained", () => {
  it("words every step, the outcome and the summary of every corpus program in both languages", async () => {
    const names = cFiles(corpus);
    expect(names.length).toBeGreaterThan(60);
    const problems: string[] = [];
    let sentences = 0;
    for (const name of names) {
      const trace = await traceOf(join(corpus, name));
      for (const locale of LOCALES) {
        const tr = translator(locale);
        try {
          const steps = explainRun(trace, tr);
          expect(steps).toHaveLength(trace.steps.length);
          const all = [...steps.flatMap((s) => s.sentences), ...outcomeSentences(trace, tr), ...summarySentences(trace, summarize(trace), tr)];
          sentences += all.length;
          for (const s of all) {
            if (LEFT_OVER.test(s)) problems.push(`${name} ${locale}: a placeholder left in "${s}"`);
            if (PYTHON_WORDS.test(s)) problems.push(`${name} ${locale}: Python's words in "${s}"`);
          }
        } catch (error) {
          problems.push(`${name} ${locale}: ${(error as Error).message}`);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(sentences).toBeGreaterThan(names.length * 2 * 3);
  }, 300_000);

  it("tells a heap block's request and reservation, and a leak, from the Trace's own figures", async () => {
    const trace = await traceOf(join(goldens, "leak_and_dangling.c"));
    const tr = translator("en");
    const steps = explainRun(trace, tr);
    const first = Object.values(trace.objects).find((o) => o.origin === undefined && o.site.line === 5)!;
    const made = steps.find((s) => s.line === 5)!.sentences.join(" ");
    expect(made).toContain(`asked for ${tr.bytes(first.size)}`);
    expect(made).toContain(`reserved ${tr.bytes(first.usable!)}`);
    // the second malloc overwrote the only pointer to the first block
    const lost = steps.find((s) => s.line === 7)!;
    expect(lost.headline).toMatch(/made on line 5 .*leaked/);
    const summary = summarySentences(trace, summarize(trace), tr).join("\n");
    expect(summary).toContain(`${tr.bytes(first.size)} from line 5`);
  });

  it("names the blocks a finished program never freed, with their sizes and lines", async () => {
    const source = ["#include <stdlib.h>", "int main(void) {", "    int *a = malloc(40);", "    char *b = malloc(3);", "    free(b);", "    a[0] = 1;", "    return 0;", "}", ""].join("\n");
    const trace = await traceOfSource(source);
    const en = summarySentences(trace, summarize(trace), translator("en")).join("\n");
    expect(en).toContain("Never freed: 1 block (40 bytes): 40 bytes from line 3.");
    expect(en).toContain("Allocated 2 heap blocks (43 bytes asked for); freed 1 of them (3 bytes).");
    const zh = summarySentences(trace, summarize(trace), translator("zh-CN")).join("\n");
    expect(zh).toContain("从未释放：1 个块（40 字节）：第 3 行的 40 字节。");
  });

  it("tells where in an array a pointer lands, and copies of an address from pointers elsewhere in it", async () => {
    const source = ["#include <stdlib.h>", "int main(void) {", "    int a[4] = {1, 2, 3, 4};", "    int *p = a;", "    int *q = p + 2;", "    int *r = a + 4;", "    int *h = malloc(16);", "    int *m = h + 1;", "    int *k = h;", "    free(h);", "    return 0;", "}", ""].join("\n");
    const trace = await traceOfSource(source);
    const said = explainRun(trace, translator("en")).flatMap((s) => s.sentences);
    expect(said).toContain("q now points to element 2 of a.");
    expect(said.some((s) => s.startsWith("r now points to just past the end of a"))).toBe(true);
    expect(said).toContain("m now points to element 1 of an int[4].");
    // k copies h's address; m points elsewhere in the same block
    const k = said.find((s) => s.startsWith("k now"));
    expect(k).toMatch(/^k now holds the same address as h: /);
  });
});

describe("a C function returning a pointer", () => {
  it("is said to return an address, not the object there", async () => {
    const trace = await cTrace(["#include <stdlib.h>", "int *make(void) {", "    int *p = malloc(4);", "    return p;", "}", "int main(void) {", "    int *q = make();", "    free(q);", "    return 0;", "}", ""].join("\n"));
    const en = explainRun(trace, translator("en")).flatMap((s) => s.sentences);
    expect(en.some((s) => s.startsWith("make() returned the address of an int[1]."))).toBe(true);
    const zh = explainRun(trace, translator("zh-CN")).flatMap((s) => s.sentences);
    expect(zh.some((s) => s.startsWith("make() 返回一个 int[1] 的地址。"))).toBe(true);
  });
});

describe("a C memory fault told from the outcome's facts", () => {
  const programs = {
    onePast: ["#include <stdlib.h>", "int main(void) {", "    int *a = malloc(3 * sizeof *a);", "    for (int i = 0; i <= 3; i++) {", "        a[i] = i;", "    }", "    return 0;", "}", ""],
    pastByIndex: ["#include <stdlib.h>", "int main(void) {", "    int *a = malloc(12);", "    a[5] = 1;", "    return 0;", "}", ""],
    literal: ["int main(void) {", "    char *s = \"hi\";", "    s[0] = 'H';", "    return 0;", "}", ""],
    doubleFree: ["#include <stdlib.h>", "int main(void) {", "    char *p = malloc(8);", "    free(p);", "    free(p);", "    return 0;", "}", ""],
  };
  const told = async (lines: string[], locale: "en" | "zh-CN") => outcomeSentences(await traceOfSource(lines.join("\n")), translator(locale));

  it("says what was accessed, where, and the fix the facts show, in English and in Chinese", async () => {
    expect(await told(programs.onePast, "en")).toEqual([
      "The program stopped on line 5: it tried to write 4 bytes just past the end of the heap block of 12 bytes allocated on line 3. The steps up to that point are shown.",
      "The for loop on line 4 goes one turn too far: its test uses <=, so its last turn touches the element just past the end. Use < instead of <=.",
    ]);
    const zh = await told(programs.onePast, "zh-CN");
    expect(zh[0]).toBe("程序在第 5 行停止：它试图紧挨在第 3 行分配的 12 字节堆块末尾之后写入 4 字节。之前的步骤都已保留。");
    expect(zh[1]).toContain("把 <= 改成 <");
    // no loop with <= behind it: the general hint, with the block's own figures
    expect(await told(programs.pastByIndex, "en")).toEqual([
      "The program stopped on line 4: it tried to write 4 bytes 8 bytes past the end of the heap block of 12 bytes allocated on line 3. The steps up to that point are shown.",
      "The block holds 12 bytes: its valid bytes are 0 to 11. Check the index, or ask for a bigger block.",
    ]);
    expect((await told(programs.literal, "zh-CN"))[1]).toContain("字符串字面量不能修改");
    expect((await told(programs.doubleFree, "en"))[0]).toBe("The program stopped on line 5: free() was called on the heap block of 8 bytes allocated on line 3 and freed on line 4, which was already freed. The steps up to that point are shown.");
    // the Chinese account of a fault has none of memcheck's English in it
    for (const lines of Object.values(programs)) for (const s of await told(lines, "zh-CN")) expect(s).not.toMatch(/invalid|bytes|block|Segmentation/);
  });
});

describe("the account of a C program", () => {
  for (const file of cFiles(goldens)) {
    const name = file.slice(0, -2);
    it(name, async () => {
      const trace = await traceOf(join(goldens, file));
      for (const locale of LOCALES) {
        const actual = formatAccount(trace, `${name}.c`, translator(locale), { allSteps: true });
        const path = join(goldens, `${name}.${locale}.txt`);
        if (update || !existsSync(path)) {
          writeFileSync(path, actual);
          if (!update) throw new Error(`${path} did not exist: written now, read it and run again`);
          continue;
        }
        const expected = readFileSync(path, "utf8");
        if (actual !== expected) expect.fail(`${name}.${locale}.txt differs (- golden, + now):\n${lineDiff(expected, actual)}`);
      }
    });
  }
});
