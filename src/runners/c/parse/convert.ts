/**
 * tree-sitter's concrete tree → memsim's typed syntax tree (`ast.ts`). Typedef names are known
 * while reading, so the places where the grammar alone reads a cast as arithmetic (`(T) - b`,
 * `(T) * p`, `(T) &x`, `(T)(x)`, `sizeof (T)`) become casts and type sizes here.
 */
import type { Node } from "web-tree-sitter";
import type { Diagnostic } from "../../../core/trace.js";
import { T, type CType } from "../types.js";
import type { AssignOp, BinaryOp, Decl, Designator, Expr, FunctionDef, InitList, Initializer, Pos, Stmt, TopLevel, UnaryOp } from "./ast.js";
import { constValue } from "./constant.js";
import { baseType, declarator, lookupName, specifiers, typeDescriptor, typedefNamed, type Context, type Scope } from "./declarators.js";
import { charValue, decodeEscapes, floatLiteral, integerLiteral } from "./literals.js";

const named = (n: Node | null): n is Node => n !== null;
const kids = (n: Node): Node[] => n.namedChildren.filter(named).filter((c) => c.type !== "comment");

const UNSUPPORTED_EXPR: Record<string, string> = {
  generic_expression: "c.unsupported.generic",
  gnu_asm_expression: "c.unsupported.asm",
  statement_expression: "c.unsupported.statementExpression",
  extension_expression: "c.unsupported.extension",
};

export class Converter implements Context {
  readonly scopes: Scope[] = [{ names: new Map(), tags: new Map() }];
  readonly diagnostics: Diagnostic[] = [];
  defined: Context["defined"] = [];

  constructor(private readonly position: (row: number, column: number) => Pos) {}

  pos(node: Node): Pos {
    return this.position(node.startPosition.row, node.startPosition.column);
  }

  report(code: string, node: Node, params?: Diagnostic["params"], severity: Diagnostic["severity"] = "error"): void {
    this.diagnostics.push({ code, severity, ...this.pos(node), ...(params ? { params } : {}) });
  }

  constant(e: Expr): bigint | undefined {
    return constValue(e, (name) => {
      const found = lookupName(this, name);
      return found && "constant" in found ? found.constant : undefined;
    });
  }

  /** Every top-level item of a translation unit. */
  unit(root: Node): TopLevel[] {
    const items: TopLevel[] = [];
    for (const node of kids(root)) {
      if (node.type === "function_definition") {
        const f = this.functionDef(node);
        if (f) items.push(f);
      } else if (node.type === "ERROR") {
        continue;
      } else if (["declaration", "type_definition", "struct_specifier", "union_specifier", "enum_specifier"].includes(node.type)) {
        items.push(...this.declaration(node));
      } else {
        this.report("c.syntax.topLevel", node);
      }
    }
    return items;
  }

  private takeDefined(): Decl[] {
    const out = this.defined.map(({ type, pos }): Decl => (type.kind === "enum" ? { kind: "enum", type, ...pos } : { kind: "record", type, ...pos }));
    this.defined = [];
    return out;
  }

  /** A declaration: the records and enums it defines first, then its typedefs, prototypes or variables. */
  declaration(node: Node): Decl[] {
    if (node.type !== "declaration" && node.type !== "type_definition") {
      baseType(this, node);
      return this.takeDefined();
    }
    const spec = specifiers(this, node);
    const out: Decl[] = this.takeDefined();
    const vars: Extract<Decl, { kind: "variables" }>["vars"] = [];
    const scope = this.scopes.at(-1)!;
    for (const d of node.childrenForFieldName("declarator").filter(named)) {
      const { name, type, node: at } = declarator(this, spec.type, d);
      out.push(...this.takeDefined());
      if (name === undefined) continue;
      const pos = this.pos(at ?? d);
      if (spec.isTypedef) {
        scope.names.set(name, { typedef: type });
        out.push({ kind: "typedef", name, type, ...pos });
        continue;
      }
      scope.names.set(name, { object: true });
      if (type.kind === "function") {
        if (d.type === "init_declarator") this.report("c.functionInitialized", d, { name });
        out.push({ kind: "prototype", name, type, storage: spec.storage, ...pos });
        continue;
      }
      const value = d.type === "init_declarator" ? d.childForFieldName("value") : null;
      vars.push({ name, type, ...pos, ...(value ? { init: this.initializer(value) } : {}) });
    }
    if (vars.length > 0) out.push({ kind: "variables", storage: spec.storage, vars, ...this.pos(node) });
    return out;
  }

