/**
 * C's type rules the semantic pass applies: promotions, the usual arithmetic conversions,
 * array and function decay, compatibility, and what an assignment accepts (gcc 12's verdicts:
 * an error, a warning, or nothing).
 */
import { INTEGER_INFO, T, isArithmetic, isRecord, typeName, type CType, type IntegerKind } from "../types.js";
import type { Initializer } from "./ast.js";

export const isIntegerLike = (t: CType): boolean => t.kind === "integer" || t.kind === "enum";
export const isPointer = (t: CType): t is Extract<CType, { kind: "pointer" }> => t.kind === "pointer";
export const isScalarType = (t: CType): boolean => isArithmetic(t) || t.kind === "pointer";

/** The record underneath a qualified record (qualified ones are made as objects whose prototype is the tag's one). */
export function baseRecord<R extends CType>(t: R): R {
  let r = t;
  while (!Object.prototype.hasOwnProperty.call(r, "kind")) r = Object.getPrototypeOf(r) as R;
  return r;
}

/** Arrays become pointers to their first element and functions pointers to themselves, where C uses a value. */
export function decay(t: CType): CType {
  if (t.kind === "array") return { kind: "pointer", to: t.of };
  if (t.kind === "function") return { kind: "pointer", to: t };
  return t;
}

/** The type without const/volatile, for values (records keep their identity). */
export function strip(t: CType): CType {
  if (isRecord(t) || t.kind === "enum") return baseRecord(t);
  if (!t.const && !t.volatile) return t;
  const { const: _c, volatile: _v, ...rest } = t;
  return rest as CType;
}

/** The integer promotions: anything narrower than int (and enums) computes as int. */
export function promote(t: CType): CType {
  const s = strip(t);
  if (s.kind === "enum") return T.int;
  if (s.kind === "integer" && INTEGER_INFO[s.name].rank < 3) return T.int;
  return s;
}

const FLOAT_RANK = { float: 1, double: 2, "long double": 3 } as const;

/** The usual arithmetic conversions: the common type of two arithmetic operands. */
export function usualArithmetic(a: CType, b: CType): CType {
  const x = promote(a);
  const y = promote(b);
  if (x.kind === "float" || y.kind === "float") {
    if (x.kind !== "float") return y;
    if (y.kind !== "float") return x;
    return FLOAT_RANK[x.name] >= FLOAT_RANK[y.name] ? x : y;
  }
  if (x.kind !== "integer" || y.kind !== "integer") return T.int;
  if (x.name === y.name) return x;
  const ix = INTEGER_INFO[x.name];
  const iy = INTEGER_INFO[y.name];
  if (ix.signed === iy.signed) return ix.rank >= iy.rank ? x : y;
  const [u, s] = ix.signed ? [y, x] : [x, y];
  const iu = INTEGER_INFO[u.name as IntegerKind];
  const is = INTEGER_INFO[s.name as IntegerKind];
  if (iu.rank >= is.rank) return u;
  if (is.size > iu.size) return s;
  return { kind: "integer", name: `unsigned ${s.name}` as IntegerKind };
}

/** Whether two types are compatible (C11 6.2.7), qualifiers compared exactly. */
export function compatible(a: CType, b: CType, ignoreQualifiers = false): boolean {
  if (!ignoreQualifiers && (!!a.const !== !!b.const || !!a.volatile !== !!b.volatile)) return false;
  const x = strip(a);
  const y = strip(b);
  if ((x.kind === "enum" && y.kind === "integer" && y.name === "unsigned int") || (y.kind === "enum" && x.kind === "integer" && x.name === "unsigned int")) return true;
  if (x.kind !== y.kind) return false;
  switch (x.kind) {
    case "void":
      return true;
    case "integer":
    case "float":
      return x.name === (y as typeof x).name;
    case "pointer":
      return compatible(x.to, (y as typeof x).to);
    case "array": {
      const z = y as typeof x;
      return (x.length === undefined || z.length === undefined || x.length === z.length) && compatible(x.of, z.of);
    }
    case "function": {
      const f = y as typeof x;
      if (!compatible(x.returns, f.returns)) return false;
      // `()` accepts any parameters (read as variadic with none)
      if ((x.variadic && x.params.length === 0) || (f.variadic && f.params.length === 0)) return true;
      return x.variadic === f.variadic && x.params.length === f.params.length && x.params.every((p, i) => compatible(p.type, f.params[i]!.type, true));
    }
    default:
      return x === y;
  }
}

export type Verdict = { severity: "error" | "warning"; code: string } | undefined;

/**
 * What gcc 12 (-std=c11) says when a value of type `from` is stored into `to`, as in `=`, an
 * initialiser, an argument or a return; `nullConstant`: the value is a null pointer constant.
 */
export function assignVerdict(to: CType, fromRaw: CType, nullConstant: boolean): Verdict {
  const t = strip(to);
  const f = strip(decay(fromRaw));
  if (f.kind === "void") return { severity: "error", code: "c.voidValue" };
  if (isArithmetic(t) && isArithmetic(f)) return undefined;
  if (t.kind === "integer" && t.name === "bool" && f.kind === "pointer") return undefined;
  if (t.kind === "pointer") {
    if (nullConstant) return undefined;
    if (f.kind === "pointer") {
      const tv = strip(t.to).kind === "void";
      const fv = strip(f.to).kind === "void";
      if ((f.to.const && !t.to.const) || (f.to.volatile && !t.to.volatile)) return { severity: "warning", code: "c.discardsQualifier" };
      if (tv || fv) return undefined;
      return compatible(t.to, f.to, true) ? undefined : { severity: "warning", code: "c.incompatiblePointer" };
    }
    if (isIntegerLike(f)) return { severity: "warning", code: "c.intToPointer" };
    return { severity: "error", code: "c.incompatibleTypes" };
  }
  if (isIntegerLike(t) && f.kind === "pointer") return { severity: "warning", code: "c.pointerToInt" };
  if (isRecord(t) && isRecord(f)) return baseRecord(t) === baseRecord(f) ? undefined : { severity: "error", code: "c.incompatibleTypes" };
  return { severity: "error", code: "c.incompatibleTypes" };
}

/** A type as gcc names it in messages (`char *`, `struct node`). */
export const show = (t: CType): string => typeName(strip(t).kind === "struct" || strip(t).kind === "union" ? baseRecord(t) : t);

/**
 * Whether an initialiser's value fills a place of type `t` by itself: a brace list, a scalar, a
 * string for an array, a struct for a struct. Otherwise its braces were left out (brace elision)
 * and the value starts filling the place's first element or member.
 */
export function fillsWhole(t: CType, value: Initializer): boolean {
  const s = strip(t);
  if (value.kind === "initList") return true;
  if (s.kind !== "array" && s.kind !== "struct" && s.kind !== "union") return true;
  if (s.kind === "array") return value.kind === "string";
  const vt = value.type ? strip(value.type) : undefined;
  return vt !== undefined && (vt.kind === "struct" || vt.kind === "union");
}

/** `char s[] = {"hi"}`: a string in braces initialises a character array as the string alone does. */
export function unbraced(t: CType, init: Initializer): Initializer {
  const s = strip(t);
  if (s.kind !== "array" || init.kind !== "initList" || init.items.length !== 1) return init;
  const only = init.items[0]!;
  const of = strip(s.of);
  return only.designators.length === 0 && only.value.kind === "string" && of.kind === "integer" && of.name.includes("char") ? only.value : init;
}
