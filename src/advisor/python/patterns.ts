/**
 * Shapes several rules look for: a loop that accumulates into one name, the statement just
 * before another, whether a loop's variable is read after the loop, what type a name held.
 */
import { replay } from "../../core/state.js";
import { ctxOf, descendants, isName, node, nodes, type PyNode } from "./ast.js";
import type { PythonContext } from "./rule.js";

/** Python code from parts, separated by spaces: `code(expr, "for", x, "in", xs)`. */
export function code(...parts: string[]): string {
  return parts.join(" ");
}

/** The statement right before this one in the same block, if any. */
export function previousStatement(ctx: PythonContext, stmt: PyNode): PyNode | undefined {
  const parent = ctx.tree.parent(stmt);
  if (!parent) return undefined;
  for (const field of ["body", "orelse", "finalbody"]) {
    const list = nodes(parent, field);
    const i = list.indexOf(stmt);
    if (i > 0) return list[i - 1];
  }
  return undefined;
}

/** Names a `for` target binds: `x`, or `k` and `v` in `for k, v in …`. */
export function targetNames(target: PyNode): string[] {
  return descendants(target).filter((n) => isName(n) && ctxOf(n) === "Store").map((n) => String(n.id));
}

/** Whether the loop's variables are read anywhere outside the loop (where they would still
 * hold the last item), other than inside another loop or comprehension that binds them again. */
export function loopVarsUsedOutside(ctx: PythonContext, loop: PyNode): boolean {
  const inside = new Set(descendants(loop));
  const scope = ctx.tree.scopeOf(loop);
  for (const name of targetNames(node(loop, "target")!)) {
    for (const use of ctx.tree.namesIn(scope, name)) {
      if (inside.has(use) || ctxOf(use) !== "Load") continue;
      const rebound = ctx.tree.ancestors(use).some((a) => {
        const gens = a._type === "For" ? [a] : nodes(a, "generators");
        return gens.some((g) => g !== loop && targetNames(node(g, "target")!).includes(name));
      });
      if (!rebound) return true;
    }
  }
  return false;
}

/** `acc += expr`, `acc = acc + expr`: one name grown by adding to it. */
export interface Accumulation {
  /** the statement that adds */
  stmt: PyNode;
  acc: string;
  /** the source text of what is added */
  added: string;
  /** the nodes of what is added (to check what it reads) */
  addedNodes: PyNode[];
}

export function accumulationOf(ctx: PythonContext, stmt: PyNode): Accumulation | undefined {
  if (stmt._type === "AugAssign" && isName(stmt.target) && node(stmt, "op")?._type === "Add") {
    const value = node(stmt, "value")!;
    return { stmt, acc: String(stmt.target.id), added: ctx.source.segment(value), addedNodes: [value] };
  }
  if (stmt._type !== "Assign" || nodes(stmt, "targets").length !== 1) return undefined;
  const target = nodes(stmt, "targets")[0];
  if (!isName(target)) return undefined;
  // `acc + a + b` parses as `(acc + a) + b`: find the innermost `acc + …`
  let top = node(stmt, "value");
  const chain: PyNode[] = [];
  while (top && top._type === "BinOp" && node(top, "op")?._type === "Add") {
    chain.push(top);
    top = node(top, "left");
  }
  if (!top || !isName(top, String(target.id)) || chain.length === 0) return undefined;
  const whole = node(stmt, "value")!;
  // everything after `acc +`, brackets and all
  const added = ctx.source.text.slice(ctx.source.end(top), ctx.source.end(whole)).replace(/^\s*\+\s*/, "");
  return { stmt, acc: String(target.id), added, addedNodes: chain.map((c) => node(c, "right")!) };
}

/** `acc = init` then `for x in it: [if cond:] acc += expr`, and nothing else in the loop. */
export interface AccumulatingLoop extends Accumulation {
  init: PyNode;
  loop: PyNode;
  cond?: PyNode;
}

export function accumulatingLoop(ctx: PythonContext, loop: PyNode): AccumulatingLoop | undefined {
  if (loop._type !== "For" || nodes(loop, "orelse").length) return undefined;
  const body = nodes(loop, "body");
  if (body.length !== 1) return undefined;
  let stmt = body[0]!;
  let cond: PyNode | undefined;
  if (stmt._type === "If") {
    if (nodes(stmt, "orelse").length || nodes(stmt, "body").length !== 1) return undefined;
    cond = node(stmt, "test");
    stmt = nodes(stmt, "body")[0]!;
  }
  const acc = accumulationOf(ctx, stmt);
  if (!acc) return undefined;
  const init = previousStatement(ctx, loop);
  if (init?._type !== "Assign" || nodes(init, "targets").length !== 1 || !isName(nodes(init, "targets")[0], acc.acc)) return undefined;
  // what is added, the condition and the iterable must not read the accumulator itself
  const reads = [...acc.addedNodes, node(loop, "iter")!, ...(cond ? [cond] : [])];
  if (reads.some((n) => ctx.tree.namesIn(n, acc.acc).length > 0)) return undefined;
  return cond ? { ...acc, init, loop, cond } : { ...acc, init, loop };
}

/** The type of the object a name referred to when this line ran (from the trace). */
export function typeAt(ctx: PythonContext, name: string, line: number): string | undefined {
  for (const state of replay(ctx.trace)) {
    if (state.step.line !== line) continue;
    const frame = state.frames[state.frames.length - 1];
    const slot = frame?.vars[name];
    if (slot && "ref" in slot) return ctx.trace.objects[slot.ref]?.type;
  }
  return undefined;
}

/** Generator-expression text for a loop: `expr for x in it if cond`. */
export function comprehensionText(ctx: PythonContext, expr: string, loop: PyNode, cond?: PyNode): string {
  const parts = [expr, "for", ctx.source.segment(node(loop, "target")!), "in", ctx.source.segment(node(loop, "iter")!)];
  if (cond) parts.push("if", ctx.source.segment(cond));
  return code(...parts);
}
