/**
 * Initialisers: a scalar's value, a string into a char array, and brace lists with designators
 * and brace elision, the members and elements a list does not name being zero as C says.
 */
import type { Expr, InitList, Initializer } from "../parse/index.js";
import { fillBytes, mustLayout, mustSizeOf, isFault, type BitField } from "../memory/index.js";
import { baseRecord, fillsWhole, strip, unbraced } from "../parse/conversions.js";
import type { CType, RecordType } from "../types.js";
import type { Machine } from "./machine.js";
import { convert, toBig } from "./values.js";
import { evaluate, writeBits } from "./expressions.js";

type Item = InitList["items"][number];

/** An array of unknown length takes it from its initialiser (`(int[]){1, 2, 3}`, `char s[] = "hi"`). */
export function completed(m: Machine, type: CType, braced: Initializer): CType {
  const t = strip(type);
  const init = unbraced(type, braced);
  if (t.kind !== "array" || t.length !== undefined) return type;
  if (init.kind === "string") return { ...t, length: init.bytes.length + 1 };
  if (init.kind !== "initList") return type;
  let next = 0;
  let length = 0;
  for (const item of init.items) {
    const d = item.designators[0];
    if (d && "index" in d) next = Number(toBig(evaluate(m, d.index)));
    length = Math.max(length, ++next);
  }
  return { ...t, length };
}

export function initialize(m: Machine, address: bigint, type: CType, braced: Initializer): void {
  const t = strip(type);
  const init = unbraced(type, braced);
  if (init.kind === "initList") {
    if (t.kind === "array" || t.kind === "struct" || t.kind === "union") {
      zero(m, address, t);
      fill(m, address, t, init.items, 0, true);
    } else if (init.items[0]) initialize(m, address, t, init.items[0].value);
    return;
  }
  if (t.kind === "array" && init.kind === "string") {
    const size = mustSizeOf(t);
    const bytes = new Uint8Array(size);
    bytes.set(init.bytes.subarray(0, size));
    m.write(address, t, bytes);
    return;
  }
  const v = evaluate(m, init);
  m.write(address, t, convert(v, t));
}

function zero(m: Machine, address: bigint, t: CType): void {
  const size = mustSizeOf(t);
  const f = fillBytes(m.mem, address, 0, size);
  if (isFault(f)) m.fail(f);
  m.wrote(address, size);
}

interface Place {
  offset: number;
  type: CType;
  name?: string;
  /** a bit-field: where its bits are in the record */
  bits?: BitField;
}

/** The places an aggregate has, in order: each element or named member with its offset and type. */
function places(t: CType): Place[] {
  if (t.kind === "array") {
    const each = mustSizeOf(t.of);
    return Array.from({ length: t.length ?? 0 }, (_, i) => ({ offset: i * each, type: t.of }));
  }
  const l = mustLayout(baseRecord(t) as RecordType);
  const named = l.members.filter((x) => x.name !== "");
  return (t.kind === "union" ? named.slice(0, 1) : named).map((x) => ({
    offset: x.offset,
    type: x.type,
    name: x.name,
    ...(x.bits !== undefined ? { bits: { bitOffset: x.bitOffset!, bits: x.bits, type: x.type } } : {}),
  }));
}

/** A place filled by one value: a bit-field's bits, or an object at its offset. */
function put(m: Machine, address: bigint, p: Place, value: Initializer): void {
  if (!p.bits) return initialize(m, address + BigInt(p.offset), p.type, value);
  // a scalar in braces (`{5}`) is that scalar; empty braces leave the zero already there
  let v: Initializer | undefined = value;
  while (v?.kind === "initList") v = v.items[0]?.value;
  if (v) writeBits(m, { record: address, field: p.bits }, evaluate(m, v), p.type);
}

/** Fills an aggregate from `items[at…]`; returns where it stopped (a nested one without braces stops at its end). */
function fill(m: Machine, address: bigint, t: CType, items: Item[], at: number, braced: boolean): number {
  const ps = places(strip(t));
  let k = 0;
  let i = at;
  while (i < items.length) {
    const item = items[i]!;
    if (item.designators.length > 0) {
      if (!braced && i > at) return i;
      const d = item.designators[0]!;
      k = "field" in d ? ps.findIndex((p) => p.name === d.field) : Number(toBig(evaluate(m, d.index as Expr)));
      const p = ps[k];
      if (!p) return items.length;
      if (item.designators.length > 1) {
        fill(m, address + BigInt(p.offset), strip(p.type), [{ designators: item.designators.slice(1), value: item.value }], 0, true);
        i++;
      } else if (fillsWhole(p.type, item.value)) {
        put(m, address, p, item.value);
        i++;
      } else i = fill(m, address + BigInt(p.offset), strip(p.type), items.map((x, j) => (j === i ? { designators: [], value: x.value } : x)), i, false);
      k++;
      continue;
    }
    const p = ps[k];
    if (!p) return i;
    if (fillsWhole(p.type, item.value)) {
      put(m, address, p, item.value);
      i++;
    } else i = fill(m, address + BigInt(p.offset), strip(p.type), items, i, false);
    k++;
    if (!braced && k >= ps.length) return i;
  }
  return i;
}
