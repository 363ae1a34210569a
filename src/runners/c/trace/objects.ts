/**
 * Arrays and structs as Trace objects: an array is a "block" whose items are its elements, a
 * struct or union a "record" whose attributes are its members; an element or member that is
 * itself an array or struct is an object of its own, part of the one around it. Only the
 * first SHOWN_SLOTS elements are read, so a write costs what it touched, never the block's length.
 */
import type { Change, HeapObject, Slot } from "../../../core/trace.js";
import { SHOWN_SLOTS } from "../../../core/state.js";
import { alignUp, mustAlignOf, mustLayout, mustSizeOf, type Memory, type MemberLayout, type RecordLayout } from "../memory/index.js";
import { isRecord, type CType, type RecordType } from "../types.js";
import { cName, hex, isAggregate, readSlot, type PointerSlot } from "./values.js";

export interface Node {
  id: string;
  address: number;
  /** an array or record type */
  type: CType;
  items?: Slot[];
  attrs?: Record<string, Slot>;
  children: Map<string, Node>;
}

export interface Ctx {
  mem: Memory;
  pointer: PointerSlot;
  objects: Record<string, HeapObject>;
  /** changes made at this step, by object id */
  changes: Map<string, Change[]>;
}

/** The fields every object of one variable or block shares. */
export type Common = Pick<HeapObject, "createdAt" | "site"> & Partial<Pick<HeapObject, "origin">>;

interface Part {
  key: string;
  type: CType;
  /** byte offset from the object's start */
  offset: number;
  size: number;
  bits?: { bitOffset: number; bits: number };
}

/** The parts of an array (its shown elements) or a record (its members) that overlap [lo, hi). */
function parts(type: CType, lo = 0, hi = Infinity): Part[] {
  const out: Part[] = [];
  if (type.kind === "array") {
    const size = mustSizeOf(type.of);
    const shown = Math.min(type.length ?? 0, SHOWN_SLOTS);
    if (size === 0) return out;
    const first = Math.max(0, Math.floor(lo / size));
    const last = Math.min(shown - 1, Math.floor((hi - 1) / size));
    for (let i = first; i <= last; i++) out.push({ key: String(i), type: type.of, offset: i * size, size });
  } else if (isRecord(type)) {
    mustLayout(type).members.forEach((m, i) => {
      if (m.flexible) return;
      const name = memberKey(m, i);
      const offset = m.bits !== undefined ? Math.floor(m.bitOffset! / 8) : m.offset;
      const size = m.bits !== undefined ? Math.ceil((m.bitOffset! + m.bits) / 8) - offset : m.size;
      if (offset + size <= lo || offset >= hi) return;
      const p: Part = { key: name, type: m.type, offset, size };
      if (m.bits !== undefined) p.bits = { bitOffset: m.bitOffset!, bits: m.bits };
      out.push(p);
    });
  }
  return out;
}

/** The key of a record's member in its object's attributes: its name, or `(i)` for an anonymous one. */
const memberKey = (m: MemberLayout, i: number): string => m.name || `(${i})`;

// one list per record layout: every object of the type shares it
const paddings = new WeakMap<RecordLayout, NonNullable<HeapObject["padding"]>>();

/**
 * A record's padding with the members around it: each run of bytes no member uses, the member
 * it follows and the one it comes before, and (when alignment alone put it there) the multiple
 * that member must start at, or at the end the record's own alignment.
 */
export function recordPadding(type: RecordType): NonNullable<HeapObject["padding"]> {
  const layout = mustLayout(type);
  const known = paddings.get(layout);
  if (known) return known;
  const members = layout.members.map((m, i) => ({
    key: memberKey(m, i),
    start: m.bits !== undefined ? Math.floor(m.bitOffset! / 8) : m.offset,
    end: m.bits !== undefined ? Math.ceil((m.bitOffset! + m.bits) / 8) : m.offset + m.size,
    align: m.bits !== undefined ? undefined : mustAlignOf(m.type),
  }));
  const out = layout.padding.map((gap) => {
    const end = gap.offset + gap.size;
    const p: NonNullable<HeapObject["padding"]>[number] = { offset: gap.offset, size: gap.size };
    // a union's members all start at 0: its spare bytes follow the widest
    const after = members.filter((m) => m.end <= gap.offset).reduce<(typeof members)[number] | undefined>((a, m) => (!a || m.end >= a.end ? m : a), undefined);
    if (after) p.after = after.key;
    const before = layout.kind === "struct" ? members.find((m) => m.start === end) : undefined;
    if (before) {
      p.before = before.key;
      if (before.align !== undefined && alignUp(gap.offset, before.align) === end) p.align = before.align;
    } else if (end === layout.size && alignUp(gap.offset, layout.align) === end) p.align = layout.align;
    return p;
  });
  paddings.set(layout, out);
  return out;
}

