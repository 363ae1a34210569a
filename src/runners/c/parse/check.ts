/**
 * The semantic pass: scopes, declarations, statements and every expression's type, with the
 * compile errors gcc 12 gives (-std=c11) as data. Where gcc 12 only warns (a function used
 * before any declaration, an integer stored into a pointer) this says a warning too.
 */
import type { Diagnostic } from "../../../core/trace.js";
import { T, isRecord, type CType } from "../types.js";
import type { Decl, Expr, Storage, FunctionDef, Initializer, InitList, Pos, Stmt, TranslationUnit, VarDeclarator } from "./ast.js";
import { constValue, sizeAlign } from "./constant.js";
import { baseRecord, compatible, fillsWhole, isIntegerLike, isScalarType, show, strip, unbraced } from "./conversions.js";
import { checkStore, typeExpr, typeInitializer, valueType, type ExprContext, type Symbol } from "./expressions.js";

type FnType = Extract<CType, { kind: "function" }>;

export interface CheckOptions {
  /** every function the covered headers declare, by name, with its header, for calls made without the header */
  libraryFunctions: Map<string, { type: FnType; header: string }>;
}

export class Checker implements ExprContext {
  readonly diagnostics: Diagnostic[] = [];
  private readonly scopes: Map<string, Symbol>[] = [new Map()];
  private readonly usedAt = new Map<string, Pos>();
  private fn: FunctionDef | undefined;
  private loops = 0;
  private switches: { values: Set<bigint>; hasDefault: boolean }[] = [];
  private labels = new Map<string, Pos>();
  private gotos: { label: string; at: Pos }[] = [];
  private breakable: ("loop" | "switch")[] = [];
  hasAssert = false;

  constructor(private readonly options: CheckOptions) {}

  report(code: string, at: Pos, params?: Diagnostic["params"], severity: Diagnostic["severity"] = "error"): void {
    this.diagnostics.push({ code, severity, line: at.line, column: at.column, ...(params ? { params } : {}) });
  }

  lookup(name: string): Symbol | undefined {
    for (let i = this.scopes.length - 1; i >= 0; i--) {
      const s = this.scopes[i]!.get(name);
      if (s) return s;
    }
    return undefined;
  }

  constant(e: Expr): bigint | undefined {
    return constValue(e, (name) => {
      const s = this.lookup(name);
      return s?.kind === "constant" && s.value !== undefined ? s.value : undefined;
    });
  }

  used(name: string, at: Pos): void {
    if (!this.usedAt.has(name) && this.fn && this.lookup(name)?.kind === "function") this.usedAt.set(name, at);
  }

  /** gcc 12 declares an unknown called name as `int name()` with a warning; a library function keeps its real type. */
  implicit(name: string, at: Pos): Symbol | undefined {
    const library = this.options.libraryFunctions.get(name);
    if (library) this.report("c.implicitLibrary", at, { name, header: library.header }, "warning");
    else this.report("c.implicitDeclaration", at, { name }, "warning");
    const sym: Symbol = library ? { kind: "function", type: library.type, library: true, defined: true } : { kind: "function", type: { kind: "function", returns: T.int, params: [], variadic: true }, implicit: true, line: at.line };
    this.scopes[0]!.set(name, sym);
    if (!library) this.usedAt.set(name, at);
    return sym;
  }

  run(unit: TranslationUnit): Diagnostic[] {
    this.hasAssert = unit.headers.some((h) => h.name === "assert.h");
    for (const d of unit.library) this.declare(d, true);
    for (const item of unit.items) {
      if (item.kind === "function") this.functionDef(item);
      else this.declare(item, false);
    }
    // a function used but never defined is the linker's error (gcc compiles, `ld` refuses)
    for (const [name, at] of this.usedAt) {
      const sym = this.scopes[0]!.get(name);
      if (sym?.kind === "function" && !sym.defined && !sym.library && at.line > 0) this.report("c.undefinedFunction", at, { name });
    }
    return this.diagnostics.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  }

  private declareName(name: string, sym: Symbol, at: Pos): void {
    const scope = this.scopes.at(-1)!;
    const before = scope.get(name);
    const global = this.scopes.length === 1;
    if (before && !before.library) {
      if (before.kind === "function" && sym.kind === "function") {
        if (!compatible(before.type, sym.type)) this.report("c.conflictingTypes", at, { name });
        else if (before.defined && sym.defined) this.report("c.redefinition", at, { name });
        if (before.implicit && sym.defined) this.usedAt.delete(name);
        if (before.implicit && strip((sym.type as FnType).returns).kind !== "integer") this.report("c.conflictingTypes", at, { name });
        else if (before.implicit || !(sym.type as FnType).variadic || (sym.type as FnType).params.length > 0) scope.set(name, { ...sym, defined: !!(before.defined || sym.defined) });
        else if (sym.defined) before.defined = true;
        return;
      }
      if (!global || before.kind !== sym.kind || sym.kind === "constant") this.report(before.kind === sym.kind ? "c.redeclared" : "c.redeclaredKind", at, { name });
      else if (!compatible(before.type, sym.type)) this.report("c.conflictingTypes", at, { name });
      else if (before.defined && sym.defined) this.report("c.redefinition", at, { name });
    }
    scope.set(name, sym);
  }

