/**
 * printf's formatting as glibc does it, over argument values the interpreter has already read:
 * flags `-+ #0`, width and precision (also `*`), length modifiers, and the conversions
 * d i u o x X c s f F e E g G p %. Floats are printed from their exact binary value (BigInt
 * arithmetic), rounding ties to even as glibc does. Text is one char per byte (latin1).
 */

export interface Conversion {
  kind: "conversion";
  flags: string;
  width?: number | "*";
  precision?: number | "*";
  length: "" | "hh" | "h" | "l" | "ll" | "z" | "j" | "t" | "L";
  conv: string;
  /** the directive as written, printed as is when the conversion is unknown */
  text: string;
}

export type Piece = { kind: "text"; text: string } | Conversion;

/** What each argument is read as, in order (`*` widths and precisions are ints). */
export type ArgKind = "int" | "long" | "double" | "string" | "pointer";

/** The value of an argument: integers as number or bigint, %s as text or null (NULL), %p as bigint. */
export type FormatArg = number | bigint | string | null;

export interface FormatError {
  kind: "format-error";
  reason: "missing-argument" | "wrong-argument";
  /** which argument (0 = the first after the format) */
  index: number;
}

const KNOWN = "diuoxXcsfFeEgGp%";

export function parseFormat(fmt: string): Piece[] {
  const out: Piece[] = [];
  const re = /%([-+ #0]*)(\*|\d+)?(?:\.(\*|\d*))?(hh|h|ll|l|z|j|t|L)?(.?)/gs;
  let last = 0;
  for (let m = re.exec(fmt); m; m = re.exec(fmt)) {
    if (m.index > last) out.push({ kind: "text", text: fmt.slice(last, m.index) });
    last = re.lastIndex;
    const [text, flags = "", width, precision, length = "", conv = ""] = m;
    const c: Conversion = { kind: "conversion", flags, length: length as Conversion["length"], conv, text };
    if (width !== undefined) c.width = width === "*" ? "*" : Number(width);
    if (precision !== undefined) c.precision = precision === "*" ? "*" : Number(precision || "0");
    if (conv === "" || !KNOWN.includes(conv)) out.push({ kind: "text", text });
    else out.push(c);
  }
  if (last < fmt.length) out.push({ kind: "text", text: fmt.slice(last) });
  return out;
}

/** The arguments a format reads, in order, so the caller knows how to read each vararg. */
export function argKinds(pieces: Piece[]): ArgKind[] {
  const kinds: ArgKind[] = [];
  for (const p of pieces) {
    if (p.kind !== "conversion" || p.conv === "%") continue;
    if (p.width === "*") kinds.push("int");
    if (p.precision === "*") kinds.push("int");
    if ("diuoxXc".includes(p.conv)) kinds.push(["l", "ll", "z", "j", "t"].includes(p.length) ? "long" : "int");
    else if (p.conv === "s") kinds.push("string");
    else if (p.conv === "p") kinds.push("pointer");
    else kinds.push("double");
  }
  return kinds;
}

export function formatPrintf(fmt: string, args: FormatArg[]): string | FormatError {
  let next = 0;
  const take = (): FormatArg | FormatError => (next < args.length ? args[next++]! : { kind: "format-error", reason: "missing-argument", index: next });
  let out = "";
  for (const p of parseFormat(fmt)) {
    if (p.kind === "text") {
      out += p.text;
      continue;
    }
    if (p.conv === "%") {
      out += "%";
      continue;
    }
    let flags = p.flags;
    let width = 0;
    let precision: number | undefined;
    if (p.width !== undefined) {
      const w = p.width === "*" ? take() : p.width;
      if (typeof w === "object" && w !== null) return w;
      if (typeof w !== "number" && typeof w !== "bigint") return { kind: "format-error", reason: "wrong-argument", index: next - 1 };
      width = Number(BigInt.asIntN(32, BigInt(w)));
      // a negative `*` width means left-justified
      if (width < 0) {
        flags += "-";
        width = -width;
      }
    }
    if (p.precision !== undefined) {
      const v = p.precision === "*" ? take() : p.precision;
      if (typeof v === "object" && v !== null) return v;
      if (typeof v !== "number" && typeof v !== "bigint") return { kind: "format-error", reason: "wrong-argument", index: next - 1 };
      const n = Number(BigInt.asIntN(32, BigInt(v)));
      if (n >= 0) precision = n;
    }
    const index = next;
    const arg = take();
    if (typeof arg === "object" && arg !== null) return arg;
    const body = convert(p, flags, precision, arg);
    if (body === undefined) return { kind: "format-error", reason: "wrong-argument", index };
    out += pad(body, width, flags, p.conv);
  }
  return out;
}

interface Body {
  sign: string;
  prefix: string;
  digits: string;
  /** zero padding goes between prefix and digits (numbers, unless a precision is given for integers) */
  zeroPad: boolean;
}

function pad(b: Body, width: number, flags: string, _conv: string): string {
  const len = b.sign.length + b.prefix.length + b.digits.length;
  if (len >= width) return b.sign + b.prefix + b.digits;
  if (flags.includes("-")) return b.sign + b.prefix + b.digits + " ".repeat(width - len);
  if (flags.includes("0") && b.zeroPad) return b.sign + b.prefix + "0".repeat(width - len) + b.digits;
  return " ".repeat(width - len) + b.sign + b.prefix + b.digits;
}

const BITS: Record<Conversion["length"], number> = { "": 32, hh: 8, h: 16, l: 64, ll: 64, z: 64, j: 64, t: 64, L: 64 };

function convert(p: Conversion, flags: string, precision: number | undefined, arg: FormatArg): Body | undefined {
  const text = (digits: string): Body => ({ sign: "", prefix: "", digits, zeroPad: false });
  switch (p.conv) {
    case "s":
      if (arg === null) return text(precision === undefined || precision >= 6 ? "(null)" : "");
      if (typeof arg !== "string") return undefined;
      return text(precision === undefined ? arg : arg.slice(0, precision));
    case "c":
      if (typeof arg === "string" || arg === null) return undefined;
      return text(String.fromCharCode(Number(BigInt.asUintN(8, BigInt(arg)))));
    case "p": {
      if (typeof arg === "string") return undefined;
      const v = BigInt.asUintN(64, BigInt(arg ?? 0));
      if (v === 0n) return text("(nil)");
      // as %#lx: a precision is a minimum count of digits
      return { sign: flags.includes("+") ? "+" : flags.includes(" ") ? " " : "", prefix: "0x", digits: v.toString(16).padStart(precision ?? 0, "0"), zeroPad: precision === undefined };
    }
    case "d":
    case "i":
    case "u":
    case "o":
    case "x":
    case "X": {
      if (typeof arg === "string" || arg === null) return undefined;
      const big = typeof arg === "bigint" ? arg : BigInt(Math.trunc(arg));
      const bits = BITS[p.length];
      const signed = p.conv === "d" || p.conv === "i";
      const v = signed ? BigInt.asIntN(bits, big) : BigInt.asUintN(bits, big);
      const neg = v < 0n;
      const mag = neg ? -v : v;
      const base = p.conv === "o" ? 8 : p.conv === "x" || p.conv === "X" ? 16 : 10;
      let digits = mag.toString(base);
      if (p.conv === "X") digits = digits.toUpperCase();
      if (precision !== undefined) digits = precision === 0 && mag === 0n ? "" : digits.padStart(precision, "0");
      let prefix = "";
      if (flags.includes("#") && mag !== 0n && base === 16) prefix = p.conv === "X" ? "0X" : "0x";
      if (flags.includes("#") && base === 8 && !digits.startsWith("0")) digits = `0${digits}`;
      const sign = !signed ? "" : neg ? "-" : flags.includes("+") ? "+" : flags.includes(" ") ? " " : "";
      return { sign, prefix, digits, zeroPad: precision === undefined };
    }
    default: {
      if (typeof arg === "string" || arg === null) return undefined;
      return floating(p.conv, flags, precision ?? 6, Number(arg));
    }
  }
}

function floating(conv: string, flags: string, precision: number, x: number): Body {
  const upper = conv === conv.toUpperCase();
  const negative = x < 0 || Object.is(x, -0) || (Number.isNaN(x) && signBit(x));
  const sign = negative ? "-" : flags.includes("+") ? "+" : flags.includes(" ") ? " " : "";
  const cased = (s: string): string => (upper ? s.toUpperCase() : s);
  if (!Number.isFinite(x)) return { sign, prefix: "", digits: cased(Number.isNaN(x) ? "nan" : "inf"), zeroPad: false };
  const a = Math.abs(x);
  const alt = flags.includes("#");
  const c = conv.toLowerCase();
  if (c === "f") return { sign, prefix: "", digits: fixed(a, precision, alt), zeroPad: true };
  if (c === "e") return { sign, prefix: "", digits: cased(expo(a, precision, alt)), zeroPad: true };
  // %g: %e's exponent decides between the two styles; trailing zeros go unless '#'
  const p = precision === 0 ? 1 : precision;
  const x10 = a === 0 ? 0 : exponentAfterRounding(a, p - 1);
  let s = p > x10 && x10 >= -4 ? fixed(a, p - 1 - x10, alt) : expo(a, p - 1, alt);
  // glibc's own turn: a value that rounds up out of the fixed style (999999.5 with %#g) keeps
  // the fixed style's zero decimals in its exponent form ("1.e+06")
  if (alt && a !== 0 && x10 === p && decimalExponent(a) === p - 1) s = expo(a, 0, true);
  if (!alt) {
    const [mant, exp] = s.split("e") as [string, string | undefined];
    const trimmed = mant.includes(".") ? mant.replace(/0+$/, "").replace(/\.$/, "") : mant;
    s = exp === undefined ? trimmed : `${trimmed}e${exp}`;
  }
  return { sign, prefix: "", digits: cased(s), zeroPad: true };
}

function signBit(x: number): boolean {
  const d = new DataView(new ArrayBuffer(8));
  d.setFloat64(0, x);
  return d.getUint8(0) >= 0x80;
}

/** x = m · 2^e exactly, m an integer. */
function parts(x: number): { m: bigint; e: number } {
  const d = new DataView(new ArrayBuffer(8));
  d.setFloat64(0, x);
  const bits = d.getBigUint64(0);
  const exp = Number((bits >> 52n) & 0x7ffn);
  const frac = bits & ((1n << 52n) - 1n);
  return exp === 0 ? { m: frac, e: -1074 } : { m: frac | (1n << 52n), e: exp - 1075 };
}

/** round(x · 10^k), ties to even, exactly. */
function scaled(x: number, k: number): bigint {
  const { m, e } = parts(x);
  let num = m * (e > 0 ? 2n ** BigInt(e) : 1n) * (k > 0 ? 10n ** BigInt(k) : 1n);
  const den = (e < 0 ? 2n ** BigInt(-e) : 1n) * (k < 0 ? 10n ** BigInt(-k) : 1n);
  const q = num / den;
  num -= q * den;
  const twice = 2n * num;
  return twice > den || (twice === den && q % 2n === 1n) ? q + 1n : q;
}

function fixed(a: number, precision: number, alt: boolean): string {
  const digits = scaled(a, precision).toString().padStart(precision + 1, "0");
  const int = digits.slice(0, digits.length - precision);
  const frac = digits.slice(digits.length - precision);
  return precision === 0 ? `${int}${alt ? "." : ""}` : `${int}.${frac}`;
}

/** The decimal exponent of a > 0, floor(log10 a), exactly. */
function decimalExponent(a: number): number {
  let x = Math.floor(Math.log10(a));
  // the estimate may be one off either way near powers of ten
  while (scaled(a, -x) === 0n || scaledFloor(a, -x) >= 10n) x += scaledFloor(a, -x) >= 10n ? 1 : -1;
  return x;
}

function scaledFloor(x: number, k: number): bigint {
  const { m, e } = parts(x);
  const num = m * (e > 0 ? 2n ** BigInt(e) : 1n) * (k > 0 ? 10n ** BigInt(k) : 1n);
  const den = (e < 0 ? 2n ** BigInt(-e) : 1n) * (k < 0 ? 10n ** BigInt(-k) : 1n);
  return num / den;
}

function exponentAfterRounding(a: number, precision: number): number {
  const x = decimalExponent(a);
  return scaled(a, precision - x) >= 10n ** BigInt(precision + 1) ? x + 1 : x;
}

function expo(a: number, precision: number, alt: boolean): string {
  let x = a === 0 ? 0 : decimalExponent(a);
  let digits = a === 0 ? 0n : scaled(a, precision - x);
  if (digits >= 10n ** BigInt(precision + 1)) {
    digits /= 10n;
    x += 1;
  }
  const s = digits.toString().padStart(precision + 1, "0");
  const mant = precision === 0 ? `${s}${alt ? "." : ""}` : `${s[0]}.${s.slice(1)}`;
  return `${mant}e${x < 0 ? "-" : "+"}${String(Math.abs(x)).padStart(2, "0")}`;
}
