/**
 * Seeded random damage to a Trace's JSON, for comparing two checks of it: each mutation picks
 * a spot anywhere in the tree and breaks it in one of the ways a Trace can be wrong (a key gone
 * or added, a type changed, a number out of range, an unknown enum value, an array for a record…).
 */

type Json = Record<string, unknown>;

/** mulberry32: a small seeded generator, so a failing case can be replayed from its seed */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TAGS = [
  "line", "call", "return", "exception", "alloc", "free", "temp", "rebind", "mutate", "error", "splice", "set", "del", "attr",
  "finished", "limit", "syntax-error", "sequence", "mapping", "scalar", "other", "cached", "library", "loop", "variable", "steps",
  "memory", "python", "c", "warning", "note", "nonsense",
];
const KEYS = [
  "__proto__", "constructor", "toString", "ref", "value", "offset", "kind", "op", "status", "extra", "line", "type", "size", "m", "c",
  "shape", "createdAt", "events", "vars", "key", "0", "types", "sites", "top", "event",
];
const VALUES: unknown[] = [
  null, undefined, 0, -0, 1, -1, 7, 1.5, -2.5, 2 ** 53, -(2 ** 53), 1e300, NaN, Infinity, "", "o1", "x", "12", true, false, [], {},
  ["o1"], { ref: "o1" }, { ref: "o1", offset: 8 }, { ref: "o1", offset: 1.5 }, { ref: "o1", offset: -3 }, { value: "3" }, { ref: 1 },
  { ref: "o1", value: "3" }, [0, "x", "o1"], [0, "x", null, "o1"], { m: "o1", c: [] }, { m: "o1", c: [["o1", "o2"]] }, { kind: "alloc", id: "o1" },
  { status: "finished" }, { op: "del", key: "o1" }, { line: 1, what: "x" }, { a: "o1" }, { a: null },
];

const pick = <T>(rnd: () => number, list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
/** an own property, even `__proto__` (as JSON.parse makes it) */
const put = (o: Json, key: string, v: unknown) => Object.defineProperty(o, key, { value: v, enumerable: true, writable: true, configurable: true });

interface Spot {
  parent: Json | unknown[];
  key: string | number;
  path: string;
}

function spots(root: unknown): Spot[] {
  const out: Spot[] = [];
  const walk = (v: unknown, path: string) => {
    if (Array.isArray(v)) {
      v.forEach((x, i) => {
        out.push({ parent: v, key: i, path: `${path}[${i}]` });
        walk(x, `${path}[${i}]`);
      });
    } else if (isObject(v)) {
      for (const k of Object.keys(v)) {
        out.push({ parent: v, key: k, path: `${path}.${k}` });
        walk(v[k], `${path}.${k}`);
      }
    }
  };
  walk(root, "");
  return out;
}

const get = (s: Spot): unknown => (s.parent as Record<string | number, unknown>)[s.key];
const set = (s: Spot, v: unknown) => (Array.isArray(s.parent) ? (s.parent[s.key as number] = v) : put(s.parent, s.key as string, v));

/** A value made from another: what a careless or hostile writer might put in its place. */
function damaged(rnd: () => number, v: unknown, all: Spot[]): unknown {
  const r = rnd();
  if (typeof v === "number" && r < 0.5) return pick(rnd, [-v - 1, v + 0.5, String(v), v * 2 ** 53, -v]);
  if (typeof v === "string" && r < 0.4) return pick(rnd, [...TAGS, "", 3]);
  if (Array.isArray(v) && r < 0.3) return pick(rnd, [{ ...v }, v.slice(1), [...v, structuredClone(pick(rnd, VALUES))]]);
  if (isObject(v) && r < 0.3) return Object.values(v);
  if (r < 0.75) return structuredClone(pick(rnd, VALUES));
  // a value from elsewhere in the same Trace: the right kind of thing in the wrong place
  return structuredClone(get(pick(rnd, all)));
}

/** Breaks `root` in place, 1 to 3 times; says what it did. */
export function mutate(root: Json, rnd: () => number): string[] {
  const done: string[] = [];
  const times = 1 + Math.floor(rnd() * 3);
  for (let n = 0; n < times; n++) {
    const all = spots(root);
    if (!all.length) break;
    const s = pick(rnd, all);
    const v = get(s);
    const r = rnd();
    if (isObject(v) && r < 0.3) {
      const keys = Object.keys(v);
      if (keys.length && rnd() < 0.5) {
        const k = pick(rnd, keys);
        delete v[k];
        done.push(`delete ${s.path}.${k}`);
      } else {
        const k = pick(rnd, KEYS);
        put(v, k, structuredClone(pick(rnd, VALUES)));
        done.push(`add ${s.path}.${k}`);
      }
    } else if (r < 0.4) {
      if (Array.isArray(s.parent)) s.parent.splice(s.key as number, 1);
      else delete s.parent[s.key as string];
      done.push(`remove ${s.path}`);
    } else {
      const x = damaged(rnd, v, all);
      set(s, x);
      done.push(`${s.path} = ${typeof x === "number" ? String(x) : JSON.stringify(x)?.slice(0, 60)}`);
    }
  }
  return done;
}

/** Record-like keys (ids, names) whose value's place in the schema does not depend on them. */
const RECORDS = new Set(["objects", "vars", "attributes", "cells", "params", "heapSummary", "types"]);

/** Every place in `root` by where it sits in the schema (indices and record keys left out), first one each. */
export function places(root: unknown): Map<string, (string | number)[]> {
  const out = new Map<string, (string | number)[]>();
  const walk = (v: unknown, path: (string | number)[], pattern: string) => {
    if (!out.has(pattern)) out.set(pattern, path);
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i], `${pattern}[]`));
    else if (isObject(v)) {
      const record = RECORDS.has(String(path[path.length - 1]));
      // a variant of a discriminated union is a place of its own
      const tag = v.kind ?? v.op ?? v.status;
      const here = typeof tag === "string" ? `${pattern}<${tag}>` : pattern;
      for (const k of Object.keys(v)) walk(v[k], [...path, k], `${here}.${record ? "*" : k}`);
    }
  };
  walk(root, [], "");
  return out;
}

