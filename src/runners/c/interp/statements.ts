/**
 * Statements: one handler per kind of statement node. A `line` step comes before each statement
 * that does something (not a block, a label or a declaration without an initialiser), and
 * before each loop test after the first, where a debugger stops.
 */
import type { Stmt, StmtKind, VarDeclarator } from "../parse/index.js";
import { addLocal, isFault } from "../memory/index.js";
import { Break, Continue, Goto, Return, type FrameState, type Machine } from "./machine.js";
import { evaluate } from "./expressions.js";
import { initialize } from "./initialize.js";
import { convert, truthy, valueType } from "./values.js";
import { promote } from "../parse/index.js";

type Handlers = { [K in StmtKind]: (m: Machine, s: Extract<Stmt, { kind: K }>) => void };

/** Runs a loop body: false when it broke out. */
function body(m: Machine, s: Stmt): boolean {
  try {
    execute(m, s);
  } catch (x) {
    if (x instanceof Break) return false;
    if (x instanceof Continue) return true;
    throw x;
  }
  return true;
}

function declare(m: Machine, v: VarDeclarator, storage: string | undefined): void {
  if (storage === "extern") {
    const g = m.globals.get(v.name);
    if (g) m.bind(v.name, g);
    return;
  }
  if (v.type.kind === "function") return;
  if (storage === "static") {
    m.bind(v.name, m.statics.get(v)!);
    return;
  }
  const top = m.top!;
  let block = top.locals.get(v);
  if (!block) {
    const b = addLocal(m.mem, top.frame, { name: v.name, type: v.type, line: v.line });
    if (isFault(b)) m.fail(b);
    block = b;
    top.locals.set(v, b);
  } else m.events.push({ kind: "scope", op: "enter", blocks: [block] });
  const address = BigInt(block.address);
  m.bind(v.name, { address, type: v.type });
  if (v.init) initialize(m, address, v.type, v.init);
}

/** Opens a block's scope in the running call's frame, which it gives. */
function openScope(m: Machine): FrameState {
  const top = m.top!;
  top.scopes.push(new Map());
  return top;
}

/** Closes the innermost block's scope: the lifetimes of the variables declared in it end (their bytes stay in the frame). */
function closeScope(m: Machine, top: FrameState): void {
  const scope = top.scopes.pop()!;
  const ended = top.frame.locals.filter((b) => b.name !== undefined && scope.get(b.name)?.address === BigInt(b.address));
  if (ended.length) m.events.push({ kind: "scope", op: "exit", blocks: ended });
}

/** Runs `items` from `from`, resuming at a label of this list when a goto leaves one of them. */
export function run(m: Machine, items: Stmt[], from = 0): void {
  let i = from;
  while (i < items.length) {
    try {
      for (; i < items.length; i++) execute(m, items[i]!);
    } catch (x) {
      if (!(x instanceof Goto)) throw x;
      const at = items.findIndex((s) => labels(s).includes(x.label));
      if (at < 0) throw x;
      i = at;
    }
  }
}

function labels(s: Stmt): string[] {
  if (s.kind === "labeled") return [s.label, ...labels(s.body)];
  if (s.kind === "case" || s.kind === "default") return s.body.flatMap(labels);
  return [];
}

const HANDLERS: Handlers = {
  block: (m, s) => {
    const top = openScope(m);
    try {
      run(m, s.items);
    } finally {
      closeScope(m, top);
    }
  },
  declaration: (m, s) => {
    if (s.decl.kind !== "variables") return;
    for (const v of s.decl.vars) declare(m, v, s.decl.storage);
  },
  expression: (m, s) => void evaluate(m, s.expr),
  empty: () => undefined,
  if: (m, s) => {
    if (truthy(evaluate(m, s.condition))) execute(m, s.then);
    else if (s.otherwise) execute(m, s.otherwise);
  },
  while: (m, s) => {
    for (let first = true; ; first = false) {
      if (!first) m.step(s.line, "line");
      if (!truthy(evaluate(m, s.condition))) return;
      if (!body(m, s.body)) return;
    }
  },
  doWhile: (m, s) => {
    for (;;) {
      if (!body(m, s.body)) return;
      m.step(s.condition.line, "line");
      if (!truthy(evaluate(m, s.condition))) return;
    }
  },
  for: (m, s) => {
    const top = openScope(m);
    try {
      if (s.init) execute(m, s.init, false);
      for (;;) {
        if (s.condition && !truthy(evaluate(m, s.condition))) return;
        if (!body(m, s.body)) return;
        m.step(s.line, "line");
        if (s.update) evaluate(m, s.update);
      }
    } finally {
      closeScope(m, top);
    }
  },
  switch: (m, s) => {
    const v = evaluate(m, s.condition);
    const t = promote(valueType(s.condition.type!));
    const items = s.body.kind === "block" ? s.body.items : [s.body];
    const want = convert(v, t);
    let at = items.findIndex((c) => c.kind === "case" && convert(evaluate(m, c.value), t) === want);
    if (at < 0) at = items.findIndex((c) => c.kind === "default");
    if (at < 0) return;
    const top = openScope(m);
    try {
      run(m, items, at);
    } catch (x) {
      if (!(x instanceof Break)) throw x;
    } finally {
      closeScope(m, top);
    }
  },
  case: (m, s) => run(m, s.body),
  default: (m, s) => run(m, s.body),
  break: () => {
    throw new Break();
  },
  continue: () => {
    throw new Continue();
  },
  return: (m, s) => {
    throw new Return(s.value ? evaluate(m, s.value) : undefined, s.line);
  },
  goto: (_m, s) => {
    throw new Goto(s.label);
  },
  labeled: (m, s) => execute(m, s.body),
};

/** Whether a debugger stops before the statement. */
function stops(s: Stmt): boolean {
  switch (s.kind) {
    case "block":
    case "empty":
    case "labeled":
    case "case":
    case "default":
    case "doWhile":
      return false;
    case "declaration":
      return s.decl.kind === "variables" && s.decl.storage !== "static" && s.decl.vars.some((v) => v.init !== undefined);
    default:
      return true;
  }
}

export function execute(m: Machine, s: Stmt, step = true): void {
  if (step && stops(s)) m.step(s.line, "line");
  (HANDLERS[s.kind] as (m: Machine, s: Stmt) => void)(m, s);
}
