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

const str: Check = (v) => (typeof v === "string" ? undefined : expected("string", v));
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
const int = intAtLeast(undefined, true);
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
    for (const key in v) {
      // own keys only, as zod reads a record
      if (!Object.hasOwn(v, key)) continue;
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

/** `[key, check]`, or `[key, check, "?"]` for an optional key */
type FieldSpec = [string, Check] | [string, Check, "?"];
function shape(specs: FieldSpec[], strict = false): Shape {
  const fields = specs.map(([key, check, opt]) => ({ key, check, optional: opt === "?" }));
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
function object(specs: FieldSpec[]): Check {
  const s = shape(specs);
  return (v) => checkObject(s, v);
}

/** `z.discriminatedUnion(key, options)`: the option is chosen by the value under `key` */
function tagged(key: string, options: FieldSpec[][]): Check {
  const byTag = new Map<unknown, Shape>();
  for (const specs of options) {
    const tag = specs.find(([k]) => k === key)![1] as Check & { tag?: unknown };
    byTag.set(tag.tag, shape(specs));
  }
  const tags = [...byTag.keys()];
  return (v) => {
    if (!isObject(v)) return expected("object", v);
    const s = byTag.get(v[key]);
    if (!s) return problem("invalid_union", v, { errors: [], note: "No matching discriminator", discriminator: key, options: tags, path: [key] });
    return checkObject(s, v);
  };
}
function literal(value: string | number): Check & { tag: unknown } {
  const check = ((v: unknown) => (v === value ? undefined : problem("invalid_value", v, { values: [value] }))) as Check & { tag: unknown };
  check.tag = value;
  return check;
}

const REF = shape([["ref", str], ["offset", int, "?"]], true);
const VALUE = shape([["value", str]], true);
/** zod's union answer when no option fits: the one option that failed softly, else all */
const soft = (p: Problem) => p.code === "unrecognized_keys" || p.code === "too_big" || p.code === "too_small";
function slotProblem(v: unknown): Problem {
  const a = checkObject(REF, v)!;
  const b = checkObject(VALUE, v)!;
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
    } else if (typeof v.value === "string" && keys === 1) return undefined;
  }
  return slotProblem(v);
};
const slotOrNull = nullable(slot);

const site = object([["line", int], ["what", str], ["kind", str, "?"], ["of", str, "?"]]);
const SHAPES = ["sequence", "mapping", "set", "scalar", "text", "record", "instance", "function", "class", "generator", "module", "block", "other"];
const heapObject = object([
  ["type", str],
  ["shape", oneOf(SHAPES)],
  ["mutable", bool],
  ["holds", oneOf(["variable"]), "?"],
  ["size", count],
  ["address", str],
  ["createdAt", count],
  ["madeAt", count, "?"],
  ["freedAt", count, "?"],
  ["site", site],
  ["origin", oneOf(["cached", "static", "constant", "interned", "library", "earlier"]), "?"],
  ["value", str, "?"],
  ["length", count, "?"],
  ["items", array(slotOrNull), "?"],
  ["entries", array(object([["key", slotOrNull], ["value", slotOrNull]])), "?"],
  ["attributes", record(slotOrNull), "?"],
  ["heldBy", oneOf(["loop"]), "?"],
  ["name", str, "?"],
  ["cls", str, "?"],
]);