  private declare(d: Decl, library: boolean): void {
    switch (d.kind) {
      case "typedef":
      case "record":
        return;
      case "enum":
        for (const c of d.type.constants) this.declareName(c.name, { kind: "constant", type: T.int, value: c.value }, d);
        return;
      case "prototype":
        this.declareName(d.name, { kind: "function", type: d.type, ...(library ? { library, defined: true } : {}) }, d);
        return;
      case "variables":
        for (const v of d.vars) this.variable(v, d.storage);
    }
  }

  private variable(v: VarDeclarator, storage: Storage): void {
    const global = this.scopes.length === 1;
    // the name is in scope from its declarator on, so `Node *n = malloc(sizeof *n)` sees `n`
    const sym: Symbol = { kind: "object", type: v.type, defined: storage !== "extern" && (!global || !!v.init) };
    this.declareName(v.name, sym, v);
    if (v.init) typeInitializer(this, v.init);
    if (v.init) this.initialize(v, v.type, v.init, global || storage === "static");
    sym.type = v.type;
    const t = v.type;
    if (strip(t).kind === "void") this.report("c.voidVariable", v, { name: v.name });
    else if (storage !== "extern" && !sizeAlign(t) && !(t.kind === "array" && global && !v.init)) {
      this.report(t.kind === "array" && t.length === undefined ? "c.arraySizeMissing" : "c.storageUnknown", v, { name: v.name });
    }
  }

  literal(of: CType, init: InitList, at: Pos): CType {
    typeInitializer(this, init);
    const v: VarDeclarator = { name: "", type: of, line: at.line, column: at.column };
    // at file scope its values must be known before the program runs, as a global's
    this.initialize(v, of, init, this.scopes.length === 1);
    return v.type;
  }

  /** An initialiser against the declared type; completes `int a[] = {…}` and `char s[] = "…"` with their length. */
  private initialize(v: VarDeclarator, t: CType, braced: Initializer, needsConstant: boolean): void {
    const s = strip(t);
    const init = unbraced(t, braced);
    if (s.kind === "array") {
      if (init.kind === "string" && strip(s.of).kind === "integer" && (strip(s.of) as { name: string }).name.includes("char")) {
        const n = init.bytes.length + 1;
        if (s.length === undefined && t === v.type) v.type = { ...s, length: n };
        else if (s.length !== undefined && n - 1 > s.length) this.report("c.stringTooLong", init, {}, "warning");
        return;
      }
      if (init.kind !== "initList") {
        this.report("c.invalidInitializer", init);
        return;
      }
      const { count, elided } = this.fill(v, t, init.items, 0, true, needsConstant);
      if (elided) this.report("c.missingBraces", v.name === "" ? v : init, {}, "warning");
      if (s.length === undefined && t === v.type) v.type = { ...s, length: count };
      return;
    }
    if (isRecord(s)) {
      if (init.kind !== "initList") {
        if (needsConstant) this.report("c.notConstantInit", init);
        else checkStore(this, t, init, init, "initialization");
        return;
      }
      if (this.fill(v, t, init.items, 0, true, needsConstant).elided) this.report("c.missingBraces", v.name === "" ? v : init, {}, "warning");
      return;
    }
    if (init.kind === "initList") {
      if (init.items.length === 0) return;
      if (init.items.length > 1) this.report("c.excessElements", init.items[1]!.value, {}, "warning");
      this.initialize(v, t, init.items[0]!.value, needsConstant);
      return;
    }
    checkStore(this, t, init, init, "initialization");
    if (needsConstant && !this.isAddressConstant(init)) this.report("c.notConstantInit", init);
  }

