/**
 * What one step's diagram shows, decided before anything is placed: which frames and
 * objects, which values are written inline, what this step made, changed and freed, and
 * what was left out of a big heap. Reads only the Trace and its replayed state.
 */
import type { LiveObject, MemoryState } from "../core/state.js";
import type { HeapObject, Language, Slot, Trace } from "../core/trace.js";
import type { Translator } from "../i18n/index.js";
import { bodyOf, childSlots, isClass, slotKey, truncate, type Members } from "./contents.js";
import { classBodyFrames } from "./frames.js";
import { heldAt, unrecorded } from "./held.js";
import { LIMITS, type ResolvedOptions } from "./options.js";
import type { ObjectState } from "./types.js";

/** Where each language keeps the tags of objects its runtime made or shares (a cache, a
 * constant, its library): `render.<language>.origin.…` in the catalog. */
const ORIGIN_TAGS: Record<Language, string> = { python: "render.python.origin", c: "render.c.origin" };

/** What holds a live object no name reaches: in Python a running loop or call; in C nothing
 * does, and a heap block no pointer reaches is leaked. */
const UNNAMED_LABELS: Record<Language, string> = { python: "render.heap.unnamed", c: "render.c.heap.leaked" };

/** Where a language's global variables are drawn apart from the heap (Python's live in the global frame). */
const GLOBALS_LABELS: Record<Language, string | undefined> = { python: undefined, c: "render.c.heap.globals" };

// per Trace: the first step at which any object the program made was alive
const firstMade = new WeakMap<Trace, number>();

/** An empty heap panel's words: "yet" only before anything was made, none when this step freed what there was. */
function emptyNote(trace: Trace, state: MemoryState, tr: Translator): string {
  let first = firstMade.get(trace);
  if (first === undefined) {
    first = Infinity;
    for (const o of Object.values(trace.objects)) if (o.origin !== "earlier") first = Math.min(first, o.createdAt);
    firstMade.set(trace, first);
  }
  return tr.t(first <= state.index ? "render.heap.none" : "render.heap.empty");
}

/** The tag of an object the program did not make: an earlier run's is told alike in every language. */
function originTag(trace: Trace, origin: NonNullable<HeapObject["origin"]>): string {
  return origin === "earlier" ? "render.origin.earlier" : `${ORIGIN_TAGS[trace.language]}.${origin}`;
}

/** What a slot shows: an arrow to a drawn object, a value written in place, or a note. */
export type SlotValue =
  /** `at`: the row or cell of the target it points to, for a pointer into it */
  | { kind: "ref"; target: string; at?: string }
  | { kind: "text"; text: string; fresh: boolean }
  | { kind: "hidden"; text: string }
  | { kind: "none" };

/** One row of a frame or object: a variable, a cell, a dict entry or an attribute. */
export interface SceneRow {
  id: string;
  /** variable or attribute name, or a list index; "" for set members */
  label: string;
  /** a dict row's key (its own slot, since a key is an object too) */
  key?: { id: string; value: SlotValue };
  value: SlotValue;
  /** rebound or replaced at this step */
  changed: boolean;
  /** a thin line above the row: where one dict entry ends and the next begins */
  divider?: boolean;
  /** an array inside a record, drawn as one row of cells in place of `value` */
  cells?: { id: string; value: SlotValue; changed: boolean }[];
  /** the record's own member the row belongs to (its padding follows that member's last row) */
  member?: string;
}

export type SceneBody =
  /** `landed`: a pointer points into it (past its first element) */
  | { kind: "cells"; rows: SceneRow[]; more: number; indexed: boolean; landed?: boolean }
  | { kind: "entries"; rows: SceneRow[]; more: number }
  | { kind: "attrs"; rows: SceneRow[]; more: number }
  | { kind: "text"; text: string; note?: string }
  | { kind: "empty" };

export interface SceneObject {
  id: string;
  type: string;
  size: number;
  address: string;
  /** why the object is shared (small-int cache, interned…), in the learner's words */
  tag?: string;
  state: ObjectState;
  body: SceneBody;
}

export interface SceneFrame {
  index: number;
  title: string;
  rows: SceneRow[];
  more: number;
  active: boolean;
}

/** Frames folded away in the middle of a deep stack. */
export interface SceneFold {
  fold: number;
  name?: string;
}

export interface SceneTemp {
  what: string;
  type: string;
  size: number;
  count: number;
  value?: string;
  live: boolean;
}

