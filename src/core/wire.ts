/**
 * The Trace's compact JSON: what the tracer writes, what crosses the sandbox boundary and what
 * `memsim run --json` prints. It says once what a Trace would repeat on every object and step
 * (the tracer's side is `src/runners/python/memsim_tracer/wire.py`):
 * - `types`: per type name, `{ shape, mutable, size, padding? }`; an object leaves out those equal to
 *   its type's (`padding: null`: the type's has some, this object none);
 * - `sites`: every distinct site once; an object's `site` is an index into it;
 * - an object without `createdAt` was made at the step whose `alloc` event names it (with
 *   none, at the step after the last: one the run did not finish);
 * - a reference slot `{ ref: id }` may be the bare id; an `alloc` event the bare id; a `rebind`
 *   event the array `[frame, name, to, from]` (null for an absent one, trailing nulls dropped);
 *   a `mutate` event `{ m: id, c: changes, … }`, where a change `[key, value]` sets a key to a
 *   value, both references;
 * - a step without `line` is at the previous step's `top`; without `event`, a "line" step;
 *   without `events`, one with none;
 * - a `free` event may be the id after a minus sign;
 * - a name bound to a new number may be one event `[type, frame, name, id, address, site, value,
 *   size, from]` (size null when it is the type's, from left out when there was none): the
 *   object's alloc and the rebind. Its record in `objects` is then null, or the step it was
 *   freed at: the event holds the rest.
 * A Trace written out in full is compact JSON too (nothing is left out), so both forms load.
 */
import type { Event, HeapObject, Slot, Step, Trace } from "./trace.js";

type Json = Record<string, unknown>;

const isRecord = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const own = (o: Json, key: string): unknown => (Object.hasOwn(o, key) ? o[key] : undefined);

/** A bare id as the reference slot it stands for; anything else as it is. */
function slot(v: unknown): unknown {
  return typeof v === "string" ? { ref: v } : v;
}

function slotList(list: unknown): void {
  if (!Array.isArray(list)) return;
  for (let i = 0; i < list.length; i++) if (typeof list[i] === "string") list[i] = { ref: list[i] };
}

function slotValues(map: unknown): void {
  if (!isRecord(map)) return;
  for (const key of Object.keys(map)) if (typeof map[key] === "string") map[key] = { ref: map[key] };
}

/** A site's index as the site it stands for; anything else as it is, for the schema to judge. */
function siteAt(site: unknown, sites: unknown[] | undefined): unknown {
  return typeof site === "number" && sites && Number.isInteger(site) && site >= 0 && site < sites.length ? sites[site] : site;
}

function decodeObject(o: Json, types: Json | undefined, sites: unknown[] | undefined): void {
  const base = types && typeof o.type === "string" ? own(types, o.type) : undefined;
  if (isRecord(base)) {
    if (o.shape === undefined) o.shape = base.shape;
    if (o.mutable === undefined) o.mutable = base.mutable;
    if (o.size === undefined) o.size = base.size;
    // a record's padding is its type's; null: this one has none
    if (o.padding === undefined && base.padding !== undefined) o.padding = base.padding;
  }
  if (o.padding === null) delete o.padding;
  if (typeof o.site === "number") o.site = siteAt(o.site, sites);
  slotList(o.items);
  if (Array.isArray(o.entries)) {
    for (const e of o.entries) {
      if (!isRecord(e)) continue;
      e.key = slot(e.key);
      e.value = slot(e.value);
    }
  }
  slotValues(o.attributes);
}

function decodeEvent(raw: unknown): unknown {
  if (typeof raw === "string") return raw.startsWith("-") ? { kind: "free", id: raw.slice(1) } : { kind: "alloc", id: raw };
  if (Array.isArray(raw)) {
    const [frame, name, to, from] = raw as unknown[];
    const out: Json = { kind: "rebind", frame, name };
    if (to !== undefined && to !== null) out.to = slot(to);
    if (from !== undefined && from !== null) out.from = slot(from);
    return out;
  }
  if (!isRecord(raw)) return raw;
  let ev: Json = raw;
  if (ev.kind === undefined && Object.hasOwn(ev, "m")) {
    // a mutate event `{ m: id, c: changes }`; a change `[key, value]` is a set of two references
    const { m, c, ...rest } = ev;
    const changes = Array.isArray(c) ? c.map((x: unknown) => (Array.isArray(x) ? { op: "set", key: slot(x[0]), value: slot(x[1]) } : x)) : c;
    ev = { kind: "mutate", id: m, changes, ...rest };
  }
  if (ev.kind === "rebind") {
    if (typeof ev.from === "string") ev.from = slot(ev.from);
    if (typeof ev.to === "string") ev.to = slot(ev.to);
  } else if (ev.kind === "return") {
    if (typeof ev.value === "string") ev.value = slot(ev.value);
  } else if (ev.kind === "mutate" && Array.isArray(ev.changes)) {
    for (const c of ev.changes) {
      if (!isRecord(c)) continue;
      if (typeof c.key === "string") c.key = slot(c.key);
      if (typeof c.value === "string") c.value = slot(c.value);
      slotList(c.insert);
      slotList(c.refill);
    }
  }
  return ev;
}

