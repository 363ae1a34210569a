/**
 * Rebuilding the full memory state at any step from a Trace, which stores only changes.
 * `replay` walks forward once (for a GIF, a summary); `stateAt` jumps to one step.
 */
import { NameIndex } from "./names.js";
import type { Change, Frame, HeapObject, Slot, Step, Trace } from "./trace.js";

/** A heap object's contents as they are at one step. */
export interface LiveObject {
  id: string;
  /** the object as first recorded (type, address, site, origin…) */
  base: HeapObject;
  size: number;
  length?: number;
  items?: (Slot | null)[];
  entries?: { key: Slot | null; value: Slot | null }[];
  attributes?: Record<string, Slot | null>;
}

/** The memory state after a step ran. */
export interface MemoryState {
  index: number;
  step: Step;
  frames: Frame[];
  /** objects alive after this step, by id */
  objects: Map<string, LiveObject>;
  /** objects this step allocated */
  allocated: Set<string>;
  /** objects this step freed (no longer in `objects`; kept here as they were) */
  freed: Map<string, LiveObject>;
  /** objects this step changed in place */
  mutated: Set<string>;
  /** bytes held by objects the program made (not shared cached or constant ones), those
   * beyond every shown window included */
  liveBytes: number;
  /** of those, the bytes of objects beyond every shown window (not in `objects`) */
  unlistedBytes?: number;
  /** which names refer to each object, while the replay is at this state (not in a kept one) */
  names?: NameIndex;
}

/** Containers show at most this many slots in a trace; the rest are counted in `length`. */
export const SHOWN_SLOTS = 100;

function fresh(id: string, base: HeapObject): LiveObject {
  const o: LiveObject = { id, base, size: base.size };
  if (base.length !== undefined) o.length = base.length;
  if (base.items) o.items = [...base.items];
  if (base.entries) o.entries = base.entries.map((e) => ({ ...e }));
  if (base.attributes) o.attributes = { ...base.attributes };
  return o;
}

function sameSlot(a: Slot | null, b: Slot | null): boolean {
  if (!a || !b) return false;
  if ("ref" in a && "ref" in b) return a.ref === b.ref;
  if ("value" in a && "value" in b) return a.value === b.value;
  return false;
}

function applyChange(o: LiveObject, c: Change): void {
  switch (c.op) {
    case "splice": {
      const items = o.items ?? [];
      const tail = c.refill ?? items.slice(c.at + c.remove);
      o.items = [...items.slice(0, c.at), ...c.insert, ...tail].slice(0, SHOWN_SLOTS);
      break;
    }
    case "set": {
      const entries = (o.entries ??= []);
      const hit = entries.find((e) => sameSlot(e.key, c.key));
      if (hit) hit.value = c.value;
      else if (entries.length < SHOWN_SLOTS) entries.push({ key: c.key, value: c.value });
      break;
    }
    case "del": {
      if (o.entries) o.entries = o.entries.filter((e) => !sameSlot(e.key, c.key));
      break;
    }
    case "attr": {
      const attributes = (o.attributes ??= {});
      if (c.value) attributes[c.name] = c.value;
      else delete attributes[c.name];
      break;
    }
  }
}

/**
 * The stack after a step, from the stack before it and the step's changes. The replay owns its
 * frames and changes them in place (a state is reused between steps, and one kept is copied by
 * keepState), so a step costs what it changed, not the names its frames hold. `names` follows
 * every name bound, rebound and gone.
 */
function applyStack(before: Frame[], step: Step, names: NameIndex): Frame[] {
  let frames = before;
  const pop = step.stack?.pop ?? 0;
  if (pop) {
    const keep = Math.max(0, frames.length - pop);
    for (let i = frames.length - 1; i >= keep; i--) names.removeFrame(i, frames[i]!);
    frames = frames.slice(0, keep);
  } else frames = frames.slice();
  for (const p of step.stack?.push ?? []) {
    const frame: Frame = { name: p.name, line: p.line, vars: { ...(p.vars ?? {}) }, ...(p.cells ? { cells: p.cells } : {}), ...(p.address ? { address: p.address } : {}) };
    frames.push(frame);
    names.addFrame(frames.length - 1, frame);
  }
  // only the top frame ever hands a value back, at the step it returns
  const prevTop = before.length - 1;
  if (prevTop >= 0 && prevTop < frames.length && frames[prevTop]!.returned) delete frames[prevTop]!.returned;
  for (const ev of step.events) {
    if (ev.kind !== "rebind") continue;
    const f = frames[ev.frame];
    if (!f) continue;
    const old = f.vars[ev.name];
    if (old && "ref" in old) names.remove(ev.frame, ev.name, old.ref);
    if (ev.to) {
      f.vars[ev.name] = ev.to;
      if ("ref" in ev.to) names.add(ev.frame, ev.name, ev.to.ref);
    } else delete f.vars[ev.name];
  }
  const top = frames.length - 1;
  if (top >= 0 && (frames[top]!.line !== step.top || step.returned)) {
    const f = frames[top]!;
    f.line = step.top;
    if (step.returned) f.returned = step.returned;
  }
  return frames;
}

/** The stack's shape at each step, without rebuilding the heap: its depth and the name of
 * its innermost frame. Worked out once per Trace. */
export interface StackShape {
  depth: number[];
  top: string[];
}

const shapes = new WeakMap<Trace, StackShape>();

export function stackShape(trace: Trace): StackShape {
  let shape = shapes.get(trace);
  if (shape) return shape;
  const names: string[] = [];
  shape = { depth: [], top: [] };
  for (const s of trace.steps) {
    if (s.stack?.pop) names.length = Math.max(0, names.length - s.stack.pop);
    for (const p of s.stack?.push ?? []) names.push(p.name);
    shape.depth.push(names.length);
    shape.top.push(names.at(-1) ?? "");
  }
  shapes.set(trace, shape);
  return shape;
}

