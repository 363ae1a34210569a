/**
 * string.h over a `Memory`: each function reads and writes through the byte checks, so running
 * off a block's end, a missing NUL or a freed source comes back as a `Fault` value. Results are
 * glibc's on x86-64 (strcmp and memcmp give the difference of the first differing bytes).
 */
import { INITIALISED, isFault, type Fault, type Memory } from "./memory.js";
import { fillBytes, moveBytes, overlaps, readBytes, readCString, writeBytes } from "./access.js";
import { malloc, type Allocation } from "./heap.js";

/** A pointer result, or the fault the call ran into; `overlap` marks memcpy/strcpy on overlapping bytes. */
export type PointerResult = { kind: "pointer"; value: bigint; overlap?: boolean } | Fault;
export type IntResult = { kind: "int"; value: number; initialised: boolean } | Fault;

const ptr = (value: bigint, overlap = false): PointerResult => (overlap ? { kind: "pointer", value, overlap } : { kind: "pointer", value });

export function strlen(mem: Memory, s: bigint): IntResult {
  const r = readCString(mem, s);
  return isFault(r) ? r : { kind: "int", value: r.bytes.length, initialised: r.initialised };
}

/** Copies src's bytes and its NUL to dst. */
export function strcpy(mem: Memory, dst: bigint, src: bigint): PointerResult {
  const r = readCString(mem, src);
  if (isFault(r)) return r;
  const w = writeBytes(mem, dst, withNul(r.bytes));
  return w ?? ptr(dst, overlaps(dst, src, r.bytes.length + 1));
}

/** Copies at most n bytes; pads with NULs when src is shorter, and adds no NUL when it is not. */
export function strncpy(mem: Memory, dst: bigint, src: bigint, n: number): PointerResult {
  const r = readCString(mem, src, n);
  if (isFault(r)) return r;
  const out = new Uint8Array(n);
  out.set(r.bytes.subarray(0, n));
  const w = writeBytes(mem, dst, out);
  return w ?? ptr(dst, overlaps(dst, src, Math.min(n, r.bytes.length + 1)));
}

export function strcat(mem: Memory, dst: bigint, src: bigint): PointerResult {
  const end = strlen(mem, dst);
  if (isFault(end)) return end;
  const r = strcpy(mem, dst + BigInt(end.value), src);
  return isFault(r) ? r : ptr(dst, r.overlap);
}

export function strcmp(mem: Memory, a: bigint, b: bigint): IntResult {
  return compare(mem, a, b, Infinity, true);
}

export function strncmp(mem: Memory, a: bigint, b: bigint, n: number): IntResult {
  return compare(mem, a, b, n, true);
}

export function memcmp(mem: Memory, a: bigint, b: bigint, n: number): IntResult {
  return compare(mem, a, b, n, false);
}

/** Byte by byte as the C functions go, so a fault is met only where they would read. */
function compare(mem: Memory, a: bigint, b: bigint, n: number, strings: boolean): IntResult {
  let initialised = true;
  for (let i = 0; i < n; i++) {
    const x = readBytes(mem, a + BigInt(i), 1);
    if (isFault(x)) return x;
    const y = readBytes(mem, b + BigInt(i), 1);
    if (isFault(y)) return y;
    if (!(x.state[0]! & INITIALISED) || !(y.state[0]! & INITIALISED)) initialised = false;
    const d = x.bytes[0]! - y.bytes[0]!;
    if (d !== 0) return { kind: "int", value: d, initialised };
    if (strings && x.bytes[0] === 0) break;
  }
  return { kind: "int", value: 0, initialised };
}

/** The first c (as a char) in s, the NUL included; 0n (NULL) when there is none. */
export function strchr(mem: Memory, s: bigint, c: number): PointerResult {
  const want = c & 0xff;
  for (let i = 0n; ; i++) {
    const x = readBytes(mem, s + i, 1);
    if (isFault(x)) return x;
    if (x.bytes[0] === want) return ptr(s + i);
    if (x.bytes[0] === 0) return ptr(0n);
  }
}

/** A heap copy of s (NULL when malloc fails); the block is recorded at `line`. */
export function strdup(mem: Memory, s: bigint, line?: number): Allocation | null | Fault {
  const r = readCString(mem, s);
  if (isFault(r)) return r;
  const a = malloc(mem, r.bytes.length + 1, line);
  if (!a) return null;
  const w = writeBytes(mem, a.address, withNul(r.bytes));
  return w ?? a;
}

export function memset(mem: Memory, s: bigint, c: number, n: number): PointerResult {
  return fillBytes(mem, s, c, n) ?? ptr(s);
}

/** memcpy: copies bytes with their initialised state; `overlap` when the ranges overlap (undefined in C). */
export function memcpy(mem: Memory, dst: bigint, src: bigint, n: number): PointerResult {
  return moveBytes(mem, dst, src, n) ?? ptr(dst, overlaps(dst, src, n));
}

export function memmove(mem: Memory, dst: bigint, src: bigint, n: number): PointerResult {
  return moveBytes(mem, dst, src, n) ?? ptr(dst);
}

function withNul(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length + 1);
  out.set(bytes);
  return out;
}