/**
 * A name bound to a new number, written as one event: fills in the object's record (whose
 * place in `objects` holds null, or the step it was freed at) and returns the rebind event
 * (its alloc event comes before it). Anything else: undefined.
 */
function boundNumber(raw: unknown, objects: Json, types: Json | undefined, sites: unknown[] | undefined, step: number): Json | undefined {
  if (!Array.isArray(raw) || typeof raw[0] !== "string") return undefined;
  const id: unknown = raw[3];
  if (typeof id !== "string") return undefined;
  // one lookup: an id that is no own key finds undefined or something of Object's, never null or a number
  const held: unknown = objects[id];
  if (held !== null && typeof held !== "number") return undefined;
  const type: unknown = raw[0];
  const size: unknown = raw[7];
  const from: unknown = raw[8];
  const base = types ? own(types, type as string) : undefined;
  const known = isRecord(base) ? base : undefined;
  // every field at once, in one order: one shape for every such record
  const o: Json = {
    type,
    shape: known?.shape,
    mutable: known?.mutable,
    size: size ?? known?.size,
    address: raw[4],
    createdAt: step,
    site: siteAt(raw[5], sites),
    value: raw[6],
  };
  if (typeof held === "number") o.freedAt = held;
  objects[id] = o;
  const rebind: Json = { kind: "rebind", frame: raw[1], name: raw[2], to: { ref: id } };
  if (from !== undefined && from !== null) rebind.from = slot(from);
  return rebind;
}

/**
 * Expands a Trace's compact JSON (just parsed) into the full form, in place, and returns it.
 * What it does not recognise it leaves for the schema to refuse. One pass over objects and
 * steps: linear in the text's size.
 */
export function decodeTrace(raw: unknown): unknown {
  if (!isRecord(raw)) return raw;
  const types = isRecord(raw.types) ? raw.types : undefined;
  const sites = Array.isArray(raw.sites) ? raw.sites : undefined;
  delete raw.types;
  delete raw.sites;
  const objects = isRecord(raw.objects) ? raw.objects : undefined;
  if (objects) {
    for (const id of Object.keys(objects)) {
      const o = objects[id];
      if (isRecord(o)) decodeObject(o, types, sites);
    }
  }
  if (!Array.isArray(raw.steps)) return raw;
  let top: unknown;
  for (let i = 0; i < raw.steps.length; i++) {
    const step: unknown = raw.steps[i];
    if (!isRecord(step)) continue;
    if (step.line === undefined && top !== undefined) step.line = top;
    top = step.top;
    step.event ??= "line";
    if (step.events === undefined) step.events = [];
    if (typeof step.returned === "string") step.returned = slot(step.returned);
    const push = isRecord(step.stack) && Array.isArray(step.stack.push) ? step.stack.push : [];
    for (const frame of push) if (isRecord(frame)) slotValues(frame.vars);
    if (!Array.isArray(step.events)) continue;
    const events = step.events;
    // a new array only when one event stands for two (see boundNumber)
    let out: unknown[] | undefined;
    for (let j = 0; j < events.length; j++) {
      const rebind = objects ? boundNumber(events[j], objects, types, sites, i) : undefined;
      if (rebind) {
        const alloc = { kind: "alloc", id: (rebind.to as { ref: string }).ref };
        if (!out && j === events.length - 1) {
          // the usual place, last: the step's own array takes both
          events[j] = alloc;
          events.push(rebind);
          break;
        }
        out ??= events.slice(0, j);
        out.push(alloc, rebind);
        continue;
      }
      const ev = decodeEvent(events[j]);
      if (out) out.push(ev);
      else events[j] = ev;
      if (objects && isRecord(ev) && ev.kind === "alloc" && typeof ev.id === "string") {
        const o = own(objects, ev.id);
        if (isRecord(o) && o.createdAt === undefined) o.createdAt = i;
      }
    }
    if (out) step.events = out;
  }
  if (objects) {
    for (const id of Object.keys(objects)) {
      const o = objects[id];
      if (isRecord(o) && o.createdAt === undefined) o.createdAt = raw.steps.length;
    }
  }
  return raw;
}