/** How many frames are on the stack at each step (without rebuilding the heap). */
export function stackDepths(trace: Trace): number[] {
  return stackShape(trace).depth;
}

/** Counts toward live bytes: objects the program made, not shared cached or constant ones
 * (nor a part of another, whose bytes that one counts). */
export function isProgramObject(base: HeapObject): boolean {
  return base.origin === undefined && base.partOf === undefined;
}

/** Walks the trace forward, yielding the state after each step. States are reused between
 * yields: copy what you keep. */
export function* replay(trace: Trace): Generator<MemoryState> {
  const objects = new Map<string, LiveObject>();
  const createdAt = new Map<number, string[]>();
  for (const [id, o] of Object.entries(trace.objects)) {
    const list = createdAt.get(o.createdAt);
    if (list) list.push(id);
    else createdAt.set(o.createdAt, [id]);
  }
  let liveBytes = 0;
  let frames: Frame[] = [];
  const names = new NameIndex((ref) => {
    const shape = trace.objects[ref]?.shape;
    return shape === "sequence" || shape === "mapping" || shape === "set";
  });
  let unlistedBytes = 0;
  for (let index = 0; index < trace.steps.length; index++) {
    const step = trace.steps[index]!;
    frames = applyStack(frames, step, names);
    const allocated = new Set<string>();
    const freed = new Map<string, LiveObject>();
    const mutated = new Set<string>();
    // frees come first: an address freed in this step may hold an object made in it
    for (const ev of step.events) {
      if (ev.kind !== "free") continue;
      const o = objects.get(ev.id);
      if (!o) continue;
      objects.delete(ev.id);
      freed.set(ev.id, o);
      if (isProgramObject(o.base)) liveBytes -= o.size;
    }
    for (const id of createdAt.get(index) ?? []) {
      const base = trace.objects[id]!;
      if (base.freedAt !== undefined && base.freedAt < index) continue;
      if (objects.has(id)) continue;
      const o = fresh(id, base);
      objects.set(id, o);
      if (isProgramObject(base)) liveBytes += o.size;
    }
    for (const ev of step.events) {
      if (ev.kind === "alloc") {
        // an object of an earlier run (or of the runtime) was found by this run, not allocated
        const base = trace.objects[ev.id];
        if (!base || isProgramObject(base)) allocated.add(ev.id);
      }
      else if (ev.kind === "mutate") {
        const o = objects.get(ev.id);
        if (!o) continue;
        mutated.add(ev.id);
        for (const c of ev.changes) applyChange(o, c);
        if (ev.size !== undefined) {
          if (isProgramObject(o.base)) liveBytes += ev.size - o.size;
          o.size = ev.size;
        }
        if (ev.length !== undefined) o.length = ev.length;
        // a value changed in place: the object's record keeps its first value
        if (ev.value !== undefined) o.base = { ...o.base, value: ev.value, ...(ev.length !== undefined ? { length: ev.length } : {}) };
      }
    }
    const unlisted = unlistedChange(step);
    unlistedBytes += unlisted;
    liveBytes += unlisted;
    yield { index, step, frames, objects, allocated, freed, mutated, liveBytes, unlistedBytes, names };
  }
}

/** How a step changed the bytes of objects beyond every shown window. */
export function unlistedChange(step: Step): number {
  let bytes = 0;
  for (const u of step.unlisted ?? []) bytes += (u.madeBytes ?? 0) - (u.freedBytes ?? 0) + (u.resized ?? 0) - (u.shownBytes ?? 0);
  return bytes;
}

/** A state kept past its step: its objects and frames copied (replay reuses them). */
export function keepState(state: MemoryState): MemoryState {
  const objects = new Map<string, LiveObject>();
  for (const [id, o] of state.objects) objects.set(id, structuredClone(o));
  // the replay's name index goes on changing: a kept state finds its names by reading its frames
  return { ...state, frames: structuredClone(state.frames), objects, names: undefined };
}

/** The state after step `index` (a copy the caller may keep). */
export function stateAt(trace: Trace, index: number): MemoryState {
  if (index < 0 || index >= trace.steps.length) {
    throw new RangeError(`step ${index} is outside 0..${trace.steps.length - 1}`);
  }
  for (const state of replay(trace)) {
    if (state.index === index) return keepState(state);
  }
  throw new RangeError(`step ${index} not reached`);
}

/** Objects reachable from the stack at this state, in the order a reader meets them. */
export function reachable(state: MemoryState): string[] {
  const seen = new Set<string>();
  const order: string[] = [];
  const visit = (slot: Slot | null | undefined) => {
    if (!slot || !("ref" in slot)) return;
    const stack = [slot.ref];
    while (stack.length) {
      const id = stack.pop()!;
      if (seen.has(id)) continue;
      const o = state.objects.get(id);
      if (!o) continue;
      seen.add(id);
      order.push(id);
      const children: (Slot | null)[] = [];
      for (const s of o.items ?? []) children.push(s);
      for (const e of o.entries ?? []) children.push(e.key, e.value);
      for (const s of Object.values(o.attributes ?? {})) children.push(s);
      for (let i = children.length - 1; i >= 0; i--) {
        const c = children[i];
        if (c && "ref" in c) stack.push(c.ref);
      }
    }
  };
  for (const f of state.frames) {
    for (const slot of Object.values(f.vars)) visit(slot);
    visit(f.returned);
  }
  return order;
}