const change = tagged("op", [
  [["op", literal("splice")], ["at", int], ["remove", int], ["insert", array(slot)], ["insertCount", int, "?"], ["refill", array(slot), "?"]],
  [["op", literal("set")], ["key", slot], ["value", slot]],
  [["op", literal("del")], ["key", slot]],
  [["op", literal("attr")], ["name", str], ["value", slot, "?"]],
]);
const event = tagged("kind", [
  [["kind", literal("alloc")], ["id", str]],
  [["kind", literal("free")], ["id", str]],
  [
    ["kind", literal("temp")], ["type", str], ["size", int], ["count", int], ["line", int], ["what", str], ["site", str], ["address", str],
    ["value", str, "?"], ["of", str, "?"], ["callee", str, "?"], ["live", bool, "?"], ["length", int, "?"],
  ],
  [["kind", literal("rebind")], ["frame", int], ["name", str], ["from", slot, "?"], ["to", slot, "?"]],
  [
    ["kind", literal("mutate")], ["id", str], ["changes", array(change)], ["size", int, "?"], ["length", int, "?"], ["duringLoop", int, "?"],
    ["value", str, "?"], ["inPlace", bool, "?"],
  ],
  [["kind", literal("call")], ["name", str], ["frame", int], ["resumed", bool, "?"], ["classBody", bool, "?"], ["params", array(str), "?"]],
  [
    ["kind", literal("return")], ["name", str], ["value", slot, "?"], ["yielded", bool, "?"], ["finished", bool, "?"], ["raised", bool, "?"],
    ["classBody", bool, "?"],
  ],
  [["kind", literal("error")], ["type", str], ["message", str], ["line", int]],
]);
const unlisted = object([
  ["type", str], ["in", str, "?"], ["made", count, "?"], ["madeBytes", count, "?"], ["freed", count, "?"], ["freedBytes", count, "?"],
  ["resized", int, "?"], ["shown", count, "?"], ["shownBytes", count, "?"],
]);
const pushedFrame = object([["name", str], ["line", int], ["vars", record(slot), "?"], ["cells", record(str), "?"]]);
const step = object([
  ["line", int],
  ["event", oneOf(["line", "call", "return", "exception"])],
  ["top", int],
  ["stack", object([["pop", positive, "?"], ["push", array(pushedFrame), "?"]]), "?"],
  ["returned", slot, "?"],
  ["events", array(event)],
  ["unlisted", array(unlisted), "?"],
  ["raised", object([["type", str], ["message", str], ["here", bool]]), "?"],
]);
const outcome = tagged("status", [
  [["status", literal("finished")]],
  [
    ["status", literal("error")], ["type", str], ["message", str], ["line", int], ["noInput", bool, "?"], ["recursion", bool, "?"],
    ["max", int, "?"], ["runtimeLimit", bool, "?"], ["unsupported", str, "?"],
  ],
  [["status", literal("syntax-error")], ["type", str], ["message", str], ["line", int], ["column", int], ["endColumn", int, "?"], ["text", str]],
  [["status", literal("limit")], ["limit", oneOf(["steps", "time", "memory", "output"])], ["max", num], ["line", int, "?"], ["preparing", bool, "?"]],
]);
const paramValue: Check = (v) =>
  typeof v === "string" || typeof v === "boolean" || (typeof v === "number" && Number.isFinite(v))
    ? undefined
    : problem("invalid_union", v, { errors: [[expected("string", v)], [expected("number", v)], [expected("boolean", v)]] });
const diagnostic = object([
  ["code", str], ["severity", oneOf(["error", "warning", "note"])], ["line", int, "?"], ["column", int, "?"], ["params", record(paramValue), "?"],
]);
const traceFields = object([
  ["schemaVersion", literal(SCHEMA_VERSION)],
  ["language", oneOf(["python", "c"])],
  ["runtime", object([["name", str], ["version", str], ["sizeModel", str], ["engine", str]])],
  ["source", str],
  ["objects", record(heapObject)],
  ["steps", array(step)],
  ["stdout", str],
  ["stdoutTruncated", bool, "?"],
  ["outcome", outcome],
  ["diagnostics", array(diagnostic), "?"],
  ["heapSummary", record(num), "?"],
]);

/** A problem as zod words its issues (its locale, its fields; the input left out). */
function issueOf(p: Problem): z.core.$ZodIssue {
  const localeError = z.config().localeError;
  const said = localeError?.(p as never);
  const message = (typeof said === "string" ? said : said?.message) ?? "Invalid input";
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
