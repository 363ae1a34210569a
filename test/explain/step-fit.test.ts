/** Each step's sentences say what that step did, and only that, in English and Chinese. */
import { describe, expect, it } from "vitest";
import type { Trace } from "../../src/core/index.js";
import { explainRun } from "../../src/explain/index.js";
import { translator } from "../../src/i18n/index.js";
import { trace } from "../helpers.js";

const en = translator("en");
const zh = translator("zh-CN");

/** The sentences of every step that ran `line`, joined, in one language. */
function at(t: Trace, line: number, tr = en): string {
  return explainRun(t, tr)
    .filter((s) => s.line === line)
    .flatMap((s) => s.sentences)
    .join(" | ");
}

describe("new strings", () => {
  it("says a string was rebuilt instead of extended only where it was built from an older one", async () => {
    const t = await trace('name = input()\nline = "x" * 3\nshout = "h".upper()\ngreeting = "Hi " + name\ngreeting += "!"\n', { stdin: ["Ada"] });
    const never = /Strings never change/;
    expect(at(t, 1)).toBe("input() made a new string 'Ada' (44 bytes); name now refers to it.");
    expect(at(t, 2)).not.toMatch(never);
    expect(at(t, 3)).toBe("\"h\".upper() made a new string 'H' (42 bytes); shout now refers to it.");
    expect(at(t, 4)).toMatch(/joined from the pieces\. Strings never change/);
    expect(at(t, 5)).toMatch(/Python built a fresh one instead of extending the old/);
    expect(at(t, 1, zh)).toBe("input() 创建了新字符串 'Ada'（44 字节），name 现在引用它。");
    expect(at(t, 5, zh)).toMatch(/没有在原字符串上追加/);
  });
});

describe("one object with two names", () => {
  it("sets the attribute through the name the line used, and says both names see it", async () => {
    const t = await trace("class Pet:\n    pass\nd = Pet()\ne = d\ne.age = 4\n");
    expect(at(t, 5)).toBe("Set the attribute e.age = 4. | d and e are two names for one object, so both of them see this change.");
    expect(at(t, 5, zh)).toBe("设置属性 e.age = 4。 | d 和 e 是同一个对象的 2 个名字，所以两个名字都能看到这次修改。");
  });
});

describe("constants that are containers", () => {
  it("names the tuple, then says it is a constant", async () => {
    const t = await trace("point = (1, 2, 3)\n");
    expect(at(t, 1)).toBe("point refers to a tuple of 3 items, a constant (72 bytes) that Python made once when it read the program: no new memory now.");
    expect(at(t, 1, zh)).toMatch(/^point 引用一个含 3 个元素的 tuple，这是一个常量（72 字节）/);
  });
});

describe("a string read by input() and passed on", () => {
  it("is a temporary freed within its line, not one held by a loop", async () => {
    const t = await trace("age = int(input())\n", { stdin: ["42"] });
    expect(at(t, 1)).toMatch(/input\(\) made a temporary str \(43 bytes\) that was used and freed within this line\./);
    expect(at(t, 1)).not.toMatch(/running loop/);
  });
});

describe("steps that change nothing in memory", () => {
  it("tells the start of a class statement and its body's bookkeeping", async () => {
    const t = await trace("class Box:\n    size = 2\n");
    const steps = explainRun(t, en);
    expect(steps[0]!.sentences).toEqual(["The class statement starts: Python first runs the body of class Box to collect what goes in it."]);
    expect(steps[2]!.sentences[0]).toMatch(/^Python notes the name and module of class Box/);
    expect(explainRun(t, zh)[0]!.sentences[0]).toMatch(/^class 语句开始/);
  });

  it("tells the end of a for loop and of a while loop, and only there", async () => {
    const t = await trace("total = 0\nfor n in [1, 2]:\n    total += n\nk = 0\nwhile k < 2:\n    k += 1\nprint(total)\n");
    const steps = explainRun(t, en);
    const ends = steps.filter((s) => s.sentences.some((x) => x.startsWith("The loop on line")));
    expect(ends.map((s) => s.line)).toEqual([2, 5]);
    expect(ends[0]!.index).toBe(steps.filter((s) => s.line === 2).at(-1)!.index);
    expect(explainRun(t, zh).some((s) => s.sentences.includes("第 5 行的循环结束了，程序接着执行循环后面的代码。"))).toBe(true);
  });

  it("says a raising line raised, once, and that the frame it leaves did not return", async () => {
    const t = await trace('def check(x):\n    if x < 0:\n        raise ValueError("negative")\n    return x\n\ncheck(-1)\n');
    const all = explainRun(t, en).flatMap((s) => s.sentences);
    expect(all.filter((x) => x === "This line raised ValueError: negative.")).toHaveLength(1);
    expect(all).toContain("check() did not return: the ValueError leaves it, and its frame comes off the stack with its local names.");
    expect(all.some((x) => /check\(\) returned/.test(x))).toBe(false);
    expect(all.at(-1)).toBe("ValueError on line 3: negative. Nothing caught it, so the program stops here.");
    expect(explainRun(t, zh).flatMap((s) => s.sentences)).toContain("这一行抛出了 ValueError：negative。");
  });

  it("a caught exception is raised, then the program goes on", async () => {
    const t = await trace("try:\n    x = [][1]\nexcept IndexError:\n    x = 0\n");
    expect(at(t, 2)).toBe("[] made a list (56 bytes) that this line was still using when it raised. | This line raised IndexError: list index out of range. | The IndexError stopped this line; the program goes on at the code that handles it (an except or finally block).");
    expect(t.outcome.status).toBe("finished");
  });
});

