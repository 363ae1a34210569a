/**
 * Sizes, alignments and struct/union layouts as gcc gives them on x86-64 Linux (the System V
 * ABI): padding before a member to its alignment, tail padding to the record's alignment,
 * bit-fields packed into storage units of their declared type, a flexible array member last.
 */
import { INTEGER_INFO, typeName, type CType, type EnumType, type RecordType } from "../types.js";
import { MemsimError } from "../../../core/errors.js";

/** Why a type has no size: the semantic pass turns it into gcc's "invalid application of sizeof". */
export interface LayoutError {
  kind: "layout-error";
  reason: "incomplete" | "function" | "void" | "unsized-array" | "flexible-not-last" | "bad-bit-field";
  /** the type as C writes it */
  type: string;
  member?: string;
}

export const isLayoutError = (x: unknown): x is LayoutError => typeof x === "object" && x !== null && (x as LayoutError).kind === "layout-error";

export interface MemberLayout {
  name: string;
  type: CType;
  /** byte offset of the member (of a bit-field: of its storage unit, aligned to its type) */
  offset: number;
  size: number;
  /** a bit-field: first bit counted from the start of the record, and its width */
  bitOffset?: number;
  bits?: number;
  /** the flexible array member `T a[]` (no bytes of its own) */
  flexible?: boolean;
}

export interface RecordLayout {
  kind: "struct" | "union";
  members: MemberLayout[];
  size: number;
  align: number;
  /** byte ranges that belong to no member (padding inside and at the tail) */
  padding: { offset: number; size: number }[];
}

function fail(reason: LayoutError["reason"], t: CType, member?: string): LayoutError {
  return member === undefined ? { kind: "layout-error", reason, type: typeName(t) } : { kind: "layout-error", reason, type: typeName(t), member };
}

/** gcc's integer type for an enum: unsigned int unless a constant is negative or needs 64 bits. */
export function enumBase(t: EnumType): { size: 4 | 8; signed: boolean } {
  const negative = t.constants.some((c) => c.value < 0n);
  const fits32 = t.constants.every((c) => (negative ? c.value >= -(2n ** 31n) && c.value < 2n ** 31n : c.value < 2n ** 32n));
  return { size: fits32 ? 4 : 8, signed: negative };
}

export function sizeOf(t: CType): number | LayoutError {
  switch (t.kind) {
    case "void":
      return fail("void", t);
    case "function":
      return fail("function", t);
    case "integer":
      return INTEGER_INFO[t.name].size;
    case "float":
      return t.name === "float" ? 4 : t.name === "double" ? 8 : 16;
    case "pointer":
      return 8;
    case "enum":
      return enumBase(t).size;
    case "array": {
      if (t.length === undefined) return fail("unsized-array", t);
      const each = sizeOf(t.of);
      return isLayoutError(each) ? each : each * t.length;
    }
    case "struct":
    case "union": {
      const l = recordLayout(t);
      return isLayoutError(l) ? l : l.size;
    }
  }
}

export function alignOf(t: CType): number | LayoutError {
  switch (t.kind) {
    case "array":
      return alignOf(t.of);
    case "struct":
    case "union": {
      const l = recordLayout(t);
      return isLayoutError(l) ? l : l.align;
    }
    default: {
      const s = sizeOf(t);
      return s;
    }
  }
}

/** The size of a type the semantic pass has already accepted (anything else is memsim's fault). */
export function mustSizeOf(t: CType): number {
  const s = sizeOf(t);
  if (isLayoutError(s)) throw new MemsimError("c-layout", `no size for ${s.type} (${s.reason})`);
  return s;
}

export function mustAlignOf(t: CType): number {
  const a = alignOf(t);
  if (isLayoutError(a)) throw new MemsimError("c-layout", `no alignment for ${a.type} (${a.reason})`);
  return a;
}

export function mustLayout(r: RecordType): RecordLayout {
  const l = recordLayout(r);
  if (isLayoutError(l)) throw new MemsimError("c-layout", `no layout for ${l.type} (${l.reason})`);
  return l;
}

/**
 * Where gcc aligns a variable (not a member): arrays, structs and unions of 16 bytes or more to
 * 16 (the x86-64 ABI), of 32 bytes or more to 32 (gcc's choice for faster copies).
 */
export function variableAlign(t: CType): number {
  const a = mustAlignOf(t);
  if (t.kind !== "array" && t.kind !== "struct" && t.kind !== "union") return a;
  const size = mustSizeOf(t);
  return Math.max(a, size >= 32 ? 32 : size >= 16 ? 16 : 1);
}