  /**
   * Checks the items of an array or record's list from `items[at]`, as C fills it: in order, a
   * designator moving the place, a value that does not fill an inner array or record by itself
   * filling its parts (braces left out), which stops at that inner one's end (`braced` false).
   * Gives where it stopped, how many elements or members it reached, and whether braces were left out.
   */
  private fill(v: VarDeclarator, t: CType, items: InitList["items"], at: number, braced: boolean, needsConstant: boolean): { next: number; count: number; elided: boolean } {
    const s = strip(t);
    const members = isRecord(s) ? (baseRecord(s).members ?? []).filter((m) => m.name !== "") : undefined;
    // how many places a list fills without designators: a union only its first member
    const length = members ? (s.kind === "union" ? Math.min(1, members.length) : members.length) : s.kind === "array" ? s.length ?? Infinity : 1;
    const typeAt = (k: number): CType | undefined => (members ? members[k]?.type : s.kind === "array" && k < (s.length ?? Infinity) ? s.of : undefined);
    let k = 0;
    let i = at;
    let count = 0;
    let elided = false;
    while (i < items.length) {
      const item = items[i]!;
      let designated = false;
      if (item.designators.length > 0) {
        if (!braced && i > at) break;
        const d = item.designators[0]!;
        if ("field" in d) {
          k = members ? members.findIndex((m) => m.name === d.field) : -1;
          if (k < 0) {
            if (members) this.report("c.noMember", item.value, { name: d.field, type: show(baseRecord(s)) });
            else this.report("c.invalidInitializer", item.value);
            i++;
            continue;
          }
        } else {
          const index = members ? undefined : this.constant(d.index);
          if (index === undefined) {
            this.report(members ? "c.invalidInitializer" : "c.notConstant", d.index);
            i++;
            continue;
          }
          k = Number(index);
        }
        designated = true;
      } else if (k >= length) {
        if (!braced) break;
        this.report("c.excessElements", item.value, {}, "warning");
        i++;
        continue;
      }
      const place = typeAt(k);
      if (place === undefined) {
        this.report("c.excessElements", item.value, {}, "warning");
        i++;
      } else if (designated && item.designators.length > 1) {
        elided = this.fill(v, place, [{ designators: item.designators.slice(1), value: item.value }], 0, true, needsConstant).elided || elided;
        i++;
      } else if (fillsWhole(place, item.value)) {
        this.initialize(v, place, item.value, needsConstant);
        i++;
      } else {
        const rest = designated ? items.map((x, j) => (j === i ? { designators: [], value: x.value } : x)) : items;
        i = this.fill(v, place, rest, i, false, needsConstant).next;
        elided = true;
      }
      count = Math.max(count, ++k);
      if (!braced && k >= length) break;
    }
    return { next: i, count, elided };
  }

  /** What a global's initialiser may be: a constant, a string, an address of something static. */
  private isAddressConstant(e: Expr): boolean {
    if (this.constant(e) !== undefined || e.kind === "float" || e.kind === "string") return true;
    if (e.kind === "cast") return this.isAddressConstant(e.operand);
    if (e.kind === "unary" && e.op === "&") return this.isStaticPlace(e.operand);
    if (e.kind === "ident") {
      const t = this.lookup(e.name)?.type;
      return t !== undefined && (t.kind === "array" || t.kind === "function");
    }
    // an array that is a part of a static one decays to its address: `table[1]`, `s.name`
    if ((e.kind === "index" || e.kind === "member") && e.type && strip(e.type).kind === "array") return this.isStaticPlace(e);
    if (e.kind === "binary" && (e.op === "+" || e.op === "-")) return this.isAddressConstant(e.left) && this.constant(e.right) !== undefined;
    return false;
  }

  /** A place whose address is known before the program runs: a variable, or an element or member of one at a constant index. */
  private isStaticPlace(e: Expr): boolean {
    if (e.kind === "ident") return this.lookup(e.name)?.kind === "object" || this.lookup(e.name)?.kind === "function";
    if (e.kind === "index") return !!e.array.type && strip(e.array.type).kind === "array" && this.constant(e.index) !== undefined && this.isStaticPlace(e.array);
    if (e.kind === "member") return !e.arrow && this.isStaticPlace(e.object);
    return false;
  }

  private functionDef(f: FunctionDef): void {
    this.declareName(f.name, { kind: "function", type: f.type, defined: true, line: f.line }, f);
    this.fn = f;
    this.labels = new Map();
    this.gotos = [];
    this.scopes.push(new Map());
    for (const p of f.params) if (p.name) this.declareName(p.name, { kind: "object", type: p.type, defined: true }, p);
    this.statements(f.body.items);
    this.scopes.pop();
    for (const g of this.gotos) if (!this.labels.has(g.label)) this.report("c.undefinedLabel", g.at, { label: g.label });
    // gcc -Wall: a non-void function (main aside, which returns 0) whose end can be reached returns garbage
    if (strip(f.type.returns).kind !== "void" && f.name !== "main" && !ends(f.body)) this.report("c.missingReturn", f.end, { name: f.name }, "warning");
    this.fn = undefined;
  }

  private statements(items: Stmt[]): void {
    for (const s of items) this.statement(s);
  }

  private condition(e: Expr): void {
    const t = valueType(this, e);
    if (!isScalarType(t)) this.report(strip(t).kind === "void" ? "c.voidValue" : "c.notScalar", e, { type: show(t) });
  }

