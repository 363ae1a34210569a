/**
 * Declaration specifiers and declarators read into `CType`s, with the scopes that say which
 * names are typedefs and which tags are which records (one `RecordType` object per tag).
 */
import type { Node } from "web-tree-sitter";
import type { Diagnostic } from "../../../core/trace.js";
import { mustSizeOf } from "../memory/layout.js";
import { T, typeName, type CType, type EnumType, type IntegerKind, type Member, type RecordType } from "../types.js";
import type { Expr, Pos, Storage } from "./ast.js";
import { UNSUPPORTED_LIBRARY } from "./headers.js";

export type Ordinary = { typedef: CType } | { constant: bigint; type: EnumType } | { object: true };

export interface Scope {
  names: Map<string, Ordinary>;
  tags: Map<string, RecordType | EnumType>;
}

/** What the declarator reader needs from the converter (expressions for sizes, positions, messages). */
export interface Context {
  scopes: Scope[];
  pos(node: Node): Pos;
  report(code: string, node: Node, params?: Diagnostic["params"], severity?: Diagnostic["severity"]): void;
  expr(node: Node): Expr;
  constant(e: Expr): bigint | undefined;
  /** records and enums defined inside a specifier, to be listed as their own declarations */
  defined: { type: RecordType | EnumType; pos: Pos }[];
}

export function lookupName(ctx: Context, name: string): Ordinary | undefined {
  for (let i = ctx.scopes.length - 1; i >= 0; i--) {
    const found = ctx.scopes[i]!.names.get(name);
    if (found) return found;
  }
  return undefined;
}

export function typedefNamed(ctx: Context, name: string): CType | undefined {
  const found = lookupName(ctx, name);
  return found && "typedef" in found ? found.typedef : undefined;
}

const named = (n: Node | null): n is Node => n !== null;

export interface Specifiers {
  type: CType;
  storage: Storage;
  isTypedef: boolean;
  inline: boolean;
}

/** A declaration's specifiers (`static const unsigned long`, `struct node`, a typedef name) as one type. */
export function specifiers(ctx: Context, decl: Node): Specifiers {
  let storage: Storage;
  let isTypedef = decl.type === "type_definition";
  let inline = false;
  let isConst = false;
  let isVolatile = false;
  for (const child of decl.children.filter(named)) {
    if (child.type === "storage_class_specifier") {
      const word = child.text;
      if (word === "static" || word === "extern") storage = word;
      else if (word === "inline") inline = true;
      else if (word !== "auto" && word !== "register") ctx.report("c.unsupported.storage", child, { word });
    } else if (child.type === "type_qualifier") {
      if (child.text === "const") isConst = true;
      else if (child.text === "volatile") isVolatile = true;
    } else if (child.type === "typedef") isTypedef = true;
  }
  const typeNode = decl.childForFieldName("type");
  let type = typeNode ? baseType(ctx, typeNode) : T.int;
  if (isConst || isVolatile) type = qualify(type, isConst, isVolatile);
  return { type, storage, isTypedef, inline };
}

export function qualify(t: CType, isConst: boolean, isVolatile: boolean): CType {
  if (!isConst && !isVolatile) return t;
  if (t.kind === "struct" || t.kind === "union" || t.kind === "enum") {
    // a qualified record stays recognisable: the same members, the same tag object underneath
    return Object.assign(Object.create(t) as typeof t, isConst ? { const: true } : {}, isVolatile ? { volatile: true } : {});
  }
  return { ...t, ...(isConst ? { const: true } : {}), ...(isVolatile ? { volatile: true } : {}) };
}

const PRIMITIVE: Record<string, CType> = { int: T.int, char: T.char, short: T.short, long: T.long, float: T.float, double: T.double, void: T.void, _Bool: T.bool };

export function baseType(ctx: Context, node: Node): CType {
  switch (node.type) {
    case "primitive_type":
    case "type_identifier": {
      const word = node.text;
      const primitive = PRIMITIVE[word];
      if (primitive && (node.type === "primitive_type" || word === "_Bool")) return primitive;
      const t = typedefNamed(ctx, word);
      if (t) return t;
      ctx.report(UNSUPPORTED_LIBRARY.has(word) ? "c.unsupported.library" : "c.unknownType", node, { name: word });
      return T.int;
    }
    case "sized_type_specifier":
      return sizedType(ctx, node);
    case "struct_specifier":
    case "union_specifier":
      return recordType(ctx, node);
    case "enum_specifier":
      return enumType(ctx, node);
    default:
      ctx.report("c.unsupported.type", node, { text: node.text.slice(0, 40) });
      return T.int;
  }
}