const compactSlot = (s: Slot | null): unknown => (s && "ref" in s && s.offset === undefined ? s.ref : s);

function compactEvent(ev: Event): unknown {
  switch (ev.kind) {
    case "alloc":
      return ev.id;
    case "rebind": {
      const row: unknown[] = [ev.frame, ev.name, ev.to ? compactSlot(ev.to) : null, ev.from ? compactSlot(ev.from) : null];
      while (row.length > 2 && row[row.length - 1] === null) row.pop();
      return row;
    }
    case "return":
      return ev.value ? { ...ev, value: compactSlot(ev.value) } : ev;
    case "mutate": {
      const { kind: _, id, changes, ...rest } = ev;
      return {
        m: id,
        ...rest,
        c: changes.map((c) => {
          if (c.op === "set" && Object.keys(c).length === 3 && typeof compactSlot(c.key) === "string" && typeof compactSlot(c.value) === "string") return [compactSlot(c.key), compactSlot(c.value)];
          if (c.op === "splice") return { ...c, insert: c.insert.map(compactSlot), ...(c.refill ? { refill: c.refill.map(compactSlot) } : {}) };
          if (c.op === "set") return { ...c, key: compactSlot(c.key), value: compactSlot(c.value) };
          if (c.op === "del") return { ...c, key: compactSlot(c.key) };
          return c.value ? { ...c, value: compactSlot(c.value) } : c;
        }),
      };
    }
    default:
      return ev;
  }
}

function compactStep(step: Step, previousTop: number | undefined): Json {
  const { line, event, events, returned, stack, ...rest } = step;
  const out: Json = {};
  if (line !== previousTop) out.line = line;
  if (event !== "line") out.event = event;
  Object.assign(out, rest);
  if (stack) {
    out.stack = stack.push
      ? { ...stack, push: stack.push.map((f) => (f.vars ? { ...f, vars: mapValues(f.vars, compactSlot) } : f)) }
      : stack;
  }
  if (returned) out.returned = compactSlot(returned);
  if (events.length) out.events = events.map(compactEvent);
  return out;
}

function mapValues<T>(map: Record<string, T>, f: (v: T) => unknown): Json {
  const out: Json = {};
  for (const key of Object.keys(map)) out[key] = f(map[key]!);
  return out;
}

/** The compact form of a Trace (as the tracer writes it): `decodeTrace` gives it back whole. */
export function encodeTrace(trace: Trace): Json {
  const types: Record<string, { shape: HeapObject["shape"]; mutable: boolean; size: number; padding?: HeapObject["padding"] }> = {};
  const paddingText = new Map<string, string>();
  const sites: HeapObject["site"][] = [];
  const siteIndex = new Map<string, number>();
  const allocAt = new Map<string, number>();
  trace.steps.forEach((step, i) => {
    for (const ev of step.events) if (ev.kind === "alloc" && !allocAt.has(ev.id)) allocAt.set(ev.id, i);
  });
  const objects: Json = {};
  for (const id of Object.keys(trace.objects)) {
    const { shape, mutable, size, site, createdAt, items, entries, attributes, padding, ...rest } = trace.objects[id]!;
    let base = types[rest.type];
    if (!base) {
      base = types[rest.type] = { shape, mutable, size };
      if (padding) {
        base.padding = padding;
        paddingText.set(rest.type, JSON.stringify(padding));
      }
    }
    const key = JSON.stringify([site.line, site.what, site.kind, site.of]);
    let at = siteIndex.get(key);
    if (at === undefined) {
      at = sites.push(site) - 1;
      siteIndex.set(key, at);
    }
    const o: Json = { type: rest.type };
    if (shape !== base.shape) o.shape = shape;
    if (mutable !== base.mutable) o.mutable = mutable;
    if (size !== base.size) o.size = size;
    if (padding ? JSON.stringify(padding) !== paddingText.get(rest.type) : base.padding !== undefined) o.padding = padding ?? null;
    Object.assign(o, rest);
    o.site = at;
    if (createdAt !== (allocAt.get(id) ?? trace.steps.length)) o.createdAt = createdAt;
    if (items) o.items = items.map(compactSlot);
    if (entries) o.entries = entries.map((e) => ({ key: compactSlot(e.key), value: compactSlot(e.value) }));
    if (attributes) o.attributes = mapValues(attributes, compactSlot);
    objects[id] = o;
  }
  let top: number | undefined;
  const steps = trace.steps.map((step) => {
    const out = compactStep(step, top);
    top = step.top;
    return out;
  });
  const { objects: _o, steps: _s, ...head } = trace;
  return { ...head, types, sites, objects, steps };
}