  private loop(body: Stmt): void {
    this.breakable.push("loop");
    this.statement(body);
    this.breakable.pop();
  }

  private statement(s: Stmt): void {
    switch (s.kind) {
      case "block":
        this.scopes.push(new Map());
        this.statements(s.items);
        this.scopes.pop();
        return;
      case "declaration":
        this.declare(s.decl, false);
        return;
      case "expression":
        typeExpr(this, s.expr);
        return;
      case "empty":
        return;
      case "if":
        this.condition(s.condition);
        this.statement(s.then);
        if (s.otherwise) this.statement(s.otherwise);
        return;
      case "while":
        this.condition(s.condition);
        this.loop(s.body);
        return;
      case "doWhile":
        this.loop(s.body);
        this.condition(s.condition);
        return;
      case "for":
        this.scopes.push(new Map());
        if (s.init) this.statement(s.init);
        if (s.condition) this.condition(s.condition);
        if (s.update) typeExpr(this, s.update);
        this.loop(s.body);
        this.scopes.pop();
        return;
      case "switch": {
        const t = valueType(this, s.condition);
        if (!isIntegerLike(t)) this.report("c.switchNotInteger", s.condition, { type: show(t) });
        this.switches.push({ values: new Set(), hasDefault: false });
        this.breakable.push("switch");
        this.statement(s.body);
        this.breakable.pop();
        this.switches.pop();
        return;
      }
      case "case":
      case "default": {
        const sw = this.switches.at(-1);
        if (!sw || !this.breakable.includes("switch")) this.report(s.kind === "case" ? "c.caseOutsideSwitch" : "c.defaultOutsideSwitch", s);
        else if (s.kind === "default") {
          if (sw.hasDefault) this.report("c.duplicateDefault", s);
          sw.hasDefault = true;
        } else {
          typeExpr(this, s.value);
          const v = this.constant(s.value);
          if (v === undefined) this.report("c.caseNotConstant", s);
          else if (sw.values.has(v)) this.report("c.duplicateCase", s);
          else sw.values.add(v);
        }
        this.statements(s.body);
        return;
      }
      case "break":
        if (this.breakable.length === 0) this.report("c.breakOutside", s);
        return;
      case "continue":
        if (!this.breakable.includes("loop")) this.report("c.continueOutside", s);
        return;
      case "return": {
        const returns = this.fn!.type.returns;
        if (s.value) {
          const t = typeExpr(this, s.value);
          if (strip(returns).kind === "void") {
            if (strip(t).kind !== "void") this.report("c.returnValueFromVoid", s, { name: this.fn!.name }, "warning");
          } else checkStore(this, returns, s.value, s.value, "return");
        } else if (strip(returns).kind !== "void") this.report("c.returnNoValue", s, { name: this.fn!.name }, "warning");
        return;
      }
      case "goto":
        this.gotos.push({ label: s.label, at: s });
        return;
      case "labeled":
        if (this.labels.has(s.label)) this.report("c.duplicateLabel", s, { label: s.label });
        this.labels.set(s.label, s);
        this.statement(s.body);
        return;
    }
  }
}

/** Whether control never goes past the end of `s` (a return, exit(), an endless loop without break). */
function ends(s: Stmt): boolean {
  switch (s.kind) {
    case "return":
    case "goto":
      return true;
    case "expression":
      return s.expr.kind === "call" && s.expr.callee.kind === "ident" && (s.expr.callee.name === "exit" || s.expr.callee.name === "abort");
    case "block":
      return s.items.some(ends);
    case "if":
      return s.otherwise !== undefined && ends(s.then) && ends(s.otherwise);
    case "labeled":
      return ends(s.body);
    case "while":
    case "for": {
      const forever = s.kind === "for" ? s.condition === undefined || constTrue(s.condition) : constTrue(s.condition);
      return forever && !breaks(s.body);
    }
    case "doWhile":
      return ends(s.body) || (constTrue(s.condition) && !breaks(s.body));
    default:
      return false;
  }
}

const constTrue = (e: Expr): boolean => (e.kind === "int" && e.value !== 0n) || (e.kind === "char" && e.value !== 0);

/** Whether a `break` leaves this loop body (one inside a nested loop or switch leaves that one instead). */
function breaks(s: Stmt): boolean {
  switch (s.kind) {
    case "break":
      return true;
    case "block":
      return s.items.some(breaks);
    case "if":
      return breaks(s.then) || (s.otherwise !== undefined && breaks(s.otherwise));
    case "labeled":
      return breaks(s.body);
    case "case":
    case "default":
      return s.body.some(breaks);
    default:
      return false;
  }
}

export function check(unit: TranslationUnit, options: CheckOptions): Diagnostic[] {
  return new Checker(options).run(unit);
}