function sizedType(ctx: Context, node: Node): CType {
  const words = node.children.filter(named).filter((c) => !c.isNamed).map((c) => c.text);
  const inner = node.childForFieldName("type")?.text;
  const longs = words.filter((w) => w === "long").length;
  const unsigned = words.includes("unsigned");
  if (inner === "double") return longs ? T.longDouble : T.double;
  if (inner === "char") return unsigned ? T.unsignedChar : words.includes("signed") ? T.signedChar : T.char;
  if (inner !== undefined && inner !== "int") {
    ctx.report("c.unsupported.type", node, { text: node.text });
    return T.int;
  }
  const base = words.includes("short") ? "short" : longs >= 2 ? "long long" : longs === 1 ? "long" : "int";
  return { kind: "integer", name: (unsigned ? `unsigned ${base}` : base) as IntegerKind };
}

function findTag(ctx: Context, tag: string): RecordType | EnumType | undefined {
  for (let i = ctx.scopes.length - 1; i >= 0; i--) {
    const found = ctx.scopes[i]!.tags.get(tag);
    if (found) return found;
  }
  return undefined;
}

function recordType(ctx: Context, node: Node): RecordType {
  const kind = node.type === "struct_specifier" ? "struct" : "union";
  const tag = node.childForFieldName("name")?.text;
  const body = node.childForFieldName("body");
  const current = ctx.scopes.at(-1)!;
  let record: RecordType | undefined;
  if (tag !== undefined) {
    const visible = body ? current.tags.get(tag) : findTag(ctx, tag);
    if (visible && visible.kind !== kind) ctx.report("c.wrongTagKind", node, { tag, kind: visible.kind });
    else if (visible) record = visible as RecordType;
  }
  if (!record) {
    record = { kind, ...(tag !== undefined ? { tag } : {}) };
    if (tag !== undefined) current.tags.set(tag, record);
  }
  if (body) {
    if (record.members) ctx.report("c.redefinedTag", node, { tag: tag ?? "", kind });
    record.line = ctx.pos(node).line;
    record.members = fields(ctx, body);
    ctx.defined.push({ type: record, pos: ctx.pos(node) });
  }
  return record;
}

function fields(ctx: Context, body: Node): RecordType["members"] & object {
  const members: NonNullable<RecordType["members"]> = [];
  for (const field of body.namedChildren.filter(named)) {
    if (field.type !== "field_declaration") {
      if (field.type !== "comment") ctx.report("c.syntax", field);
      continue;
    }
    const spec = specifiers(ctx, field);
    // an unnamed bit-field's name is one the grammar found missing
    const declarators = field.childrenForFieldName("declarator").filter((d): d is Node => named(d) && !d.isMissing);
    const clause = field.namedChildren.find((c) => c?.type === "bitfield_clause") ?? undefined;
    // `int : 3;` pads to the next bits without a name
    if (declarators.length === 0 && clause) members.push(bitField(ctx, { name: "", type: spec.type }, clause, clause));
    else if (declarators.length === 0) ctx.report("c.unsupported.anonymousMember", field);
    for (const d of declarators) {
      const { name, type } = declarator(ctx, spec.type, d);
      if (members.some((m) => m.name === name)) ctx.report("c.duplicateMember", d, { name: name ?? "" });
      if (type.kind === "function") ctx.report("c.functionMember", d, { name: name ?? "" });
      const member = { name: name ?? "", type };
      members.push(clause ? bitField(ctx, member, clause, d) : member);
    }
  }
  return members;
}

/** A member with a width (`unsigned flag : 1`): an integer type, a constant width within its bits (0 only unnamed), as gcc checks (told at its name). */
function bitField(ctx: Context, member: Member, clause: Node, at: Node): Member {
  const t = member.type;
  const name = member.name || "(unnamed)";
  if (t.kind !== "integer" && t.kind !== "enum") {
    ctx.report("c.bitFieldType", at, { name, type: typeName(t) });
    return member;
  }
  const width = clause.namedChildren.find(named);
  const v = width ? ctx.constant(ctx.expr(width)) : undefined;
  const max = t.kind === "integer" && t.name === "bool" ? 1 : mustSizeOf(t) * 8;
  if (v === undefined || v < 0n || v > BigInt(max) || (v === 0n && member.name !== "")) {
    ctx.report("c.bitFieldWidth", at, { name, max });
    return member;
  }
  return { ...member, bits: Number(v) };
}

