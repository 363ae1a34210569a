/**
 * Objects an earlier run of the same session made (a notebook's previous cell): this run
 * found them, so no sentence calls them made, allocated or new, and the summary does not
 * count their bytes as allocated.
 */
import { describe, expect, it } from "vitest";
import { stateAt } from "../../src/core/state.js";
import { summarize } from "../../src/core/summary.js";
import { Trace } from "../../src/core/trace.js";
import { explainRun, summarySentences } from "../../src/explain/index.js";
import { translator } from "../../src/i18n/index.js";
import { resolveOptions } from "../../src/render/index.js";
import { buildScene } from "../../src/render/scene.js";

const ref = (id: string) => ({ ref: id });
const site = (line: number, what: string) => ({ line, what });
// the earlier run left `old = [1]` in memory; this run: n = 1 / ys = old / ys.append(1000)
const trace = Trace.parse({
  schemaVersion: 2,
  language: "python",
  runtime: { name: "CPython 3.14.2", version: "3.14.2", sizeModel: "64-bit CPython 3.14", engine: "test" },
  source: "n = 1\nys = old\nys.append(1000)\n",
  objects: {
    o1: { type: "list", shape: "sequence", mutable: true, size: 88, address: "0x1000", createdAt: 0, site: site(1, "[1]"), origin: "earlier", length: 1, items: [ref("o2")] },
    o2: { type: "int", shape: "scalar", mutable: false, size: 28, address: "0x2000", createdAt: 0, site: site(1, "1"), origin: "cached", value: "1" },
    o3: { type: "int", shape: "scalar", mutable: false, size: 28, address: "0x3000", createdAt: 2, site: site(3, "1000"), value: "1000" },
  },
  steps: [
    { line: 1, event: "line", top: 2, stack: { push: [{ name: "<module>", line: 2, vars: { old: ref("o1") } }] }, events: [{ kind: "rebind", frame: 0, name: "n", to: ref("o2") }] },
    { line: 2, event: "line", top: 3, events: [{ kind: "rebind", frame: 0, name: "ys", to: ref("o1") }] },
    {
      line: 3,
      event: "line",
      top: 3,
      events: [
        { kind: "alloc", id: "o3" },
        { kind: "mutate", id: "o1", changes: [{ op: "splice", at: 1, remove: 0, insert: [ref("o3")] }], size: 120, length: 2 },
      ],
    },
  ],
  stdout: "",
  outcome: { status: "finished" },
});

describe("objects made by an earlier run", () => {
  const en = translator("en");
  const zh = translator("zh-CN");

  it("are told as found: another name for them is an alias, never a new object", () => {
    const told = explainRun(trace, en);
    expect(told[1]!.sentences).toEqual(["ys now refers to a list of 1 item, the same object as old: no copy was made, so it has two names now."]);
    for (const s of told.flatMap((t) => t.sentences)) expect(s, s).not.toMatch(/list.*(made on line|new|Made)|Made a list|allocated/);
    expect(told[2]!.sentences[0]).toBe("Made the int 1000 on the heap (28 bytes).");
  });

  it("are told as left by an earlier run when the name is their only one here", () => {
    // the same run without the name `old`: the object is reached only through `ys`
    const alone = Trace.parse({ ...trace, steps: trace.steps.map((s, i) => (i === 0 ? { ...s, stack: { push: [{ name: "<module>", line: 2 }] } } : s)) });
    expect(explainRun(alone, en)[1]!.sentences).toEqual(["ys now refers to a list of 1 item, which an earlier run left in memory: this run found it there."]);
    expect(explainRun(alone, zh)[1]!.sentences[0]).toContain("之前的一次运行留在内存里");
  });

  it("are not in the summary's allocations, even with an alloc event", () => {
    expect(summarySentences(trace, summarize(trace), en)[0]).toBe("Allocated 1 object (28 bytes); freed 0 of them (0 bytes).");
    // an alloc event for an object of an earlier run does not make it this run's
    const marked = Trace.parse({ ...trace, steps: trace.steps.map((s, i) => (i === 1 ? { ...s, events: [{ kind: "alloc", id: "o1" }, ...s.events] } : s)) });
    const s = summarize(marked);
    expect([s.allocations, s.allocatedBytes]).toEqual([1, 28]);
    expect(explainRun(marked, en)[1]!.sentences.join(" ")).not.toMatch(/Made/);
  });

  it("are said to be freed when this run frees them, apart from what it allocated", () => {
    // the same run ending with `del old, ys`: the earlier list is freed in this run
    const freeing = Trace.parse({
      ...trace,
      source: trace.source + "del old, ys\n",
      objects: { ...trace.objects, o1: { ...trace.objects.o1!, freedAt: 3 } },
      steps: [...trace.steps, { line: 4, event: "line", top: 4, events: [{ kind: "free", id: "o1" }, { kind: "rebind", frame: 0, name: "old" }, { kind: "rebind", frame: 0, name: "ys" }] }],
    });
    const s = summarize(freeing);
    expect([s.frees, s.freedEarlier, s.freedEarlierBytes]).toEqual([0, 1, 120]);
    const said = summarySentences(freeing, s, en);
    expect(said[0]).toBe("Allocated 1 object (28 bytes); freed 0 of them (0 bytes).");
    expect(said[1]).toBe("It also freed 1 object that an earlier run made (120 bytes).");
    expect(summarySentences(freeing, s, zh)[1]).toBe("它还释放了之前运行创建的 1 个对象（120 字节）。");
    expect(summarySentences(trace, summarize(trace), en).join(" ")).not.toMatch(/earlier run made/);
  });

  it("are marked in the diagram as left by an earlier run", () => {
    const scene = buildScene(trace, stateAt(trace, 2), resolveOptions({}), en);
    const tags = JSON.stringify(scene);
    expect(tags).toContain("from an earlier run");
  });
});
