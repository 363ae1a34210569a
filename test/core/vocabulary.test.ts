/**
 * The shared parts (explainer, renderer, chat layer, core) speak no language's vocabulary:
 * they read an object's shape, mutability and role from the Trace, never a Python type name
 * or a CPython concept. Words like those belong to the catalog (src/i18n/messages/), under
 * a language's own keys. Comments are not read.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..", "..");
const SHARED = ["src/explain", "src/render", "src/core", "src/chat"];

/** A string literal that is exactly one of these names a Python type (`o.type === "list"`). */
const TYPE_NAMES = new Set(
  ["list", "dict", "tuple", "str", "int", "float", "frozenset", "bytes", "bytearray", "NoneType", "bool", "complex", "range", "deque", "Counter", "defaultdict", "OrderedDict", "type"].map((w) => w.toLowerCase()),
);
/** Words of CPython that may not appear in a literal or an identifier at all (split at case and punctuation). */
const CONCEPTS = new Set(["cpython", "interned", "refcount", "refcnt", "smallint", "nonetype", "frozenset", "bytearray", "deque", "defaultdict", "ordereddict", "pymalloc", "str", "dict", "tuple"]);

/** Where a word is the schema's or a command's own stable name, not a reading of a type. */
const ALLOWED: { file: string; word: string; why: string }[] = [
  { file: "src/core/trace.ts", word: "interned", why: "a value of the schema's `origin`, which the Python runner sets" },
  { file: "src/core/trace-check.ts", word: "interned", why: "the same value of `origin`, in the schema's hand-written check" },
  { file: "src/core/trace-check.ts", word: "int", why: "zod's own word in a refusal of a number that is not whole (the check words its refusals as zod does)" },
  { file: "src/chat/topics.ts", word: "refcount", why: "the stable id of a teaching topic (a command's option)" },
  { file: "src/chat/views/topic.ts", word: "refcount", why: "the stable id of a teaching topic (a command's option)" },
];

function files(dir: string): string[] {
  let out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out = out.concat(files(path));
    else if (name.endsWith(".ts")) out.push(path);
  }
  return out;
}

/** Words of an identifier or a literal: `smallIntCache` → small int cache, `small-int` → smallint. */
function words(text: string): string[] {
  const joined = text.replace(/small[-_ ]?int/gi, "smallint").replace(/ref(erence)?[-_ ]?count/gi, "refcount").replace(/none[-_ ]?type/gi, "nonetype");
  return joined
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

/** What in a TypeScript text reads a language's vocabulary: "line: what". */
export function offenders(text: string, fileName = "file.ts"): { line: number; word: string; text: string }[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const out: { line: number; word: string; text: string }[] = [];
  const flag = (node: ts.Node, word: string) => out.push({ line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, word, text: node.getText() });
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteralLike(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) {
      const value = node.text;
      if (TYPE_NAMES.has(value.trim().toLowerCase())) flag(node, value.trim());
      for (const w of words(value)) if (CONCEPTS.has(w)) flag(node, w);
    } else if (ts.isIdentifier(node) || ts.isPrivateIdentifier(node)) {
      for (const w of words(node.text)) if (CONCEPTS.has(w)) flag(node, w);
    } else if (ts.isBinaryExpression(node) && [ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken].includes(node.operatorToken.kind)) {
      // a type's own name compared with any literal is a reading of the language's types
      const sides = [node.left, node.right];
      if (sides.some(readsType) && sides.some(ts.isStringLiteralLike)) flag(node, "type");
    } else if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && readsType(node.expression.expression) && node.arguments.some(ts.isStringLiteralLike)) {
      flag(node, "type"); // `o.type.includes("set")`
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

/** `o.type`, `o.base.type`: the language's own name for an object's type. Events' and
 * exceptions' `type` are the exception's or the temporary's name, shown, never compared. */
function readsType(node: ts.Node): boolean {
  return ts.isPropertyAccessExpression(node) && node.name.text === "type";
}

describe("the shared parts' vocabulary", () => {
  it("reads no Python type name or CPython concept", () => {
    const found: string[] = [];
    for (const dir of SHARED) {
      for (const file of files(join(root, dir))) {
        const rel = relative(root, file);
        for (const o of offenders(readFileSync(file, "utf8"), file)) {
          if (ALLOWED.some((a) => a.file === rel && a.word === o.word)) continue;
          found.push(`${rel}:${o.line}: ${o.word} in ${o.text.slice(0, 80)}`);
        }
      }
    }
    expect(found).toEqual([]);
  });

  it("catches the readings it forbids", () => {
    const caught = (code: string) => offenders(code).map((o) => o.word);
    expect(caught('if (o.type === "list") f();')).toContain("list");
    expect(caught('if (o.base.type === "cell") f();')).toContain("type");
    expect(caught('const indexed = !base.type.includes("set");')).toContain("type");
    expect(caught('const IMMUTABLE = new Set(["int", "float", "NoneType"]);')).toEqual(expect.arrayContaining(["int", "float", "NoneType", "nonetype"]));
    expect(caught('tr.t("explain.rebind.interned", {});')).toContain("interned");
    expect(caught("const smallIntCache = 1;")).toContain("smallint");
    expect(caught('const note = "CPython gave it a bigger block";')).toContain("cpython");
    expect(caught('const why = "its reference count reached 0";')).toContain("refcount");
    // neutral readings pass, and so do comments
    expect(caught('// a list, say: o.type === "list"\nif (o.shape === "sequence" && o.mutable && o.holds === "variable") f();')).toEqual([]);
  });

  it("allows only words that are still used where allowed", () => {
    for (const a of ALLOWED) {
      const hits = offenders(readFileSync(join(root, a.file), "utf8")).filter((o) => o.word === a.word);
      expect(hits.length, `${a.file}: ${a.word} (${a.why})`).toBeGreaterThan(0);
    }
  });
});
