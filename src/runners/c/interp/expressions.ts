/**
 * Expressions: one handler per kind of expression node (a kind without a handler does not
 * compile), each giving the value in the expression's type after decay. `addressOf` gives the
 * address an lvalue names.
 */
import type { Expr, ExprKind } from "../parse/index.js";
import { MemsimError } from "../../../core/errors.js";
import { internFunction, internString, loadBits, memberOf, mustAlignOf, mustSizeOf, addLocal, enumBase, isFault, storeBits, type BitField, type MemberLayout } from "../memory/index.js";
import { baseRecord, strip } from "../parse/conversions.js";
import { INTEGER_INFO, T, type CType, type RecordType } from "../types.js";
import { Machine } from "./machine.js";
import { DivideByZero, binaryValue, convert, stride, truthy, unaryValue, valueType, type Value } from "./values.js";
import { callExpression } from "./calls.js";
import { completed, initialize } from "./initialize.js";

type Handlers = { [K in ExprKind]: (m: Machine, e: Extract<Expr, { kind: K }>) => Value };

const typeOf = (e: Expr): CType => {
  // a designator's index is a constant the semantic pass does not type
  if (!e.type && (e.kind === "int" || e.kind === "float")) return e.ctype;
  if (!e.type && e.kind === "char") return T.int;
  if (!e.type) throw new MemsimError("c-interp", `an expression at line ${e.line} has no type`);
  return e.type;
};

/** An object's value where C uses it: arrays decay to their address, functions to theirs. */
function objectValue(m: Machine, address: bigint, e: Expr): Value {
  const t = strip(typeOf(e));
  if (t.kind === "array" || t.kind === "function") return address;
  return m.read(address, t);
}

function arith<T>(m: Machine, f: () => T): T {
  try {
    return f();
  } catch (x) {
    if (x instanceof DivideByZero) m.end({ kind: "abort", reason: "divide-by-zero", line: m.line });
    throw x;
  }
}

