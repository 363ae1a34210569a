/**
 * C's values as the interpreter holds them: integers and pointers as bigints wrapped to their
 * type's width, floating values as numbers (a float rounded to 32 bits), structs and unions as
 * their bytes. Conversions and arithmetic follow gcc on x86-64.
 */
import { INTEGER_INFO, isArithmetic, type CType } from "../types.js";
import { enumBase, mustSizeOf } from "../memory/index.js";
import { promote, usualArithmetic } from "../parse/index.js";
import { baseRecord, strip } from "../parse/conversions.js";

export type Value = bigint | number | Uint8Array;

/** The type a value of `t` has where C uses it: arrays and functions decay, qualifiers go. */
export function valueType(t: CType): CType {
  const s = strip(t);
  if (s.kind === "array") return { kind: "pointer", to: s.of };
  if (s.kind === "function") return { kind: "pointer", to: s };
  if (s.kind === "struct" || s.kind === "union") return baseRecord(s);
  return s;
}

/** Width and signedness of an integer-like type (pointers are 64-bit unsigned). */
export function intShape(t: CType): { bits: number; signed: boolean } | undefined {
  if (t.kind === "integer") return { bits: INTEGER_INFO[t.name].size * 8, signed: INTEGER_INFO[t.name].signed };
  if (t.kind === "enum") {
    const b = enumBase(t);
    return { bits: b.size * 8, signed: b.signed };
  }
  if (t.kind === "pointer") return { bits: 64, signed: false };
  return undefined;
}

/** x86-64's cvttsd2si: out of range or NaN gives the "integer indefinite" value. */
export function toBig(v: Value): bigint {
  if (typeof v === "bigint") return v;
  if (typeof v === "number") return Number.isFinite(v) && Math.abs(v) < 2 ** 64 ? BigInt(Math.trunc(v)) : -(2n ** 63n);
  return 0n;
}

export const truthy = (v: Value): boolean => (typeof v === "bigint" ? v !== 0n : typeof v === "number" ? v !== 0 : true);

/** C's conversion of a value to a type (as assignment, a cast or an argument does). */
export function convert(v: Value, to: CType): Value {
  const t = strip(to);
  if (t.kind === "integer" && t.name === "bool") return truthy(v) ? 1n : 0n;
  if (t.kind === "float") {
    const n = typeof v === "number" ? v : typeof v === "bigint" ? Number(v) : 0;
    return t.name === "float" ? Math.fround(n) : n;
  }
  const shape = intShape(t);
  if (shape) {
    const b = toBig(v);
    return shape.signed ? BigInt.asIntN(shape.bits, b) : BigInt.asUintN(shape.bits, b);
  }
  return v;
}

/** The size of what a pointer of type `p` steps over (void and functions step by 1, as gcc allows). */
export function stride(p: CType): number {
  const s = strip(p);
  if (s.kind !== "pointer") return 1;
  const to = strip(s.to);
  return to.kind === "void" || to.kind === "function" ? 1 : mustSizeOf(to);
}

export class DivideByZero extends Error {}

/** A binary arithmetic, bitwise, shift or comparison operator on values of types `lt` and `rt`. */
export function binaryValue(op: string, lv: Value, lt: CType, rv: Value, rt: CType): Value {
  const l = valueType(lt);
  const r = valueType(rt);
  const lp = l.kind === "pointer";
  const rp = r.kind === "pointer";
  if (["<", ">", "<=", ">=", "==", "!="].includes(op)) {
    let a: Value = lv;
    let b: Value = rv;
    if (isArithmetic(l) && isArithmetic(r)) {
      const ct = usualArithmetic(l, r);
      a = convert(lv, ct);
      b = convert(rv, ct);
    } else {
      a = BigInt.asUintN(64, toBig(lv));
      b = BigInt.asUintN(64, toBig(rv));
    }
    const res = op === "<" ? a < b : op === ">" ? a > b : op === "<=" ? a <= b : op === ">=" ? a >= b : op === "==" ? a === b : a !== b;
    return res ? 1n : 0n;
  }
  if (op === "+" && (lp || rp)) {
    const [p, pt, n] = lp ? [lv, l, rv] : [rv, r, lv];
    return BigInt.asUintN(64, toBig(p) + toBig(n) * BigInt(stride(pt)));
  }
  if (op === "-" && lp) {
    if (rp) return BigInt.asIntN(64, toBig(lv) - toBig(rv)) / BigInt(stride(l));
    return BigInt.asUintN(64, toBig(lv) - toBig(rv) * BigInt(stride(l)));
  }
  if (op === "<<" || op === ">>") {
    const pt = promote(l);
    const shape = intShape(pt)!;
    const a = convert(lv, pt) as bigint;
    const n = BigInt.asUintN(64, toBig(rv)) & BigInt(shape.bits - 1);
    return convert(op === "<<" ? a << n : a >> n, pt);
  }
  const ct = usualArithmetic(l, r);
  const a = convert(lv, ct);
  const b = convert(rv, ct);
  if (typeof a === "number" || typeof b === "number") {
    const x = Number(a);
    const y = Number(b);
    const res = op === "+" ? x + y : op === "-" ? x - y : op === "*" ? x * y : x / y;
    return convert(res, ct);
  }
  const x = a as bigint;
  const y = b as bigint;
  let res: bigint;
  switch (op) {
    case "+": res = x + y; break;
    case "-": res = x - y; break;
    case "*": res = x * y; break;
    case "/":
    case "%":
      if (y === 0n) throw new DivideByZero();
      res = op === "/" ? x / y : x % y;
      break;
    case "&": res = x & y; break;
    case "|": res = x | y; break;
    case "^": res = x ^ y; break;
    default: throw new Error(`no operator ${op}`);
  }
  return convert(res, ct);
}

/** Unary -, + and ~ in the promoted type. */
export function unaryValue(op: "-" | "+" | "~", v: Value, t: CType): Value {
  const pt = promote(valueType(t));
  const a = convert(v, pt);
  if (op === "+") return a;
  if (typeof a === "number") return -a;
  return convert(op === "-" ? -(a as bigint) : ~(a as bigint), pt);
}

/** The bytes of a scalar value in its type, little-endian (for a returned value and struct copies). */
export function scalarBytes(v: Value, t: CType): Uint8Array {
  if (v instanceof Uint8Array) return v;
  const s = strip(t);
  const size = s.kind === "void" ? 0 : mustSizeOf(s);
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  if (s.kind === "float") {
    if (s.name === "float") view.setFloat32(0, Number(v), true);
    else view.setFloat64(0, Number(v), true);
    return out;
  }
  let b = BigInt.asUintN(64, toBig(v));
  for (let i = 0; i < size; i++) {
    out[i] = Number(b & 0xffn);
    b >>= 8n;
  }
  return out;
}
