/**
 * A program file's bytes read as CPython reads a source file: UTF-8, a leading byte-order
 * mark dropped, or the encoding a PEP 263 comment (`# -*- coding: gbk -*-`) declares on its
 * first two lines. Anything else is refused as CPython refuses it, with where it goes wrong
 * and, for the usual case of a file saved by Chinese Windows, which encoding it is in.
 */

export type DecodedSource =
  | { ok: true; text: string }
  /** not UTF-8 and nothing declared: `line` holds the first byte that is not UTF-8; `looksLike`
   * is set when the whole file reads as GBK/GB18030 text with Chinese characters in it */
  | { ok: false; problem: "not-utf8"; line: number; looksLike?: "gb18030" | "utf-16" }
  /** a coding comment names an encoding memsim cannot read (or one the bytes do not follow) */
  | { ok: false; problem: "bad-declaration"; encoding: string; line: number };

const BOM = [0xef, 0xbb, 0xbf];
// PEP 263's own pattern, on one of the first two lines
const DECLARATION = /^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)/;

/** Python's names for encodings, as the WHATWG names TextDecoder knows them by. */
function whatwgName(python: string): string {
  const name = python.toLowerCase().replace(/_/g, "-");
  if (/^utf-?8(-sig)?$/.test(name)) return "utf-8";
  if (name === "cp936" || name === "ms936") return "gbk";
  if (name === "latin-1" || name === "iso-8859-1" || name === "l1") return "iso-8859-1";
  return name;
}

/** Offset of the first byte that breaks UTF-8, or -1 when all of them are well formed. */
function firstBadUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    // overlong forms, surrogates and code points past U+10FFFF
    const c1 = bytes[i + 1] ?? 0;
    if ((b === 0xe0 && c1 < 0xa0) || (b === 0xed && c1 > 0x9f) || (b === 0xf0 && c1 < 0x90) || (b === 0xf4 && c1 > 0x8f)) return i;
    i += need + 1;
  }
  return -1;
}

function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/** The declared encoding, from the first line or (when the first is only a comment or blank) the second. */
function declared(bytes: Uint8Array): { encoding: string; line: number } | undefined {
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 400)).split(/\r\n|\r|\n/);
  const first = DECLARATION.exec(head[0] ?? "");
  if (first) return { encoding: first[1]!, line: 1 };
  if (!/^[ \t\f]*(#.*)?$/.test(head[0] ?? "")) return undefined;
  const second = DECLARATION.exec(head[1] ?? "");
  return second ? { encoding: second[1]!, line: 2 } : undefined;
}

function strictDecode(bytes: Uint8Array, encoding: string): string | undefined {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** A program file's text as CPython would read it, or why CPython would not. */
export function decodeSource(bytes: Uint8Array): DecodedSource {
  // Windows Notepad's "Unicode": two bytes a character, which CPython does not read either
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return { ok: false, problem: "not-utf8", line: 1, looksLike: "utf-16" };
  const bom = BOM.every((b, i) => bytes[i] === b);
  const body = bom ? bytes.subarray(3) : bytes;
  const declaration = bom ? undefined : declared(body);
  if (declaration && whatwgName(declaration.encoding) !== "utf-8") {
    const text = strictDecode(body, whatwgName(declaration.encoding));
    return text === undefined ? { ok: false, problem: "bad-declaration", ...declaration } : { ok: true, text };
  }
  const bad = firstBadUtf8(body);
  if (bad < 0) return { ok: true, text: new TextDecoder("utf-8", { ignoreBOM: true }).decode(body) };
  const asGb = strictDecode(body, "gb18030");
  // GB18030 reads almost any bytes: only text with Chinese characters in it is taken for it
  const chinese = asGb !== undefined && /[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]/.test(asGb);
  return { ok: false, problem: "not-utf8", line: lineAt(body, bad), ...(chinese ? { looksLike: "gb18030" as const } : {}) };
}