const HANDLERS: Handlers = {
  int: (_m, e) => convert(e.value, typeOf(e)),
  float: (_m, e) => convert(e.value, typeOf(e)),
  char: (_m, e) => BigInt(e.value),
  string: (m, e) => addressOf(m, e),
  ident: (m, e) => {
    if (e.constant !== undefined) return convert(e.constant, typeOf(e));
    if (strip(typeOf(e)).kind === "function") return internFunction(m.mem, e.name);
    return objectValue(m, addressOf(m, e), e);
  },
  binary: (m, e) => {
    if (e.op === "&&") return truthy(evaluate(m, e.left)) && truthy(evaluate(m, e.right)) ? 1n : 0n;
    if (e.op === "||") return truthy(evaluate(m, e.left)) || truthy(evaluate(m, e.right)) ? 1n : 0n;
    const l = evaluate(m, e.left);
    const r = evaluate(m, e.right);
    return arith(m, () => convert(binaryValue(e.op, l, typeOf(e.left), r, typeOf(e.right)), typeOf(e)));
  },
  assign: (m, e) => {
    const bits = bitFieldOf(m, e.left);
    if (bits) {
      const r = evaluate(m, e.right);
      const v = e.op === "=" ? r : arith(m, () => binaryValue(e.op.slice(0, -1), readBits(m, bits), typeOf(e.left), r, typeOf(e.right)));
      return writeBits(m, bits, v, typeOf(e.left));
    }
    const address = addressOf(m, e.left);
    const lt = valueType(typeOf(e.left));
    let v: Value;
    if (e.op === "=") v = convert(evaluate(m, e.right), lt);
    else {
      const old = m.read(address, lt);
      const r = evaluate(m, e.right);
      v = convert(arith(m, () => binaryValue(e.op.slice(0, -1), old, lt, r, typeOf(e.right))), lt);
    }
    m.write(address, lt, v);
    return v;
  },
  unary: (m, e) => {
    switch (e.op) {
      case "&":
        return addressOf(m, e.operand);
      case "*":
        return objectValue(m, addressOf(m, e), e);
      case "!":
        return truthy(evaluate(m, e.operand)) ? 0n : 1n;
      default:
        return unaryValue(e.op, evaluate(m, e.operand), typeOf(e.operand));
    }
  },
  update: (m, e) => {
    const bits = bitFieldOf(m, e.operand);
    if (bits) {
      const old = readBits(m, bits);
      const next = writeBits(m, bits, (old as bigint) + (e.op === "++" ? 1n : -1n), typeOf(e.operand));
      return e.prefix ? next : old;
    }
    const address = addressOf(m, e.operand);
    const t = valueType(typeOf(e.operand));
    const old = m.read(address, t);
    const by = e.op === "++" ? 1 : -1;
    // a pointer moves by its element's size; a float by 1.0
    const next = convert(typeof old === "number" ? old + by : (old as bigint) + BigInt(by * (t.kind === "pointer" ? stride(t) : 1)), t);
    m.write(address, t, next);
    return e.prefix ? next : old;
  },
  cast: (m, e) => {
    const v = evaluate(m, e.operand);
    return strip(e.to).kind === "void" ? 0n : convert(v, e.to);
  },
  sizeofType: (_m, e) => BigInt(mustSizeOf(e.of)),
  sizeofExpr: (_m, e) => BigInt(mustSizeOf(typeOf(e.operand))),
  alignof: (_m, e) => BigInt(mustAlignOf(e.of)),
  offsetof: (_m, e) => BigInt(memberOf(baseRecord(e.of) as RecordType, e.member)?.offset ?? 0),
  call: callExpression,
  index: (m, e) => objectValue(m, addressOf(m, e), e),
  member: (m, e) => {
    if (!e.arrow && !e.object.lvalue) {
      // a member of a record value (a call's result): its bytes, read from the record's
      const bytes = evaluate(m, e.object) as Uint8Array;
      const ml = memberOf(baseRecord(strip(typeOf(e.object))) as RecordType, e.name)!;
      if (ml.bits !== undefined) return convert(bitsIn(bytes, { bitOffset: ml.bitOffset!, bits: ml.bits, type: ml.type }), typeOf(e));
      return decodeBytes(bytes.subarray(ml.offset, ml.offset + ml.size), typeOf(e));
    }
    const bits = bitFieldOf(m, e);
    if (bits) return convert(readBits(m, bits), typeOf(e));
    return objectValue(m, addressOf(m, e), e);
  },
  conditional: (m, e) => convert(truthy(evaluate(m, e.condition)) ? evaluate(m, e.then) : evaluate(m, e.otherwise), typeOf(e)),
  comma: (m, e) => {
    evaluate(m, e.left);
    return evaluate(m, e.right);
  },
  compoundLiteral: (m, e) => objectValue(m, addressOf(m, e), e),
};

function decodeBytes(bytes: Uint8Array, t: Parameters<typeof valueType>[0]): Value {
  const vt = valueType(t);
  if (vt.kind === "struct" || vt.kind === "union") return bytes.slice();
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  if (vt.kind === "float") return vt.name === "float" ? view.getFloat32(0, true) : view.getFloat64(0, true);
  let b = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) b = (b << 8n) | BigInt(bytes[i]!);
  return convert(b, vt);
}

export function evaluate(m: Machine, e: Expr): Value {
  return (HANDLERS[e.kind] as (m: Machine, e: Expr) => Value)(m, e);
}

