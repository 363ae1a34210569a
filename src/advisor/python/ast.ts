/**
 * Reading Python's own AST (as JSON from `engine.parse`): walking it, parents, scopes, and
 * the small questions the rules ask ("is this a call of sum?", "where else is i used?").
 */
import type { PyAstNode } from "../../runners/python/index.js";

export type PyNode = PyAstNode;

const SCOPES = new Set(["Module", "FunctionDef", "AsyncFunctionDef", "Lambda", "ClassDef"]);
const FUNCTIONS = new Set(["FunctionDef", "AsyncFunctionDef", "Lambda"]);
const LOOPS = new Set(["For", "AsyncFor", "While"]);
const COMPREHENSIONS = new Set(["ListComp", "SetComp", "DictComp", "GeneratorExp"]);

export function isNode(v: unknown): v is PyNode {
  return typeof v === "object" && v !== null && typeof (v as { _type?: unknown })._type === "string";
}

/** The child nodes of a node, in source order of its fields. */
export function children(node: PyNode): PyNode[] {
  const out: PyNode[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (key === "_type" || key === "ctx") continue;
    if (isNode(value)) out.push(value);
    else if (Array.isArray(value)) for (const v of value) if (isNode(v)) out.push(v);
  }
  return out;
}

/** Every node under `node` (itself included), parents before children. */
export function descendants(node: PyNode): PyNode[] {
  const out: PyNode[] = [];
  const stack = [node];
  while (stack.length) {
    const n = stack.pop()!;
    out.push(n);
    const kids = children(n);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
  return out;
}

export function isName(n: unknown, id?: string): n is PyNode & { id: string } {
  return isNode(n) && n._type === "Name" && (id === undefined || n.id === id);
}

export function ctxOf(n: PyNode): string | undefined {
  const ctx = n.ctx;
  return isNode(ctx) ? ctx._type : undefined;
}

/** A call of a plain name: `sum(...)`, `range(...)` (not a method). */
export function isCallOf(n: unknown, ...names: string[]): n is PyNode & { func: PyNode; args: PyNode[]; keywords: PyNode[] } {
  return isNode(n) && n._type === "Call" && isName(n.func) && (names.length === 0 || names.includes(n.func.id as string));
}

export type MethodCall = PyNode & { func: PyNode & { value: PyNode; attr: string }; args: PyNode[]; keywords: PyNode[] };

/** A method call `obj.name(...)`. */
export function isMethodCall(n: unknown, ...names: string[]): n is MethodCall {
  if (!isNode(n) || n._type !== "Call" || !isNode(n.func) || n.func._type !== "Attribute") return false;
  return names.length === 0 || names.includes(n.func.attr as string);
}

export function isConstant(n: unknown, value?: unknown): n is PyNode & { value: unknown } {
  return isNode(n) && n._type === "Constant" && (value === undefined || n.value === value);
}

/** A non-negative whole number written in the program. */
export function isNonNegativeInt(n: unknown): boolean {
  return isConstant(n) && typeof n.value === "number" && Number.isInteger(n.value) && n.value >= 0;
}

export function nodes(n: PyNode, field: string): PyNode[] {
  const v = n[field];
  return Array.isArray(v) ? v.filter(isNode) : [];
}

export function node(n: PyNode, field: string): PyNode | undefined {
  const v = n[field];
  return isNode(v) ? v : undefined;
}

/** Same code, ignoring positions: `a.b[i]` here and there. */
export function sameCode(a: unknown, b: unknown): boolean {
  if (isNode(a) && isNode(b)) {
    if (a._type !== b._type) return false;
    for (const key of Object.keys(a)) {
      if (key === "lineno" || key === "col_offset" || key === "end_lineno" || key === "end_col_offset") continue;
      if (!sameCode(a[key], b[key])) return false;
    }
    return true;
  }
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameCode(x, b[i]));
  return a === b;
}

/** A parsed module with parent links and the questions rules ask of it. */
export class Tree {
  readonly module: PyNode;
  readonly all: PyNode[];
  private readonly parents = new Map<PyNode, PyNode>();

