/**
 * memsim's own syntax tree for the C subset: one node kind per construct, types already
 * resolved into `CType`s, every node with the learner's line and column (1-based). The
 * semantic pass (`check.ts`) fills each expression's `type` and `lvalue`.
 */
import type { CType, EnumType, RecordType } from "../types.js";

export interface Pos {
  line: number;
  column: number;
}

export type BinaryOp = "+" | "-" | "*" | "/" | "%" | "<<" | ">>" | "<" | ">" | "<=" | ">=" | "==" | "!=" | "&" | "|" | "^" | "&&" | "||";
export type AssignOp = "=" | "+=" | "-=" | "*=" | "/=" | "%=" | "<<=" | ">>=" | "&=" | "|=" | "^=";
export type UnaryOp = "-" | "+" | "!" | "~" | "*" | "&";

/** Filled by the semantic pass: the expression's type (before array decay) and whether it names an object. */
export interface Typed extends Pos {
  type?: CType;
  lvalue?: boolean;
}

export type Expr =
  /** an integer constant with its C type by suffix and size (as gcc types it) */
  | ({ kind: "int"; value: bigint; ctype: CType } & Typed)
  | ({ kind: "float"; value: number; ctype: CType } & Typed)
  /** a character constant: its value as an int (`'\n'` is 10) */
  | ({ kind: "char"; value: number } & Typed)
  /** a string literal, adjacent ones joined, escapes decoded, as bytes (UTF-8) without the final NUL */
  | ({ kind: "string"; bytes: Uint8Array } & Typed)
  /** a name; `constant`: an enum constant's value, filled by the semantic pass */
  | ({ kind: "ident"; name: string; constant?: bigint } & Typed)
  | ({ kind: "binary"; op: BinaryOp; left: Expr; right: Expr } & Typed)
  | ({ kind: "assign"; op: AssignOp; left: Expr; right: Expr } & Typed)
  | ({ kind: "unary"; op: UnaryOp; operand: Expr } & Typed)
  | ({ kind: "update"; op: "++" | "--"; prefix: boolean; operand: Expr } & Typed)
  | ({ kind: "cast"; to: CType; operand: Expr } & Typed)
  | ({ kind: "sizeofType"; of: CType } & Typed)
  | ({ kind: "sizeofExpr"; operand: Expr } & Typed)
  | ({ kind: "alignof"; of: CType } & Typed)
  | ({ kind: "offsetof"; of: CType; member: string } & Typed)
  | ({ kind: "call"; callee: Expr; args: Expr[] } & Typed)
  | ({ kind: "index"; array: Expr; index: Expr } & Typed)
  /** `bitField`: the member is a bit-field (filled by the semantic pass) */
  | ({ kind: "member"; object: Expr; name: string; arrow: boolean; bitField?: boolean } & Typed)
  | ({ kind: "conditional"; condition: Expr; then: Expr; otherwise: Expr } & Typed)
  | ({ kind: "comma"; left: Expr; right: Expr } & Typed)
  | ({ kind: "compoundLiteral"; of: CType; init: InitList } & Typed);

export type ExprKind = Expr["kind"];

export type Designator = { field: string } | { index: Expr };

export interface InitList extends Pos {
  kind: "initList";
  items: { designators: Designator[]; value: Initializer }[];
}
export type Initializer = Expr | InitList;

export type Storage = "static" | "extern" | undefined;

export interface VarDeclarator extends Pos {
  name: string;
  type: CType;
  init?: Initializer;
}

export type Decl =
  | ({ kind: "variables"; storage: Storage; vars: VarDeclarator[] } & Pos)
  | ({ kind: "typedef"; name: string; type: CType } & Pos)
  /** `struct node { ... };` or `union`: one RecordType object per tag */
  | ({ kind: "record"; type: RecordType } & Pos)
  | ({ kind: "enum"; type: EnumType } & Pos)
  /** a function declared (a prototype), not defined */
  | ({ kind: "prototype"; name: string; type: Extract<CType, { kind: "function" }>; storage: Storage } & Pos);

export type Stmt =
  | ({ kind: "block"; items: Stmt[] } & Pos)
  | ({ kind: "declaration"; decl: Decl } & Pos)
  | ({ kind: "expression"; expr: Expr } & Pos)
  | ({ kind: "empty" } & Pos)
  | ({ kind: "if"; condition: Expr; then: Stmt; otherwise?: Stmt } & Pos)
  | ({ kind: "while"; condition: Expr; body: Stmt } & Pos)
  | ({ kind: "doWhile"; body: Stmt; condition: Expr } & Pos)
  | ({ kind: "for"; init?: Stmt; condition?: Expr; update?: Expr; body: Stmt } & Pos)
  | ({ kind: "switch"; condition: Expr; body: Stmt } & Pos)
  | ({ kind: "case"; value: Expr; body: Stmt[] } & Pos)
  | ({ kind: "default"; body: Stmt[] } & Pos)
  | ({ kind: "break" } & Pos)
  | ({ kind: "continue" } & Pos)
  | ({ kind: "return"; value?: Expr } & Pos)
  | ({ kind: "goto"; label: string } & Pos)
  | ({ kind: "labeled"; label: string; body: Stmt } & Pos);

export type StmtKind = Stmt["kind"];

export interface FunctionDef extends Pos {
  kind: "function";
  name: string;
  type: Extract<CType, { kind: "function" }>;
  /** the parameters' names, in order (a definition names them all) */
  params: (VarDeclarator & { name: string })[];
  storage: Storage;
  body: Extract<Stmt, { kind: "block" }>;
  /** where the closing brace is: a frame ends there */
  end: Pos;
}

export type TopLevel = FunctionDef | Decl;

export interface TranslationUnit {
  items: TopLevel[];
  /** what the included headers declare (their functions and typedefs), before the program's items */
  library: Decl[];
  /** the standard headers included, with their line */
  headers: { name: string; line: number }[];
}
