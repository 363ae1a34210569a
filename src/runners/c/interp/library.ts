/**
 * The C library the subset covers, run in TypeScript over the memory: the allocator, string.h,
 * stdlib.h, ctype.h and assert (stdio.h is in stdio.ts). Each takes its arguments already
 * converted to the prototype's types and gives the result as a value.
 */
import type { Expr } from "../parse/index.js";
import * as lib from "../memory/index.js";
import { blockAt, isFault, readCString } from "../memory/index.js";
import type { Machine } from "./machine.js";
import { callByAddress } from "./calls.js";
import { STDIO } from "./stdio.js";
import { toBig, type Value } from "./values.js";

export type LibraryFunction = (m: Machine, args: Value[], e: Extract<Expr, { kind: "call" }>) => Value;

const big = (v: Value | undefined): bigint => toBig(v ?? 0n);
const num = (v: Value | undefined): number => Number(big(v));

function pointer(m: Machine, r: lib.PointerResult): bigint {
  if (isFault(r)) return m.fail(r);
  return r.value;
}

function int(m: Machine, r: lib.IntResult): bigint {
  if (isFault(r)) return m.fail(r);
  return BigInt(r.value);
}

/** The C string at an address, one char per byte. */
export function cString(m: Machine, address: bigint): string {
  const r = readCString(m.mem, address);
  if (isFault(r)) return m.fail(r);
  return Buffer.from(r.bytes).toString("latin1");
}

/** The memory limit a run's allocations may not pass: every mapped byte costs the host a byte. */
export const DEFAULT_MAX_MEMORY_BYTES = 64 * 1024 * 1024;

const allocated = (m: Machine, a: lib.Allocation | null, call: "malloc" | "calloc" | "realloc" | "strdup", requested: number): bigint => {
  if (!a) return 0n;
  const mapped = m.mem.segments.reduce((n, s) => n + s.bytes.length, 0);
  if (mapped > (m.options.maxMemoryBytes ?? DEFAULT_MAX_MEMORY_BYTES)) m.end({ kind: "limit", limit: "memory", line: m.line });
  m.events.push({ kind: "alloc", block: a.block, call, requested });
  return a.address;
};

/** glibc's random(): the additive feedback generator behind rand(), seeded as srand() seeds it. */
function seed(s: number): number[] {
  const r: number[] = [s | 0 || 1];
  for (let i = 1; i < 31; i++) {
    const prev = r[i - 1]!;
    let word = 16807 * (prev % 127773) - 2836 * Math.trunc(prev / 127773);
    if (word < 0) word += 2147483647;
    r.push(word);
  }
  for (let i = 31; i < 34; i++) r.push(r[i - 31]!);
  for (let i = 34; i < 344; i++) r.push((r[i - 31]! + r[i - 3]!) | 0);
  return r.slice(-34);
}

function rand(m: Machine): bigint {
  const r = (m.randState ??= seed(1));
  const next = (r[r.length - 31]! + r[r.length - 3]!) | 0;
  r.push(next);
  r.shift();
  return BigInt(next >>> 1);
}

/** strtol's reading: spaces, a sign, a base prefix, digits; where it stopped. */
function parseLong(text: string, base: number, unsigned = false): { value: bigint; end: number } {
  let i = 0;
  while (/[ \t\n\v\f\r]/.test(text[i] ?? "")) i++;
  let sign = 1n;
  if (text[i] === "+" || text[i] === "-") sign = text[i++] === "-" ? -1n : 1n;
  if ((base === 0 || base === 16) && text[i] === "0" && /[xX]/.test(text[i + 1] ?? "") && /[0-9a-fA-F]/.test(text[i + 2] ?? "")) {
    i += 2;
    base = 16;
  } else if (base === 0) base = text[i] === "0" ? 8 : 10;
  const start = i;
  let value = 0n;
  for (;;) {
    const d = parseInt(text[i] ?? "", 36);
    if (Number.isNaN(d) || d >= base) break;
    value = value * BigInt(base) + BigInt(d);
    i++;
  }
  if (i === start) return { value: 0n, end: 0 };
  // out of range saturates, as strtol and strtoul do (errno ERANGE)
  if (unsigned) return { value: value >= 2n ** 64n ? 2n ** 64n - 1n : BigInt.asUintN(64, value * sign), end: i };
  value *= sign;
  if (value > 2n ** 63n - 1n) value = 2n ** 63n - 1n;
  if (value < -(2n ** 63n)) value = -(2n ** 63n);
  return { value, end: i };
}

export function parseDouble(text: string): { value: number; end: number } {
  const found = /^[ \t\n\v\f\r]*([+-]?(?:inf(?:inity)?|nan|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?))/i.exec(text);
  if (!found) return { value: 0, end: 0 };
  const s = found[1]!.toLowerCase();
  const value = s.includes("inf") ? (s.startsWith("-") ? -Infinity : Infinity) : s.includes("nan") ? NaN : Number(s);
  return { value, end: found[0].length };
}