  constructor(module: PyNode) {
    this.module = module;
    this.all = descendants(module);
    for (const n of this.all) for (const c of children(n)) this.parents.set(c, n);
  }

  parent(n: PyNode): PyNode | undefined {
    return this.parents.get(n);
  }

  /** Parents of a node, nearest first. */
  ancestors(n: PyNode): PyNode[] {
    const out: PyNode[] = [];
    for (let p = this.parents.get(n); p; p = this.parents.get(p)) out.push(p);
    return out;
  }

  ofType(...types: string[]): PyNode[] {
    return this.all.filter((n) => types.includes(n._type));
  }

  /** The function, class or module whose names a node's names are. */
  scopeOf(n: PyNode): PyNode {
    return this.ancestors(n).find((a) => SCOPES.has(a._type)) ?? this.module;
  }

  /** The nearest enclosing function definition, if any. */
  functionOf(n: PyNode): PyNode | undefined {
    for (const a of this.ancestors(n)) {
      if (FUNCTIONS.has(a._type)) return a;
      if (a._type === "ClassDef") return undefined;
    }
    return undefined;
  }

  /** Loops (and comprehensions) around a node within its scope, nearest first. Only the
   * parts that repeat count: a `for` loop's iterable runs once, its body many times. */
  loopsAround(n: PyNode): PyNode[] {
    const out: PyNode[] = [];
    let child = n;
    let grandchild: PyNode | undefined;
    for (const a of this.ancestors(n)) {
      if (SCOPES.has(a._type)) break;
      if (LOOPS.has(a._type) && !(a._type !== "While" && a.iter === child)) out.push(a);
      if (COMPREHENSIONS.has(a._type)) {
        const first = nodes(a, "generators")[0];
        // the first generator's iterable is evaluated once, outside the comprehension's loop
        if (!(child === first && grandchild === first.iter)) out.push(a);
      }
      grandchild = child;
      child = a;
    }
    return out;
  }

  /** Every identifier the program uses: names, parameters, definitions, imports. */
  identifiers(): Set<string> {
    const out = new Set<string>();
    for (const n of this.all) {
      if (n._type === "Name" || n._type === "arg") out.add(String(n.id ?? n.arg));
      if (typeof n.name === "string") out.add(n.name);
      if (n._type === "alias") out.add(String(n.asname ?? n.name).split(".")[0]!);
      if (n._type === "Global" || n._type === "Nonlocal") for (const x of n.names as string[]) out.add(x);
    }
    return out;
  }

  /** A name not used anywhere in the program: the first free of the candidates, or one with a suffix. */
  freshName(...candidates: string[]): string {
    const used = this.identifiers();
    for (const c of candidates) if (!used.has(c) && !KEYWORDS.has(c)) return c;
    const base = candidates[0] ?? "item";
    for (let i = 2; ; i++) if (!used.has(`${base}${i}`)) return `${base}${i}`;
  }

  /** Name nodes with this id in a scope, nested functions included. A scope's names are
   * gathered once: rules ask this for every name of a long program. */
  namesIn(scope: PyNode, id: string): PyNode[] {
    let index = this.nameIndex.get(scope);
    if (!index) {
      index = new Map();
      for (const n of descendants(scope)) {
        if (!isName(n)) continue;
        const key = String(n.id);
        const list = index.get(key);
        if (list) list.push(n);
        else index.set(key, [n]);
      }
      this.nameIndex.set(scope, index);
    }
    return [...(index.get(id) ?? [])];
  }

  private readonly nameIndex = new WeakMap<PyNode, Map<string, PyNode[]>>();
}

/** Python's keywords and the built-in names a rewrite must not shadow. */
const KEYWORDS = new Set([
  "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
  "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal",
  "not", "or", "pass", "raise", "return", "try", "while", "with", "yield", "list", "str", "dict", "set", "tuple",
  "int", "float", "len", "sum", "max", "min", "range", "print", "type", "id", "input", "open", "iter", "next",
  "object", "bytes", "map", "filter", "zip", "sorted", "any", "all", "abs", "round", "format", "hash", "chr", "ord",
]);