function enumType(ctx: Context, node: Node): EnumType {
  const tag = node.childForFieldName("name")?.text;
  const body = node.childForFieldName("body");
  const current = ctx.scopes.at(-1)!;
  if (tag !== undefined && !body) {
    const found = findTag(ctx, tag);
    if (found?.kind === "enum") return found;
  }
  const type: EnumType = { kind: "enum", ...(tag !== undefined ? { tag } : {}), constants: [] };
  if (tag !== undefined) current.tags.set(tag, type);
  let next = 0n;
  for (const e of body?.namedChildren.filter(named) ?? []) {
    if (e.type !== "enumerator") continue;
    const name = e.childForFieldName("name")!.text;
    const valueNode = e.childForFieldName("value");
    if (valueNode) {
      const v = ctx.constant(ctx.expr(valueNode));
      if (v === undefined) ctx.report("c.notConstant", valueNode);
      else next = v;
    }
    type.constants.push({ name, value: next });
    current.names.set(name, { constant: next, type });
    next++;
  }
  if (body) ctx.defined.push({ type, pos: ctx.pos(node) });
  return type;
}

/** A declarator applied to its base type, C's inside-out way: the name, its type and where the name is. */
export function declarator(ctx: Context, base: CType, node: Node | null): { name?: string; type: CType; node?: Node; params?: { name?: string; node: Node; type: CType }[] } {
  if (!node) return { type: base };
  switch (node.type) {
    case "identifier":
    case "field_identifier":
    case "type_identifier":
    // the grammar reads `size_t` or `uint8_t` as a built-in type even where a typedef names it
    case "primitive_type":
      return { name: node.text, type: base, node };
    case "init_declarator":
      return declarator(ctx, base, node.childForFieldName("declarator"));
    case "parenthesized_declarator":
    case "abstract_parenthesized_declarator":
      return declarator(ctx, base, node.namedChildren.find((c) => c !== null && c.type !== "type_qualifier") ?? null);
    case "pointer_declarator":
    case "abstract_pointer_declarator": {
      const quals = node.namedChildren.filter((c) => c?.type === "type_qualifier").map((c) => c!.text);
      const pointer = qualify({ kind: "pointer", to: base }, quals.includes("const"), quals.includes("volatile"));
      return declarator(ctx, pointer, node.childForFieldName("declarator"));
    }
    case "array_declarator":
    case "abstract_array_declarator": {
      const size = node.childForFieldName("size");
      let length: number | undefined;
      if (size) {
        const v = ctx.constant(ctx.expr(size));
        if (v === undefined) ctx.report("c.unsupported.vla", size);
        else if (v < 0n) ctx.report("c.negativeSize", size);
        else length = Number(v);
      }
      return declarator(ctx, length === undefined ? { kind: "array", of: base } : { kind: "array", of: base, length }, node.childForFieldName("declarator"));
    }
    case "function_declarator":
    case "abstract_function_declarator": {
      const { params, variadic } = parameters(ctx, node.childForFieldName("parameters"));
      const fn: CType = { kind: "function", returns: base, params: params.map((p) => (p.name === undefined ? { type: p.type } : { name: p.name, type: p.type })), variadic };
      const inner = declarator(ctx, fn, node.childForFieldName("declarator"));
      return inner.params ? inner : { ...inner, params };
    }
    default:
      ctx.report("c.unsupported.declarator", node, { text: node.text.slice(0, 40) });
      return { type: base };
  }
}

/**
 * A parameter list. `(void)` is none; `()` (no prototype) is read as accepting any arguments,
 * which is what gcc checks for it.
 */
function parameters(ctx: Context, list: Node | null): { params: { name?: string; node: Node; type: CType }[]; variadic: boolean } {
  const params: { name?: string; node: Node; type: CType }[] = [];
  let variadic = false;
  const children = list?.namedChildren.filter(named) ?? [];
  if (children.length === 0) return { params, variadic: true };
  ctx.scopes.push({ names: new Map(), tags: new Map() });
  for (const p of children) {
    if (p.type === "variadic_parameter") {
      variadic = true;
      continue;
    }
    if (p.type !== "parameter_declaration") {
      ctx.report(p.type === "identifier" ? "c.unsupported.knr" : "c.syntax", p);
      continue;
    }
    const spec = specifiers(ctx, p);
    const d = declarator(ctx, spec.type, p.childForFieldName("declarator"));
    // C adjusts array and function parameters to pointers
    const type: CType = d.type.kind === "array" ? qualify({ kind: "pointer", to: d.type.of }, !!d.type.const, false) : d.type.kind === "function" ? { kind: "pointer", to: d.type } : d.type;
    if (type.kind === "void" && d.name === undefined && children.length === 1) break;
    params.push({ ...(d.name !== undefined ? { name: d.name } : {}), node: d.node ?? p, type });
  }
  ctx.scopes.pop();
  return { params, variadic };
}

/** A type name (`int *`, `struct node`) in a cast, `sizeof` or compound literal. */
export function typeDescriptor(ctx: Context, node: Node): CType {
  const spec = specifiers(ctx, node);
  return declarator(ctx, spec.type, node.childForFieldName("declarator")).type;
}
