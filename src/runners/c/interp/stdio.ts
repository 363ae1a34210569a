/**
 * stdio.h: printf and its family formatted by the memory model's `formatPrintf` (glibc's
 * output), reading each variable argument as the format says; scanf and getchar reading the
 * run's stdin.
 */
import { argKinds, formatPrintf, isFault, parseFormat, reserve, writeBytes, type FormatArg } from "../memory/index.js";
import { T, type CType } from "../types.js";
import type { Machine } from "./machine.js";
import { cString, parseDouble, type LibraryFunction } from "./library.js";
import { toBig, type Value } from "./values.js";

const big = (v: Value | undefined): bigint => toBig(v ?? 0n);

function format(m: Machine, fmt: Value, args: Value[]): string {
  const text = cString(m, big(fmt));
  const kinds = argKinds(parseFormat(text));
  const values: FormatArg[] = args.map((a, i) => {
    const k = kinds[i];
    if (k === "string") return big(a) === 0n ? null : cString(m, big(a));
    if (k === "double") return typeof a === "number" ? a : Number(big(a));
    return typeof a === "number" ? a : big(a);
  });
  const out = formatPrintf(text, values);
  if (typeof out !== "string") m.end({ kind: "abort", reason: "unsupported", line: m.line, detail: "printf" });
  return out;
}

/** Writes text and its NUL into the program's buffer, as sprintf does. */
function put(m: Machine, address: bigint, text: string): void {
  const bytes = Buffer.concat([Buffer.from(text, "latin1"), Buffer.from([0])]);
  const f = writeBytes(m.mem, address, bytes);
  if (isFault(f)) m.fail(f);
  m.wrote(address, bytes.length);
}

/** glibc gives stdin its buffer (a heap chunk, 1024 bytes for a terminal) at the first read. */
function firstRead(m: Machine): void {
  if (m.stdinBuffered) return;
  m.stdinBuffered = true;
  reserve(m.mem, 1024);
}

function readByte(m: Machine): number {
  firstRead(m);
  return m.stdinAt < m.stdin.length ? m.stdin[m.stdinAt++]! : -1;
}

/** What scanf reads from: the run's stdin, or sscanf's string. */
interface Source {
  bytes: Uint8Array;
  at: number;
}

const space = (c: number | undefined) => c !== undefined && [32, 9, 10, 11, 12, 13].includes(c);

