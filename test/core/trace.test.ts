/**
 * The Trace as data: it survives a JSON round trip unchanged, replaying it forward agrees with
 * rebuilding any one step, the memoized view gives the same figures as a fresh replay, and
 * every object says its shape and whether it can change.
 */
import { describe, expect, it } from "vitest";
import { replay, stateAt, summarize, Trace } from "../../src/core/index.js";
import { stateJson } from "../../src/core/state-json.js";
import { summaryKey, summaryTap } from "../../src/core/summary.js";
import { TraceView } from "../../src/core/view.js";
import { trace } from "../helpers.js";

const PROGRAM = [
  "def make():",
  "    count = 0",
  "    def inc():",
  "        nonlocal count",
  "        count += 1",
  "        return count",
  "    return inc",
  "tick = make()",
  "words = ['a', 'b']",
  "table = {'n': tick()}",
  "pair = (1.5, words)",
  "seen = {3, 4}",
  "text = 'x' * 3",
  "del words",
  "squares = (n * n for n in range(3))",
  "total = sum(squares)",
  "",
].join("\n");

describe("the Trace", () => {
  it("survives a JSON round trip unchanged", async () => {
    const t = await trace(PROGRAM);
    const again = Trace.parse(JSON.parse(JSON.stringify(t)));
    expect(again).toEqual(t);
  });

  it("replays forward to the same state stateAt rebuilds at every step", async () => {
    const t = await trace(PROGRAM);
    const forward: { frames: string; objects: string }[] = [];
    for (const s of replay(t)) forward.push({ frames: JSON.stringify(s.frames), objects: JSON.stringify([...s.objects.entries()]) });
    expect(forward).toHaveLength(t.steps.length);
    t.steps.forEach((_, i) => {
      const s = stateAt(t, i);
      expect(JSON.stringify(s.frames), `frames at step ${i}`).toBe(forward[i]!.frames);
      expect(JSON.stringify([...s.objects.entries()]), `objects at step ${i}`).toBe(forward[i]!.objects);
      expect(stateJson(t, i).liveBytes).toBe(s.liveBytes);
    });
  });

  it("gives the same summary from the view as from a fresh replay, walking the Trace once", async () => {
    const t = await trace(PROGRAM);
    const fresh = summaryTap(t);
    for (const s of replay(t)) fresh.step(s);
    const view = TraceView.of(t);
    expect(summarize(t)).toEqual(fresh.done());
    expect(summarize(t)).toBe(summarize(t));
    expect(view.replays).toBe(1);
    expect(view.state(3).frames).toEqual(stateAt(t, 3).frames);
    expect(view.replays).toBe(2);
  });

  it("prepares in slices the same figures and states, letting the event loop turn between them", async () => {
    const t = await trace("total = 0\nfor i in range(600):\n    total += i\n");
    const fresh = summaryTap(t);
    for (const s of replay(t)) fresh.step(s);
    const view = TraceView.of(t);
    let turns = 0;
    const ticking = setInterval(() => turns++, 0);
    // no time between pauses: every few hundred states, the event loop gets its turn
    await view.prepareAsync({ taps: { [summaryKey()]: () => summaryTap(t) }, steps: [t.steps.length - 1] }, 0);
    clearInterval(ticking);
    expect(turns).toBeGreaterThan(0);
    expect(view.replays).toBe(1);
    expect(summarize(t)).toEqual(fresh.done());
    expect(view.state(t.steps.length - 1).frames).toEqual(stateAt(t, t.steps.length - 1).frames);
    expect(view.replays).toBe(1);
  });

  it("says every object's shape and whether it can change, as the runner computed them", async () => {
    const t = await trace(PROGRAM);
    const byType = new Map<string, { shape: string; mutable: boolean }>();
    for (const o of Object.values(t.objects)) {
      expect(o.shape, o.type).toBeDefined();
      byType.set(o.type, { shape: o.shape, mutable: o.mutable });
    }
    expect(byType.get("list")).toEqual({ shape: "sequence", mutable: true });
    expect(byType.get("tuple")).toEqual({ shape: "sequence", mutable: false });
    expect(byType.get("dict")).toEqual({ shape: "mapping", mutable: true });
    expect(byType.get("set")).toEqual({ shape: "set", mutable: true });
    expect(byType.get("str")).toEqual({ shape: "text", mutable: false });
    expect(byType.get("float")).toEqual({ shape: "scalar", mutable: false });
    expect(byType.get("function")).toMatchObject({ shape: "function" });
    expect(byType.get("generator")).toMatchObject({ shape: "generator" });
    const cell = Object.values(t.objects).find((o) => o.type === "cell");
    expect(cell).toMatchObject({ shape: "record", holds: "variable", name: "count" });
  });
});