export interface Scene {
  /** outermost first; a fold stands for the frames it hides */
  frames: (SceneFrame | SceneFold)[];
  /** live objects drawn, in the order a reader meets them from the top of the stack */
  objects: SceneObject[];
  /** live objects no name reaches (held by a running loop or call), drawn in a row of their own */
  unnamed: SceneObject[];
  unnamedMore: number;
  /** global variables no drawn name points to (C), and the label over them */
  globals: SceneObject[];
  globalsLabel: string;
  /** the label over them: what holds such an object in this language (C: nothing, a leak) */
  unnamedLabel: string;
  /** what an empty heap panel says (nothing when this step freed what was there) */
  emptyNote?: string;
  freed: SceneObject[];
  freedMore: number;
  temps: SceneTemp[];
  tempsMore: number;
  /** live objects worth drawing, and how many of them were left out */
  totalObjects: number;
  omittedObjects: number;
  omittedFrames: number;
}

/** Small immutable values that inline mode writes into their slot. A C slot that refers to an
 * object is a pointer: it holds an address, never the value there, so it keeps its arrow. */
function isInlinable(trace: Trace, base: HeapObject, options: ResolvedOptions): boolean {
  if (!options.inlineScalars || base.value === undefined || trace.language === "c") return false;
  if (base.shape === "scalar") return base.value.length <= 20;
  if (base.shape === "text") return (base.length ?? base.value.length) <= LIMITS.inlineTextChars;
  return false;
}

/** The address `offset` bytes past `address` (hex), as the pointer holds it. */
function pointed(address: string, offset: number): string {
  return offset === 0 ? address : `0x${(BigInt(address) + BigInt(offset)).toString(16)}`;
}

