/** Whole-run figures count every object the program made, those beyond a shown window too. */
import { describe, expect, it } from "vitest";
import { replay, summarize, type Trace } from "../../src/core/index.js";
import { finalVar, trace } from "../helpers.js";

// 64-bit CPython: an int up to 2**30 is 28 bytes, the small-int cache is -5..256, and
// list(range(n)) has room for exactly n items (56 + 8n bytes)
const INT = 28;
const listOf = (n: number) => 56 + 8 * n;
/** new ints among lo..hi-1 (the cached ones are not new) */
const newInts = (lo: number, hi: number) => Math.max(0, hi - Math.max(lo, 257));

describe("a run's figures with big containers", () => {
  it("list(range(1000, 1150)): 150 new ints, not the 100 the diagram shows", async () => {
    const s = summarize(await trace("a = list(range(1000, 1150))\n"));
    expect(s.allocations).toBe(1 + 150);
    expect(s.allocatedBytes).toBe(listOf(150) + 150 * INT);
    expect(s.finalLiveBytes).toBe(listOf(150) + 150 * INT);
  });

  it("list(range(300)): the 43 ints past the small-int cache, 1,204 bytes", async () => {
    const s = summarize(await trace("a = list(range(300))\n"));
    expect(newInts(0, 300)).toBe(43);
    expect(s.allocations).toBe(1 + 43);
    expect(s.allocatedBytes).toBe(listOf(300) + 1204);
    expect(s.peakLiveBytes).toBe(listOf(300) + 1204);
    expect(s.finalLiveBytes).toBe(listOf(300) + 1204);
  });

  it("ints of two 30-bit digits are 32 bytes, and a named one among them is not new", async () => {
    const t = await trace("n = 40\nx = 2 ** n + 7\na = [2 ** 40 + i for i in range(150)]\na.append(x)\n");
    const a = finalVar(t, "a");
    const s = summarize(t);
    expect(s.allocations).toBe(1 + 1 + 150);
    expect(s.finalLiveBytes).toBe(32 + a.currentSize + 150 * 32);
  });

  it("a dict of 200 keys: every key and value", async () => {
    const t = await trace("d = {i: -i for i in range(1000, 1200)}\n");
    const d = finalVar(t, "d");
    expect(d.length).toBe(200);
    const s = summarize(t);
    expect(s.allocations).toBe(1 + 400);
    expect(s.allocatedBytes).toBe(d.size + 400 * INT);
    expect(s.finalLiveBytes).toBe(d.size + 400 * INT);
  });

  it("a set of 150 strs", async () => {
    const t = await trace("s = {'w%d' % i for i in range(150)}\n");
    const set = finalVar(t, "s");
    let strBytes = 0;
    for (let i = 0; i < 150; i++) strBytes += 41 + `w${i}`.length; // an ASCII str: 41 + its length
    const s = summarize(t);
    expect(s.allocations).toBe(1 + 150);
    expect(s.allocatedBytes).toBe(set.size + strBytes);
    expect(s.finalLiveBytes).toBe(set.size + strBytes);
  });

  it("a list of 300 lists of 2 ints: all 300 lists and what they hold", async () => {
    const t = await trace("m = [[i, i + 1000] for i in range(300)]\n");
    const m = finalVar(t, "m");
    const ints = newInts(0, 300) + 300; // i past the cache, and every i + 1000
    const inner = 300 * listOf(2);
    const s = summarize(t);
    expect(s.allocations).toBe(1 + 300 + ints);
    expect(s.allocatedBytes).toBe(m.size + inner + ints * INT);
    expect(s.finalLiveBytes).toBe(m.size + inner + ints * INT);
  });

  it("frees after del a, a.clear() and del a[150:]", async () => {
    const made = listOf(150) + 150 * INT;
    const del = summarize(await trace("a = list(range(1000, 1150))\ndel a\n"));
    expect([del.frees, del.freedBytes, del.finalLiveBytes]).toEqual([151, made, 0]);
    expect(del.liveBytes).toEqual([made, 0]);

    const clear = await trace("a = list(range(1000, 1150))\na.clear()\n");
    const cleared = summarize(clear);
    expect([cleared.frees, cleared.freedBytes]).toEqual([150, 150 * INT]);
    expect(cleared.finalLiveBytes).toBe(finalVar(clear, "a").currentSize);

    const cut = await trace("a = list(range(1000, 1300))\ndel a[150:]\n");
    const s = summarize(cut);
    expect([s.frees, s.freedBytes]).toEqual([150, 150 * INT]);
    expect(s.peakLiveBytes).toBe(listOf(300) + 300 * INT);
    expect(s.finalLiveBytes).toBe(finalVar(cut, "a").currentSize + 150 * INT);
  });

  it("an item beyond the window that gets a name is counted once", async () => {
    const t = await trace("a = list(range(1000, 1150))\nx = a[120]\ndel a\n");
    const s = summarize(t);
    const made = listOf(150) + 150 * INT;
    expect(s.allocations).toBe(151);
    expect(s.allocatedBytes).toBe(made);
    expect(s.liveBytes).toEqual([made, made, INT]);
    expect([s.frees, s.freedBytes]).toEqual([150, made - INT]);
  });

  it("a big list's figures are the sum of its objects' sizes, at every step", async () => {
    const n = 5000;
    const t = await trace(`a = list(range(${n}))\nb = a[4000]\na = None\nc = 1\n`);
    const all = listOf(n) + newInts(0, n) * INT;
    const s = summarize(t);
    expect(s.allocations).toBe(1 + newInts(0, n));
    expect(s.allocatedBytes).toBe(all);
    expect(s.peakLiveBytes).toBe(all);
    expect(s.liveBytes).toEqual([all, all, INT, INT]);
    expect(s.finalLiveBytes).toBe(INT);
    expect(s.freedBytes).toBe(all - INT);
  });
});

describe("replay of unlisted counts", () => {
  const step = (unlisted: NonNullable<Trace["steps"][number]["unlisted"]>) => ({ line: 1, event: "line" as const, frames: [], events: [], unlisted });
  const t: Trace = {
    schemaVersion: 1,
    language: "python",
    runtime: { name: "CPython", version: "3.14", sizeModel: "64-bit CPython 3.14", engine: "test" },
    source: "",
    objects: {
      o1: { type: "int", size: 28, address: "0x1", createdAt: 1, madeAt: 0, site: { line: 1, what: "" } },
    },
    steps: [
      step([{ type: "int", in: "o0", made: 3, madeBytes: 84 }]),
      step([{ type: "int", shown: 1, shownBytes: 28 }]),
      step([{ type: "list", resized: 48 }, { type: "int", freed: 2, freedBytes: 56 }]),
    ],
    stdout: "",
    outcome: { status: "finished" },
  };

  it("adds made, resized, takes freed, and moves shown ones to their records", () => {
    expect([...replay(t)].map((s) => [s.liveBytes, s.unlistedBytes])).toEqual([
      [84, 84],
      [84, 56],
      [76, 48],
    ]);
    const s = summarize(t);
    expect([s.allocations, s.allocatedBytes, s.frees, s.freedBytes]).toEqual([3, 84, 2, 56]);
  });
});
