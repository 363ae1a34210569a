/** Objects a program makes beyond a container's shown window: counted at every step, never listed. */
import { describe, expect, it } from "vitest";
import { SHOWN_SLOTS, Trace as TraceSchema, type Trace } from "../../../src/core/index.js";
import { engine, eventsOf, finalVar, trace } from "../../helpers.js";

// 64-bit CPython: an int up to 2**30 is 28 bytes; -5..256 are the shared small-int cache
const INT = 28;

function rows(t: Trace, step: number) {
  return t.steps[step]!.unlisted ?? [];
}

function total(t: Trace, field: "made" | "madeBytes" | "freed" | "freedBytes" | "shown" | "shownBytes" | "resized", type?: string): number {
  let n = 0;
  for (const s of t.steps) for (const u of s.unlisted ?? []) if (!type || u.type === type) n += u[field] ?? 0;
  return n;
}

describe("objects beyond the shown window", () => {
  it("are counted by type at the step that made them, inside the container that holds them", async () => {
    const t = await trace("a = list(range(1000, 1150))\n");
    expect(() => TraceSchema.parse(t)).not.toThrow();
    const a = finalVar(t, "a");
    expect(rows(t, 0)).toEqual([{ type: "int", in: a.id, made: 50, madeBytes: 50 * INT }]);
    // the shown ones are listed one by one, the rest are not
    expect(Object.values(t.objects).filter((o) => o.type === "int")).toHaveLength(SHOWN_SLOTS);
    expect(eventsOf(t, "alloc")).toHaveLength(1 + SHOWN_SLOTS);
  });

  it("keep the trace's size flat as the list grows", async () => {
    const e = await engine();
    const sizes: number[] = [];
    for (const n of [1_000, 100_000]) {
      const t = e.run(`a = list(range(${n}))\nb = 0\n`);
      sizes.push(JSON.stringify(t).length);
      expect(Object.keys(t.objects).length).toBeLessThanOrEqual(SHOWN_SLOTS + 2);
      expect(total(t, "made", "int")).toBe(n - 257); // 257..n-1, all beyond the first 100

    }
    // 99,000 more objects: the same records, a few more digits in the source and the counts
    // (about 200 bytes; a record or two more where the interpreter's earlier runs left it so),
    // where one record each would be megabytes
    expect(sizes[1]! - sizes[0]!).toBeLessThan(2_000);
  });

  it("that get a name are listed from then on, made earlier, not made again", async () => {
    const t = await trace("a = list(range(1000, 1150))\nx = a[120]\n");
    const x = finalVar(t, "x");
    expect(x.value).toBe("1120");
    expect(x.createdAt).toBe(1);
    expect(x.madeAt).toBe(0);
    expect(x.site.line).toBe(1);
    expect(eventsOf(t, "alloc").some((ev) => ev.id === x.id)).toBe(false);
    expect(rows(t, 1)).toEqual([{ type: "int", shown: 1, shownBytes: INT }]);
  });

  it("that move into the window are listed then, not made again", async () => {
    const t = await trace("a = list(range(1000, 1150))\na.pop(0)\n");
    // 1000 was popped and freed; 1100 moved into the window
    expect(rows(t, 1)).toEqual([{ type: "int", shown: 1, shownBytes: INT }]);
    expect(eventsOf(t, "alloc").filter((ev) => ev.step === 1)).toHaveLength(0);
    const moved = Object.entries(t.objects).find(([, o]) => o.value === "1100")!;
    expect(moved[1].madeAt).toBe(0);
  });

  it("are counted when a list appended to past the window makes them", async () => {
    const t = await trace("a = list(range(1000, 1100))\nfor i in range(3):\n    a.append(i + 5000)\n");
    const a = finalVar(t, "a");
    expect(total(t, "made", "int")).toBe(3);
    for (const s of t.steps) for (const u of s.unlisted ?? []) if (u.made) expect(u.in).toBe(a.id);
    // the new ints are not temporaries as well
    expect(eventsOf(t, "temp").filter((ev) => ev.type === "int")).toHaveLength(0);
  });

  it("inside an unlisted container that a line changes: its growth and its new items", async () => {
    const t = await trace("m = [[i, i + 1000] for i in range(300)]\nm[150].append(len(m) * 1000)\n");
    // a 2-item list display has room for 2; one more append makes room for 8 (56 + 8 * 8)
    expect(rows(t, t.steps.length - 1)).toEqual(
      expect.arrayContaining([{ type: "list", resized: 64 - 16 }, { type: "int", made: 1, madeBytes: INT }]),
    );
  });

  it("are counted freed when the list is deleted, cleared or cut", async () => {
    const del = await trace("a = list(range(1000, 1150))\ndel a\n");
    expect(total(del, "freed", "int")).toBe(50);
    expect(total(del, "freedBytes", "int")).toBe(50 * INT);
    const clear = await trace("a = list(range(1000, 1150))\na.clear()\n");
    expect(total(clear, "freed", "int")).toBe(50);
    const cut = await trace("a = list(range(1000, 1300))\ndel a[150:]\n");
    expect(total(cut, "freed", "int")).toBe(150);
    expect(total(cut, "freedBytes", "int")).toBe(150 * INT);
    expect(eventsOf(cut, "free")).toHaveLength(0);
  });

  it("are counted once whichever way a run of ints is read: new, mixed with a named one, or seen before", async () => {
    const t = await trace("x = len('abc') * 5000\na = list(range(1000, 1200)) + [x]\nb = list(a)\nc = a[150:] + [7]\n");
    // x is listed; a holds 200 new ints (100 shown, 100 not) and x; b and c hold the same ints again
    expect(total(t, "made", "int")).toBe(100);
    expect(total(t, "madeBytes", "int")).toBe(100 * INT);
    expect(eventsOf(t, "alloc").filter((ev) => t.objects[ev.id]!.type === "int")).toHaveLength(101);
    // c's window shows the 50 ints past a's window: listed from then on, not made again
    expect(total(t, "shown", "int")).toBe(50);
  });

  it("do not make a line that only reads the list read it again", async () => {
    const e = await engine();
    e.run("a = list(range(1000, 21000))\nt = 0\nfor i in range(50):\n    t += a[i * 7]\n");
    // the list is read once when made, its items once as they are counted
    expect(e.lastStats!.slotsRead).toBeLessThan(20_000 + 200);
    expect(e.lastStats!.fullRescans).toBe(0);
  });
});
