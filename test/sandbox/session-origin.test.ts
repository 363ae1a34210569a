/** A named session's runs: objects an earlier run made are marked "earlier", never counted as made again. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stateAt, summarize, type Trace } from "../../src/core/index.js";
import { createPool, type Pool, type RunResult } from "../../src/sandbox/index.js";

let pool: Pool;

beforeAll(async () => {
  pool = await createPool({ size: 1, maxSessions: 1, killGraceMs: 1500 });
}, 240_000);

afterAll(async () => {
  await pool?.close();
});

function traceOf(r: RunResult): Trace {
  if (!r.ok) throw new Error(`the run failed: ${r.error.code}`);
  return r.trace;
}

/** The id of the object `name` refers to, in the outermost frame after the last step. */
function objectOf(trace: Trace, name: string): string {
  const slot = stateAt(trace, trace.steps.length - 1).frames[0]?.vars[name];
  if (!slot || !("ref" in slot)) throw new Error(`no object for ${name}`);
  return slot.ref;
}

describe("a named session's later run", () => {
  it("marks what an earlier run made as earlier, and counts only what this run made", async () => {
    const sessionId = "origin-notebook";
    const first = traceOf(await pool.run("xs = [1, 2, 3]\n", { sessionId }));
    const firstList = first.objects[objectOf(first, "xs")]!;
    expect(firstList.origin).toBeUndefined();
    expect(summarize(first).allocations).toBe(1);

    const second = traceOf(await pool.run("xs.append(4)\nys = [5]\n", { sessionId }));
    const xs = objectOf(second, "xs");
    const ys = objectOf(second, "ys");
    expect(second.objects[xs]).toMatchObject({ type: "list", origin: "earlier", address: firstList.address });
    expect(second.objects[ys]).toMatchObject({ type: "list" });
    expect(second.objects[ys]!.origin).toBeUndefined();
    // xs was bound before this run began: the module's frame starts with it, no line bound it
    expect(second.steps[0]!.stack?.push?.[0]?.vars).toMatchObject({ xs: { ref: xs } });
    expect(second.steps.flatMap((s) => s.events).some((e) => e.kind === "rebind" && e.name === "xs")).toBe(false);
    const events = second.steps.flatMap((s) => s.events);
    expect(events.some((e) => e.kind === "mutate" && e.id === xs)).toBe(true);
    expect(events.filter((e) => e.kind === "alloc").map((e) => (e as { id: string }).id)).toEqual([ys]);
    const summary = summarize(second);
    expect(summary.allocations).toBe(1);
    expect(summary.allocatedBytes).toBe(second.objects[ys]!.size);
    // the older list is not held as this run's: only ys counts in the live bytes
    expect(stateAt(second, second.steps.length - 1).liveBytes).toBe(second.objects[ys]!.size);

    // an earlier object freed now is gone from the session: a list made after it is this run's
    const third = traceOf(await pool.run("del xs\nzs = [7, 8]\n", { sessionId }));
    const zs = objectOf(third, "zs");
    expect(third.objects[zs]!.origin).toBeUndefined();
    expect(summarize(third).allocations).toBe(1);
    const freed = third.steps.flatMap((s) => s.events).filter((e) => e.kind === "free");
    expect(freed.map((e) => third.objects[(e as { id: string }).id]?.origin)).toContain("earlier");

    // items beyond the shown window of an earlier list are not counted as made by a later run
    const big = traceOf(await pool.run("big = list(range(1000, 1300))\n", { sessionId }));
    expect(summarize(big).allocations).toBe(301);
    const later = traceOf(await pool.run("big.append(1)\nbig.sort()\n", { sessionId }));
    expect(summarize(later)).toMatchObject({ allocations: 0, frees: 0 });
    expect(stateAt(later, later.steps.length - 1).liveBytes).toBe(0);
  }, 120_000);
});