export const alignUp = (n: number, a: number): number => Math.ceil(n / a) * a;

// memoised by the members array: a record's members never change once it is complete
const cache = new WeakMap<object, RecordLayout | LayoutError>();

export function recordLayout(r: RecordType): RecordLayout | LayoutError {
  if (!r.members) return fail("incomplete", r);
  const hit = cache.get(r.members);
  if (hit) return hit;
  const result = compute(r, r.members);
  cache.set(r.members, result);
  return result;
}

function compute(r: RecordType, members: NonNullable<RecordType["members"]>): RecordLayout | LayoutError {
  const union = r.kind === "union";
  const out: MemberLayout[] = [];
  let bit = 0; // next free bit (structs); the union's largest member in bits
  let align = 1;
  for (let i = 0; i < members.length; i++) {
    const m = members[i]!;
    const last = i === members.length - 1;
    if (m.type.kind === "array" && m.type.length === undefined) {
      if (!last || union) return fail("flexible-not-last", r, m.name);
      const ea = alignOf(m.type.of);
      if (isLayoutError(ea)) return ea;
      const offset = alignUp(Math.ceil(bit / 8), ea);
      align = Math.max(align, ea);
      out.push({ name: m.name, type: m.type, offset, size: 0, flexible: true });
      bit = Math.max(bit, offset * 8);
      continue;
    }
    const size = sizeOf(m.type);
    if (isLayoutError(size)) return { ...size, member: m.name };
    const a = alignOf(m.type) as number;
    if (m.bits !== undefined) {
      const widest = m.type.kind === "integer" && m.type.name === "bool" ? 1 : size * 8;
      if ((m.type.kind !== "integer" && m.type.kind !== "enum") || m.bits < 0 || m.bits > widest || (m.bits === 0 && m.name !== "")) return fail("bad-bit-field", r, m.name);
      const unit = size * 8;
      if (m.bits === 0) {
        // `int : 0` ends the current storage unit; it adds nothing to the record's alignment
        if (!union) bit = alignUp(bit, a * 8);
        continue;
      }
      // a bit-field never straddles a storage unit of its declared type
      let start = union ? 0 : bit;
      if (Math.floor(start / unit) !== Math.floor((start + m.bits - 1) / unit)) start = alignUp(start, unit);
      const offset = Math.floor(start / (a * 8)) * a;
      // unnamed bit-fields take space but do not align the record
      if (m.name !== "") {
        align = Math.max(align, a);
        out.push({ name: m.name, type: m.type, offset, size, bitOffset: start, bits: m.bits });
      }
      bit = union ? Math.max(bit, m.bits) : start + m.bits;
      continue;
    }
    align = Math.max(align, a);
    if (union) {
      out.push({ name: m.name, type: m.type, offset: 0, size });
      bit = Math.max(bit, size * 8);
    } else {
      const offset = alignUp(Math.ceil(bit / 8), a);
      out.push({ name: m.name, type: m.type, offset, size });
      bit = (offset + size) * 8;
    }
  }
  const size = alignUp(Math.ceil(bit / 8), align);
  return { kind: r.kind, members: out, size, align, padding: paddingOf(out, size) };
}

/** Bytes no member covers (bit-fields cover the bytes their bits touch). */
function paddingOf(members: MemberLayout[], size: number): { offset: number; size: number }[] {
  const used = new Uint8Array(size);
  for (const m of members) {
    if (m.bits !== undefined) used.fill(1, Math.floor(m.bitOffset! / 8), Math.ceil((m.bitOffset! + m.bits) / 8));
    else used.fill(1, m.offset, m.offset + m.size);
  }
  const out: { offset: number; size: number }[] = [];
  for (let i = 0; i < size; i++) {
    if (used[i]) continue;
    const start = i;
    while (i < size && !used[i]) i++;
    out.push({ offset: start, size: i - start });
  }
  return out;
}

/** A member by name, looking inside anonymous struct and union members (C11) with their offsets added. */
export function memberOf(r: RecordType, name: string): MemberLayout | undefined {
  const l = recordLayout(r);
  if (isLayoutError(l)) return undefined;
  for (const m of l.members) {
    if (m.name === name) return m;
    if (m.name === "" && (m.type.kind === "struct" || m.type.kind === "union")) {
      const inner = memberOf(m.type, name);
      if (inner) return inner.bitOffset === undefined ? { ...inner, offset: inner.offset + m.offset } : { ...inner, offset: inner.offset + m.offset, bitOffset: inner.bitOffset + m.offset * 8 };
    }
  }
  return undefined;
}
