/** Sentences count the objects beyond a shown window that a step made or freed. */
import { describe, expect, it } from "vitest";
import { explainRun } from "../../src/explain/index.js";
import { translator } from "../../src/i18n/index.js";
import { trace } from "../helpers.js";

const en = translator("en");
const zh = translator("zh-CN");

describe("explaining big containers", () => {
  it("a new list says all the new objects it holds, not only the shown ones", async () => {
    const t = await trace("a = list(range(1000, 1150))\n");
    const first = explainRun(t, en)[0]!.sentences[0]!;
    expect(first).toContain("a list of 150 items");
    expect(first).toContain("150 int objects (4,200 bytes)");
    expect(explainRun(t, zh)[0]!.sentences[0]).toContain("150 个 int 对象（4,200 字节）");
  });

  it("a new list of some shared small ints and some new ones says which are new", async () => {
    const t = await trace("a = list(range(300))\n");
    expect(explainRun(t, en)[0]!.sentences[0]).toContain(
      "Of the objects it holds, these are new: 43 int objects (1,204 bytes); the others already existed.",
    );
  });

  it("a list of lists counts the inner lists and their ints past the window", async () => {
    const t = await trace("m = [[i, i + 1000] for i in range(300)]\n");
    const last = explainRun(t, en).at(-1)!.sentences.join(" ");
    // 43 ints past the small-int cache and 300 of i + 1000; 300 lists of 72 bytes
    expect(last).toContain("300 list objects (21.1 KB)"); // 21,600 bytes
    expect(last).toContain("343 int objects (9,604 bytes)");
  });

  it("objects made past the window of a list that already existed are told", async () => {
    const t = await trace("a = list(range(1000, 1100))\na.append(len(a) * 7)\n");
    const said = explainRun(t, en)[1]!.sentences;
    expect(said).toContain("Also made an int (28 bytes), held in the later slots that the diagram leaves out.");
  });

  it("frees past the window are told by type", async () => {
    const t = await trace("a = list(range(1000, 1150))\ndel a\n");
    for (const [tr, text] of [
      [en, "Also freed 50 int objects (1,400 bytes) that sat in the later slots the diagram leaves out."],
      [zh, "另外还释放了 50 个 int 对象（1,400 字节），它们原本位于图中省略的靠后位置。"],
    ] as const) {
      expect(explainRun(t, tr)[1]!.sentences).toContain(text);
    }
  });

  it("a name on an item beyond the window says where it was made", async () => {
    const t = await trace("a = list(range(1000, 1150))\n\nx = a[120]\n");
    expect(explainRun(t, en)[1]!.sentences[0]).toBe("x now refers to 1120, made on line 1.");
  });
});