export function buildScene(trace: Trace, state: MemoryState, options: ResolvedOptions, tr: Translator): Scene {
  const allocated = state.allocated;
  const touched = new Set<string>([...allocated, ...state.mutated]);
  const rebound = new Set<string>();
  const changedKeys = new Map<string, Set<string>>();
  for (const ev of state.step.events) {
    if (ev.kind === "rebind") {
      rebound.add(`${ev.frame}:${ev.name}`);
      if (ev.to && "ref" in ev.to) touched.add(ev.to.ref);
    } else if (ev.kind === "return" && ev.value && "ref" in ev.value) touched.add(ev.value.ref);
    else if (ev.kind === "mutate") {
      const keys = changedKeys.get(ev.id) ?? new Set<string>();
      for (const c of ev.changes) {
        if (c.op === "splice") for (let i = 0; i < Math.max(c.insert.length, 1); i++) keys.add(String(c.at + i));
        else if (c.op === "set") keys.add(slotKey(c.key));
        else if (c.op === "attr") keys.add("." + c.name);
      }
      changedKeys.set(ev.id, keys);
    }
  }

  const inline = (id: string): boolean => {
    const o = state.objects.get(id) ?? state.freed.get(id);
    const base = o?.base ?? trace.objects[id];
    return base !== undefined && isInlinable(trace, base, options);
  };
  const typeOf = (id: string): string => trace.objects[id]?.type ?? "?";

  // frames, with the middle of a deep stack folded away
  const frames = state.frames;
  let keep: number[] = frames.map((_, i) => i);
  let fold: SceneFold | undefined;
  if (frames.length > LIMITS.maxFrames) {
    const top = LIMITS.maxFrames - 3;
    keep = [0, 1, ...frames.map((_, i) => i).slice(frames.length - top)];
    const folded = frames.slice(2, frames.length - top);
    const names = new Set(folded.map((f) => f.name));
    fold = { fold: folded.length, ...(names.size === 1 ? { name: folded[0]!.name } : {}) };
  }

  // which objects are worth drawing: reached from the drawn frames through drawn rows
  const order: string[] = [];
  const seen = new Set<string>();
  const queue: string[] = [];
  // an array or record inside another is drawn in that one's box
  const inside = (id: string): boolean => (state.objects.get(id) ?? state.freed.get(id))?.base.partOf !== undefined;
  const visit = (slot: Slot | null | undefined) => {
    if (!slot || !("ref" in slot) || seen.has(slot.ref)) return;
    if (!state.objects.has(slot.ref) || inline(slot.ref)) return;
    seen.add(slot.ref);
    if (!inside(slot.ref)) order.push(slot.ref);
    queue.push(slot.ref);
  };
  // a generator pausing hands its value out like a return, but keeps its frame for later
  let yielded: Slot | undefined;
  for (const ev of state.step.events) if (ev.kind === "return" && ev.yielded && ev.value) yielded = ev.value;
  const frameVars = new Map<number, string[]>();
  for (const i of [...keep].reverse()) {
    const f = frames[i]!;
    const names = pickVars(Object.keys(f.vars), (n) => rebound.has(`${i}:${n}`));
    frameVars.set(i, names);
    for (const n of names) visit(f.vars[n]);
    visit(f.returned ?? (i === frames.length - 1 ? yielded : undefined));
  }
  // a language's global variables no drawn name points to have a row of their own (C's, for
  // the whole run), and what they point to is drawn with the heap
  const globalIds: string[] = [];
  const globalsKey = GLOBALS_LABELS[trace.language];
  if (globalsKey) {
    for (const [id, o] of state.objects) {
      if (seen.has(id) || o.base.origin !== "static" || o.base.partOf !== undefined || o.base.name === undefined) continue;
      seen.add(id);
      globalIds.push(id);
      queue.push(id);
    }
  }
  while (queue.length) {
    const o = state.objects.get(queue.shift()!)!;
    for (const s of childSlots(o)) visit(s);
  }
  // live objects nothing in the trace refers to are held by something unnamed (a running
  // loop's iterator, say): drawn in a row of their own. When a container's items are only
  // partly recorded, that cannot be told, and only the ones made at this step are added.
  const held = new Set<string>();
  let partial = false;
  for (const o of state.objects.values()) {
    if (o.items && (o.length ?? o.items.length) > o.items.length) partial = true;
    if (o.entries && (o.length ?? o.entries.length) > o.entries.length) partial = true;
    for (const slot of [...(o.items ?? []), ...(o.entries ?? []).flatMap((e) => [e.key, e.value]), ...Object.values(o.attributes ?? {})]) {
      if (slot && "ref" in slot) held.add(slot.ref);
    }
  }
  for (const f of frames) {
    for (const slot of Object.values(f.vars)) if ("ref" in slot) held.add(slot.ref);
    if (f.returned && "ref" in f.returned) held.add(f.returned.ref);
  }
  if (yielded && "ref" in yielded) held.add(yielded.ref);
  const unnamedIds: string[] = [];
  for (const [id, o] of state.objects) {
    if (seen.has(id) || inline(id) || inside(id)) continue;
    if (!partial && o.base.origin === undefined && !held.has(id)) {
      seen.add(id);
      unnamedIds.push(id);
      queue.push(id);
    } else if (allocated.has(id)) {
      seen.add(id);
      order.push(id);
    }
  }
  // what an unnamed object refers to is drawn with the rest of the heap
  while (queue.length) {
    const o = state.objects.get(queue.shift()!)!;
    for (const s of childSlots(o)) visit(s);
  }

  let shown = order;
  if (order.length > LIMITS.maxObjects) shown = focus(order, touched, state, frames.length - 1, frames, LIMITS.maxObjects);
  const drawn = new Set(shown);

  const memberOf = (slot: Slot | null | undefined, ghost = false): LiveObject | undefined => {
    if (!slot || !("ref" in slot)) return undefined;
    const o = state.objects.get(slot.ref) ?? (ghost ? state.freed.get(slot.ref) : undefined);
    return o?.base.partOf !== undefined ? o : undefined;
  };
  // the row or cell `offset` bytes into a drawn object: an element of an array (its size from
  // the array's), or inside the array or record a record holds (from where that one starts)
  const landed = new Set<string>();
  const landOn = (id: string, offset: number | undefined): string | undefined => {
    let o = state.objects.get(id);
    let at = offset ?? 0;
    if (at <= 0) return undefined;
    for (let depth = 0; o && depth < 8; depth++) {
      if (o.items) {
        const n = o.length ?? o.items.length;
        if (n === 0 || o.base.size % n !== 0) return undefined;
        const size = o.base.size / n;
        const i = Math.floor(at / size);
        if (i >= o.items.length) return undefined;
        const kid = memberOf(o.items[i]);
        if (!kid) {
          landed.add(o.id);
          return `${o.id}:${i}`;
        }
        o = kid;
        at -= i * size;
        continue;
      }
      const start = Number.parseInt(o.base.address, 16);
      const kid = Object.values(o.attributes ?? {}).map((s) => memberOf(s)).find((k) => {
        const from = k ? Number.parseInt(k.base.address, 16) - start : -1;
        return k !== undefined && at >= from && at < from + k.base.size;
      });
      if (!kid) return undefined;
      at -= Number.parseInt(kid.base.address, 16) - start;
      o = kid;
    }
    return undefined;
  };
  // which arrays pointers land in, known before any box is drawn
  const noteLanding = (s: Slot | null | undefined) => {
    if (s && "ref" in s && s.offset && drawn.has(s.ref)) landOn(s.ref, s.offset);
  };
  for (const i of keep) for (const n of frameVars.get(i)!) noteLanding(frames[i]!.vars[n]);
  for (const id of shown) for (const s of childSlots(state.objects.get(id)!)) noteLanding(s);
  const slotValue = (slot: Slot | null | undefined): SlotValue => {
    if (!slot) return { kind: "none" };
    if ("value" in slot) return { kind: "text", text: slot.value, fresh: false };
    const id = slot.ref;
    if (drawn.has(id)) {
      const at = landOn(id, slot.offset);
      return at ? { kind: "ref", target: id, at } : { kind: "ref", target: id };
    }
    const o = state.objects.get(id);
    if (o && inline(id)) return { kind: "text", text: o.base.value!, fresh: allocated.has(id) };
    // a reference to an object that is not alive at this step has nothing to point at; one
    // freed at this step (a cycle the collector took, a block given back by free) is named
    if (!o) {
      const gone = state.freed.get(id);
      if (gone) return { kind: "hidden", text: tr.t("render.freedRef", { type: gone.base.type }) };
      // a pointer still holding the address of a block freed before (C): it dangles there
      const base = trace.objects[id];
      if (base?.freedAt !== undefined && base.freedAt < state.index && base.address) {
        return { kind: "hidden", text: tr.t("render.danglingRef", { address: pointed(base.address, slot.offset ?? 0) }) };
      }
      return { kind: "hidden", text: "?" };
    }
    return { kind: "hidden", text: tr.t("render.hidden", { type: typeOf(id) }) };
  };

  const sceneFrames: (SceneFrame | SceneFold)[] = [];
  const classBodies = classBodyFrames(trace, state.index);
  for (const i of keep) {
    if (fold && i === keep[2]) sceneFrames.push(fold);
    const f = frames[i]!;
    const names = frameVars.get(i)!;
    const rows: SceneRow[] = names.map((n) => ({
      id: `f${i}:${n}`,
      label: n,
      value: slotValue(f.vars[n]),
      changed: rebound.has(`${i}:${n}`),
    }));
    const handed = f.returned ?? (i === frames.length - 1 ? yielded : undefined);
    if (handed) {
      const label = i === frames.length - 1 && yielded ? tr.t("render.stack.yields") : tr.t("render.stack.returns");
      rows.push({ id: `f${i}:return`, label, value: slotValue(handed), changed: true });
    }
    sceneFrames.push({
      index: i,
      title: f.name === "<module>" ? tr.t("render.stack.module") : classBodies.has(i) ? tr.t("render.stack.classBody", { name: f.name }) : f.name,
      rows,
      more: Object.keys(f.vars).length - names.length,
      active: i === frames.length - 1,
    });
  }

  // a freed object's cells point nowhere any more: they show what they held, as text
  const ghostValue = (slot: Slot | null | undefined): SlotValue => {
    const v = slotValue(slot);
    if (v.kind !== "ref") return v;
    const base = state.objects.get(v.target)?.base;
    return { kind: "hidden", text: base?.value !== undefined && base.value.length <= 20 ? base.value : typeOf(v.target) };
  };
  const members = (ghost: boolean): Members => ({
    member: (slot) => memberOf(slot, ghost),
    changed: (id) => (ghost ? new Set() : (changedKeys.get(id) ?? new Set())),
    landed: (id) => landed.has(id),
  });
  const describe = (o: LiveObject, st: ObjectState): SceneObject => ({
    id: o.id,
    // a class is headed by its own name, as an instance is headed by its class's
    type: isClass(o.base) ? tr.t("render.class", { name: o.base.name! }) : o.base.type,
    size: o.size,
    address: o.base.address,
    ...(o.base.origin ? { tag: tr.t(originTag(trace, o.base.origin), { name: o.base.name ?? "" }) } : {}),
    state: st,
    body: st === "freed"
      ? bodyOf(o, ghostValue, new Set(), tr, members(true))
      : bodyOf(o, slotValue, changedKeys.get(o.id) ?? new Set(), tr, members(false)),
  });

  const liveState = (id: string): ObjectState => (allocated.has(id) ? "new" : state.mutated.has(id) ? "changed" : "plain");
  const objects = shown.map((id) => describe(state.objects.get(id)!, liveState(id)));
  const heldTempsNow = heldAt(trace, state.index);
  const madeOn = (line: number) => tr.t("render.heap.madeOn", { line });
  const unnamedAll: SceneObject[] = [
    ...unnamedIds.map((id) => {
      const o = state.objects.get(id)!;
      return { ...describe(o, liveState(id)), tag: madeOn(o.base.site.line) };
    }),
    ...unrecorded(heldTempsNow, state).map(({ event, step }): SceneObject => ({
      id: `held:${step}:${event.address}`,
      type: event.count > 1 ? `${event.type} ${tr.t("render.temps.count", { n: event.count })}` : event.type,
      size: event.size,
      address: event.address,
      tag: madeOn(event.line),
      state: step === state.index ? "new" : "plain",
      body: { kind: "text", text: truncate(event.value ?? event.what, LIMITS.maxTextChars) },
    })),
  ];
  const unnamed = unnamedAll.slice(0, LIMITS.maxUnnamed);
  const heldEvents = new Set(heldTempsNow.map((h) => h.event));
  const freedAll = [...state.freed.values()].filter((o) => o.base.origin === undefined && o.base.partOf === undefined);
  const freed = freedAll.slice(0, LIMITS.maxFreed).map((o) => describe(o, "freed"));
  const temps: SceneTemp[] = [];
  let tempCount = 0;
  for (const ev of state.step.events) {
    // a temporary still held after its line is drawn on the heap, with the live objects
    if (ev.kind !== "temp" || heldEvents.has(ev)) continue;
    tempCount++;
    if (temps.length >= LIMITS.maxTemps) continue;
    temps.push({
      what: ev.what,
      type: ev.type,
      size: ev.size,
      count: ev.count,
      ...(ev.value !== undefined ? { value: ev.value } : {}),
      live: ev.live ?? false,
    });
  }
  return {
    frames: sceneFrames,
    objects,
    unnamed,
    unnamedMore: unnamedAll.length - unnamed.length,
    unnamedLabel: tr.t(UNNAMED_LABELS[trace.language]),
    globals: globalIds.map((id) => describe(state.objects.get(id)!, liveState(id))),
    globalsLabel: globalsKey ? tr.t(globalsKey) : "",
    ...(objects.length === 0 && unnamedAll.length === 0 && freedAll.length === 0 ? { emptyNote: emptyNote(trace, state, tr) } : {}),
    freed,
    freedMore: freedAll.length - freed.length,
    temps,
    tempsMore: tempCount - temps.length,
    totalObjects: order.length,
    omittedObjects: order.length - shown.length,
    omittedFrames: fold?.fold ?? 0,
  };
}

