/**
 * Typed loads and stores of C's scalars over a `Memory` (little-endian as on x86-64), and the
 * byte primitives memcpy, memmove and memset build on. Integers up to 4 bytes are numbers,
 * 8-byte integers and pointers bigints; `long double` is the x87 80-bit format in 16 bytes.
 */
import { INTEGER_INFO, type CType } from "../types.js";
import { MemsimError } from "../../../core/errors.js";
import { enumBase } from "./layout.js";
import { ADDRESSABLE, INITIALISED, check, isFault, type Fault, type Memory } from "./memory.js";

export type Scalar = number | bigint;

export interface Loaded {
  kind: "value";
  value: Scalar;
  /** false when any of its bytes was never written (the value is then whatever they held) */
  initialised: boolean;
}

interface Encoding {
  size: number;
  form: "int" | "float" | "double" | "x87" | "pointer";
  signed: boolean;
}

function encoding(t: CType): Encoding {
  switch (t.kind) {
    case "integer": {
      const info = INTEGER_INFO[t.name];
      return { size: info.size, form: "int", signed: info.signed };
    }
    case "enum": {
      const b = enumBase(t);
      return { size: b.size, form: "int", signed: b.signed };
    }
    case "float":
      return t.name === "float" ? { size: 4, form: "float", signed: true } : t.name === "double" ? { size: 8, form: "double", signed: true } : { size: 10, form: "x87", signed: true };
    case "pointer":
      return { size: 8, form: "pointer", signed: false };
    default:
      throw new MemsimError("c-memory", `${t.kind} is not a scalar to load or store`);
  }
}

export function load(mem: Memory, address: bigint, type: CType): Loaded | Fault {
  const e = encoding(type);
  const ok = check(mem, address, e.size, "read");
  if (isFault(ok)) return ok;
  const { seg, at } = ok;
  let initialised = true;
  for (let k = at; k < at + e.size; k++) if (!(seg.state[k]! & INITIALISED)) initialised = false;
  const view = new DataView(seg.bytes.buffer, seg.bytes.byteOffset + at, e.size);
  return { kind: "value", value: decode(view, e, type), initialised };
}

function decode(v: DataView, e: Encoding, t: CType): Scalar {
  switch (e.form) {
    case "float":
      return v.getFloat32(0, true);
    case "double":
      return v.getFloat64(0, true);
    case "x87":
      return fromX87(v);
    case "pointer":
      return v.getBigUint64(0, true);
    case "int":
      if (t.kind === "integer" && t.name === "bool") return v.getUint8(0);
      if (e.size === 8) return e.signed ? v.getBigInt64(0, true) : v.getBigUint64(0, true);
      if (e.size === 4) return e.signed ? v.getInt32(0, true) : v.getUint32(0, true);
      if (e.size === 2) return e.signed ? v.getInt16(0, true) : v.getUint16(0, true);
      return e.signed ? v.getInt8(0) : v.getUint8(0);
  }
}

/** Stores a value converted to the type as C's assignment does (integers wrap, floats round). */
export function store(mem: Memory, address: bigint, type: CType, value: Scalar): Fault | undefined {
  const e = encoding(type);
  const ok = check(mem, address, e.size, "write");
  if (isFault(ok)) return ok;
  const { seg, at } = ok;
  const v = new DataView(seg.bytes.buffer, seg.bytes.byteOffset + at, e.size);
  const asNumber = typeof value === "bigint" ? Number(value) : value;
  switch (e.form) {
    case "float":
      v.setFloat32(0, asNumber, true);
      break;
    case "double":
      v.setFloat64(0, asNumber, true);
      break;
    case "x87":
      toX87(v, asNumber);
      break;
    default: {
      if (type.kind === "integer" && type.name === "bool") v.setUint8(0, value === 0 || value === 0n ? 0 : 1);
      else if (e.size === 8) v.setBigUint64(0, BigInt.asUintN(64, typeof value === "bigint" ? value : BigInt(Math.trunc(value) || 0)), true);
      else {
        // ToUint32 wraps modulo 2^32 exactly; the narrower sizes keep its low bytes
        const x = typeof value === "bigint" ? Number(BigInt.asUintN(32, value)) : Math.trunc(value) >>> 0;
        if (e.size === 4) v.setUint32(0, x, true);
        else if (e.size === 2) v.setUint16(0, x & 0xffff, true);
        else v.setUint8(0, x & 0xff);
      }
    }
  }
  for (let k = at; k < at + e.size; k++) seg.state[k]! |= INITIALISED;
  return undefined;
}

/** x87 extended precision: sign, 15-bit exponent, 64-bit significand with its integer bit. */
function toX87(v: DataView, x: number): void {
  const d = new DataView(new ArrayBuffer(8));
  d.setFloat64(0, x, true);
  const hi = d.getUint32(4, true);
  const sign = hi >>> 31;
  const exp = (hi >>> 20) & 0x7ff;
  let frac = d.getBigUint64(0, true) & ((1n << 52n) - 1n);
  let e15: number;
  let mant: bigint;
  if (exp === 0x7ff) {
    e15 = 0x7fff;
    mant = (1n << 63n) | (frac << 11n);
  } else if (exp === 0) {
    if (frac === 0n) {
      e15 = 0;
      mant = 0n;
    } else {
      // a subnormal double is a normal long double
      let shift = 0;
      while (!(frac & (1n << 52n))) {
        frac <<= 1n;
        shift++;
      }
      e15 = 1 - 1023 - shift + 16383;
      mant = frac << 11n;
    }
  } else {
    e15 = exp - 1023 + 16383;
    mant = (1n << 63n) | (frac << 11n);
  }
  v.setBigUint64(0, mant, true);
  v.setUint16(8, (sign << 15) | e15, true);
}

