/**
 * A Trace checked by hand where it crosses a trust boundary: accepts exactly what `Trace.parse`
 * (./trace.ts, the documented contract) accepts and gives back a deep-equal value, at a fraction
 * of its cost. It works on freshly parsed JSON in place: it expands the compact form
 * (./wire.ts), then walks it once, deleting the keys the schema would strip, and allocates only
 * when it refuses. A refusal is thrown as the `ZodError` that `Trace.parse` throws, with the
 * first problem found (its path, and zod's own wording).
 */
import { z } from "zod";
import { SCHEMA_VERSION, type Trace } from "./trace.js";
import { decodeTrace } from "./wire.js";

type Json = Record<string, unknown>;
/** what was wrong and where, built only on the way out of a refusal */
interface Problem {
  code: string;
  path: (string | number)[];
  input?: unknown;
  [detail: string]: unknown;
}
type Check = (v: unknown) => Problem | undefined;
interface Field {
  key: string;
  check: Check;
  optional: boolean;
}
interface Shape {
  fields: Field[];
  keys: Set<string>;
  /** refuse unknown keys instead of stripping them (`.strict()`) */
  strict: boolean;
}

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const problem = (code: string, input: unknown, detail: Record<string, unknown> = {}): Problem => ({ code, path: [], input, ...detail });
const expected = (what: string, input: unknown): Problem => problem("invalid_type", input, { expected: what });
/** a problem found under `key`: its path gains the key in front */
function under(p: Problem, key: string | number): Problem {
  p.path.unshift(key);
  return p;
}

const text: Check = (v) => (typeof v === "string" ? undefined : expected("string", v));
const bool: Check = (v) => (typeof v === "boolean" ? undefined : expected("boolean", v));
const num: Check = (v) => (typeof v === "number" && Number.isFinite(v) ? undefined : expected("number", v));

const SAFE = "Integers must be within the safe integer range."; // operator-facing: zod's own note

/** `z.number().int()`, then at least `min` (inclusive or not): zod's checks, in zod's order */
function intAtLeast(min: number | undefined, inclusive: boolean): Check {
  return (v) => {
    if (typeof v === "number" && Number.isSafeInteger(v) && (min === undefined || (inclusive ? v >= min : v > min))) return undefined;
    if (typeof v !== "number" || !Number.isFinite(v)) return expected("number", v);
    if (!Number.isInteger(v)) return problem("invalid_type", v, { expected: "int", format: "safeint" });
    if (!Number.isSafeInteger(v)) {
      return v > 0
        ? problem("too_big", v, { origin: "int", maximum: Number.MAX_SAFE_INTEGER, inclusive: true, note: SAFE })
        : problem("too_small", v, { origin: "int", minimum: Number.MIN_SAFE_INTEGER, inclusive: true, note: SAFE });
    }
    return problem("too_small", v, { origin: "number", minimum: min, inclusive });
  };
}
const integer = intAtLeast(undefined, true);
const count = intAtLeast(0, true);
const positive = intAtLeast(0, false);

function oneOf(values: readonly unknown[]): Check {
  const set = new Set(values);
  return (v) => (set.has(v) ? undefined : problem("invalid_value", v, { values: [...values] }));
}
const nullable =
  (check: Check): Check =>
  (v) =>
    v === null ? undefined : check(v);

function array(item: Check): Check {
  return (v) => {
    if (!Array.isArray(v)) return expected("array", v);
    for (let i = 0; i < v.length; i++) {
      const p = item(v[i]);
      if (p) return under(p, i);
    }
    return undefined;
  };
}

/** `z.record(z.string(), value)`: a key `__proto__` is dropped unread, as zod drops it */
function record(value: Check): Check {
  return (v) => {
    if (!isObject(v)) return expected("record", v);
    // own keys only, as zod reads a record (and quicker than for-in over the many ids of `objects`)
    const keys = Object.keys(v);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      if (key === "__proto__") {
        delete v[key];
        continue;
      }
      const p = value(v[key]);
      if (p) return under(p, key);
    }
    return undefined;
  };
}

/** a key the object may leave out (a key given `undefined` is kept, as zod keeps it) */
interface Optional {
  optional: Check;
}
const opt = (check: Check): Optional => ({ optional: check });
/** an object's keys, in the schema's order, each with its check */
type Spec = Record<string, Check | Optional>;
function shape(spec: Spec, strict = false): Shape {
  const fields = Object.entries(spec).map(([key, c]) => (typeof c === "function" ? { key, check: c, optional: false } : { key, check: c.optional, optional: true }));
  return { fields, keys: new Set(fields.map((f) => f.key)), strict };
}

