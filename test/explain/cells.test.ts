/** Closures told truly: cells made, shared, changed, and outliving their frame, in both languages. */
import { describe, expect, it } from "vitest";
import type { Trace } from "../../src/core/index.js";
import { explainRun } from "../../src/explain/index.js";
import { translator } from "../../src/i18n/index.js";
import { trace } from "../helpers.js";

const en = translator("en");
const zh = translator("zh-CN");

const COUNTER = [
  "def make():",
  "    count = 0",
  "    def inc():",
  "        nonlocal count",
  "        count += 1",
  "        return count",
  "    return inc",
  "",
  "counter = make()",
  "counter()",
  "print(counter())",
].join("\n");

/** The sentences of the first step whose line and event match. */
function at(t: Trace, tr: typeof en, line: number, event?: string): string[] {
  const steps = explainRun(t, tr, { brief: false });
  return steps.find((s) => s.line === line && (!event || t.steps[s.index]!.event === event))!.sentences;
}

describe("closure cells in sentences", () => {
  it("says the cell is made when the defining frame starts", async () => {
    const t = await trace(COUNTER);
    expect(at(t, en, 1, "call")).toContain(
      "Made a cell for count (40 bytes): a function defined in make uses count, so its value is kept in this small heap object instead of in the frame. The frame and that function will share it.",
    );
    expect(at(t, zh, 1, "call")).toContain(
      "为 count 创建了一个 cell（40 字节）：make 里定义的函数要用到 count，所以它的值不放在帧里，而是放在堆上的这个小对象里。帧和那个函数会共用它。",
    );
  });

  it("says a function made with captured names shares their cells with the defining frame", async () => {
    const t = await trace(COUNTER);
    expect(at(t, en, 3, "line").join(" ")).toContain(
      "count is kept in a cell that it shares with the frame of make: when either one changes the value, both see it.",
    );
    expect(at(t, zh, 3, "line").join("")).toContain("count 放在它和 make 的帧共用的一个 cell 里：无论哪一方改了值，双方看到的都是新值。");
  });

  it("says which names live on in cells when the defining frame returns, not that they are gone", async () => {
    const t = await trace(COUNTER);
    const sentences = at(t, en, 7, "return");
    expect(sentences).toContain(
      "make() returned the function make.<locals>.inc; its frame comes off the stack, but count lives on in a cell held by the function make.<locals>.inc. Its other local names are gone.",
    );
    expect(sentences.join(" ")).not.toContain("its local names are gone");
    expect(at(t, zh, 7, "return")).toContain(
      "make() 返回 函数 make.<locals>.inc；它的帧从栈上弹出，但 count 仍然留在它的 cell 里，由 函数 make.<locals>.inc 持有。它的其他局部变量随之消失。",
    );
  });

  it("says the cell's value changed and that every function sharing it sees the change", async () => {
    const t = await trace(COUNTER);
    expect(at(t, en, 5)).toContain("The cell for count now holds 1. Every function that shares this cell (counter) sees the new value.");
    expect(at(t, zh, 5)).toContain("count 的 cell 现在存放 1。共用这个 cell 的每个函数（counter）都会看到新值。");
    const all = explainRun(t, en).flatMap((s) => s.sentences);
    expect(all).toContain("The cell for count now holds 2. Every function that shares this cell (counter) sees the new value.");
  });

  it("names both functions that share one cell, and every name kept", async () => {
    const src = [
      "def pair():",
      "    total = 0",
      "    step = 2",
      "    def add():",
      "        nonlocal total",
      "        total += step",
      "    def get():",
      "        return total",
      "    return add, get",
      "add, get = pair()",
      "add()",
    ].join("\n");
    const t = await trace(src);
    expect(at(t, en, 4, "line").join(" ")).toContain("step and total are kept in cells that it shares with the frame of pair");
    expect(at(t, en, 9, "return").join(" ")).toContain(
      "pair() returned a tuple of 2 items; its frame comes off the stack, but step and total live on in cells held by the function pair.<locals>.add and the function pair.<locals>.get. Its other local names are gone.",
    );
    expect(at(t, en, 6)).toContain("The cell for total now holds 2. Every function that shares this cell (add and get) sees the new value.");
  });

  it("names the frame that made the cell, and keeps quiet about an emptied one", async () => {
    const src = [
      "def klass():",
      "    y = 7",
      "    class C:",
      "        def m(self):",
      "            return y",
      "    return C",
      "K = klass()",
      "def dele():",
      "    v = 1",
      "    def get():",
      "        return v",
      "    del v",
      "    return get",
      "d = dele()",
    ].join("\n");
    const t = await trace(src);
    const all = explainRun(t, en).flatMap((s) => s.sentences).join("\n");
    expect(all).toContain("y is kept in a cell that it shares with the frame of klass:");
    expect(all).toContain("but y lives on in a cell held by the function klass.<locals>.C.m.");
    expect(at(t, en, 13, "return")).toContain("dele() returned the function dele.<locals>.get; its frame comes off the stack and its local names are gone.");
  });

  it("still says a frame's names are gone when no function keeps a cell of it", async () => {
    const t = await trace("def f(n):\n    def g():\n        return n\n    return g() + 1\nr = f(1)\n");
    expect(at(t, en, 4, "return")).toContain("f() returned 2; its frame comes off the stack and its local names are gone.");
  });
});