/** Each way `places` breaks the value at `path` of `root` (a fresh copy each), named. */
export function breakages(root: Json, path: (string | number)[]): [string, Json][] {
  const out: [string, Json][] = [];
  const at = (copy: Json): Spot | undefined => {
    let parent: unknown = copy;
    for (const k of path.slice(0, -1)) parent = (parent as Record<string | number, unknown>)[k];
    return path.length ? { parent: parent as Json, key: path[path.length - 1]!, path: path.join(".") } : undefined;
  };
  const variant = (name: string, change: (s: Spot | undefined, copy: Json) => void) => {
    const copy = structuredClone(root);
    change(at(copy), copy);
    out.push([`${path.join(".")}: ${name}`, copy]);
  };
  const v = path.length ? get(at(root)!) : root;
  for (const x of [...VALUES, ...TAGS]) variant(`= ${typeof x === "number" ? String(x) : JSON.stringify(x)}`, (s) => s && set(s, structuredClone(x)));
  if (typeof v === "number") for (const x of [-v - 1, v + 0.5, String(v)]) variant(`= ${JSON.stringify(x)}`, (s) => s && set(s, x));
  variant("removed", (s) => s && (Array.isArray(s.parent) ? s.parent.splice(s.key as number, 1) : delete s.parent[s.key as string]));
  if (isObject(v)) for (const k of KEYS) variant(`+ ${k}`, (s, copy) => put((s ? get(s) : copy) as Json, k, 1));
  if (Array.isArray(v)) variant("as an object", (s) => s && set(s, { ...v }));
  return out;
}

/** Each kind of outcome, with all its optional fields. */
export const OUTCOMES = [
  {
    status: "error", type: "ValueError", message: "bad", line: 1, noInput: false, recursion: true, max: 1000, runtimeLimit: false, unsupported: "x",
    fault: {
      problem: "out-of-bounds", access: "write", size: 4, address: "0x10",
      near: { kind: "heap", size: 16, where: "after", distance: 0, name: "a", line: 3, freed: true, freedLine: 4 },
    },
  },
  { status: "syntax-error", type: "SyntaxError", message: "bad", line: 1, column: 2, endColumn: 3, text: "x = (" },
  { status: "limit", limit: "steps", max: 1.5, line: 1, preparing: true },
  { status: "finished" },
];

/** A small Trace (full form) with every optional field of the schema set, so each has a place to break. */
export function everyField(outcome: Json = OUTCOMES[0]!): Json {
  const ref = { ref: "o1" };
  return {
    schemaVersion: 2,
    language: "python",
    runtime: { name: "CPython 3.14.2", version: "3.14.2", sizeModel: "64-bit CPython 3.14", engine: "test" },
    source: "x = [1]\n",
    objects: {
      o1: {
        type: "list", shape: "sequence", mutable: true, holds: "variable", size: 64, address: "0x1", createdAt: 0, madeAt: 0, freedAt: 1,
        site: { line: 1, what: "[1]", kind: "slice", of: "o2" }, origin: "library", value: "[1]", length: 1, items: [ref, null],
        entries: [{ key: ref, value: { value: "2" } }, { key: null, value: null }], padding: [{ offset: 1, size: 3, after: "a", before: "b", align: 4 }], attributes: { a: { ref: "o1", offset: 8 }, b: null },
        heldBy: "loop", name: "f", cls: "C",
      },
    },
    steps: [
      {
        line: 1, event: "call", top: 2,
        stack: { pop: 1, push: [{ name: "<module>", line: 1, vars: { x: ref }, cells: { y: "o1" } }] },
        returned: { value: "None" },
        events: [
          { kind: "alloc", id: "o1" },
          { kind: "free", id: "o1" },
          { kind: "temp", type: "int", size: 28, count: 1, line: 1, what: "1", site: "literal", address: "0x2", value: "1", of: "o1", callee: "f", live: true, length: 0 },
          { kind: "rebind", frame: 0, name: "x", from: ref, to: ref },
          {
            kind: "mutate", id: "o1", size: 72, length: 2, duringLoop: 1, value: "[1, 1]", inPlace: true,
            changes: [
              { op: "splice", at: 0, remove: 0, insert: [ref], insertCount: 1, refill: [ref] },
              { op: "set", key: { value: "0" }, value: ref },
              { op: "del", key: ref },
              { op: "attr", name: "a", value: ref },
            ],
          },
          { kind: "call", name: "f", frame: 1, resumed: true, classBody: false, params: ["a"] },
          { kind: "return", name: "f", value: ref, yielded: true, finished: false, raised: false, classBody: false },
          { kind: "error", type: "ValueError", message: "bad", line: 1 },
        ],
        unlisted: [{ type: "int", in: "o1", made: 1, madeBytes: 28, freed: 0, freedBytes: 0, resized: -8, shown: 1, shownBytes: 28 }],
        raised: { type: "ValueError", message: "bad", here: true },
      },
    ],
    stdout: "",
    stdoutTruncated: false,
    stderrParts: [{ start: 0, end: 0 }],
    outcome,
    diagnostics: [{ code: "leak", severity: "warning", line: 1, column: 0, params: { n: 1, s: "x", b: true } }],
    heapSummary: { blocks: 1 },
    display: { text: "[1]", ref: "o1" },
  };
}