function checkObject(s: Shape, v: unknown): Problem | undefined {
  if (!isObject(v)) return expected("object", v);
  const fields = s.fields;
  let present = 0;
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i]!;
    const x = v[f.key];
    if (x === undefined) {
      // absent or present with no value: an optional key passes (and a present one is kept, as
      // zod keeps it: it is told from an unknown key below, only when the counts differ)
      if (f.optional) continue;
      return under(f.check(undefined) ?? problem("invalid_type", undefined, { expected: "nonoptional" }), f.key);
    }
    present++;
    const p = f.check(x);
    if (p) return under(p, f.key);
  }
  let keys = 0;
  for (const _ in v) keys++;
  if (keys === present) return undefined;
  if (s.strict) {
    const unknown: string[] = [];
    for (const key in v) if (!s.keys.has(key)) unknown.push(key);
    return unknown.length ? problem("unrecognized_keys", v, { keys: unknown }) : undefined;
  }
  for (const key in v) if (!s.keys.has(key)) delete v[key];
  return undefined;
}
function object(spec: Spec): Check {
  const s = shape(spec);
  return (v) => checkObject(s, v);
}

/** `z.discriminatedUnion(key, options)`: the option is chosen by the value under `key` */
function tagged(key: string, options: Spec[]): Check {
  const byTag = new Map<unknown, Shape>();
  for (const spec of options) byTag.set((spec[key] as Check & { tag: unknown }).tag, shape(spec));
  const tags = [...byTag.keys()];
  return (v) => {
    if (!isObject(v)) return expected("object", v);
    const s = byTag.get(v[key]);
    if (!s) return problem("invalid_union", v, { errors: [], note: "No matching discriminator", discriminator: key, options: tags, path: [key] });
    return checkObject(s, v);
  };
}
function literal(value: string | number | boolean): Check & { tag: unknown } {
  const check = ((v: unknown) => (v === value ? undefined : problem("invalid_value", v, { values: [value] }))) as Check & { tag: unknown };
  check.tag = value;
  return check;
}

const REF = shape({ ref: text, offset: opt(integer) }, true);
const VALUE = shape({ value: text, uninit: opt(literal(true)) }, true);
/** zod's union answer when no option fits: the one option that failed softly, else all */
const soft = (p: Problem) => p.code === "unrecognized_keys" || p.code === "too_big" || p.code === "too_small";
/** each option in turn, as `z.union` tries them (the quick path below only shortens this) */
function slotProblem(v: unknown): Problem | undefined {
  const a = checkObject(REF, v);
  if (!a) return undefined;
  const b = checkObject(VALUE, v);
  if (!b) return undefined;
  if (soft(a) !== soft(b)) return soft(a) ? a : b;
  return problem("invalid_union", v, { errors: [[a], [b]] });
}
/** `Slot`: `{ ref, offset? }` or `{ value }`, nothing else; the common cases without a loop over fields */
const slot: Check = (v) => {
  if (isObject(v)) {
    let keys = 0;
    for (const _ in v) keys++;
    if (typeof v.ref === "string") {
      const offset = v.offset;
      if (offset === undefined ? keys === 1 || (keys === 2 && "offset" in v) : keys === 2 && Number.isSafeInteger(offset)) return undefined;
    } else if (typeof v.value === "string" && (keys === 1 || (keys === 2 && v.uninit === true))) return undefined;
  }
  return slotProblem(v);
};
const slotOrNull = nullable(slot);

const site = object({ line: integer, what: text, kind: opt(text), of: opt(text) });
const SHAPES = ["sequence", "mapping", "set", "scalar", "text", "record", "instance", "function", "class", "generator", "module", "block", "other"];
const heapObject = object({
  type: text,
  shape: oneOf(SHAPES),
  mutable: bool,
  holds: opt(oneOf(["variable"])),
  size: count,
  address: text,
  createdAt: count,
  madeAt: opt(count),
  freedAt: opt(count),
  usable: opt(count),
  partOf: opt(text),
  site,
  origin: opt(oneOf(["cached", "static", "constant", "interned", "library", "earlier", "stack"])),
  value: opt(text),
  length: opt(count),
  items: opt(array(slotOrNull)),
  entries: opt(array(object({ key: slotOrNull, value: slotOrNull }))),
  padding: opt(array(object({ offset: count, size: positive, after: opt(text), before: opt(text), align: opt(positive) }))),
  attributes: opt(record(slotOrNull)),
  heldBy: opt(oneOf(["loop"])),
  name: opt(text),
  cls: opt(text),
});