  private functionDef(node: Node): FunctionDef | undefined {
    const spec = specifiers(this, node);
    const pre = this.takeDefined();
    if (pre.length > 0 && !node.hasError) this.report("c.unsupported.recordInReturn", node);
    const d = declarator(this, spec.type, node.childForFieldName("declarator"));
    if (node.namedChildren.some((c) => c?.type === "declaration")) this.report("c.unsupported.knr", node);
    const body = node.childForFieldName("body");
    if (d.name === undefined || d.type.kind !== "function" || !body) {
      this.report("c.syntax", node);
      return undefined;
    }
    this.scopes.at(-1)!.names.set(d.name, { object: true });
    this.scopes.push({ names: new Map(), tags: new Map() });
    const params = (d.params ?? []).map((p) => {
      if (p.name === undefined) this.report("c.unnamedParameter", p.node);
      else this.scopes.at(-1)!.names.set(p.name, { object: true });
      return { name: p.name ?? "", type: p.type, ...this.pos(p.node) };
    });
    const block = this.block(body, false);
    this.scopes.pop();
    const endRow = body.endPosition.row;
    const end = this.position(endRow, Math.max(0, body.endPosition.column - 1));
    return { kind: "function", name: d.name, type: d.type, params, storage: spec.storage, body: block, end, ...this.pos(d.node ?? node) };
  }

  private block(node: Node, scoped = true): Extract<Stmt, { kind: "block" }> {
    if (scoped) this.scopes.push({ names: new Map(), tags: new Map() });
    const items = kids(node).flatMap((c) => this.statements(c));
    if (scoped) this.scopes.pop();
    return { kind: "block", items, ...this.pos(node) };
  }

  /** One statement of the tree; a declaration may give several (its records, then its variables). */
  private statements(node: Node): Stmt[] {
    if (["declaration", "type_definition", "struct_specifier", "union_specifier", "enum_specifier"].includes(node.type)) {
      return this.declaration(node).map((decl) => ({ kind: "declaration", decl, line: decl.line, column: decl.column }));
    }
    if (node.type === "ERROR") return [];
    const declared = this.parenthesisedDeclaration(node);
    if (declared) return [declared];
    if (node.type === "function_definition") {
      this.report("c.unsupported.nestedFunction", node);
      return [];
    }
    return [this.statement(node)];
  }

  /** `T (a);` with T a typedef name declares `a` (the grammar reads a call to T). */
  private parenthesisedDeclaration(node: Node): Stmt | undefined {
    const call = node.type === "expression_statement" ? kids(node)[0] : undefined;
    const callee = call?.type === "call_expression" ? call.childForFieldName("function") : null;
    const list = callee ? call!.childForFieldName("arguments") : null;
    const args = list ? kids(list) : [];
    const type = callee?.type === "identifier" ? typedefNamed(this, callee.text) : undefined;
    if (!type || args.length !== 1 || args[0]!.type !== "identifier") return undefined;
    const name = args[0]!.text;
    this.scopes.at(-1)!.names.set(name, { object: true });
    const pos = this.pos(node);
    return { kind: "declaration", decl: { kind: "variables", storage: undefined, vars: [{ name, type, ...this.pos(args[0]!) }], ...pos }, ...pos };
  }

