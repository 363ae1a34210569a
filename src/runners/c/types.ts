/**
 * C's types as memsim's C runner models them: the LP64 data model of gcc on x86-64 Linux
 * (int 4 bytes, long and pointers 8, long double 16). Every part of the runner (the semantic
 * pass, the interpreter, the memory model, the Trace) speaks of types with these values, and
 * `layout.ts` gives their sizes, alignments and struct offsets as gcc does.
 */

/** The integer types, by their canonical names (`signed char` and `char` are distinct in C). */
export const INTEGER_KINDS = [
  "bool",
  "char",
  "signed char",
  "unsigned char",
  "short",
  "unsigned short",
  "int",
  "unsigned int",
  "long",
  "unsigned long",
  "long long",
  "unsigned long long",
] as const;
export type IntegerKind = (typeof INTEGER_KINDS)[number];

export const FLOAT_KINDS = ["float", "double", "long double"] as const;
export type FloatKind = (typeof FLOAT_KINDS)[number];

/** `const` and `volatile` on a type (where they are written). */
export interface Qualifiers {
  const?: boolean;
  volatile?: boolean;
}

/** A struct or union member; `bits`: a bit-field's width. */
export interface Member {
  name: string;
  type: CType;
  bits?: number;
}

/**
 * A struct or union: the same object for every mention of its tag, so a self-referential
 * struct (a linked list's node) points to itself; `members` is undefined while it is
 * incomplete (declared, not yet defined).
 */
export interface RecordType extends Qualifiers {
  kind: "struct" | "union";
  /** its tag, or undefined for an anonymous one */
  tag?: string;
  members?: Member[];
  /** where it was defined, for messages */
  line?: number;
}

export interface EnumType extends Qualifiers {
  kind: "enum";
  tag?: string;
  /** its constants, in order (an enum's values are ints in gcc unless they do not fit) */
  constants: { name: string; value: bigint }[];
}

export type CType =
  | ({ kind: "void" } & Qualifiers)
  | ({ kind: "integer"; name: IntegerKind } & Qualifiers)
  | ({ kind: "float"; name: FloatKind } & Qualifiers)
  | ({ kind: "pointer"; to: CType } & Qualifiers)
  /** `length` undefined: an array of unknown size (`int a[]` before its initializer counts it, a parameter) */
  | ({ kind: "array"; of: CType; length?: number } & Qualifiers)
  | ({ kind: "function"; returns: CType; params: { name?: string; type: CType }[]; variadic: boolean } & Qualifiers)
  | RecordType
  | EnumType;

/** The types every program has (`size_t` is `unsigned long`, `ptrdiff_t` is `long` on LP64). */
export const T = {
  void: { kind: "void" },
  bool: { kind: "integer", name: "bool" },
  char: { kind: "integer", name: "char" },
  signedChar: { kind: "integer", name: "signed char" },
  unsignedChar: { kind: "integer", name: "unsigned char" },
  short: { kind: "integer", name: "short" },
  unsignedShort: { kind: "integer", name: "unsigned short" },
  int: { kind: "integer", name: "int" },
  unsignedInt: { kind: "integer", name: "unsigned int" },
  long: { kind: "integer", name: "long" },
  unsignedLong: { kind: "integer", name: "unsigned long" },
  longLong: { kind: "integer", name: "long long" },
  unsignedLongLong: { kind: "integer", name: "unsigned long long" },
  float: { kind: "float", name: "float" },
  double: { kind: "float", name: "double" },
  longDouble: { kind: "float", name: "long double" },
  sizeT: { kind: "integer", name: "unsigned long" },
  ptrdiffT: { kind: "integer", name: "long" },
} as const satisfies Record<string, CType>;

export const pointerTo = (to: CType): CType => ({ kind: "pointer", to });
export const arrayOf = (of: CType, length?: number): CType => (length === undefined ? { kind: "array", of } : { kind: "array", of, length });