function fromX87(v: DataView): number {
  const mant = v.getBigUint64(0, true);
  const se = v.getUint16(8, true);
  const sign = se >> 15 ? -1 : 1;
  const e = se & 0x7fff;
  if (e === 0x7fff) return mant << 1n === 0n ? sign * Infinity : NaN;
  if (mant === 0n) return sign * 0;
  // two steps, so a value near the bottom of double's range does not underflow on the way
  return sign * (Number(mant) * 2 ** -63) * 2 ** (e - 16383);
}

/** The bytes and their states, for copying and for showing a block's contents. */
export function readBytes(mem: Memory, address: bigint, size: number): { bytes: Uint8Array; state: Uint8Array } | Fault {
  if (size === 0) return { bytes: new Uint8Array(0), state: new Uint8Array(0) };
  const ok = check(mem, address, size, "read");
  if (isFault(ok)) return ok;
  return { bytes: ok.seg.bytes.slice(ok.at, ok.at + size), state: ok.seg.state.slice(ok.at, ok.at + size) };
}

/** Writes bytes; `state` (from readBytes) carries uninitialised bytes over as memcheck does. */
export function writeBytes(mem: Memory, address: bigint, bytes: Uint8Array, state?: Uint8Array): Fault | undefined {
  if (bytes.length === 0) return undefined;
  const ok = check(mem, address, bytes.length, "write");
  if (isFault(ok)) return ok;
  ok.seg.bytes.set(bytes, ok.at);
  for (let k = 0; k < bytes.length; k++) ok.seg.state[ok.at + k] = ADDRESSABLE | (state ? state[k]! & INITIALISED : INITIALISED);
  return undefined;
}

/** memmove: overlapping ranges copy as if through a buffer. */
export function moveBytes(mem: Memory, dst: bigint, src: bigint, size: number): Fault | undefined {
  const r = readBytes(mem, src, size);
  if (isFault(r)) return r;
  return writeBytes(mem, dst, r.bytes, r.state);
}

/** memcpy: the same copy; whether the ranges overlap is the caller's to report. */
export const copyBytes = moveBytes;

export const overlaps = (dst: bigint, src: bigint, size: number): boolean => size > 0 && dst < src + BigInt(size) && src < dst + BigInt(size);

export function fillBytes(mem: Memory, address: bigint, byte: number, size: number): Fault | undefined {
  return writeBytes(mem, address, new Uint8Array(size).fill(byte & 0xff));
}

/** A NUL-terminated string's bytes (without the NUL); a fault if it runs off its block. */
export function readCString(mem: Memory, address: bigint, limit = Infinity): { bytes: Uint8Array; initialised: boolean } | Fault {
  const out: number[] = [];
  let initialised = true;
  for (let i = 0; i < limit; i++) {
    const r = readBytes(mem, address + BigInt(i), 1);
    if (isFault(r)) return r;
    if (!(r.state[0]! & INITIALISED)) initialised = false;
    if (r.bytes[0] === 0) break;
    out.push(r.bytes[0]!);
  }
  return { bytes: Uint8Array.from(out), initialised };
}

/** A bit-field's place: its record's address plus the member's bit offset and width (layout.ts). */
export interface BitField {
  bitOffset: number;
  bits: number;
  type: CType;
}

/** The bytes a bit-field touches, as one little-endian number. */
function bitBytes(mem: Memory, record: bigint, f: BitField): { first: number; span: number; raw: bigint; initialised: boolean } | Fault {
  const first = Math.floor(f.bitOffset / 8);
  const span = Math.ceil((f.bitOffset + f.bits) / 8) - first;
  const r = readBytes(mem, record + BigInt(first), span);
  if (isFault(r)) return r;
  let raw = 0n;
  for (let k = span - 1; k >= 0; k--) raw = (raw << 8n) | BigInt(r.bytes[k]!);
  return { first, span, raw, initialised: r.state.every((s) => (s & INITIALISED) !== 0) };
}

/** Reads a bit-field (sign-extended when its type is signed, as gcc's plain `int x : 3` is). */
export function loadBits(mem: Memory, record: bigint, f: BitField): Loaded | Fault {
  const b = bitBytes(mem, record, f);
  if (isFault(b)) return b;
  const field = BigInt.asUintN(f.bits, b.raw >> BigInt(f.bitOffset - b.first * 8));
  const e = encoding(f.type);
  const value = e.signed ? BigInt.asIntN(f.bits, field) : field;
  return { kind: "value", value: e.size === 8 ? value : Number(value), initialised: b.initialised };
}

/** Writes a bit-field: its bits change, the bits around it in the same bytes keep their values. */
export function storeBits(mem: Memory, record: bigint, f: BitField, value: Scalar): Fault | undefined {
  const b = bitBytes(mem, record, f);
  if (isFault(b)) return b;
  const shift = BigInt(f.bitOffset - b.first * 8);
  const mask = ((1n << BigInt(f.bits)) - 1n) << shift;
  const bool = f.type.kind === "integer" && f.type.name === "bool";
  const v = bool ? (value === 0 || value === 0n ? 0n : 1n) : BigInt.asUintN(f.bits, typeof value === "bigint" ? value : BigInt(Math.trunc(value) || 0));
  const raw = (b.raw & ~mask) | (v << shift);
  const out = new Uint8Array(b.span);
  for (let k = 0; k < b.span; k++) out[k] = Number((raw >> BigInt(8 * k)) & 0xffn);
  // memsim keeps states per byte: the bytes the field touches count as written
  return writeBytes(mem, record + BigInt(b.first), out);
}