  private statement(node: Node): Stmt {
    const pos = this.pos(node);
    const field = (f: string) => node.childForFieldName(f);
    const body = (n: Node | null): Stmt => {
      if (!n) return { kind: "empty", ...pos };
      const list = this.statements(n);
      return list.length === 1 ? list[0]! : { kind: "block", items: list, ...this.pos(n) };
    };
    switch (node.type) {
      case "compound_statement":
        return this.block(node);
      case "expression_statement": {
        const inner = kids(node)[0];
        return inner ? { kind: "expression", expr: this.expr(inner), ...pos } : { kind: "empty", ...pos };
      }
      case "if_statement": {
        const alt = field("alternative");
        const otherwise = alt ? kids(alt)[0] ?? null : null;
        return { kind: "if", condition: this.expr(field("condition")), then: body(field("consequence")), ...(alt ? { otherwise: body(otherwise) } : {}), ...pos };
      }
      case "while_statement":
        return { kind: "while", condition: this.expr(field("condition")), body: body(field("body")), ...pos };
      case "do_statement":
        return { kind: "doWhile", body: body(field("body")), condition: this.expr(field("condition")), ...pos };
      case "for_statement": {
        this.scopes.push({ names: new Map(), tags: new Map() });
        const initNode = field("initializer");
        const init = initNode ? (initNode.type === "declaration" ? this.statements(initNode)[0] : { kind: "expression" as const, expr: this.expr(initNode), ...this.pos(initNode) }) : undefined;
        const cond = field("condition");
        const update = field("update");
        const stmt: Stmt = { kind: "for", ...(init ? { init } : {}), ...(cond ? { condition: this.expr(cond) } : {}), ...(update ? { update: this.expr(update) } : {}), body: body(field("body")), ...pos };
        this.scopes.pop();
        return stmt;
      }
      case "switch_statement":
        return { kind: "switch", condition: this.expr(field("condition")), body: body(field("body")), ...pos };
      case "case_statement": {
        const value = field("value");
        const rest = kids(node).filter((c) => c.id !== value?.id).flatMap((c) => this.statements(c));
        return value ? { kind: "case", value: this.expr(value), body: rest, ...pos } : { kind: "default", body: rest, ...pos };
      }
      case "break_statement":
        return { kind: "break", ...pos };
      case "continue_statement":
        return { kind: "continue", ...pos };
      case "return_statement": {
        const value = kids(node)[0];
        return value ? { kind: "return", value: this.expr(value), ...pos } : { kind: "return", ...pos };
      }
      case "goto_statement":
        return { kind: "goto", label: field("label")!.text, ...pos };
      case "labeled_statement": {
        const inner = kids(node).filter((c) => c.type !== "statement_identifier");
        return { kind: "labeled", label: field("label")!.text, body: body(inner[0] ?? null), ...pos };
      }
      default:
        this.report(node.type === "attributed_statement" ? "c.unsupported.attribute" : "c.syntax", node);
        return { kind: "empty", ...pos };
    }
  }

  initializer(node: Node): Initializer {
    if (node.type !== "initializer_list") return this.expr(node);
    const list: InitList = { kind: "initList", items: [], ...this.pos(node) };
    for (const item of kids(node)) {
      if (item.type !== "initializer_pair") {
        list.items.push({ designators: [], value: this.initializer(item) });
        continue;
      }
      const designators: Designator[] = [];
      for (const d of item.childrenForFieldName("designator").filter(named)) {
        if (d.type === "field_designator") designators.push({ field: kids(d)[0]!.text });
        else if (d.type === "subscript_designator") designators.push({ index: this.expr(kids(d)[0]!) });
        else this.report("c.unsupported.rangeDesignator", d);
      }
      list.items.push({ designators, value: this.initializer(item.childForFieldName("value")!) });
    }
    return list;
  }

