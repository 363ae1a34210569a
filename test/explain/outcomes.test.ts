/** How the end of a run is told: what stopped it, and what to change. */
import { describe, expect, it } from "vitest";
import { outcomeSentences } from "../../src/explain/index.js";
import { translator } from "../../src/i18n/index.js";
import { trace } from "../helpers.js";

const en = translator("en");
const zh = translator("zh-CN");

describe("the outcome of a run", () => {
  it("says a thread is not supported, and what to do instead, in both languages", async () => {
    const t = await trace("import threading\nt = threading.Thread(target=print)\nt.start()\n");
    expect(outcomeSentences(t, en)).toEqual([
      "Line 3 starts a thread. memsim runs your program in a single thread, so threads are not supported: call the thread's function directly to see what it does to memory.",
    ]);
    expect(outcomeSentences(t, zh)[0]).toMatch(/^第 3 行启动了一个线程/);
  });

  it("names a module it does not have", async () => {
    const t = await trace("import numpy\n");
    expect(outcomeSentences(t, en)[0]).toMatch(/^Line 1 imports numpy, which memsim's Python does not have: it has Python's standard library only/);
    expect(outcomeSentences(t, zh)[0]).toMatch(/^第 1 行导入了 numpy/);
  });

  it("says other processes and asyncio are not supported", async () => {
    const p = await trace("import subprocess\nsubprocess.run(['ls'])\n");
    expect(outcomeSentences(p, en)[0]).toMatch(/^Line 2 starts another process/);
    const a = await trace("import asyncio\nasync def main():\n    return 1\nasyncio.run(main())\n");
    expect(outcomeSentences(a, en)[0]).toMatch(/^Line 4 runs async code \(asyncio\)/);
  });

  it("does not end a sentence with two full stops when Python's message has one", async () => {
    const t = await trace("raise ValueError('bad value.')\n");
    expect(outcomeSentences(t, en)).toEqual(["The program stopped on line 1 with ValueError: bad value. The steps up to that point are shown."]);
  });

  it("tells a stop inside one long operation (a line, no step kept) apart from a loop that runs on", async () => {
    const t = await trace("import time\nx = 1\n");
    // as the host words a run it had to end inside one call: no step kept, the line it was on
    const inside = { ...t, steps: [], outcome: { status: "limit" as const, limit: "time" as const, max: 5, line: 2 } };
    expect(outcomeSentences(inside, en)[0]).toMatch(/^Stopped after 5 s, the time limit, during line 2: one operation on that line ran all that time/);
    expect(outcomeSentences(inside, en)[0]).not.toMatch(/loop/);
    expect(outcomeSentences(inside, en, { cli: true })[0]).toMatch(/--time-limit\.$/);
    expect(outcomeSentences(inside, zh)[0]).toMatch(/^运行了 5 秒，达到时间上限，停在第 2 行的执行过程中/);
    const looping = { ...t, outcome: { status: "limit" as const, limit: "time" as const, max: 5, line: 2 } };
    expect(outcomeSentences(looping, en)[0]).toMatch(/Does a loop run forever\?/);
  });

  it("offers --max-steps only where the reader can use it: on the command line", async () => {
    const t = await trace("i = 0\nwhile True:\n    i += 1\n", { maxSteps: 30 });
    expect(outcomeSentences(t, en)[0]).toMatch(/Try a smaller input, range\(100\) instead of range\(100000\), say\.$/);
    expect(outcomeSentences(t, en, { cli: true })[0]).toMatch(/or raise the limit with --max-steps\.$/);
  });
});