describe("generators", () => {
  it("calls a generator's names its paused local variables, and its pause a yield", async () => {
    const t = await trace("def count_up(limit):\n    n = 0\n    while n < limit:\n        n += 1\n        yield n\n\ng = count_up(2)\na = next(g)\n");
    const yieldStep = explainRun(t, en).find((s) => s.line === 5)!;
    expect(yieldStep.sentences).toContain("The paused generator g keeps its local variable n = 1 for when it resumes.");
    expect(yieldStep.sentences.join(" ")).not.toMatch(/attribute/);
    expect(at(t, 8)).toMatch(/^This line asks the generator count_up for its first value/);
    expect(at(t, 5, zh)).toMatch(/暂停的生成器 g 保存着它的局部变量 n = 1/);
  });
});

describe("an argument made on the calling line", () => {
  it("is made once: at the call's line, then passed in as a parameter", async () => {
    const t = await trace('def count_keys(d):\n    return len(d)\n\nn = count_keys({"a": 1, "b": 2})\n');
    const all = explainRun(t, en).flatMap((s) => s.sentences);
    expect(all.filter((x) => /made a dict|Made a dict/.test(x))).toEqual(['{"a": 1, "b": 2} made a dict (184 bytes) with no name yet: it is handed to the call that starts next.']);
    expect(all).toContain("Its parameters: d = a dict of 2 items.");
  });
});

describe("a run stopped by the step limit", () => {
  it("does not say its loop finished", async () => {
    const t = await trace("n = 0\nwhile True:\n    n += 1\n", { maxSteps: 20 });
    expect(t.outcome.status).toBe("limit");
    expect(explainRun(t, en).flatMap((s) => s.sentences).join(" ")).not.toMatch(/has finished/);
  });
});

describe("back in the calling line", () => {
  it("says the line goes on with the value the call returned", async () => {
    const t = await trace("def one():\n    return 1\n\none()\n");
    const steps = explainRun(t, en).filter((s) => s.line === 4);
    expect(steps.at(-1)!.sentences).toEqual(["Back on line 4, which goes on with what one() returned: 1."]);
    expect(explainRun(t, zh).filter((s) => s.line === 4).at(-1)!.sentences).toEqual(["回到第 4 行，接着使用 one() 返回的值：1。"]);
  });
});

describe("a temporary a line keeps while it calls", () => {
  it("says the line keeps it during the call, not that a loop holds it", async () => {
    const t = await trace("def double_all(xs):\n    return [] if not xs else [xs[0] * 2] + double_all(xs[1:])\n\nresult = double_all([1, 2])\n");
    const first = explainRun(t, en).find((s) => s.line === 2)!;
    expect(first.sentences[0]).toBe("[xs[0] * 2] made a list (64 bytes) with no name: the line keeps it while the call that starts next runs, and uses it after.");
    expect(explainRun(t, zh).find((s) => s.line === 2)!.sentences[0]).toMatch(/^\[xs\[0\] \* 2\] 创建了一个 list（64 字节），它没有名字/);
  });
});

describe("caught exceptions and generators that run out", () => {
  it("says a caught exception stopped its line, and a message-less one without an empty message", async () => {
    const t = await trace("it = iter([1])\nnext(it)\ntry:\n    next(it)\nexcept StopIteration:\n    pass\n");
    const steps = explainRun(t, en).filter((s) => s.line === 4);
    expect(steps.map((s) => s.sentences)).toEqual([
      ["This line raised StopIteration."],
      ["The StopIteration stopped this line; the program goes on at the code that handles it (an except or finally block)."],
    ]);
    expect(explainRun(t, zh).filter((s) => s.line === 4)[0]!.sentences).toEqual(["这一行抛出了 StopIteration。"]);
  });

  it("ends a for loop over a generator when the generator has no more values", async () => {
    const t = await trace("def gen():\n    yield 1\n\nfor v in gen():\n    print(v)\nprint(0)\n");
    const last = explainRun(t, en).filter((s) => s.line === 4).at(-1)!;
    expect(last.sentences).toEqual(["The loop on line 4 has finished and lets go of the generator gen it held (184 bytes): nothing else refers to it, so CPython freed it."]);
  });
});

describe("a line that runs on", () => {
  it("tells each turn of a comprehension's loop instead of leaving the step empty", async () => {
    const t = await trace("squares = [i * i for i in range(4)]\nprint(squares)\n");
    const steps = explainRun(t, en).filter((s) => s.line === 1);
    // every turn says something; the last one makes the list
    for (const s of steps) expect(s.sentences.length, `step ${s.index + 1}`).toBeGreaterThan(0);
    expect(steps.filter((s) => s.sentences[0]!.startsWith("Line 1 runs on"))).toHaveLength(steps.length - 2);
    expect(steps.at(-1)!.sentences[0]).toMatch(/^Made a list of 4 items/);
    expect(explainRun(t, zh).filter((s) => s.line === 1).some((s) => s.sentences[0]!.startsWith("第 1 行还在继续"))).toBe(true);
  });
});