  /** A parenthesised typedef name, `(T)`: what the grammar reads as an expression when it is a cast's type. */
  private parenthesisedType(node: Node | null): CType | undefined {
    if (node?.type !== "parenthesized_expression") return undefined;
    const inner = kids(node);
    if (inner.length !== 1 || inner[0]!.type !== "identifier") return undefined;
    // the grammar reads `_Bool` alone in parentheses as a name; C's keyword is a type
    return inner[0]!.text === "_Bool" ? T.bool : typedefNamed(this, inner[0]!.text);
  }

  /** An expression; a part the grammar could not find (its syntax error already reported) reads as 0. */
  expr(node: Node | null): Expr {
    if (!node) return { kind: "int", value: 0n, ctype: T.int, line: 0, column: 0 };
    const start = this.pos(node);
    // an operator's expression is where its operator is, as gcc places its messages
    const operatorNode = node.childForFieldName("operator") ?? node.children.find((c) => c?.type === "[") ?? null;
    const pos = operatorNode && node.type !== "unary_expression" && node.type !== "pointer_expression" ? this.pos(operatorNode) : start;
    // the grammar's required fields are always there: tree-sitter puts a MISSING node where one is absent
    const field = (f: string) => node.childForFieldName(f)!;
    const op = () => node.childForFieldName("operator")!.type;
    switch (node.type) {
      case "number_literal": {
        // the grammar takes a sign into the literal (`-1`); C reads a minus applied to `1`
        const sign = /^[-+]/.exec(node.text)?.[0] as UnaryOp | undefined;
        if (sign) {
          const operand = this.number(node.text.slice(1), node);
          return { kind: "unary", op: sign, operand: { ...operand, column: operand.column + 1 }, ...pos };
        }
        return this.number(node.text, node);
      }
      case "char_literal": {
        if (!node.text.startsWith("'")) this.report("c.unsupported.wideChar", node);
        return { kind: "char", value: charValue(node.text.slice(node.text.indexOf("'") + 1, -1)), ...pos };
      }
      case "string_literal":
      case "concatenated_string": {
        const parts = node.type === "string_literal" ? [node] : kids(node).filter((c) => c.type === "string_literal");
        const bytes: number[] = [];
        for (const p of parts) {
          if (!p.text.startsWith('"') && !p.text.startsWith('u8"')) this.report("c.unsupported.wideString", p);
          bytes.push(...decodeEscapes(p.text.slice(p.text.indexOf('"') + 1, -1)));
        }
        return { kind: "string", bytes: Uint8Array.from(bytes), ...pos };
      }
      case "identifier":
      case "true":
      case "false":
      case "null":
        return { kind: "ident", name: node.text, ...pos };
      case "parenthesized_expression": {
        const inner = kids(node);
        if (inner.length !== 1) {
          this.report("c.syntax", node);
          return { kind: "int", value: 0n, ctype: T.int, ...pos };
        }
        return this.expr(inner[0]!);
      }
      case "binary_expression": {
        const operator = op() as BinaryOp;
        const castTo = ["-", "+", "*", "&"].includes(operator) ? this.parenthesisedType(field("left")) : undefined;
        if (castTo) return this.castOfUnary(castTo, operator as UnaryOp, field("right"), start);
        // `a + b = 3` is read by the grammar as `a + (b = 3)`; C reads an assignment to `a + b`
        const right = field("right");
        if (right.type === "assignment_expression") {
          const target: Expr = { kind: "binary", op: operator, left: this.expr(field("left")), right: this.expr(right.childForFieldName("left")!), ...pos };
          return { kind: "assign", op: right.childForFieldName("operator")!.type as AssignOp, left: target, right: this.expr(right.childForFieldName("right")!), ...this.pos(right.childForFieldName("operator")!) };
        }
        return { kind: "binary", op: operator, left: this.expr(field("left")), right: this.expr(field("right")), ...pos };
      }
      case "assignment_expression":
        return { kind: "assign", op: op() as AssignOp, left: this.expr(field("left")), right: this.expr(field("right")), ...pos };
      case "unary_expression":
      case "pointer_expression":
        return { kind: "unary", op: op() as UnaryOp, operand: this.expr(field("argument")), ...pos };
      case "update_expression": {
        const operator = node.childForFieldName("operator")!;
        const argument = field("argument");
        return { kind: "update", op: operator.type as "++" | "--", prefix: operator.startIndex < argument.startIndex, operand: this.expr(argument), ...pos };
      }
      case "cast_expression":
        return { kind: "cast", to: typeDescriptor(this, field("type")), operand: this.expr(field("value")), ...pos };
      case "sizeof_expression": {
        const type = node.childForFieldName("type");
        if (type) return { kind: "sizeofType", of: typeDescriptor(this, type), ...pos };
        const value = field("value");
        const asType = this.parenthesisedType(value);
        return asType ? { kind: "sizeofType", of: asType, ...pos } : { kind: "sizeofExpr", operand: this.expr(value), ...pos };
      }
      case "alignof_expression":
        return { kind: "alignof", of: typeDescriptor(this, field("type")), ...pos };
      case "offsetof_expression":
        return { kind: "offsetof", of: typeDescriptor(this, field("type")), member: field("member").text, ...pos };
      case "call_expression": {
        const args = kids(field("arguments")).map((a) => this.expr(a));
        const castTo = this.parenthesisedType(field("function"));
        if (castTo && args.length === 1) return { kind: "cast", to: castTo, operand: args[0]!, ...pos };
        return { kind: "call", callee: this.expr(field("function")), args, ...pos };
      }
      case "subscript_expression":
        return { kind: "index", array: this.expr(field("argument")), index: this.expr(field("index")), ...pos };
      case "field_expression":
        return { kind: "member", object: this.expr(field("argument")), name: field("field").text, arrow: node.childForFieldName("operator")!.type === "->", ...pos };
      case "conditional_expression": {
        const then = node.childForFieldName("consequence");
        if (!then) this.report("c.unsupported.elvis", node);
        const condition = this.expr(field("condition"));
        return { kind: "conditional", condition, then: then ? this.expr(then) : condition, otherwise: this.expr(field("alternative")), ...pos };
      }
      case "comma_expression":
        return { kind: "comma", left: this.expr(field("left")), right: this.expr(field("right")), ...pos };
      case "compound_literal_expression":
        return { kind: "compoundLiteral", of: typeDescriptor(this, field("type")), init: this.initializer(field("value")) as InitList, ...pos };
      default:
        this.report(UNSUPPORTED_EXPR[node.type] ?? "c.syntax", node);
        return { kind: "int", value: 0n, ctype: T.int, ...pos };
    }
  }

  private number(text: string, node: Node): Expr {
    const pos = this.pos(node);
    const i = integerLiteral(text);
    if (i) {
      if (i.tooLarge) this.report("c.integerTooLarge", node, { text }, "warning");
      return { kind: "int", value: i.value, ctype: i.type, ...pos };
    }
    const f = floatLiteral(text);
    if (f) return { kind: "float", value: f.value, ctype: f.type, ...pos };
    this.report("c.badNumber", node, { text });
    return { kind: "int", value: 0n, ctype: T.int, ...pos };
  }

  /** `(T) - b * c` as the grammar reads it, `(T) - (b * c)`, is `((T) -b) * c`: the cast takes the leftmost operand. */
  private castOfUnary(to: CType, op: UnaryOp, right: Node, pos: Pos): Expr {
    if (right.type === "binary_expression") {
      const inner = right.childForFieldName("operator")!.type as BinaryOp;
      return { kind: "binary", op: inner, left: this.castOfUnary(to, op, right.childForFieldName("left")!, pos), right: this.expr(right.childForFieldName("right")!), ...pos };
    }
    const operand = this.expr(right);
    return { kind: "cast", to, operand: { kind: "unary", op, operand, line: operand.line, column: operand.column }, ...pos };
  }
}
