/**
 * Calls: a function of the program gets a frame with its parameters, a `call` step, its body,
 * a `return` step with the value's bytes, and its frame popped; a library function runs in
 * TypeScript over the memory. A call through a pointer finds the function by its address.
 */
import type { Expr, FunctionDef } from "../parse/index.js";
import { functionAt, isFault, popFrame, pushFrame } from "../memory/index.js";
import { strip } from "../parse/conversions.js";
import { T, type CType } from "../types.js";
import { Ended, Goto, Return, type Machine } from "./machine.js";
import { convert, scalarBytes, valueType, type Value } from "./values.js";
import { evaluate } from "./expressions.js";
import { run } from "./statements.js";
import { LIBRARY } from "./library.js";

/** The default argument promotions, for arguments a prototype does not type (printf's). */
function promoted(v: Value, t: CType): Value {
  const s = valueType(t);
  if (s.kind === "float" && s.name === "float") return v;
  if (s.kind === "integer" || s.kind === "enum") return convert(v, (s.kind === "integer" && ["long", "unsigned long", "long long", "unsigned long long", "unsigned int"].includes(s.name)) ? s : T.int);
  return v;
}

/** The arguments, evaluated last to first as gcc does on x86-64, converted as the prototype says. */
function argumentsOf(m: Machine, e: Extract<Expr, { kind: "call" }>, params: { type: CType }[]): Value[] {
  const out: Value[] = new Array<Value>(e.args.length);
  for (let i = e.args.length - 1; i >= 0; i--) {
    const a = e.args[i]!;
    out[i] = i < params.length ? convert(evaluate(m, a), valueType(params[i]!.type)) : promoted(evaluate(m, a), a.type!);
  }
  return out;
}

export function callExpression(m: Machine, e: Extract<Expr, { kind: "call" }>): Value {
  let name: string | undefined;
  if (e.callee.kind === "ident" && !m.lookup(e.callee.name)) name = e.callee.name;
  else {
    const address = evaluate(m, e.callee) as bigint;
    name = functionAt(m.mem, address);
    if (!name) m.end({ kind: "fault", fault: { kind: "fault", problem: address === 0n ? "null" : "unmapped", access: "read", address, size: 1 }, line: m.line });
  }
  const def = m.functions.get(name);
  if (def) {
    const params = def.type.params;
    return callFunction(m, def, argumentsOf(m, e, params));
  }
  const lib = LIBRARY[name];
  if (!lib) m.end({ kind: "abort", reason: "unsupported", line: e.line, detail: name });
  const ft = e.callee.type && strip(e.callee.type);
  const fn = ft?.kind === "function" ? ft : ft?.kind === "pointer" && ft.to.kind === "function" ? ft.to : undefined;
  const params = fn?.params ?? [];
  return lib(m, argumentsOf(m, e, params), e);
}

/** Runs a function of the program with arguments already converted to its parameters' types. */
export function callFunction(m: Machine, def: FunctionDef, args: Value[]): Value {
  const specs = def.params.map((p) => ({ name: p.name, type: valueType(p.type), line: def.line }));
  const frame = pushFrame(m.mem, def.name, specs);
  if (isFault(frame)) m.fail(frame);
  m.events.push({ kind: "frame", op: "push", fn: def.name, frame: m.mem.frames.length - 1 });
  const scope = new Map<string, { address: bigint; type: CType }>();
  m.frames.push({ def, frame, line: def.line, scopes: [scope], locals: new Map() });
  def.params.forEach((p, i) => {
    const block = frame.locals[i]!;
    scope.set(p.name, { address: BigInt(block.address), type: specs[i]!.type });
    m.write(BigInt(block.address), specs[i]!.type, args[i] ?? 0n);
  });
  m.step(def.line, "call");
  let value: Value | undefined;
  let line = def.end.line;
  try {
    // the body's items run straight in the parameters' scope: fewer host frames per C call, deeper recursion
    run(m, def.body.items);
  } catch (x) {
    // a goto to a label this interpreter cannot reach (inside another statement) is named, not run wrongly
    if (x instanceof Goto) m.end({ kind: "abort", reason: "unsupported", line: m.line, detail: "goto" });
    if (!(x instanceof Return)) throw x;
    value = x.value;
    line = x.line;
  }
  const returns = strip(def.type.returns);
  if (value === undefined && def.name === "main") value = 0n;
  const result = returns.kind === "void" ? 0n : convert(value ?? 0n, returns);
  m.step(line, "return", returns.kind === "void" ? undefined : { type: returns, bytes: scalarBytes(result, returns) });
  popFrame(m.mem, line);
  m.frames.pop();
  m.events.push({ kind: "frame", op: "pop", fn: def.name, frame: m.mem.frames.length });
  return result;
}

/** A call the library makes back into the program (qsort's comparator). */
export function callByAddress(m: Machine, address: bigint, args: Value[]): Value {
  const name = functionAt(m.mem, address);
  const def = name ? m.functions.get(name) : undefined;
  if (!def) throw new Ended({ kind: "fault", fault: { kind: "fault", problem: address === 0n ? "null" : "unmapped", access: "read", address, size: 1 }, line: m.line });
  return callFunction(m, def, args.map((a, i) => convert(a, valueType(def.type.params[i]?.type ?? T.long))));
}

