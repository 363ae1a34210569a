/**
 * The explainer and the renderer read what an object is from its shape, mutability and role,
 * whatever its type is called: objects of types no language has still read as what they are.
 */
import { describe, expect, it } from "vitest";
import { stateAt } from "../../src/core/state.js";
import { Trace, type HeapObject } from "../../src/core/trace.js";
import { describeObject, explainRun } from "../../src/explain/index.js";
import { translator } from "../../src/i18n/index.js";
import { bodyOf } from "../../src/render/contents.js";

const en = translator("en");
const base = { size: 40, address: "0x10", createdAt: 0, site: { line: 1, what: "x" } };
const object = (o: Partial<HeapObject> & Pick<HeapObject, "type" | "shape" | "mutable">): HeapObject => ({ ...base, ...o });

describe("reading objects by shape", () => {
  it("tells named objects by their shape or role, not their type's name", () => {
    expect(describeObject(en, object({ type: "proc", shape: "function", mutable: true, name: "go" }))).toBe("the function go");
    expect(describeObject(en, object({ type: "meta", shape: "class", mutable: true, name: "Point" }))).toBe("the class Point");
    expect(describeObject(en, object({ type: "slot", shape: "record", mutable: true, holds: "variable", name: "n" }))).toBe("the cell for n");
    expect(describeObject(en, object({ type: "vec", shape: "sequence", mutable: true, items: [{ value: "1" }, { value: "2" }] }))).toBe("a vec of 2 items");
    expect(describeObject(en, object({ type: "rope", shape: "text", mutable: false, value: "'hi'" }))).toBe("the rope 'hi'");
  });

  it("draws a set's items without indices and a sequence's with them", () => {
    const slot = () => ({ kind: "none" as const });
    const live = (shape: HeapObject["shape"]) => ({ id: "o1", base: object({ type: "bag", shape, mutable: true }), size: 40, items: [{ value: "1" }], length: 1 });
    expect(bodyOf(live("set"), slot, new Set(), en)).toMatchObject({ kind: "cells", indexed: false });
    expect(bodyOf(live("sequence"), slot, new Set(), en)).toMatchObject({ kind: "cells", indexed: true });
  });

  it("says a join of text that never changes builds a fresh text, whatever the text type is called", () => {
    const trace = Trace.parse({
      schemaVersion: 2,
      language: "python",
      runtime: { name: "test", version: "1", sizeModel: "test", engine: "test" },
      source: "s = a + b\n",
      objects: { o1: { ...base, type: "rope", shape: "text", mutable: false, value: "'ab'", site: { line: 1, what: "a + b", kind: "concat" } } },
      steps: [{ line: 1, event: "line", top: 1, stack: { push: [{ name: "<module>", line: 1 }] }, events: [{ kind: "alloc", id: "o1" }, { kind: "rebind", frame: 0, name: "s", to: { ref: "o1" } }] }],
      stdout: "",
      outcome: { status: "finished" },
    });
    expect(stateAt(trace, 0).allocated.has("o1")).toBe(true);
    expect(explainRun(trace, en)[0]!.sentences[0]).toBe(
      "s now refers to a new string 'ab' (40 bytes), joined from the pieces. Strings never change, so joining text always builds a fresh one.",
    );
  });
});