/** A frame's variables to draw: all if few, else the ones changed now and the first others. */
function pickVars(names: string[], changed: (name: string) => boolean): string[] {
  if (names.length <= LIMITS.maxVars) return names;
  const must = new Set(names.filter(changed).slice(0, LIMITS.maxVars));
  const picked = new Set(must);
  for (const n of names) {
    if (picked.size >= LIMITS.maxVars) break;
    picked.add(n);
  }
  return names.filter((n) => picked.has(n));
}

/**
 * Above the object limit: what this step touched, then their neighbours, then the rest in
 * reading order, until the limit. Kept in reading order.
 */
function focus(
  order: string[],
  touched: Set<string>,
  state: MemoryState,
  innermost: number,
  frames: MemoryState["frames"],
  limit: number,
): string[] {
  const candidates = new Set(order);
  const picked = new Set<string>();
  const add = (id: string) => {
    if (picked.size < limit && candidates.has(id)) picked.add(id);
  };
  for (const id of order) if (touched.has(id)) add(id);
  for (const slot of Object.values(frames[innermost]?.vars ?? {})) if ("ref" in slot) add(slot.ref);
  const parents = new Map<string, string[]>();
  for (const id of order) {
    for (const s of childSlots(state.objects.get(id)!)) {
      if (s && "ref" in s) parents.set(s.ref, [...(parents.get(s.ref) ?? []), id]);
    }
  }
  for (const id of [...picked]) {
    for (const s of childSlots(state.objects.get(id)!)) if (s && "ref" in s) add(s.ref);
    for (const p of parents.get(id) ?? []) add(p);
  }
  for (const id of order) add(id);
  return order.filter((id) => picked.has(id));
}

