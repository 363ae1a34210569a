/**
 * The explainer's registry: one sentence builder for every kind of event the Trace schema
 * has, and each one heard: a run with every kind yields each builder's sentences.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { Event, Trace, type EventKind } from "../../src/core/trace.js";
import { builders } from "../../src/explain/events/index.js";
import { explainRun } from "../../src/explain/index.js";
import { translator } from "../../src/i18n/index.js";

// a run of: def f(n): return [n] / xs = f(1000) / xs.append(2) / t = sum(xs[:1]) / del xs / raise ValueError("x")
const trace = Trace.parse(JSON.parse(readFileSync(join(import.meta.dirname, "..", "fixtures", "explain", "every-event.trace.json"), "utf8")));
const kinds = Event.options.map((o) => o.shape.kind.value);

afterEach(() => {
  vi.restoreAllMocks();
});

describe("the explainer's registry", () => {
  it("has a builder for every kind of event of the schema, and no other", () => {
    expect(Object.keys(builders).sort()).toEqual([...kinds].sort());
  });

  it("hears from every builder: each kind in a run yields that builder's sentences", () => {
    const seen = new Set(trace.steps.flatMap((s) => s.events.map((e) => e.kind)));
    expect([...seen].sort()).toEqual([...kinds].sort());
    const spies = kinds.map((kind) => [kind, vi.spyOn(builders[kind as EventKind], "build")] as const);
    for (const locale of ["en", "zh-CN"] as const) {
      const told = explainRun(trace, translator(locale));
      for (const [kind, spy] of spies) {
        const said = spy.mock.results.flatMap((r) => (r.type === "return" ? (r.value as string[]) : []));
        expect(said.length, `${kind} (${locale})`).toBeGreaterThan(0);
        // what each builder said is in the step's account, in the catalog's words
        const all = told.flatMap((s) => s.sentences).join("\n");
        for (const sentence of said) expect(all, kind).toContain(sentence);
        spy.mockClear();
      }
    }
  });

  it("tells a step's events in reading order: the call, then its parameters; the return with the object made", () => {
    const told = explainRun(trace, translator("en"));
    expect(told[2]!.sentences).toEqual(["Called f(): a new frame for it goes on top of the stack.", "Its parameters: n = 1000."]);
    expect(told[3]!.sentences[0]).toMatch(/^Made a list of 1 item on the heap \(\d+ bytes\)\./);
    expect(told[3]!.sentences[1]).toMatch(/^f\(\) returned a list of 1 item/);
    expect(told[9]!.sentences).toEqual(["ValueError on line 7: x. Nothing caught it, so the program stops here."]);
  });
});
