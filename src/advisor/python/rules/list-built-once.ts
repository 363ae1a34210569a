/**
 * Practice 4, iterators and generators: a whole list built only to be walked or added up
 * once (`sum([x * x for x in xs])`, `for i in list(range(n))`, `for line in f.readlines()`)
 * holds every item at once; a generator or the iterable itself hands them out one by one.
 * Advice only when the trace shows a list was built, and a rewrite only when it saves.
 */
import type { Edit } from "../../edit.js";
import { ctxOf, descendants, isCallOf, isMethodCall, isName, node, nodes, type PyNode } from "../ast.js";
import type { Candidate, PythonContext, Rule } from "../rule.js";

/** Calls that read an iterable once to the end and keep no list of it. */
const REDUCERS = new Set(["sum", "min", "max", "sorted", "set", "frozenset", "tuple", "any", "all"]);
/** These stop early, so with a generator fewer items are computed: only for items free of side effects. */
const SHORT_CIRCUIT = new Set(["any", "all"]);
/** Calls with no side effects, safe to run later or fewer times. */
const PURE = new Set(["len", "abs", "str", "int", "float", "bool", "ord", "chr", "round", "min", "max", "sum", "isinstance", "range"]);
const PURE_METHODS = new Set(["lower", "upper", "strip", "startswith", "endswith", "isdigit", "isalpha", "isspace", "get", "count", "index", "split"]);

export const listBuiltOnce: Rule = {
  id: "list-built-once",
  kinds: ["reduce", "range-list", "readlines", "read-all", "comprehension", "named"],
  detect(ctx) {
    const out: Candidate[] = [];
    for (const n of ctx.tree.all) {
      const found = n._type === "For" ? forLoop(ctx, n) : n._type === "Call" ? reducer(ctx, n) : n._type === "Assign" ? named(ctx, n) : undefined;
      if (found) out.push(found);
    }
    return out;
  },
};

/** `sum([x * x for x in xs])` → `sum(x * x for x in xs)`. */
function reducer(ctx: PythonContext, call: PyNode): Candidate | undefined {
  if (!isCallOf(call, ...REDUCERS)) return undefined;
  const comp = nodes(call, "args")[0];
  if (comp?._type !== "ListComp") return undefined;
  const fn = String((call.func as PyNode).id);
  if (SHORT_CIRCUIT.has(fn) && !pure(comp)) return undefined;
  const line = comp.lineno ?? 0;
  const made = ctx.madeOn([line], (type, site) => type === "list" && site === "comprehension");
  if (made.count === 0) return undefined;
  const alone = nodes(call, "args").length === 1 && nodes(call, "keywords").length === 0;
  const inner = ctx.source.segment(comp).slice(1, -1);
  return {
    kind: "reduce",
    lines: [line],
    evidence: { lists: made.count, bytes: made.bytes },
    code: { expr: ctx.source.segment(comp), fn },
    rewrites: [[replace(ctx, comp, alone ? inner : `(${inner})`)]],
  };
}

/** `for i in list(range(n))`, `for line in f.readlines()`, `for y in [f(x) for x in xs]`. */
function forLoop(ctx: PythonContext, loop: PyNode): Candidate | undefined {
  const iter = node(loop, "iter")!;
  const line = loop.lineno ?? 0;
  let kind: string;
  let replacement: string | undefined;
  if (isCallOf(iter, "list") && nodes(iter, "args").length === 1 && isCallOf(nodes(iter, "args")[0], "range")) {
    kind = "range-list";
    replacement = ctx.source.segment(nodes(iter, "args")[0]!);
  } else if (isMethodCall(iter, "readlines") && nodes(iter, "args").length === 0) {
    kind = "readlines";
    replacement = ctx.source.segment(iter.func.value);
  } else if (isMethodCall(iter, "splitlines", "split") && isMethodCall(iter.func.value, "read")) {
    kind = "read-all";
  } else if (iter._type === "ListComp" && pure(iter) && !bodyTouches(loop, iter)) {
    kind = "comprehension";
    replacement = `(${ctx.source.segment(iter).slice(1, -1)})`;
  } else return undefined;
  const made = ctx.madeOn([line], (type) => type === "list");
  if (made.count === 0) return undefined;
  const found: Candidate = {
    kind,
    lines: [line],
    evidence: { lists: made.count, bytes: made.bytes },
    code: { expr: ctx.source.segment(iter), target: ctx.source.segment(node(loop, "target")!), ...(replacement ? { better: replacement } : {}) },
  };
  if (replacement) found.rewrites = [[replace(ctx, iter, replacement)]];
  return found;
}

