/**
 * Reading what a worker sent back (`openSealed`): its Trace is checked where it crosses into the
 * host, in either form; anything that is not a Trace makes the worker untrusted (undefined).
 */
import { describe, expect, it } from "vitest";
import { Trace } from "../../src/core/trace.js";
import { openSealed } from "../../src/sandbox/answers.js";
import type { RunSuccess } from "../../src/sandbox/result.js";

const runtime = { name: "CPython 3.14.2", version: "3.14.2", sizeModel: "64-bit CPython 3.14", engine: "test" };
const compact = {
  schemaVersion: 2,
  language: "python",
  runtime,
  source: "x = [300]\n",
  stdout: "",
  outcome: { status: "limit", limit: "memory", max: 256, line: 1 },
  types: { list: { shape: "sequence", mutable: true, size: 64 }, int: { shape: "scalar", mutable: false, size: 28 } },
  sites: [{ line: 1, what: "[300]", kind: "literal" }],
  objects: { o1: { type: "list", size: 72, address: "0x1", site: 0, length: 1, items: ["o2"] }, o2: { type: "int", address: "0x2", site: 0, value: "300" } },
  steps: [{ line: 1, top: 1, stack: { push: [{ name: "<module>", line: 1 }] }, events: ["o1", "o2", [0, "x", "o1"]], note: "stripped" }],
  _stats: { quickSteps: 0 },
};
const text = JSON.stringify(compact);
const fallback: RunSuccess = { ok: true, trace: Trace.parse({ ...compact, steps: [], objects: {} }) };

describe("openSealed", () => {
  it("gives the Trace that Trace.parse reads from the worker's JSON, with what the worker said about it", () => {
    const run = openSealed({ how: "result", json: text, mb: 256, memoryHit: true, cut: { keptSteps: 1, totalSteps: 9 } });
    expect(run?.trace).toStrictEqual(Trace.parse(JSON.parse(text)));
    expect(run?.stopped).toMatchObject({ by: "memory", line: 1, steps: 1 });
    expect(run?.cut).toMatchObject({ keptSteps: 1, totalSteps: 9 });
  });

  it.each([
    ["text that is not JSON", "{"],
    ["JSON that is not a Trace", "[]"],
    ["a Trace with a negative size", JSON.stringify({ ...compact, objects: { o1: { ...compact.objects.o1, size: -1 } } })],
    ["a Trace with an unknown event", JSON.stringify({ ...compact, steps: [{ top: 1, events: [{ kind: "nap" }] }] })],
  ])("answers undefined (an untrusted worker) for %s", (_, json) => {
    expect(openSealed({ how: "result", json, mb: 256 })).toBeUndefined();
  });

  it("checks a kept partial Trace, on a copy of the runtime this host keeps", () => {
    const { outcome: _, schemaVersion: _v, language: _l, runtime: _r, ...partial } = compact;
    const kept = { how: "kept" as const, runtime, maxSteps: 100, seconds: 2, fallback };
    const run = openSealed({ ...kept, json: JSON.stringify({ ...partial, limit: "time" }) });
    expect(run?.trace.outcome).toEqual({ status: "limit", limit: "time", max: 2, line: 1 });
    expect(run?.trace.steps).toHaveLength(1);
    expect(run?.trace.runtime).toEqual(runtime);
    expect(run?.trace.runtime).not.toBe(runtime);
    // what cannot be read gives way to the fallback
    expect(openSealed({ ...kept, json: JSON.stringify({ ...partial, steps: [{ top: -0.5 }] }) })).toBe(fallback);
  });
});
