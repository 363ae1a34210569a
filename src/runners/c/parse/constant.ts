/**
 * Integer constant expressions (array sizes, enum values, case labels) and the sizes they may
 * ask for with `sizeof`, as gcc computes them on x86-64 (LP64).
 */
import type { Expr } from "./ast.js";
import { alignOf, isLayoutError, sizeOf } from "../memory/layout.js";
import { INTEGER_INFO, type CType } from "../types.js";

/** Size and alignment in bytes, as the memory model lays types out; undefined for an incomplete type (void, an undefined struct, `int []`). */
export function sizeAlign(t: CType): { size: number; align: number } | undefined {
  const size = sizeOf(t);
  const align = alignOf(t);
  return isLayoutError(size) || isLayoutError(align) ? undefined : { size, align };
}

const truncate = (v: bigint, t: CType): bigint => {
  if (t.kind !== "integer") return v;
  const info = INTEGER_INFO[t.name];
  if (t.name === "bool") return v === 0n ? 0n : 1n;
  const bits = info.size * 8;
  return info.signed ? BigInt.asIntN(bits, v) : BigInt.asUintN(bits, v);
};

/**
 * The value of an integer constant expression, or undefined when it is not one. `lookup`
 * gives an enum constant's value by name.
 */
export function constValue(e: Expr, lookup: (name: string) => bigint | undefined): bigint | undefined {
  const v = (x: Expr) => constValue(x, lookup);
  switch (e.kind) {
    case "int":
      return e.value;
    case "char":
      return BigInt(e.value);
    case "ident":
      return lookup(e.name);
    case "sizeofType": {
      const s = sizeAlign(e.of);
      return s ? BigInt(s.size) : undefined;
    }
    case "alignof": {
      const s = sizeAlign(e.of);
      return s ? BigInt(s.align) : undefined;
    }
    case "cast": {
      const x = v(e.operand);
      return x === undefined || !(e.to.kind === "integer" || e.to.kind === "enum") ? undefined : truncate(x, e.to);
    }
    case "unary": {
      const x = v(e.operand);
      if (x === undefined) return undefined;
      return e.op === "-" ? -x : e.op === "+" ? x : e.op === "!" ? BigInt(x === 0n) : e.op === "~" ? ~x : undefined;
    }
    case "conditional": {
      const c = v(e.condition);
      return c === undefined ? undefined : c !== 0n ? v(e.then) : v(e.otherwise);
    }
    case "binary": {
      const a = v(e.left);
      const b = v(e.right);
      if (a === undefined || b === undefined) return undefined;
      switch (e.op) {
        case "+": return a + b;
        case "-": return a - b;
        case "*": return a * b;
        case "/": return b === 0n ? undefined : a / b;
        case "%": return b === 0n ? undefined : a % b;
        case "<<": return a << b;
        case ">>": return a >> b;
        case "<": return BigInt(a < b);
        case ">": return BigInt(a > b);
        case "<=": return BigInt(a <= b);
        case ">=": return BigInt(a >= b);
        case "==": return BigInt(a === b);
        case "!=": return BigInt(a !== b);
        case "&": return a & b;
        case "|": return a | b;
        case "^": return a ^ b;
        case "&&": return BigInt(a !== 0n && b !== 0n);
        case "||": return BigInt(a !== 0n || b !== 0n);
      }
      return undefined;
    }
    default:
      return undefined;
  }
}
