/**
 * The C runner's front end: preprocess, parse with tree-sitter, convert into memsim's typed
 * syntax tree, and check it as gcc 12 would (-std=c11). Learner mistakes come back as
 * diagnostics (`{ code, severity, line, column, params }`, worded through the catalog).
 */
import type { Node, Tree } from "web-tree-sitter";
import type { Diagnostic } from "../../../core/trace.js";
import type { CType } from "../types.js";
import type { Decl, TranslationUnit } from "./ast.js";
import { check } from "./check.js";
import { Converter } from "./convert.js";
import { HEADERS, HEADER_DECLARATIONS, type Header } from "./headers.js";
import { parseTree } from "./load.js";
import { preprocess } from "./preprocess.js";

export type * from "./ast.js";
export { preprocess, type Preprocessed } from "./preprocess.js";
export { HEADERS, type Header } from "./headers.js";
export { cParser, grammarPath } from "./load.js";
export { sizeAlign, constValue } from "./constant.js";
export { decay, promote, usualArithmetic, compatible } from "./conversions.js";

export interface ParsedC {
  unit: TranslationUnit;
  /** errors and warnings in source order; a program with an error must not run */
  diagnostics: Diagnostic[];
}

type FnType = Extract<CType, { kind: "function" }>;
const headerTrees = new Map<Header, Tree>();
let libraryFunctions: Map<string, { type: FnType; header: string }> | undefined;

async function headerTree(h: Header): Promise<Tree> {
  let tree = headerTrees.get(h);
  if (!tree) {
    tree = await parseTree(HEADER_DECLARATIONS[h]);
    headerTrees.set(h, tree);
  }
  return tree;
}

/** Every function any covered header declares: a call without its #include still finds its type. */
async function allLibraryFunctions(): Promise<Map<string, { type: FnType; header: string }>> {
  if (libraryFunctions) return libraryFunctions;
  const found = new Map<string, { type: FnType; header: string }>();
  for (const h of HEADERS) {
    const converter = new Converter(() => ({ line: 0, column: 0 }));
    for (const d of converter.unit((await headerTree(h)).rootNode)) if (d.kind === "prototype") found.set(d.name, { type: d.type, header: h });
  }
  libraryFunctions = found;
  return found;
}

/**
 * Syntax errors tree-sitter recovered from, placed where gcc places them: a missing `;` or `)`
 * right after the token before it, but a declaration's missing `;` and a stretch the grammar
 * skipped (an ERROR) on the first token after it, the one gcc stumbles on.
 */
function syntaxErrors(root: Node, position: (row: number, column: number) => { line: number; column: number }): Diagnostic[] {
  if (!root.hasError) return [];
  const leaves: Node[] = [];
  const collect = (n: Node) => {
    if (n.childCount === 0) {
      if (!n.isMissing && n.endIndex > n.startIndex) leaves.push(n);
      return;
    }
    for (const c of n.children) if (c) collect(c);
  };
  collect(root);
  const after = (n: Node) => leaves.find((l) => l.startIndex >= n.endIndex && l.type !== "comment");
  const at = (n: Node) => position(n.startPosition.row, n.startPosition.column);
  const out: Diagnostic[] = [];
  const visit = (n: Node) => {
    if (n.isMissing) {
      // `int : 0;`: the grammar wants a name before a bit-field's width, C does not
      if (n.type === "field_identifier" && n.nextNamedSibling?.type === "bitfield_clause") return;
      const next = after(n);
      const declaration = ["declaration", "field_declaration", "type_definition", "translation_unit"].includes(n.parent?.type ?? "");
      // missing at the end of the input: gcc points at the last token there is
      const last = next ? undefined : leaves.filter((l) => l.endIndex <= n.startIndex).at(-1);
      out.push({ code: "c.expected", severity: "error", ...at(declaration && next ? next : (last ?? n)), params: { token: n.type } });
      return;
    }
    if (n.type === "ERROR") {
      // the innermost stretch is closest to where gcc stumbles
      const inner = firstError(n);
      if (inner) return visit(inner);
      // a stretch of several tokens opening with punctuation holds the stumbling token first;
      // a single token or a complete phrase was accepted, and gcc stumbles on what follows
      const own = leaves.filter((l) => l.startIndex >= n.startIndex && l.endIndex <= n.endIndex);
      const stumble = own.length > 1 && !own[0]!.isNamed ? own[0]! : (after(n) ?? n);
      out.push({ code: "c.syntax", severity: "error", ...at(stumble), params: { text: stumble.text.split("\n")[0]!.slice(0, 30) } });
      return;
    }
    if (!n.hasError) return;
    for (const c of n.children) if (c) visit(c);
  };
  visit(root);
  return out;
}

function firstError(n: Node): Node | undefined {
  for (const c of n.children) {
    if (!c) continue;
    if (c.type === "ERROR") return c;
    const deeper = c.hasError ? firstError(c) : undefined;
    if (deeper) return deeper;
  }
  return undefined;
}

/** Source order; one message per thing: the same code twice on a line adds nothing. */
function tidy(diagnostics: Diagnostic[]): Diagnostic[] {
  const sorted = [...diagnostics].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  // what follows from an unsupported construct or an open string on the same line is noise
  const root = (d: Diagnostic) => d.code.startsWith("c.unsupported.") || d.code === "c.unterminatedLiteral";
  const rootLines = new Set(sorted.filter(root).map((d) => d.line));
  const seen = new Set<string>();
  return sorted.filter((d) => {
    const key = `${d.line}:${d.code}`;
    if (seen.has(key) || (rootLines.has(d.line) && !root(d))) return false;
    seen.add(key);
    return true;
  });
}

/** Reads a C program: its syntax tree and every diagnostic gcc would give at compile and link time. */
export async function parseC(source: string): Promise<ParsedC> {
  const pre = preprocess(source);
  const tree = await parseTree(pre.text);
  try {
    const diagnostics: Diagnostic[] = [...pre.diagnostics, ...syntaxErrors(tree.rootNode, pre.position)];
    const converter = new Converter((row, column) => pre.position(row, column));
    const library: Decl[] = [];
    const seen = new Set<Header>();
    for (const h of pre.headers) {
      if (seen.has(h.name)) continue;
      seen.add(h.name);
      const at = new Converter(() => ({ line: h.line, column: 1 }));
      at.scopes.splice(0, 1, converter.scopes[0]!);
      library.push(...(at.unit((await headerTree(h.name)).rootNode) as Decl[]));
    }
    const items = converter.unit(tree.rootNode);
    const unit: TranslationUnit = { items, library, headers: pre.headers };
    diagnostics.push(...converter.diagnostics);
    diagnostics.push(...check(unit, { libraryFunctions: await allLibraryFunctions() }));
    return { unit, diagnostics: tidy(diagnostics) };
  } finally {
    tree.delete();
  }
}