/** scanf: whitespace, literal text and the conversions d i u x o c s f e g (with h, hh, l, ll, z). */
function scan(m: Machine, src: Source, fmt: string, targets: Value[]): bigint {
  const input = src.bytes;
  let assigned = 0;
  let t = 0;
  const peek = () => input[src.at];
  const skip = () => {
    while (space(peek())) src.at++;
  };
  for (let i = 0; i < fmt.length; i++) {
    const f = fmt[i]!;
    if (space(f.charCodeAt(0))) {
      skip();
      continue;
    }
    if (f !== "%" || fmt[i + 1] === "%") {
      if (f === "%") i++;
      skip();
      if (peek() !== f.charCodeAt(0)) return BigInt(assigned === 0 && src.at >= input.length ? -1 : assigned);
      src.at++;
      continue;
    }
    const spec = /^%(\*)?(\d+)?(hh|h|ll|l|z|L)?([diuxocsfeg])/.exec(fmt.slice(i));
    if (!spec) return BigInt(assigned);
    i += spec[0].length - 1;
    const [, star, width, length = "", conv = ""] = spec;
    const max = width ? Number(width) : Infinity;
    if (conv !== "c") skip();
    if (src.at >= input.length) return BigInt(assigned === 0 ? -1 : assigned);
    const start = src.at;
    let text = "";
    const take = (ok: (c: string, sofar: string) => boolean) => {
      while (src.at < input.length && text.length < max && ok(String.fromCharCode(input[src.at]!), text)) text += String.fromCharCode(input[src.at++]!);
    };
    let type: CType;
    let value: Value | Uint8Array;
    if (conv === "c") {
      take((_c, s) => s.length < (width ? max : 1));
      type = T.char;
      value = Buffer.from(text, "latin1");
    } else if (conv === "s") {
      take((c) => !space(c.charCodeAt(0)));
      value = Buffer.concat([Buffer.from(text, "latin1"), Buffer.from([0])]);
      type = T.char;
    } else if ("feg".includes(conv)) {
      take((c, s) => /^[+-]?(\d*\.?\d*([eE][+-]?\d*)?)$/.test(s + c));
      const d = parseDouble(text);
      if (d.end === 0) {
        src.at = start;
        return BigInt(assigned);
      }
      type = length === "l" || length === "L" ? T.double : T.float;
      value = d.value;
    } else {
      const base = conv === "x" ? 16 : conv === "o" ? 8 : 10;
      const digits = base === 16 ? /^[+-]?(0[xX])?[0-9a-fA-F]*$/ : base === 8 ? /^[+-]?[0-7]*$/ : /^[+-]?\d*$/;
      take((c, s) => digits.test(s + c));
      const n = /^[+-]?(0[xX])?$/.test(text) ? undefined : text.replace(/0[xX]/, "");
      if (n === undefined) {
        src.at = start;
        return BigInt(assigned);
      }
      const neg = n.startsWith("-");
      const v = BigInt.asUintN(64, BigInt(neg ? -1 : 1) * BigInt.asUintN(64, BigInt(`${base === 16 ? "0x" : base === 8 ? "0o" : ""}${n.replace(/^[+-]/, "")}`)));
      const signed = conv === "d" || conv === "i";
      const name = length === "hh" ? "char" : length === "h" ? "short" : length === "l" || length === "z" ? "long" : length === "ll" ? "long long" : "int";
      type = { kind: "integer", name: (signed ? name === "char" ? "signed char" : name : `unsigned ${name}`) as "int" };
      value = v;
    }
    if (star) continue;
    const target = big(targets[t++]);
    if (value instanceof Uint8Array) {
      const w = writeBytes(m.mem, target, value);
      if (isFault(w)) m.fail(w);
      m.wrote(target, value.length);
    } else m.write(target, type, typeof value === "bigint" && type.kind === "integer" ? BigInt.asIntN(64, value) : value);
    assigned++;
  }
  return BigInt(assigned);
}

export const STDIO: Record<string, LibraryFunction> = {
  printf: (m, [fmt, ...args]) => {
    const out = format(m, fmt!, args);
    m.print(out);
    return BigInt(out.length);
  },
  sprintf: (m, [dst, fmt, ...args]) => {
    const out = format(m, fmt!, args);
    put(m, big(dst), out);
    return BigInt(out.length);
  },
  snprintf: (m, [dst, n, fmt, ...args]) => {
    const out = format(m, fmt!, args);
    const room = Number(big(n));
    if (room > 0) put(m, big(dst), out.slice(0, room - 1));
    return BigInt(out.length);
  },
  puts: (m, [s]) => {
    m.print(`${cString(m, big(s))}\n`);
    return 1n;
  },
  putchar: (m, [c]) => {
    m.print(String.fromCharCode(Number(BigInt.asUintN(8, big(c)))));
    return BigInt.asUintN(8, big(c));
  },
  getchar: (m) => BigInt(readByte(m)),
  scanf: (m, [fmt, ...targets]) => {
    firstRead(m);
    const src = { bytes: m.stdin, at: m.stdinAt };
    const n = scan(m, src, cString(m, big(fmt)), targets);
    m.stdinAt = src.at;
    return n;
  },
  sscanf: (m, [text, fmt, ...targets]) => scan(m, { bytes: Buffer.from(cString(m, big(text)), "latin1"), at: 0 }, cString(m, big(fmt)), targets),
};
