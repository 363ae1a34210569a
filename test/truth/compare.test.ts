/** The comparison finds each kind of disagreement, and tolerates only what it names. */
import { describe, expect, it } from "vitest";
import { compareRuns, describe as describeDisagreement } from "./compare.js";
import type { Fact, NativeRun, RunFacts, StepFacts } from "./facts.js";

const fact = (id: string, type: string, value: string | null = null, length: number | null = null, size = 28): Fact =>
  ({ id, type, value, length, size });

function step(line: number, vars: Record<string, Fact>, event = "line"): StepFacts {
  return { line, event, frames: [{ name: "<module>", vars }] };
}

function nativeRun(steps: StepFacts[], extra: Partial<NativeRun> = {}): NativeRun {
  return { file: "p.py", version: "3.11.2", comprehensionNames: [], comprehensionLines: [], stdout: "", error: null, steps, ...extra };
}

const memsimRun = (steps: StepFacts[], extra: Partial<RunFacts> = {}): RunFacts => ({ stdout: "", error: null, steps, ...extra });

const kinds = (n: NativeRun, m: RunFacts) => compareRuns(n, m).disagreements.map((d) => d.kind);

describe("compareRuns", () => {
  it("agrees when the facts are the same up to the naming of ids", () => {
    const n = nativeRun([step(1, { a: fact("100", "list", null, 0, 56) }), step(2, { a: fact("100", "list", null, 1, 88), b: fact("100", "list", null, 1, 88) })]);
    const m = memsimRun([step(1, { a: fact("o1", "list", null, 0, 56) }), step(2, { a: fact("o1", "list", null, 1, 88), b: fact("o1", "list", null, 1, 88) })]);
    expect(compareRuns(n, m).disagreements).toEqual([]);
  });

  it("finds a wrong value, length, type and size", () => {
    const n = nativeRun([step(1, { a: fact("1", "int", "5"), s: fact("2", "str", "'ab'", 2), d: fact("3", "dict", null, 1, 184), t: fact("4", "int", "1") })]);
    const m = memsimRun([step(1, { a: fact("o1", "int", "6"), s: fact("o2", "str", "'ab'", 3), d: fact("o3", "dict", null, 1, 64), t: fact("o4", "float", "1.0") })]);
    expect(kinds(n, m)).toEqual(["value", "length", "size", "type"]);
  });

  it("finds names shared on one side only", () => {
    const n = nativeRun([step(1, { a: fact("1", "list", null, 0, 56), b: fact("1", "list", null, 0, 56) })]);
    const m = memsimRun([step(1, { a: fact("o1", "list", null, 0, 56), b: fact("o2", "list", null, 0, 56) })]);
    const d = compareRuns(n, m).disagreements;
    expect(d.map((x) => x.kind)).toEqual(["sharing"]);
    expect(describeDisagreement(d[0]!)).toBe("sharing at line 1 in <module>: b: native the object of <module>.a, memsim its own object");
  });

  it("finds a name that changed object on one side only, but not an immutable value made anew at a reused id", () => {
    const n = nativeRun([step(1, { a: fact("1", "list", null, 0, 56) }), step(2, { a: fact("1", "list", null, 1, 88) }), step(3, { a: fact("1", "str", "'x'", 1) }), step(4, { a: fact("1", "str", "'xy'", 2) })]);
    const m = memsimRun([step(1, { a: fact("o1", "list", null, 0, 56) }), step(2, { a: fact("o2", "list", null, 1, 88) }), step(3, { a: fact("o3", "str", "'x'", 1) }), step(4, { a: fact("o4", "str", "'xy'", 2) })]);
    expect(kinds(n, m)).toEqual(["identity"]);
  });

  it("finds steps only one side has, output and exceptions", () => {
    const n = nativeRun([step(1, {}), step(2, {})], { stdout: "1\n", error: { type: "KeyError", message: "'k'" } });
    const m = memsimRun([step(1, {}), step(3, {})], { stdout: "2\n", error: null });
    expect(kinds(n, m).sort()).toEqual(["exception", "stdout", "step only memsim", "step only native"]);
  });

  it("finds a caller frame of another function", () => {
    const two = (outer: string): StepFacts => ({ line: 5, event: "line", frames: [{ name: "<module>", vars: {} }, { name: outer, vars: {} }, { name: "g", vars: {} }] });
    expect(kinds(nativeRun([two("f")]), memsimRun([two("h")]))).toEqual(["frame"]);
  });

  it("tolerates the extra line steps of a comprehension 3.12+ inlines, pairing the last with the native step", () => {
    const n = nativeRun([step(1, {}), step(2, { sq: fact("9", "list", null, 2, 72) })], { comprehensionLines: [2] });
    const m = memsimRun([step(1, {}), step(2, {}), step(2, {}), step(2, { sq: fact("o9", "list", null, 2, 72) })]);
    const c = compareRuns(n, m);
    expect(c.disagreements).toEqual([]);
    expect(c.tolerated).toBe(2);
    expect(kinds({ ...n, comprehensionLines: [] }, m)).toContain("step only memsim");
  });

  it("checks that a list's size holds its items (its capacity depends on the version)", () => {
    const n = nativeRun([step(1, { a: fact("1", "list", null, 3, 120) })]);
    expect(kinds(n, memsimRun([step(1, { a: fact("o1", "list", null, 3, 88) })]))).toEqual([]);
    expect(kinds(n, memsimRun([step(1, { a: fact("o1", "list", null, 3, 64) })]))).toEqual(["size"]);
  });
});
