/** The semantic pass over expressions: each one's type and lvalue-ness, and gcc's errors on the way. */
import { INTEGER_INFO, T, isArithmetic, isRecord, pointerTo, type CType, type RecordType } from "../types.js";
import { enumBase } from "../memory/layout.js";
import type { Diagnostic } from "../../../core/trace.js";
import type { Expr, Initializer, InitList, Pos } from "./ast.js";
import { sizeAlign } from "./constant.js";
import { qualify } from "./declarators.js";
import { UNSUPPORTED_LIBRARY } from "./headers.js";
import { assignVerdict, baseRecord, compatible, decay, isIntegerLike, isPointer, isScalarType, promote, show, strip, usualArithmetic } from "./conversions.js";

export interface Symbol {
  kind: "object" | "function" | "constant";
  type: CType;
  /** a function with a body, or an object with storage here */
  defined?: boolean;
  /** declared by an included header */
  library?: boolean;
  line?: number;
  /** an enum constant's value */
  value?: bigint;
  /** declared implicitly by a call before any declaration */
  implicit?: boolean;
}

/** What expression typing needs from the checker. */
export interface ExprContext {
  lookup(name: string): Symbol | undefined;
  /** a call to a name never declared: gcc 12 declares it implicitly (a warning) */
  implicit(name: string, at: Pos): Symbol | undefined;
  report(code: string, at: Pos, params?: Diagnostic["params"], severity?: Diagnostic["severity"]): void;
  constant(e: Expr): bigint | undefined;
  used(name: string, at: Pos): void;
  /** a compound literal's items typed and checked against its type; gives that type completed (`(int[]){1, 2}`: int[2]) */
  literal(of: CType, init: InitList, at: Pos): CType;
  hasAssert: boolean;
}

const INT = T.int;
const ERR: CType = T.int;

/** Whether an expression is a null pointer constant (`0`, `(void *)0`, `NULL`). */
export function isNullConstant(ctx: ExprContext, e: Expr): boolean {
  if (e.kind === "cast" && e.to.kind === "pointer" && strip(e.to.to).kind === "void") return isNullConstant(ctx, e.operand);
  const t = e.type ? strip(e.type) : undefined;
  return t !== undefined && isIntegerLike(t) && ctx.constant(e) === 0n;
}

/** The type of a value of `e` (after decay), checking `e` first. */
export function valueType(ctx: ExprContext, e: Expr): CType {
  return decay(typeExpr(ctx, e));
}

/** Checks storing `value` into a `to`: an assignment, argument, return or initialiser. */
export function checkStore(ctx: ExprContext, to: CType, value: Expr, at: Pos, context: string): void {
  const from = typeExpr(ctx, value);
  const verdict = assignVerdict(to, from, isNullConstant(ctx, value));
  if (verdict) ctx.report(verdict.code, at, { to: show(to), from: show(decay(from)), context }, verdict.severity);
}

const modifiable = (t: CType): boolean => !t.const && t.kind !== "array" && t.kind !== "function" && !(isRecord(t) && (t.members ?? []).some((m) => modifiable(m.type) === false));

/** Whether `target` can be assigned to; says why not otherwise. */
function checkModifiable(ctx: ExprContext, target: Expr, t: CType, at: Pos): boolean {
  if (!target.lvalue) ctx.report("c.notLvalue", at);
  else if (t.kind === "array") ctx.report("c.assignArray", at, { type: show(t) });
  else if (!modifiable(t)) ctx.report("c.assignConst", at, target.kind === "ident" ? { name: target.name } : { name: "" });
  else return true;
  return false;
}

