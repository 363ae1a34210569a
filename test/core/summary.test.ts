/** Whole-run figures add up, and the closing sentences say what they mean, in both languages. */
import { describe, expect, it } from "vitest";
import { summarize } from "../../src/core/index.js";
import { summarySentences } from "../../src/explain/index.js";
import { translator } from "../../src/i18n/index.js";
import { eventsOf, trace } from "../helpers.js";

const en = translator("en");
const zh = translator("zh-CN");

describe("summarize", () => {
  it("counts a returned string used up by its caller's line once: made, then freed, not also a temporary", async () => {
    const t = await trace('def greet(name):\n    return "Hello, " + name + "!"\n\nprint(greet("Bob"))\n');
    const s = summarize(t);
    // the only temporary is the middle string of the concatenation, inside greet
    expect(s.temporaries).toBe(1);
    expect(s.temporaryBytes).toBe(51);
    expect(s.frees).toBe(1);
    expect(s.freedBytes).toBe(52);
  });

  it("explains memory that existing objects gained in place", async () => {
    const t = await trace("items = []\nfor i in range(5):\n    items.append(i * 1000)\n");
    const s = summarize(t);
    expect(s.grownBytes).toBe(120 - 56);
    // what is held is exactly what was made, plus growth, minus what was freed
    expect(s.finalLiveBytes).toBe(s.allocatedBytes + s.grownBytes - s.freedBytes);
    expect(summarySentences(t, s, en)[1]).toBe(
      "Objects made earlier also grew in place by 64 bytes (a list moved to a bigger block when it ran out of room, a string stretched in its own block), so more is held than was allocated minus what was freed.",
    );
    expect(summarySentences(t, s, zh)[1]).toMatch(/^之前创建的对象还在原地增长了 64 字节/);
  });

  it("says the peak was during a step when a temporary of that line made it", async () => {
    const t = await trace("nums = list(range(50))\ntotal = sum(nums[10:40])\n");
    const s = summarize(t);
    expect(s.peakStep).toBe(1);
    expect(s.peakDuring).toBe(true);
    expect(s.peakLiveBytes).toBe(s.liveBytes[1]);
    expect(summarySentences(t, s, en)).toContain("Peak live memory: 752 bytes, during step 2 (line 2), while that line's temporary objects existed.");
    expect(summarySentences(t, s, zh)).toContain("内存占用峰值：752 字节，出现在第 2 步执行期间（第 2 行），当时这一行的临时对象还在。");
  });

  it("says the peak was after a step when the objects it left made it", async () => {
    const t = await trace("a = list(range(300))\nb = 1\n");
    const s = summarize(t);
    expect(s.peakDuring).toBe(false);
    // the list (56 + 8 × 300) and the 43 ints past the small-int cache (28 bytes each)
    expect(summarySentences(t, s, en)).toContain("Peak live memory: 3,660 bytes, after step 1 (line 1).");
  });

  it("counts what a loop still held when the run stopped as held, not freed, and says the run stopped", async () => {
    const t = await trace("total = 0\nfor x in list(range(1000)):\n    total += x\n", { maxSteps: 12 });
    expect(t.outcome.status).toBe("limit");
    const s = summarize(t);
    const held = Object.values(t.objects).filter((o) => o.heldBy === "loop");
    expect(held.map((o) => [o.type, o.size, o.freedAt])).toEqual([["list", 56 + 8 * 1000, undefined]]);
    expect(s.frees).toBe(0);
    // the list, and the 743 ints past the small-int cache it holds
    expect(s.finalLiveBytes).toBe(56 + 8 * 1000 + 743 * 28);
    const sentences = summarySentences(t, s, en);
    expect(sentences.join("\n")).not.toMatch(/when the program ended/);
    expect(sentences).toContain(`Still held when the run stopped, after step 12: ${en.bytes(s.finalLiveBytes)}.`);
    expect(summarySentences(t, s, zh)).toContain(`运行在第 12 步之后停止，此时仍占用：${zh.bytes(s.finalLiveBytes)}。`);
  });

  it("counts what a loop held as freed when the loop ended before the program stopped", async () => {
    const t = await trace("total = 0\nfor x in list(range(3)):\n    total += x\ny = total / 0\n");
    expect(t.outcome.status).toBe("error");
    const s = summarize(t);
    expect(s.heldAtEnd).toBe(0);
    const held = Object.values(t.objects).filter((o) => o.heldBy === "loop");
    expect(held).toHaveLength(1);
    expect(held[0]!.freedAt).toBeDefined();
    expect(s.frees).toBe(1);
    expect(summarySentences(t, s, en).join("\n")).not.toMatch(/still held by a loop/);
  });
});

describe("the short summary", () => {
  it("ends with the peak, whatever came before it", async () => {
    const t = await trace("items = []\nfor i in range(5):\n    items.append(i * 1000)\n");
    const short = summarySentences(t, summarize(t), en, { short: true });
    expect(short).toHaveLength(4);
    expect(short.at(-1)).toMatch(/^Peak live memory/);
  });
});
