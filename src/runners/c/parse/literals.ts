/** C's literals as gcc reads them on x86-64: integer constants typed by suffix and size, escapes decoded. */
import { T, type CType } from "../types.js";

const FITS: Record<string, bigint> = { int: 0x7fffffffn, "unsigned int": 0xffffffffn, long: 0x7fffffffffffffffn, "unsigned long": 0xffffffffffffffffn, "long long": 0x7fffffffffffffffn, "unsigned long long": 0xffffffffffffffffn };
const TYPES: Record<string, CType> = { int: T.int, "unsigned int": T.unsignedInt, long: T.long, "unsigned long": T.unsignedLong, "long long": T.longLong, "unsigned long long": T.unsignedLongLong };

/** An integer constant's value and type (C11 6.4.4.1: the first of its list that holds the value); undefined when malformed. */
export function integerLiteral(text: string): { value: bigint; type: CType; tooLarge: boolean } | undefined {
  const m = /^(0[xX][0-9a-fA-F]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)([uU]?(?:ll|LL|l|L)?|(?:ll|LL|l|L)[uU])$/.exec(text.replace(/'/g, ""));
  if (!m) return undefined;
  const digits = m[1]!;
  const value = /^0[0-7]+$/.test(digits) ? BigInt(`0o${digits.slice(1)}`) : BigInt(digits);
  const suffix = m[2]!.toLowerCase();
  const unsigned = suffix.includes("u");
  const longs = suffix.includes("ll") ? 2 : suffix.includes("l") ? 1 : 0;
  const decimal = /^[1-9]/.test(digits) || digits === "0";
  const order = ["int", "long", "long long"].slice(longs);
  const candidates = order.flatMap((k) => (unsigned ? [`unsigned ${k}`] : decimal ? [k] : [k, `unsigned ${k}`]));
  const fit = candidates.find((k) => value <= FITS[k]!);
  // gcc gives a too-large decimal constant `unsigned long` (`__int128` aside) with a warning
  return fit ? { value, type: TYPES[fit]!, tooLarge: false } : { value: BigInt.asUintN(64, value), type: T.unsignedLong, tooLarge: true };
}

/** A floating constant: `1.5` double, `1.5f` float, `1.5L` long double. */
export function floatLiteral(text: string): { value: number; type: CType } | undefined {
  const m = /^((?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|0[xX][0-9a-fA-F.]+[pP][-+]?\d+)([fFlL]?)$/.exec(text);
  if (!m) return undefined;
  const body = m[1]!;
  if (!/[.eEpP]/.test(body)) return undefined;
  const value = /^0[xX]/.test(body) ? hexFloat(body) : Number(body);
  const suffix = m[2]!.toLowerCase();
  return { value: suffix === "f" ? Math.fround(value) : value, type: suffix === "f" ? T.float : suffix === "l" ? T.longDouble : T.double };
}

function hexFloat(text: string): number {
  const [mant = "", exp = "0"] = text.slice(2).split(/[pP]/);
  const [int = "", frac = ""] = mant.split(".");
  return (parseInt(int || "0", 16) + (frac ? parseInt(frac, 16) / 16 ** frac.length : 0)) * 2 ** Number(exp);
}

const SIMPLE: Record<string, number> = { n: 10, t: 9, r: 13, "0": 0, a: 7, b: 8, f: 12, v: 11, "\\": 92, "'": 39, '"': 34, "?": 63, e: 27 };

/** The bytes of a literal's body (between its quotes), escapes decoded, other characters as UTF-8. */
export function decodeEscapes(body: string): number[] {
  const bytes: number[] = [];
  const encoder = new TextEncoder();
  for (let i = 0; i < body.length; ) {
    const c = body[i]!;
    if (c !== "\\") {
      const cp = body.codePointAt(i)!;
      const ch = String.fromCodePoint(cp);
      bytes.push(...encoder.encode(ch));
      i += ch.length;
      continue;
    }
    const next = body[i + 1] ?? "";
    const octal = /^[0-7]{1,3}/.exec(body.slice(i + 1));
    if (octal) {
      bytes.push(parseInt(octal[0], 8) & 0xff);
      i += 1 + octal[0].length;
    } else if (next === "x") {
      const hex = /^[0-9a-fA-F]+/.exec(body.slice(i + 2))?.[0] ?? "0";
      bytes.push(parseInt(hex.slice(-2), 16));
      i += 2 + (hex === "0" && !/^0/.test(body.slice(i + 2)) ? 0 : hex.length);
    } else if (next === "u" || next === "U") {
      const n = next === "u" ? 4 : 8;
      bytes.push(...encoder.encode(String.fromCodePoint(parseInt(body.slice(i + 2, i + 2 + n), 16) || 0)));
      i += 2 + n;
    } else {
      bytes.push(SIMPLE[next] ?? next.charCodeAt(0));
      i += 2;
    }
  }
  return bytes;
}

/** A character constant's int value (`char` is signed on x86-64, so `'\xff'` is -1); several characters pack as gcc does. */
export function charValue(body: string): number {
  const bytes = decodeEscapes(body);
  if (bytes.length === 1) return bytes[0]! > 127 ? bytes[0]! - 256 : bytes[0]!;
  let v = 0;
  for (const b of bytes) v = ((v << 8) | b) | 0;
  return v;
}