function member(ctx: ExprContext, e: Extract<Expr, { kind: "member" }>): CType {
  const objectType = typeExpr(ctx, e.object);
  let record: CType = objectType;
  if (e.arrow) {
    const v = decay(objectType);
    if (!isPointer(v) || !isRecord(strip(v.to))) {
      ctx.report(isRecord(strip(objectType)) ? "c.arrowOnStruct" : "c.notStruct", e, { name: e.name, type: show(v) });
      return ERR;
    }
    record = v.to;
  } else if (!isRecord(strip(objectType))) {
    const v = decay(objectType);
    ctx.report(isPointer(v) && isRecord(strip(v.to)) ? "c.dotOnPointer" : "c.notStruct", e, { name: e.name, type: show(v) });
    return ERR;
  }
  const r = baseRecord(strip(record)) as RecordType;
  if (!r.members) {
    ctx.report("c.incompleteType", e, { type: show(r) });
    return ERR;
  }
  const m = r.members.find((x) => x.name === e.name);
  if (!m) {
    ctx.report("c.noMember", e, { name: e.name, type: show(r) });
    return ERR;
  }
  e.lvalue = e.arrow || !!e.object.lvalue;
  if (m.bits !== undefined) {
    e.bitField = true;
    // a bit-field narrower than int is used as an int (or unsigned int if int cannot hold its values), as gcc promotes it
    const s = strip(m.type);
    const upToInt = s.kind === "enum" ? enumBase(s).size === 4 : s.kind === "integer" && INTEGER_INFO[s.name].rank <= 3;
    if (upToInt) {
      const signed = s.kind === "enum" ? enumBase(s).signed : s.kind === "integer" && INTEGER_INFO[s.name].signed;
      const t = m.bits < 32 || signed ? T.int : T.unsignedInt;
      return record.const ? qualify(t, true, false) : t;
    }
  }
  // a member of a const struct is const too
  return record.const && !m.type.const ? qualify(m.type, true, !!m.type.volatile) : m.type;
}

function call(ctx: ExprContext, e: Extract<Expr, { kind: "call" }>): CType {
  if (e.callee.kind === "ident" && e.callee.name === "assert" && ctx.hasAssert && !ctx.lookup("assert")) {
    if (e.args.length !== 1) ctx.report(e.args.length < 1 ? "c.tooFewArguments" : "c.tooManyArguments", e, { name: "assert", expected: 1, given: e.args.length });
    for (const a of e.args) if (!isScalarType(valueType(ctx, a))) ctx.report("c.notScalar", a, { type: show(valueType(ctx, a)) });
    return T.void;
  }
  let calleeType: CType;
  if (e.callee.kind === "ident" && !ctx.lookup(e.callee.name) && UNSUPPORTED_LIBRARY.has(e.callee.name)) {
    ctx.report("c.unsupported.library", e.callee, { name: e.callee.name });
    for (const a of e.args) typeExpr(ctx, a);
    return ERR;
  }
  if (e.callee.kind === "ident" && !ctx.lookup(e.callee.name)) {
    const sym = ctx.implicit(e.callee.name, e.callee);
    if (!sym) return ERR;
    e.callee.type = calleeType = sym.type;
    ctx.used(e.callee.name, e.callee);
  } else calleeType = typeExpr(ctx, e.callee);
  const v = decay(calleeType);
  if (!isPointer(v) || v.to.kind !== "function") {
    ctx.report("c.notFunction", e.callee, { type: show(v), name: e.callee.kind === "ident" ? e.callee.name : "" });
    for (const a of e.args) typeExpr(ctx, a);
    return ERR;
  }
  const f = v.to;
  const name = e.callee.kind === "ident" ? e.callee.name : "";
  const declared = f.params.length;
  const untyped = f.variadic && declared === 0;
  if (!untyped && (e.args.length < declared || (!f.variadic && e.args.length > declared))) {
    ctx.report(e.args.length < declared ? "c.tooFewArguments" : "c.tooManyArguments", e, { name, expected: declared, given: e.args.length });
  }
  e.args.forEach((a, i) => {
    const p = f.params[i];
    if (p) checkStore(ctx, p.type, a, a, "argument");
    else if (strip(valueType(ctx, a)).kind === "void") ctx.report("c.voidValue", a);
  });
  return f.returns;
}

