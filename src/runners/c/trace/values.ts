/**
 * C values as the Trace shows them: a scalar as C prints it (`42`, `3.5`, `'A'`), a byte never
 * written as "?" marked `uninit`, and the text of an address that points nowhere the Trace has.
 */
import type { Slot } from "../../../core/trace.js";
import { enumBase, isFault, load, loadBits, type Memory, type Scalar } from "../memory/index.js";
import { INTEGER_INFO, typeName, type CType } from "../types.js";

export const UNINIT: Slot = { value: "?", uninit: true };

export const hex = (a: number | bigint): string => `0x${a.toString(16)}`;

const ESCAPES: Record<number, string> = { 0: "\\0", 7: "\\a", 8: "\\b", 9: "\\t", 10: "\\n", 11: "\\v", 12: "\\f", 13: "\\r", 39: "\\'", 92: "\\\\" };

function charText(code: number): string {
  const c = code & 0xff;
  if (ESCAPES[c]) return `'${ESCAPES[c]}'`;
  if (c >= 32 && c < 127) return `'${String.fromCharCode(c)}'`;
  return `'\\x${c.toString(16).padStart(2, "0")}'`;
}

/** The shortest decimal that reads back as the same float (single precision). */
function floatText(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  for (let p = 1; p <= 9; p++) {
    const t = Number(x.toPrecision(p));
    if (Math.fround(t) === x) return String(t);
  }
  return String(x);
}

/** A non-pointer scalar's value as C prints it. */
export function scalarText(type: CType, v: Scalar): string {
  switch (type.kind) {
    case "integer":
      if (INTEGER_INFO[type.name].size === 1 && type.name !== "bool") return charText(Number(v));
      return v.toString();
    case "enum": {
      const hit = type.constants.find((c) => c.value === BigInt(v));
      return hit ? hit.name : v.toString();
    }
    case "float":
      return type.name === "float" ? floatText(Number(v)) : String(Number(v));
    default:
      return v.toString();
  }
}

/** A type as C writes it, arrays without the space (`int[10]`, `char *`). */
export const cName = (t: CType): string => typeName(t).replace(/ \[/g, "[");

export const isAggregate = (t: CType): boolean => t.kind === "array" || t.kind === "struct" || t.kind === "union";

/** What a pointer's value becomes in the Trace (a reference, or a value when it points nowhere shown). */
export type PointerSlot = (address: bigint, pointee: CType) => Slot;

/** The slot of the scalar at `address` (a pointer through `pointer`); "?" when a byte was never written. */
export function readSlot(mem: Memory, address: bigint, type: CType, pointer: PointerSlot, bits?: { bitOffset: number; bits: number }): Slot {
  const got = bits ? loadBits(mem, address, { ...bits, type }) : load(mem, address, type);
  if (isFault(got)) return UNINIT;
  if (!got.initialised) return UNINIT;
  if (type.kind === "pointer") return pointer(BigInt(got.value), type.to);
  return { value: scalarText(type, got.value) };
}

/** A scalar's slot from the bytes a function returned. */
export function bytesSlot(type: CType, bytes: Uint8Array, pointer: PointerSlot): Slot | undefined {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const size = bytes.byteLength;
  switch (type.kind) {
    case "pointer":
      return size >= 8 ? pointer(v.getBigUint64(0, true), type.to) : undefined;
    case "integer":
    case "enum": {
      const info = type.kind === "enum" ? enumBase(type) : INTEGER_INFO[type.name];
      if (size < info.size) return undefined;
      const n = info.size === 8 ? (info.signed ? v.getBigInt64(0, true) : v.getBigUint64(0, true)) : info.size === 4 ? (info.signed ? v.getInt32(0, true) : v.getUint32(0, true)) : info.size === 2 ? (info.signed ? v.getInt16(0, true) : v.getUint16(0, true)) : info.signed ? v.getInt8(0) : v.getUint8(0);
      return { value: scalarText(type, n) };
    }
    case "float":
      if (type.name === "float") return size >= 4 ? { value: scalarText(type, v.getFloat32(0, true)) } : undefined;
      return size >= 8 ? { value: scalarText(type, v.getFloat64(0, true)) } : undefined;
    default:
      return undefined;
  }
}
