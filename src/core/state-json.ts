/**
 * The full memory state at one step as plain data: what `memsim run --json --state N` prints,
 * so tools, the kernel's `inspect` and tests read a step without replaying the Trace themselves.
 */
import { stateAt, type LiveObject } from "./state.js";
import type { Frame, HeapObject, Slot, Trace } from "./trace.js";

export interface StateObject {
  type: string;
  shape: HeapObject["shape"];
  mutable: boolean;
  /** bytes now (after any growth in place) */
  size: number;
  address: string;
  /** the step (1-based) that made it, or 0 when it existed before the first step */
  madeAtStep: number;
  origin?: HeapObject["origin"];
  value?: string;
  length?: number;
  items?: (Slot | null)[];
  entries?: { key: Slot | null; value: Slot | null }[];
  attributes?: Record<string, Slot | null>;
  name?: string;
  cls?: string;
  holds?: HeapObject["holds"];
}

export interface StateJson {
  /** 1-based, as the CLI counts steps (0: a run with no steps) */
  step: number;
  /** the line the step ran */
  line: number;
  /** the call stack, outermost first, each frame with all its names */
  frames: Frame[];
  /** every live object, by id */
  objects: Record<string, StateObject>;
  /** bytes held by objects the program made, those not listed one by one included */
  liveBytes: number;
}

function objectJson(o: LiveObject): StateObject {
  const b = o.base;
  const out: StateObject = {
    type: b.type,
    shape: b.shape,
    mutable: b.mutable,
    size: o.size,
    address: b.address,
    madeAtStep: (b.madeAt ?? b.createdAt) + 1,
  };
  if (b.origin !== undefined) out.origin = b.origin;
  if (b.value !== undefined) out.value = b.value;
  const length = o.length ?? b.length;
  if (length !== undefined) out.length = length;
  if (o.items) out.items = o.items;
  if (o.entries) out.entries = o.entries;
  if (o.attributes) out.attributes = o.attributes;
  if (b.name !== undefined) out.name = b.name;
  if (b.cls !== undefined) out.cls = b.cls;
  if (b.holds !== undefined) out.holds = b.holds;
  return out;
}

/** The state after step `index` (0-based) as data; a trace with no steps gives an empty state. */
export function stateJson(trace: Trace, index: number): StateJson {
  if (trace.steps.length === 0) return { step: 0, line: 0, frames: [], objects: {}, liveBytes: 0 };
  const state = stateAt(trace, index);
  const objects: Record<string, StateObject> = {};
  for (const [id, o] of state.objects) objects[id] = objectJson(o);
  return { step: index + 1, line: state.step.line, frames: state.frames, objects, liveBytes: state.liveBytes };
}
