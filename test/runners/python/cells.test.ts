/** Closure cells in the trace: made when their frame starts, their one slot kept current. */
import { describe, expect, it } from "vitest";
import { stateAt, type MemoryState, type Trace } from "../../../src/core/index.js";
import { summarize } from "../../../src/core/summary.js";
import { eventsOf, finalVar, trace } from "../../helpers.js";

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
  "counter()",
  "print(counter())",
].join("\n");

function cellsOf(t: Trace): [string, Trace["objects"][string]][] {
  return Object.entries(t.objects).filter(([, o]) => o.type === "cell");
}

/** The object a cell's one slot refers to in a state. */
function cellValue(state: MemoryState, cellId: string): Trace["objects"][string] | undefined {
  const slot = Object.values(state.objects.get(cellId)?.attributes ?? {})[0];
  return slot && "ref" in slot ? state.objects.get(slot.ref)?.base : undefined;
}

describe("closure cells", () => {
  it("keep the counter's current value: 3 at the end, as the program prints", async () => {
    const t = await trace(COUNTER);
    expect(t.stdout).toBe("3\n");
    const cells = cellsOf(t);
    expect(cells).toHaveLength(1);
    const [cellId, cell] = cells[0]!;
    expect(cell.name).toBe("count");
    expect(cell.size).toBe(40); // 16-byte header + one pointer + the 16-byte GC header
    expect(cell.origin).toBeUndefined();
    // made at the step where make's frame started
    const makeCall = eventsOf(t, "call").find((e) => e.name === "make")!;
    expect(cell.createdAt).toBe(makeCall.step);
    expect(eventsOf(t, "alloc").find((e) => e.id === cellId)?.step).toBe(makeCall.step);
    // the frame names the cell it keeps count in
    const makeReturn = eventsOf(t, "return").find((e) => e.name === "make")!;
    expect(stateAt(t, makeReturn.step).frames.at(-1)!.cells).toEqual({ count: cellId });
    // the function's closure variable refers to the cell
    const counter = finalVar(t, "counter");
    expect(counter.attributes).toEqual({ count: { ref: cellId } });
    const last = stateAt(t, t.steps.length - 1);
    expect(cellValue(last, cellId)?.value).toBe("3");
    // each `count += 1` changed the cell's slot at that step
    const changes = eventsOf(t, "mutate").filter((e) => e.id === cellId);
    const values = changes.map((e) => {
      const c = e.changes[0]!;
      return c.op === "attr" && c.value && "ref" in c.value ? t.objects[c.value.ref]!.value : undefined;
    });
    expect(values).toEqual(["0", "1", "2", "3"]);
    expect(changes.slice(1).every((e) => stateAt(t, e.step).frames.at(-1)!.name === "make.<locals>.inc")).toBe(true);
    // counted in live bytes and in the run's figures
    const before = stateAt(t, makeCall.step - 1).liveBytes;
    expect(stateAt(t, makeCall.step).liveBytes - before).toBe(40);
    expect(summarize(t).allocatedBytes).toBeGreaterThanOrEqual(40 + counter.size);
  });

  it("keeps the frame's view of the name: f_locals shows the value, not the cell", async () => {
    const t = await trace(COUNTER);
    const step = eventsOf(t, "rebind").find((e) => e.name === "count" && e.to)!;
    const slot = stateAt(t, step.step).frames.at(-1)!.vars["count"]!;
    expect("ref" in slot && t.objects[slot.ref]!.type).toBe("int");
  });

  it("sees a change made by the defining frame after the function was made", async () => {
    const src = ["def make():", "    n = 1", "    def get():", "        return n", "    n = 2", "    return get", "g = make()"].join(
      "\n",
    );
    const t = await trace(src);
    const [cellId] = cellsOf(t)[0]!;
    expect(cellValue(stateAt(t, t.steps.length - 1), cellId)?.value).toBe("2");
    const change = eventsOf(t, "mutate").filter((e) => e.id === cellId).at(-1)!;
    expect(change.line).toBe(5);
  });

  it("holds a list that the closure changes in place", async () => {
    const src = [
      "def make():",
      "    items = []",
      "    def add(x):",
      "        items.append(x)",
      "        return len(items)",
      "    return add",
      "add = make()",
      "add(5)",
      "add(6)",
    ].join("\n");
    const t = await trace(src);
    const [cellId] = cellsOf(t)[0]!;
    const last = stateAt(t, t.steps.length - 1);
    const list = cellValue(last, cellId)!;
    expect(list.type).toBe("list");
    const slot = Object.values(last.objects.get(cellId)!.attributes!)[0]!;
    const live = last.objects.get("ref" in slot ? slot.ref : "")!;
    expect(live.items?.map((s) => (s && "ref" in s ? t.objects[s.ref]!.value : null))).toEqual(["5", "6"]);
  });

  it("is one cell shared by two closures of the same frame", async () => {
    const src = [
      "def pair():",
      "    total = 0",
      "    def add(n):",
      "        nonlocal total",
      "        total += n",
      "    def get():",
      "        return total",
      "    return add, get",
      "add, get = pair()",
      "add(4)",
      "result = get()",
    ].join("\n");
    const t = await trace(src);
    const cells = cellsOf(t);
    expect(cells).toHaveLength(1);
    const [cellId] = cells[0]!;
    expect(finalVar(t, "add").attributes).toEqual({ total: { ref: cellId } });
    expect(finalVar(t, "get").attributes).toEqual({ total: { ref: cellId } });
    expect(finalVar(t, "result").value).toBe("4");
    expect(cellValue(stateAt(t, t.steps.length - 1), cellId)?.value).toBe("4");
  });

  it("is one cell for a comprehension's loop variable, shared by every lambda made in it", async () => {
    const t = await trace("fs = [lambda: i for i in range(3)]\nvalues = [f() for f in fs]");
    const cells = cellsOf(t);
    expect(cells).toHaveLength(1);
    const [cellId, cell] = cells[0]!;
    expect(cell.name).toBe("i");
    const last = stateAt(t, t.steps.length - 1);
    const fs = last.objects.get(finalVar(t, "fs").id)!;
    for (const s of fs.items!) {
      const fn = last.objects.get(s && "ref" in s ? s.ref : "")!;
      expect(fn.attributes).toEqual({ i: { ref: cellId } });
    }
    expect(cellValue(last, cellId)?.value).toBe("2");
    const values = last.objects.get(finalVar(t, "values").id)!;
    expect(values.items!.map((s) => (s && "ref" in s ? t.objects[s.ref]!.value : null))).toEqual(["2", "2", "2"]);
  });

  it("shows no empty cell for a comprehension's hidden loop variable inside a function", async () => {
    const t = await trace("def f():\n    fs = [lambda: i for i in range(3)]\n    return fs\ngs = f()\nv = gs[0]()");
    const cells = cellsOf(t);
    expect(cells).toHaveLength(1);
    expect(cells[0]![1].attributes).toEqual({ i: { ref: finalVar(t, "v").id } });
    expect(finalVar(t, "v").value).toBe("2");
  });

  it("is freed with the last function that held it", async () => {
    const src = [
      "def make():",
      "    x = [1]",
      "    def get():",
      "        return x",
      "    return get",
      "g = make()",
      "h = g",
      "del g",
      "del h",
      "done = 1",
    ].join("\n");
    const t = await trace(src);
    const [cellId, cell] = cellsOf(t)[0]!;
    expect(cell.freedAt).toBeDefined();
    expect(t.steps[cell.freedAt!]!.line).toBe(9);
    expect(eventsOf(t, "free").some((e) => e.id === cellId && e.line === 9)).toBe(true);
  });

  it("is freed with its frame when no function kept it", async () => {
    const src = ["def f(n):", "    def g():", "        return n", "    return g() + 1", "r = f(1)", "done = r"].join("\n");
    const t = await trace(src);
    const cells = cellsOf(t);
    expect(cells).toHaveLength(1);
    const [, cell] = cells[0]!;
    // a captured parameter's cell is made with the frame and holds the argument
    const call = eventsOf(t, "call").find((e) => e.name === "f")!;
    expect(cell.createdAt).toBe(call.step);
    expect(cell.freedAt).toBeDefined();
    expect(cell.freedAt!).toBeGreaterThan(call.step);
  });

  it("leaves out the __class__ cell that super() uses", async () => {
    const src = [
      "class A:",
      "    def hi(self):",
      "        return 1",
      "class B(A):",
      "    def hi(self):",
      "        return super().hi() + 1",
      "b = B()",
      "x = b.hi()",
    ].join("\n");
    const t = await trace(src);
    expect(t.outcome.status).toBe("finished");
    expect(cellsOf(t)).toHaveLength(0);
    const last = stateAt(t, t.steps.length - 1);
    for (const o of last.objects.values()) expect(Object.keys(o.attributes ?? {})).not.toContain("__class__");
  });
});