function binary(ctx: ExprContext, e: Extract<Expr, { kind: "binary" | "assign" }>, op: string): CType {
  const l = valueType(ctx, e.left);
  const r = valueType(ctx, e.right);
  const lp = isPointer(l);
  const rp = isPointer(r);
  const bad = () => {
    ctx.report(strip(l).kind === "void" || strip(r).kind === "void" ? "c.voidValue" : "c.invalidOperands", e, { op, left: show(l), right: show(r) });
    return ERR;
  };
  const arith = isArithmetic(l) && isArithmetic(r);
  switch (op) {
    case "+":
      if (arith) return usualArithmetic(l, r);
      if (lp && isIntegerLike(r) && strip(l.to).kind !== "function") return l;
      if (rp && isIntegerLike(l)) return r;
      return bad();
    case "-":
      if (arith) return usualArithmetic(l, r);
      if (lp && isIntegerLike(r)) return l;
      if (lp && rp) return compatible(strip(l.to), strip(r.to), true) ? T.ptrdiffT : bad();
      return bad();
    case "*":
    case "/":
      return arith ? usualArithmetic(l, r) : bad();
    case "%":
    case "&":
    case "|":
    case "^":
      return isIntegerLike(l) && isIntegerLike(r) ? usualArithmetic(l, r) : bad();
    case "<<":
    case ">>":
      return isIntegerLike(l) && isIntegerLike(r) ? promote(l) : bad();
    case "&&":
    case "||":
      return isScalarType(l) && isScalarType(r) ? INT : bad();
    default: {
      // comparisons
      if (arith) return INT;
      if (lp && rp) {
        const ok = compatible(strip(l.to), strip(r.to), true) || strip(l.to).kind === "void" || strip(r.to).kind === "void";
        if (!ok) ctx.report("c.comparePointers", e, { left: show(l), right: show(r) }, "warning");
        return INT;
      }
      if ((lp && isIntegerLike(r)) || (rp && isIntegerLike(l))) {
        const other = lp ? e.right : e.left;
        if (!isNullConstant(ctx, other)) ctx.report("c.comparePointerInt", e, {}, "warning");
        return INT;
      }
      return bad();
    }
  }
}

function conditional(ctx: ExprContext, e: Extract<Expr, { kind: "conditional" }>): CType {
  const c = valueType(ctx, e.condition);
  if (!isScalarType(c)) ctx.report("c.notScalar", e.condition, { type: show(c) });
  const a = valueType(ctx, e.then);
  const b = valueType(ctx, e.otherwise);
  if (isArithmetic(a) && isArithmetic(b)) return usualArithmetic(a, b);
  if (strip(a).kind === "void" && strip(b).kind === "void") return T.void;
  if (isRecord(strip(a)) && baseRecord(strip(a)) === baseRecord(strip(b))) return strip(a);
  if (isPointer(a) && isPointer(b)) return strip(a.to).kind === "void" ? a : strip(b.to).kind === "void" ? b : a;
  if (isPointer(a) && isNullConstant(ctx, e.otherwise)) return a;
  if (isPointer(b) && isNullConstant(ctx, e.then)) return b;
  if ((isPointer(a) && isIntegerLike(b)) || (isPointer(b) && isIntegerLike(a))) {
    ctx.report("c.conditionalMismatch", e, { left: show(a), right: show(b) }, "warning");
    return isPointer(a) ? a : b;
  }
  ctx.report("c.conditionalMismatch", e, { left: show(a), right: show(b) });
  return ERR;
}

/** Types `e` (filling `e.type` and `e.lvalue`) and returns its type before decay. */
export function typeExpr(ctx: ExprContext, e: Expr): CType {
  if (e.type) return e.type;
  const t = typeOf(ctx, e);
  e.type = t;
  return t;
}

