/** How objects are named in sentences: each kind once, never "the range range(0, 3)". */
import { describe, expect, it } from "vitest";
import { explainRun } from "../../src/explain/index.js";
import { translator } from "../../src/i18n/index.js";
import { trace } from "../helpers.js";

const en = translator("en");

async function sentences(source: string): Promise<string> {
  return explainRun(await trace(source), en)
    .flatMap((s) => s.sentences)
    .join("\n");
}

describe("naming objects", () => {
  it("does not repeat the type when the value already names it", async () => {
    const text = await sentences("r = range(3)\ntry:\n    int('x')\nexcept ValueError as e:\n    m = 1\n");
    expect(text).toContain("Made a range object on the heap (48 bytes); r now refers to it.");
    expect(text).toContain("Made a ValueError object on the heap");
    expect(text).not.toMatch(/range range|ValueError ValueError/);
  });

  it("still shows a plain value with its type", async () => {
    expect(await sentences("s = 'ab' + str(5)\ns = None\n")).toContain("Freed the str 'ab5' (44 bytes)");
  });

  it("says the new objects a new container holds, in both languages", async () => {
    const t = await trace("m = [[1, 2], [3, 4]]\n");
    const first = (tr: typeof en) => explainRun(t, tr)[0]!.sentences[0];
    expect(first(en)).toBe("Made a list of 2 items on the heap (72 bytes); m now refers to it. The objects it holds are new too: 2 list objects (144 bytes).");
    expect(first(translator("zh-CN"))).toBe("在堆上创建了一个含 2 个元素的 list（72 字节），m 现在引用它。它装着的对象也是新建的：2 个 list 对象（144 字节）。");
  });

  it("heads a step with what it did to memory, not with a name bound to a shared small int", async () => {
    const t = await trace("import gc\ndef make():\n    a = []\n    b = [a]\n    a.append(b)\nmake()\nn = gc.collect()\n");
    const last = explainRun(t, en, { brief: false }).at(-1)!;
    expect(last.sentences[0]).toMatch(/^n = 2: no new object/);
    expect(last.headline).toMatch(/^Freed a list of 1 item \(\d+ bytes\): only a cycle of references kept it/);
  });

  it("warns when a line changes the length of the list a for loop is walking", async () => {
    const text = await sentences("nums = [1, 2, 3, 4]\nfor n in nums:\n    if n % 2 == 0:\n        nums.remove(n)\n");
    expect(text).toContain("Careful: the for loop on line 2 is walking nums while this line changes its length.");
    expect(text).toContain("Careful: the for loop on line 2 is still walking nums, and its length changed again.");
    const t = await trace("nums = [1, 2, 3, 4]\nfor n in nums:\n    if n % 2 == 0:\n        nums.remove(n)\n");
    const removal = explainRun(t, en, { brief: false }).find((s) => s.sentences.some((x) => x.startsWith("Removed")))!;
    expect(removal.headline).toMatch(/^Careful: the for loop on line 2 is walking nums/);
  });

  it("says a shallow copy shares its items, and that lambda made a function", async () => {
    const text = await sentences("import copy\ngrid = [[1, 2], [3, 4]]\nshallow = copy.copy(grid)\nsquare = lambda v: v * v\n");
    expect(text).toContain("shallow now refers to it. Its items are the very objects grid holds, not copies");
    expect(text).toContain("lambda made a function object (168 bytes) and bound the name square to it.");
    const deep = await sentences("import copy\ngrid = [[1, 2], [3, 4]]\ndeep = copy.deepcopy(grid)\n");
    expect(deep).not.toContain("not copies");
  });
});
