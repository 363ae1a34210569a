/**
 * The Trace's compact JSON (src/core/wire.ts): the tracer's text and `encodeTrace` both expand
 * to the whole Trace, a Trace written out in full still loads, and each rule of the compact
 * form reads back as it is documented.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Trace } from "../../src/core/index.js";
import { decodeTrace, encodeTrace } from "../../src/core/wire.js";
import { engine } from "../helpers.js";

const examples = join(import.meta.dirname, "..", "..", "assets", "examples");
const names = readdirSync(examples).filter((n) => n.endsWith(".py")).sort();

const runtime = { name: "CPython 3.14.2", version: "3.14.2", sizeModel: "64-bit CPython 3.14", engine: "test" };

describe("the compact Trace JSON", () => {
  it.each(names)("round-trips %s: decode(encode(x)) is x, and the full form loads as it is", async (name) => {
    const e = await engine();
    const text = e.runJson(readFileSync(join(examples, name), "utf8"));
    const whole = Trace.parse(JSON.parse(text));
    expect(whole.steps.length).toBeGreaterThan(0);
    // the tracer writes the compact form
    expect(Object.keys(JSON.parse(text) as object)).toEqual(expect.arrayContaining(["types", "sites"]));
    const encoded = JSON.stringify(encodeTrace(whole));
    expect(decodeTrace(JSON.parse(encoded))).toEqual(whole);
    expect(Trace.parse(JSON.parse(encoded))).toEqual(whole);
    expect(Trace.parse(JSON.parse(JSON.stringify(whole)))).toEqual(whole);
    expect(encoded.length).toBeLessThan(JSON.stringify(whole).length);
  });

  it("reads every rule of the compact form back", () => {
    const compact = {
      schemaVersion: 2,
      language: "python",
      runtime,
      source: "x = [300]\ndel x\n",
      stdout: "",
      outcome: { status: "finished" },
      types: { list: { shape: "sequence", mutable: true, size: 64 }, int: { shape: "scalar", mutable: false, size: 28 } },
      sites: [{ line: 1, what: "[300]", kind: "literal" }],
      objects: {
        o1: { type: "list", size: 72, address: "0x1", site: 0, length: 1, items: ["o2"] },
        o2: { type: "int", address: "0x2", site: 0, value: "300" },
        o3: { type: "int", shape: "other", address: "0x3", site: 0, createdAt: 0, origin: "cached", value: "1" },
        o4: { type: "int", address: "0x4", site: 0, value: "5" },
      },
      steps: [
        { line: 1, top: 2, stack: { push: [{ name: "<module>", line: 2 }] }, events: ["o1", "o2", [0, "x", "o1"]] },
        { event: "return", top: 2, events: [[0, "x", null, "o1"], { kind: "free", id: "o1" }] },
      ],
    };
    const t = Trace.parse(compact);
    expect(t.objects.o1).toMatchObject({ shape: "sequence", mutable: true, size: 72, createdAt: 0, site: { line: 1, what: "[300]", kind: "literal" } });
    expect(t.objects.o1!.items).toEqual([{ ref: "o2" }]);
    expect(t.objects.o2).toMatchObject({ shape: "scalar", mutable: false, size: 28, createdAt: 0 });
    // what differs from its type is kept; a given createdAt is kept
    expect(t.objects.o3).toMatchObject({ shape: "other", createdAt: 0 });
    // no alloc event: made at a step the run did not finish
    expect(t.objects.o4!.createdAt).toBe(2);
    expect(t.steps[0]!.events).toEqual([
      { kind: "alloc", id: "o1" },
      { kind: "alloc", id: "o2" },
      { kind: "rebind", frame: 0, name: "x", to: { ref: "o1" } },
    ]);
    expect(t.steps[1]).toMatchObject({ line: 2, event: "return", top: 2 });
    expect(t.steps[1]!.events[0]).toEqual({ kind: "rebind", frame: 0, name: "x", from: { ref: "o1" } });
    expect(t.steps[0]!.event).toBe("line");
    expect(JSON.parse(JSON.stringify(encodeTrace(t)))).toMatchObject({ objects: { o3: { shape: "other", createdAt: 0 } } });
  });

  it("says a record's padding once per type, and keeps an object's own", () => {
    const gap = [{ offset: 1, size: 3, after: "c", before: "i", align: 4 }];
    const record = (address: string, padding?: typeof gap) => ({
      type: "struct s", shape: "record" as const, mutable: true, size: 8, address, createdAt: 0, site: { line: 1, what: "s" }, origin: "stack" as const,
      attributes: { c: { value: "1" }, i: { value: "2" } }, ...(padding ? { padding } : {}),
    });
    const whole = Trace.parse({
      schemaVersion: 2, language: "c", runtime, source: "", stdout: "", outcome: { status: "finished" }, steps: [],
      objects: { a: record("0x1", gap), b: record("0x2", gap), c: record("0x3"), d: record("0x4", [{ offset: 5, size: 3, after: "i" }]) },
    });
    const compact = JSON.parse(JSON.stringify(encodeTrace(whole))) as { types: Record<string, { padding?: unknown }>; objects: Record<string, { padding?: unknown }> };
    expect(compact.types["struct s"]!.padding).toEqual(gap);
    expect(compact.objects.a!.padding).toBeUndefined();
    expect(compact.objects.b!.padding).toBeUndefined();
    expect(compact.objects.c!.padding).toBeNull();
    expect(compact.objects.d!.padding).toEqual([{ offset: 5, size: 3, after: "i" }]);
    expect(Trace.parse(compact)).toEqual(whole);
  });

  it("leaves what it does not recognise for the schema to refuse, touching nothing outside the Trace", () => {
    const hostile = JSON.parse(
      '{"schemaVersion":2,"language":"python","runtime":{"name":"a","version":"b","sizeModel":"c","engine":"d"},"source":"","stdout":"",' +
        '"outcome":{"status":"finished"},"types":{"__proto__":{"shape":"text","mutable":false,"size":1}},"sites":[],' +
        '"objects":{"__proto__":{"type":"__proto__","address":"0x1","site":7}},"steps":[{"top":1,"events":["__proto__","toString",[0]]}]}',
    ) as unknown;
    expect(() => Trace.parse(hostile)).toThrow();
    expect(({} as Record<string, unknown>).createdAt).toBeUndefined();
    expect(Trace.safeParse(JSON.parse('{"schemaVersion":2,"steps":[{"events":[]}]}')).success).toBe(false);
    expect(decodeTrace("not a trace")).toBe("not a trace");
  });
});