function typeOf(ctx: ExprContext, e: Expr): CType {
  switch (e.kind) {
    case "int":
    case "float":
      return e.ctype;
    case "char":
      return INT;
    case "string":
      e.lvalue = true;
      return { kind: "array", of: T.char, length: e.bytes.length + 1 };
    case "ident": {
      const sym = ctx.lookup(e.name);
      if (!sym) {
        ctx.report(UNSUPPORTED_LIBRARY.has(e.name) ? "c.unsupported.library" : "c.undeclared", e, { name: e.name });
        return ERR;
      }
      ctx.used(e.name, e);
      e.lvalue = sym.kind === "object";
      if (sym.kind === "constant" && sym.value !== undefined) e.constant = sym.value;
      return sym.type;
    }
    case "binary":
      return binary(ctx, e, e.op);
    case "assign": {
      const target = typeExpr(ctx, e.left);
      if (!checkModifiable(ctx, e.left, target, e)) typeExpr(ctx, e.right);
      else if (e.op === "=") checkStore(ctx, target, e.right, e.right, "assignment");
      else binary(ctx, e, e.op.slice(0, -1));
      return strip(target);
    }
    case "unary": {
      if (e.op === "&") {
        const t = typeExpr(ctx, e.operand);
        if (e.operand.kind === "member" && e.operand.bitField) ctx.report("c.bitFieldAddress", e, { name: e.operand.name });
        else if (!e.operand.lvalue && t.kind !== "function") ctx.report("c.addressOfNonLvalue", e);
        return pointerTo(t);
      }
      const t = valueType(ctx, e.operand);
      if (e.op === "*") {
        if (!isPointer(t)) {
          ctx.report("c.derefNonPointer", e, { type: show(t) });
          return ERR;
        }
        e.lvalue = true;
        return t.to;
      }
      if (e.op === "!") {
        if (!isScalarType(t)) ctx.report("c.wrongOperand", e, { op: e.op, type: show(t) });
        return INT;
      }
      if (e.op === "~" ? !isIntegerLike(t) : !isArithmetic(t)) {
        ctx.report("c.wrongOperand", e, { op: e.op, type: show(t) });
        return ERR;
      }
      return promote(t);
    }
    case "update": {
      const t = typeExpr(ctx, e.operand);
      if (!e.operand.lvalue) ctx.report("c.notLvalueIncrement", e, { op: e.op });
      else if (!isScalarType(t)) ctx.report("c.wrongOperand", e, { op: e.op, type: show(t) });
      else if (!modifiable(t)) ctx.report("c.assignConst", e, e.operand.kind === "ident" ? { name: e.operand.name } : { name: "" });
      return strip(t);
    }
    case "cast": {
      const from = valueType(ctx, e.operand);
      const to = strip(e.to);
      if (to.kind === "void") return T.void;
      if (!isScalarType(to)) ctx.report("c.castToNonScalar", e, { type: show(to) });
      else if (strip(from).kind === "void") ctx.report("c.voidValue", e.operand);
      else if (!isScalarType(from)) ctx.report("c.castFromNonScalar", e, { type: show(from) });
      else if ((to.kind === "float" && isPointer(from)) || (isPointer(to) && strip(from).kind === "float")) ctx.report("c.castPointerFloat", e, { to: show(to), from: show(from) });
      return to;
    }
    case "sizeofType":
    case "sizeofExpr":
    case "alignof": {
      const of = e.kind === "sizeofExpr" ? typeExpr(ctx, e.operand) : e.of;
      if (e.kind === "sizeofExpr" && e.operand.kind === "member" && e.operand.bitField) ctx.report("c.bitFieldSizeof", e, { name: e.operand.name });
      if (!sizeAlign(of) && of.kind !== "void") ctx.report("c.sizeofIncomplete", e, { type: show(of) });
      return T.sizeT;
    }
    case "offsetof": {
      const r = baseRecord(e.of);
      if (!isRecord(r) || !r.members?.some((m) => m.name === e.member)) ctx.report("c.noMember", e, { name: e.member, type: show(e.of) });
      return T.sizeT;
    }
    case "call":
      return call(ctx, e);
    case "index": {
      const a = valueType(ctx, e.array);
      const i = valueType(ctx, e.index);
      const [p, n] = isPointer(a) ? [a, i] : isPointer(i) ? [i, a] : [undefined, undefined];
      if (!p) {
        ctx.report("c.notSubscriptable", e, { type: show(a) });
        return ERR;
      }
      if (!isIntegerLike(n!)) ctx.report("c.subscriptNotInteger", e.index);
      e.lvalue = true;
      return p.to;
    }
    case "member":
      return member(ctx, e);
    case "conditional":
      return conditional(ctx, e);
    case "comma":
      typeExpr(ctx, e.left);
      return strip(decay(typeExpr(ctx, e.right)));
    case "compoundLiteral":
      e.lvalue = true;
      e.of = ctx.literal(e.of, e.init, e);
      return e.of;
  }
}

/** Types every expression inside an initialiser (the caller checks its shape against the declared type). */
export function typeInitializer(ctx: ExprContext, init: Initializer): void {
  if (init.kind !== "initList") typeExpr(ctx, init);
  else for (const item of init.items) typeInitializer(ctx, item.value);
}