const ctype = (test: (c: string) => boolean): LibraryFunction => (_m, [c]) => {
  const n = num(c);
  return n >= 0 && n < 128 && test(String.fromCharCode(n)) ? 1n : 0n;
};

/** The text of assert's condition, as the preprocessor's # would spell it. */
function assertion(m: Machine, e: Expr): string {
  const line = m.sourceLines[e.line - 1] ?? "";
  const open = line.indexOf("(", e.column - 1);
  let depth = 0;
  for (let i = open; i < line.length; i++) {
    if (line[i] === "(") depth++;
    else if (line[i] === ")" && --depth === 0) return line.slice(open + 1, i).trim();
  }
  return line.slice(open + 1).trim();
}

export const LIBRARY: Record<string, LibraryFunction> = {
  ...STDIO,
  malloc: (m, [n]) => allocated(m, lib.malloc(m.mem, num(n), m.line), "malloc", num(n)),
  calloc: (m, [c, s]) => allocated(m, lib.calloc(m.mem, num(c), num(s), m.line), "calloc", num(c) * num(s)),
  realloc: (m, [p, n]) => {
    const old = big(p) === 0n ? undefined : blockAt(m.mem, big(p));
    const r = lib.realloc(m.mem, big(p), num(n), m.line);
    if (isFault(r)) return m.fail(r);
    if (!old) return allocated(m, r, "realloc", num(n));
    if (!r) {
      if (num(n) === 0) m.events.push({ kind: "free", block: old });
      return 0n;
    }
    if (r.block === old) m.events.push({ kind: "realloc", from: old, to: old, moved: false });
    else {
      m.events.push({ kind: "alloc", block: r.block, call: "realloc", requested: num(n) });
      m.events.push({ kind: "realloc", from: old, to: r.block, moved: true });
      m.events.push({ kind: "free", block: old });
    }
    return r.address;
  },
  free: (m, [p]) => {
    const block = big(p) === 0n ? undefined : blockAt(m.mem, big(p));
    const f = lib.free(m.mem, big(p), m.line);
    if (f) m.end({ kind: "fault", fault: f, line: m.line });
    if (block) m.events.push({ kind: "free", block });
    return 0n;
  },
  strlen: (m, [s]) => int(m, lib.strlen(m.mem, big(s))),
  strcpy: (m, [d, s]) => {
    const r = pointer(m, lib.strcpy(m.mem, big(d), big(s)));
    m.wrote(big(d), cString(m, big(d)).length + 1);
    return r;
  },
  strncpy: (m, [d, s, n]) => {
    const r = pointer(m, lib.strncpy(m.mem, big(d), big(s), num(n)));
    m.wrote(big(d), num(n));
    return r;
  },
  strcat: (m, [d, s]) => {
    const before = cString(m, big(d)).length;
    const r = pointer(m, lib.strcat(m.mem, big(d), big(s)));
    m.wrote(big(d) + BigInt(before), cString(m, big(d)).length - before + 1);
    return r;
  },
  strncat: (m, [d, s, n]) => {
    const end = big(d) + BigInt(cString(m, big(d)).length);
    const add = cString(m, big(s)).slice(0, num(n));
    const bytes = Buffer.concat([Buffer.from(add, "latin1"), Buffer.from([0])]);
    const f = lib.writeBytes(m.mem, end, bytes);
    if (f) return m.fail(f);
    m.wrote(end, bytes.length);
    return big(d);
  },
  strrchr: (m, [s, c]) => {
    const text = cString(m, big(s));
    const ch = String.fromCharCode(Number(BigInt.asUintN(8, big(c))));
    const at = ch === "\0" ? text.length : text.lastIndexOf(ch);
    return at < 0 ? 0n : big(s) + BigInt(at);
  },
  strstr: (m, [s, part]) => {
    const at = cString(m, big(s)).indexOf(cString(m, big(part)));
    return at < 0 ? 0n : big(s) + BigInt(at);
  },
  strcmp: (m, [a, b]) => int(m, lib.strcmp(m.mem, big(a), big(b))),
  strncmp: (m, [a, b, n]) => int(m, lib.strncmp(m.mem, big(a), big(b), num(n))),
  memcmp: (m, [a, b, n]) => int(m, lib.memcmp(m.mem, big(a), big(b), num(n))),
  strchr: (m, [s, c]) => pointer(m, lib.strchr(m.mem, big(s), num(c))),
  strdup: (m, [s]) => {
    const r = lib.strdup(m.mem, big(s), m.line);
    if (isFault(r)) return m.fail(r);
    const address = allocated(m, r, "strdup", r ? r.block.size : 0);
    if (r) m.wrote(r.address, r.block.size);
    return address;
  },
  memset: (m, [s, c, n]) => {
    const r = pointer(m, lib.memset(m.mem, big(s), num(c), num(n)));
    m.wrote(big(s), num(n));
    return r;
  },
  memcpy: (m, [d, s, n]) => {
    const r = pointer(m, lib.memcpy(m.mem, big(d), big(s), num(n)));
    m.wrote(big(d), num(n));
    return r;
  },
  memmove: (m, [d, s, n]) => {
    const r = pointer(m, lib.memmove(m.mem, big(d), big(s), num(n)));
    m.wrote(big(d), num(n));
    return r;
  },
  exit: (m, [status]) => m.end({ kind: "exit", status: num(status) & 0xff }),
  abort: (m) => m.end({ kind: "abort", reason: "abort", line: m.line }),
  abs: (_m, [x]) => BigInt.asIntN(32, big(x) < 0n ? -big(x) : big(x)),
  labs: (_m, [x]) => BigInt.asIntN(64, big(x) < 0n ? -big(x) : big(x)),
  atoi: (m, [s]) => BigInt.asIntN(32, parseLong(cString(m, big(s)), 10).value),
  atol: (m, [s]) => parseLong(cString(m, big(s)), 10).value,
  atof: (m, [s]) => parseDouble(cString(m, big(s))).value,
  strtol: (m, [s, endp, base]) => {
    const r = parseLong(cString(m, big(s)), num(base));
    if (big(endp) !== 0n) m.write(big(endp), { kind: "pointer", to: { kind: "integer", name: "char" } }, big(s) + BigInt(r.end));
    return r.value;
  },
  strtoul: (m, [s, endp, base]) => {
    const r = parseLong(cString(m, big(s)), num(base), true);
    if (big(endp) !== 0n) m.write(big(endp), { kind: "pointer", to: { kind: "integer", name: "char" } }, big(s) + BigInt(r.end));
    return r.value;
  },
  strtod: (m, [s, endp]) => {
    const r = parseDouble(cString(m, big(s)));
    if (big(endp) !== 0n) m.write(big(endp), { kind: "pointer", to: { kind: "integer", name: "char" } }, big(s) + BigInt(r.end));
    return r.value;
  },
  rand: (m) => rand(m),
  srand: (m, [s]) => {
    m.randState = seed(Number(BigInt.asIntN(32, big(s))));
    return 0n;
  },
  qsort: (m, [base, count, size, cmp]) => {
    const n = num(count);
    const each = num(size);
    const at = (i: number) => big(base) + BigInt(i * each);
    const compare = (a: number, b: number) => BigInt.asIntN(32, big(callByAddress(m, big(cmp), [at(a), at(b)])));
    // glibc's qsort is a merge sort (stable), comparing in this order
    const sort = (idx: number[]): number[] => {
      if (idx.length <= 1) return idx;
      const half = idx.length >> 1;
      const a = sort(idx.slice(0, half));
      const b = sort(idx.slice(half));
      const out: number[] = [];
      while (a.length && b.length) out.push(compare(a[0]!, b[0]!) <= 0n ? a.shift()! : b.shift()!);
      return [...out, ...a, ...b];
    };
    const order = sort(Array.from({ length: n }, (_, i) => i));
    const bytes = order.map((i) => {
      const r = lib.readBytes(m.mem, at(i), each);
      if (isFault(r)) return m.fail(r);
      return r.bytes;
    });
    bytes.forEach((b, i) => m.write(at(i), { kind: "void" }, b));
    return 0n;
  },
  assert: (m, [cond], e) => {
    if (cond !== 0n && cond !== 0) return 0n;
    const fn = m.top?.def.name ?? "main";
    m.stderr += `${m.options.fileName ?? "a.out"}: ${m.options.fileName ?? "prog.c"}:${e.line}: ${fn}: Assertion \`${assertion(m, e)}' failed.\n`;
    return m.end({ kind: "abort", reason: "assert", line: e.line });
  },
  isalpha: ctype((c) => /[A-Za-z]/.test(c)),
  isdigit: ctype((c) => /[0-9]/.test(c)),
  isalnum: ctype((c) => /[A-Za-z0-9]/.test(c)),
  isspace: ctype((c) => /[ \t\n\v\f\r]/.test(c)),
  isupper: ctype((c) => /[A-Z]/.test(c)),
  islower: ctype((c) => /[a-z]/.test(c)),
  isxdigit: ctype((c) => /[0-9A-Fa-f]/.test(c)),
  ispunct: ctype((c) => c > " " && c < "\x7f" && !/[A-Za-z0-9]/.test(c)),
  isprint: ctype((c) => c >= " " && c < "\x7f"),
  isgraph: ctype((c) => c > " " && c < "\x7f"),
  iscntrl: ctype((c) => c < " " || c === "\x7f"),
  toupper: (_m, [c]) => (num(c) >= 97 && num(c) <= 122 ? big(c) - 32n : big(c)),
  tolower: (_m, [c]) => (num(c) >= 65 && num(c) <= 90 ? big(c) + 32n : big(c)),
};