const change = tagged("op", [
  { op: literal("splice"), at: integer, remove: integer, insert: array(slot), insertCount: opt(integer), refill: opt(array(slot)) },
  { op: literal("set"), key: slot, value: slot },
  { op: literal("del"), key: slot },
  { op: literal("attr"), name: text, value: opt(slot) },
]);
const event = tagged("kind", [
  { kind: literal("alloc"), id: text },
  { kind: literal("free"), id: text },
  {
    kind: literal("temp"), type: text, size: integer, count: integer, line: integer, what: text, site: text, address: text,
    value: opt(text), of: opt(text), callee: opt(text), live: opt(bool), length: opt(integer),
  },
  { kind: literal("rebind"), frame: integer, name: text, from: opt(slot), to: opt(slot) },
  {
    kind: literal("mutate"), id: text, changes: array(change), size: opt(integer), length: opt(integer), duringLoop: opt(integer),
    value: opt(text), inPlace: opt(bool),
  },
  { kind: literal("call"), name: text, frame: integer, resumed: opt(bool), classBody: opt(bool), params: opt(array(text)) },
  {
    kind: literal("return"), name: text, value: opt(slot), yielded: opt(bool), finished: opt(bool), raised: opt(bool),
    classBody: opt(bool),
  },
  { kind: literal("error"), type: text, message: text, line: integer },
]);
const unlisted = object({
  type: text, in: opt(text), made: opt(count), madeBytes: opt(count), freed: opt(count), freedBytes: opt(count),
  resized: opt(integer), shown: opt(count), shownBytes: opt(count),
});
const pushedFrame = object({ name: text, line: integer, vars: opt(record(slot)), cells: opt(record(text)), address: opt(text) });
const step = object({
  line: integer,
  event: oneOf(["line", "call", "return", "exception"]),
  top: integer,
  stack: opt(object({ pop: opt(positive), push: opt(array(pushedFrame)) })),
  returned: opt(slot),
  events: array(event),
  unlisted: opt(array(unlisted)),
  raised: opt(object({ type: text, message: text, here: bool })),
  stdout: opt(text),
});
const fault = object({
  problem: oneOf(["null", "unmapped", "read-only", "freed", "out-of-bounds", "dead-frame", "stack-overflow", "double-free", "not-heap", "not-block-start"]),
  access: oneOf(["read", "write", "free"]),
  size: count,
  address: text,
  near: opt(
    object({
      kind: oneOf(["heap", "stack", "global", "literal"]),
      size: count,
      where: oneOf(["inside", "before", "after"]),
      distance: count,
      name: opt(text),
      line: opt(integer),
      freed: opt(bool),
      freedLine: opt(integer),
    }),
  ),
});
const outcome = tagged("status", [
  { status: literal("finished"), exitStatus: opt(integer) },
  {
    status: literal("error"), type: text, message: text, line: integer, noInput: opt(bool), recursion: opt(bool),
    max: opt(integer), runtimeLimit: opt(bool), unsupported: opt(text), fault: opt(fault),
  },
  { status: literal("syntax-error"), type: text, message: text, line: integer, column: integer, endColumn: opt(integer), text },
  { status: literal("limit"), limit: oneOf(["steps", "time", "memory", "output"]), max: num, line: opt(integer), preparing: opt(bool) },
]);
const paramValue: Check = (v) =>
  typeof v === "string" || typeof v === "boolean" || (typeof v === "number" && Number.isFinite(v))
    ? undefined
    : problem("invalid_union", v, { errors: [[expected("string", v)], [expected("number", v)], [expected("boolean", v)]] });
const diagnostic = object({
  code: text, severity: oneOf(["error", "warning", "note"]), line: opt(integer), column: opt(integer), params: opt(record(paramValue)),
});
const traceFields = object({
  schemaVersion: literal(SCHEMA_VERSION),
  language: oneOf(["python", "c"]),
  runtime: object({ name: text, version: text, sizeModel: text, engine: text }),
  source: text,
  objects: record(heapObject),
  steps: array(step),
  stdout: text,
  stdoutTruncated: opt(bool),
  stderrParts: opt(array(object({ start: count, end: count }))),
  outcome,
  diagnostics: opt(array(diagnostic)),
  heapSummary: opt(record(num)),
  display: opt(object({ text, ref: opt(text) })),
});

/** A problem as zod words its issues (its locale, its fields; the input left out). */
function issueOf(p: Problem): z.core.$ZodIssue {
  const localeError = z.config().localeError;
  const said = localeError?.(p as never);
  const message = (typeof said === "string" ? said : said?.message) ?? "Invalid input"; // operator-facing: zod's default
  const { input: _, ...rest } = p;
  if (Array.isArray(rest.errors)) rest.errors = (rest.errors as Problem[][]).map((list) => list.map(issueOf));
  return { ...rest, message } as z.core.$ZodIssue;
}

export type TraceCheck = { success: true; data: Trace } | { success: false; error: z.ZodError };

/** `Trace.safeParse`, by hand: `raw` (freshly parsed JSON, in either form) is decoded and stripped in place. */
export function safeCheckTrace(raw: unknown): TraceCheck {
  const decoded = decodeTrace(raw);
  const p = traceFields(decoded);
  if (p) return { success: false, error: new z.ZodError([issueOf(p)]) };
  return { success: true, data: decoded as Trace };
}

/** `Trace.parse`, by hand: the Trace, or the `ZodError` that says where it is not one. */
export function checkTrace(raw: unknown): Trace {
  const r = safeCheckTrace(raw);
  if (!r.success) throw r.error;
  return r.data;
}