/** `squares = [x * x for x in xs]` read once later by a `for` or `sum(squares)`. */
function named(ctx: PythonContext, assign: PyNode): Candidate | undefined {
  const target = nodes(assign, "targets")[0];
  const value = node(assign, "value")!;
  if (nodes(assign, "targets").length !== 1 || !isName(target) || ctx.tree.loopsAround(assign).length) return undefined;
  let replacement: string;
  if (value._type === "ListComp" && pure(value)) replacement = `(${ctx.source.segment(value).slice(1, -1)})`;
  else if (isCallOf(value, "list") && nodes(value, "args").length === 1 && isCallOf(nodes(value, "args")[0], "range")) {
    replacement = ctx.source.segment(nodes(value, "args")[0]!);
  } else return undefined;
  const scope = ctx.tree.scopeOf(assign);
  const uses = ctx.tree.namesIn(scope, String(target.id)).filter((n) => n !== target);
  if (uses.length !== 1 || ctxOf(uses[0]!) !== "Load" || ctx.tree.loopsAround(uses[0]!).length) return undefined;
  const use = uses[0]!;
  const parent = ctx.tree.parent(use);
  const readOnce =
    (parent?._type === "For" && parent.iter === use) ||
    (isCallOf(parent, ...REDUCERS) && !SHORT_CIRCUIT.has(String(parent.func.id)) && nodes(parent, "args")[0] === use);
  if (!readOnce || (use.lineno ?? 0) <= (assign.end_lineno ?? 0) || changedBetween(scope, value, assign, use)) return undefined;
  const line = assign.lineno ?? 0;
  const made = ctx.madeOn([line], (type) => type === "list");
  if (made.count === 0) return undefined;
  return {
    kind: "named",
    lines: [line, use.lineno ?? 0],
    evidence: { lists: made.count, bytes: made.bytes, use: use.lineno ?? 0 },
    code: { name: String(target.id), expr: ctx.source.segment(value), better: replacement },
    rewrites: [[replace(ctx, value, replacement)]],
  };
}

function replace(ctx: PythonContext, n: PyNode, text: string): Edit {
  return { start: ctx.source.start(n), end: ctx.source.end(n), text };
}

/** No calls but ones without side effects: computing the items later, or fewer of them, changes nothing. */
function pure(comp: PyNode): boolean {
  return descendants(comp).every((n) => {
    if (n._type === "NamedExpr" || n._type === "Yield" || n._type === "Await") return false;
    if (n._type !== "Call") return true;
    if (isCallOf(n, ...PURE)) return true;
    return isMethodCall(n, ...PURE_METHODS);
  });
}

/** The loop body mentions a name the comprehension reads (it could change what is left to read). */
function bodyTouches(loop: PyNode, comp: PyNode): boolean {
  const read = new Set(descendants(comp).filter((n) => isName(n)).map((n) => String(n.id)));
  return nodes(loop, "body").some((s) => descendants(s).some((n) => isName(n) && read.has(String(n.id))));
}

/** Between the list and its one use, a name the list's expression reads is mentioned again
 * (rebound, changed, or read): a generator, which runs at the use, could then see something else. */
function changedBetween(scope: PyNode, value: PyNode, assign: PyNode, use: PyNode): boolean {
  const gens = descendants(value).filter((n) => n._type === "comprehension");
  const own = new Set(gens.flatMap((g) => descendants(node(g, "target")!)).map((n) => String(n.id)));
  const read = new Set(descendants(value).filter((n) => isName(n) && !own.has(String(n.id))).map((n) => String(n.id)));
  const from = assign.end_lineno ?? 0;
  const to = use.lineno ?? 0;
  return descendants(scope).some((n) => isName(n) && read.has(String(n.id)) && (n.lineno ?? 0) > from && (n.lineno ?? 0) <= to);
}