/** The address an lvalue (or a string literal, a function) names. */
export function addressOf(m: Machine, e: Expr): bigint {
  switch (e.kind) {
    case "ident": {
      if (strip(typeOf(e)).kind === "function") return internFunction(m.mem, e.name);
      const v = m.lookup(e.name);
      if (!v) throw new MemsimError("c-interp", `no variable ${e.name} at line ${e.line}`);
      return v.address;
    }
    case "string":
      return internString(m.mem, e.bytes, e.line);
    case "unary":
      if (e.op === "*") return BigInt.asUintN(64, BigInt(evaluate(m, e.operand) as bigint));
      break;
    case "index": {
      const a = evaluate(m, e.array);
      const i = evaluate(m, e.index);
      const [p, pt, n] = valueType(typeOf(e.array)).kind === "pointer" ? [a, typeOf(e.array), i] : [i, typeOf(e.index), a];
      return BigInt.asUintN(64, (p as bigint) + (n as bigint) * BigInt(stride(valueType(pt))));
    }
    case "member": {
      const { base, ml } = memberPlace(m, e);
      // the semantic pass lets no bit-field's address be taken
      if (ml.bits !== undefined) throw new MemsimError("c-interp", `the bit-field ${e.name} at line ${e.line} has no address`);
      return BigInt.asUintN(64, base + BigInt(ml.offset));
    }
    case "compoundLiteral": {
      const top = m.top!;
      let block = top.locals.get(e);
      const type = completed(m, e.of, e.init);
      if (!block) {
        const b = addLocal(m.mem, top.frame, { name: "(literal)", type, line: e.line });
        if (isFault(b)) m.fail(b);
        block = b;
        top.locals.set(e, b);
      }
      initialize(m, BigInt(block.address), type, e.init);
      return BigInt(block.address);
    }
    case "comma":
      evaluate(m, e.left);
      return addressOf(m, e.right);
    default:
      break;
  }
  throw new MemsimError("c-interp", `${e.kind} at line ${e.line} is not an object`);
}

type MemberExpr = Extract<Expr, { kind: "member" }>;

/** The record a member expression reaches (its address) and the member's layout. */
function memberPlace(m: Machine, e: MemberExpr): { base: bigint; ml: MemberLayout } {
  const base = e.arrow ? (evaluate(m, e.object) as bigint) : addressOf(m, e.object);
  const rt = strip(e.arrow ? (valueType(typeOf(e.object)) as { to: RecordType }).to : typeOf(e.object));
  const ml = memberOf(baseRecord(rt) as RecordType, e.name);
  if (!ml) throw new MemsimError("c-interp", `no member ${e.name} at line ${e.line}`);
  return { base, ml };
}

/** A bit-field an lvalue names: its record's address and where its bits are. */
interface BitPlace {
  record: bigint;
  field: BitField;
}

function bitFieldOf(m: Machine, e: Expr): BitPlace | undefined {
  if (e.kind !== "member" || !e.bitField) return undefined;
  const { base, ml } = memberPlace(m, e);
  return { record: BigInt.asUintN(64, base), field: { bitOffset: ml.bitOffset!, bits: ml.bits!, type: ml.type } };
}

/** A bit-field's value (sign-extended when its type is signed). */
export function readBits(m: Machine, p: BitPlace): bigint {
  const r = loadBits(m.mem, p.record, p.field);
  if (isFault(r)) m.fail(r);
  return BigInt(r.value as number | bigint);
}

/** Stores a value into a bit-field as C converts it (to the field's type, then its width); gives the value it now holds, as `as`. */
export function writeBits(m: Machine, p: BitPlace, v: Value, as: CType): Value {
  const f = storeBits(m.mem, p.record, p.field, convert(v, p.field.type) as bigint);
  if (f) m.fail(f);
  const first = Math.floor(p.field.bitOffset / 8);
  m.wrote(p.record + BigInt(first), Math.ceil((p.field.bitOffset + p.field.bits) / 8) - first);
  return convert(readBits(m, p), as);
}

/** A bit-field's value in a record's bytes (a record returned by a call). */
function bitsIn(bytes: Uint8Array, f: BitField): bigint {
  let raw = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) raw = (raw << 8n) | BigInt(bytes[i]!);
  const field = BigInt.asUintN(f.bits, raw >> BigInt(f.bitOffset));
  const s = strip(f.type);
  const signed = s.kind === "enum" ? enumBase(s).signed : s.kind === "integer" && INTEGER_INFO[s.name].signed;
  return signed ? BigInt.asIntN(f.bits, field) : field;
}
