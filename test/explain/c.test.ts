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
import { checkTrace } from "../../src/core/trace-check.js";
import type { Trace } from "../../src/core/trace.js";
import { explainRun, outcomeSentences, summarySentences } from "../../src/explain/index.js";
import { LOCALES, translator } from "../../src/i18n/index.js";
import { runC } from "../../src/runners/c/interp/index.js";
import { createTraceRecorder } from "../../src/runners/c/trace/index.js";
import { lineDiff } from "../cli/diff.js";

const corpus = join(import.meta.dirname, "..", "runners", "c", "programs");
const goldens = join(import.meta.dirname, "..", "golden", "text", "c");
const update = process.env.MEMSIM_UPDATE_GOLDEN === "1";

async function traceOf(path: string): Promise<Trace> {
  const source = readFileSync(path, "utf8");
  const stdinFile = path.replace(/\.c$/, ".stdin");
  const stdin = existsSync(stdinFile) ? readFileSync(stdinFile, "utf8") : undefined;
  return traceOfSource(source, stdin);
}

async function traceOfSource(source: string, stdin?: string): Promise<Trace> {
  const recorder = createTraceRecorder(source, {});
  await runC(source, { recorder, ...(stdin !== undefined ? { stdin } : {}), maxSteps: 200_000 });
  return checkTrace(JSON.parse(JSON.stringify(recorder.trace())));
}

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