const childId = (node: Node, p: Part): string => (node.type.kind === "array" ? `${node.id}[${p.key}]` : `${node.id}.${p.key}`);

function read(ctx: Ctx, node: Node, p: Part): Slot {
  if (p.bits) return readSlot(ctx.mem, BigInt(node.address), p.type, ctx.pointer, p.bits);
  return readSlot(ctx.mem, BigInt(node.address + p.offset), p.type, ctx.pointer);
}

/**
 * Makes the object (and the objects inside it) for an array or record at `address`, read from
 * memory now; `extra` are the root's own fields (its size as asked for, its name…).
 */
export function buildNode(ctx: Ctx, id: string, address: number, type: CType, common: Common, extra: Partial<HeapObject> = {}): Node {
  const node: Node = { id, address, type, children: new Map() };
  const record: HeapObject = {
    type: cName(type),
    shape: type.kind === "array" ? "block" : "record",
    mutable: true,
    size: mustSizeOf(type),
    address: hex(address),
    ...common,
    ...extra,
  };
  const slots: [string, Slot][] = [];
  for (const p of parts(type)) {
    if (isAggregate(p.type)) {
      const child = buildNode(ctx, childId(node, p), address + p.offset, p.type, common, { partOf: id });
      node.children.set(p.key, child);
      slots.push([p.key, { ref: child.id }]);
    } else slots.push([p.key, read(ctx, node, p)]);
  }
  if (type.kind === "array") {
    node.items = slots.map(([, s]) => s);
    record.length = type.length ?? 0;
    record.items = [...node.items];
  } else {
    node.attrs = Object.fromEntries(slots);
    record.attributes = { ...node.attrs };
    if (isRecord(type)) {
      const padding = recordPadding(type);
      if (padding.length > 0) record.padding = padding;
    }
  }
  ctx.objects[id] = record;
  return node;
}

export const sameSlot = (a: Slot, b: Slot): boolean =>
  "ref" in a ? "ref" in b && a.ref === b.ref && a.offset === b.offset : "value" in b && a.value === b.value && a.uninit === b.uninit;

function change(ctx: Ctx, id: string, c: Change): void {
  const list = ctx.changes.get(id);
  if (list) list.push(c);
  else ctx.changes.set(id, [c]);
}

/** Reads again the parts of the object that overlap the bytes [lo, hi) (addresses), noting each change. */
export function refreshNode(ctx: Ctx, node: Node, lo: number, hi: number): void {
  for (const p of parts(node.type, lo - node.address, hi - node.address)) {
    const child = node.children.get(p.key);
    if (child) {
      refreshNode(ctx, child, lo, hi);
      continue;
    }
    const now = read(ctx, node, p);
    if (node.items) {
      const i = Number(p.key);
      if (sameSlot(node.items[i]!, now)) continue;
      node.items[i] = now;
      change(ctx, node.id, { op: "splice", at: i, remove: 1, insert: [now] });
    } else if (node.attrs) {
      if (sameSlot(node.attrs[p.key]!, now)) continue;
      node.attrs[p.key] = now;
      change(ctx, node.id, { op: "attr", name: p.key, value: now });
    }
  }
}

/** Every object id of the node, its own first. */
export function nodeIds(node: Node): string[] {
  const out = [node.id];
  for (const c of node.children.values()) out.push(...nodeIds(c));
  return out;
}

/**
 * A heap array resized in place (realloc): the shown window read again, elements past the new
 * end gone (their objects freed at `step`), new ones made. Gives the ids freed.
 */
export function resizeNode(ctx: Ctx, node: Node, type: CType, common: Common, step: number): string[] {
  const freed: string[] = [];
  node.type = type;
  const slots: Slot[] = [];
  const keep = new Set<string>();
  for (const p of parts(type)) {
    keep.add(p.key);
    let child = node.children.get(p.key);
    if (isAggregate(p.type) && !child) {
      child = buildNode(ctx, childId(node, p), node.address + p.offset, p.type, common, { partOf: node.id });
      node.children.set(p.key, child);
    }
    slots.push(child ? { ref: child.id } : read(ctx, node, p));
  }
  for (const [key, child] of node.children) {
    if (keep.has(key)) continue;
    node.children.delete(key);
    for (const id of nodeIds(child)) {
      ctx.objects[id]!.freedAt = step;
      freed.push(id);
    }
  }
  change(ctx, node.id, { op: "splice", at: 0, remove: node.items?.length ?? 0, insert: slots });
  node.items = slots;
  return freed;
}