/** Integer facts of LP64 (x86-64, gcc): bytes and signedness (`char` is signed there). */
export const INTEGER_INFO: Readonly<Record<IntegerKind, { size: 1 | 2 | 4 | 8; signed: boolean; rank: number }>> = {
  bool: { size: 1, signed: false, rank: 0 },
  char: { size: 1, signed: true, rank: 1 },
  "signed char": { size: 1, signed: true, rank: 1 },
  "unsigned char": { size: 1, signed: false, rank: 1 },
  short: { size: 2, signed: true, rank: 2 },
  "unsigned short": { size: 2, signed: false, rank: 2 },
  int: { size: 4, signed: true, rank: 3 },
  "unsigned int": { size: 4, signed: false, rank: 3 },
  long: { size: 8, signed: true, rank: 4 },
  "unsigned long": { size: 8, signed: false, rank: 4 },
  "long long": { size: 8, signed: true, rank: 5 },
  "unsigned long long": { size: 8, signed: false, rank: 5 },
};

export const isInteger = (t: CType): t is Extract<CType, { kind: "integer" }> => t.kind === "integer";
export const isArithmetic = (t: CType): boolean => t.kind === "integer" || t.kind === "float" || t.kind === "enum";
export const isScalar = (t: CType): boolean => isArithmetic(t) || t.kind === "pointer";
export const isRecord = (t: CType): t is RecordType => t.kind === "struct" || t.kind === "union";

/** The type without its qualifiers (records and enums keep their identity). */
export function unqualified(t: CType): CType {
  if (isRecord(t) || t.kind === "enum") return t;
  if (!t.const && !t.volatile) return t;
  const { const: _c, volatile: _v, ...rest } = t as CType & Qualifiers;
  return rest as CType;
}

/** The type as C writes it (`int *`, `struct node *`, `char [6]`, `int (*)(const void *, const void *)`). */
export function typeName(t: CType): string {
  return render(t, "").trim();
}

function qualifiers(t: Qualifiers): string {
  return `${t.const ? "const " : ""}${t.volatile ? "volatile " : ""}`;
}

/** C's inside-out declarator syntax: `inner` is what is already written around the name. */
function render(t: CType, inner: string): string {
  switch (t.kind) {
    case "void":
      return `${qualifiers(t)}void${inner ? ` ${inner}` : ""}`;
    case "integer":
    case "float":
      return `${qualifiers(t)}${t.name === "bool" ? "_Bool" : t.name}${inner ? ` ${inner}` : ""}`;
    case "struct":
    case "union":
    case "enum":
      return `${qualifiers(t)}${t.kind} ${t.tag ?? "<anonymous>"}${inner ? ` ${inner}` : ""}`;
    case "pointer": {
      const q = t.const ? " const" : "";
      const wrapped = t.to.kind === "array" || t.to.kind === "function" ? `(*${q}${inner})` : `*${q}${inner}`;
      return render(t.to, wrapped);
    }
    case "array":
      return render(t.of, `${inner}[${t.length ?? ""}]`);
    case "function": {
      const params = t.params.length === 0 ? (t.variadic ? "..." : "void") : [...t.params.map((p) => typeName(p.type)), ...(t.variadic ? ["..."] : [])].join(", ");
      return render(t.returns, `${inner}(${params})`);
    }
  }
}

/** Whether two types are the same type (qualifiers included; records and enums by identity). */
export function sameType(a: CType, b: CType): boolean {
  if (a.kind !== b.kind || !!a.const !== !!b.const || !!a.volatile !== !!b.volatile) return false;
  switch (a.kind) {
    case "void":
      return true;
    case "integer":
    case "float":
      return a.name === (b as typeof a).name;
    case "pointer":
      return sameType(a.to, (b as typeof a).to);
    case "array":
      return a.length === (b as typeof a).length && sameType(a.of, (b as typeof a).of);
    case "function": {
      const f = b as typeof a;
      return a.variadic === f.variadic && sameType(a.returns, f.returns) && a.params.length === f.params.length && a.params.every((p, i) => sameType(p.type, f.params[i]!.type));
    }
    case "struct":
    case "union":
    case "enum":
      return a === b || (a.tag !== undefined && a.tag === (b as typeof a).tag && unqualified(a) === unqualified(b));
  }
}
