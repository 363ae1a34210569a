import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseC } from "../../../../src/runners/c/parse/index.js";
import { cParser, grammarPath } from "../../../../src/runners/c/parse/load.js";
import { translator } from "../../../../src/i18n/index.js";
import { RIGHT, WRONG } from "./corpus.js";

const diags = async (source: string) => (await parseC(source)).diagnostics.map((d) => ({ code: d.code, severity: d.severity, line: d.line, column: d.column, ...(d.params ? { params: d.params } : {}) }));

describe("the semantic pass", () => {
  it("reports an undeclared name with its line, column and name", async () => {
    expect(await diags("int main(void) {\n  return count + 1;\n}\n")).toEqual([{ code: "c.undeclared", severity: "error", line: 2, column: 10, params: { name: "count" } }]);
  });

  it("counts arguments against the prototype", async () => {
    const d = await diags("int add(int a, int b);\nint main(void) {\n  return add(1);\n}\nint add(int a, int b) { return a + b; }\n");
    expect(d).toEqual([{ code: "c.tooFewArguments", severity: "error", line: 3, column: 10, params: { name: "add", expected: 2, given: 1 } }]);
  });

  it("warns where gcc 12 only warns: an integer into a pointer, a function used before its declaration", async () => {
    const d = await diags("int main(void) {\n  int *p = 5;\n  return later(*p);\n}\nint later(int n) { return n; }\n");
    expect(d.map((x) => [x.code, x.severity, x.line])).toEqual([
      ["c.intToPointer", "warning", 2],
      ["c.implicitDeclaration", "warning", 3],
    ]);
  });

  it("refuses a function used before its declaration that then returns something other than int", async () => {
    const d = await diags("int main(void) {\n  return (int) half(3);\n}\ndouble half(int n) { return n / 2.0; }\n");
    expect(d.filter((x) => x.severity === "error").map((x) => [x.code, x.line])).toEqual([["c.conflictingTypes", 4]]);
  });

  it("finds a library function without its header, and says which header", async () => {
    const d = await diags('int main(void) {\n  return (int) strlen("abc");\n}\n');
    expect(d).toEqual([{ code: "c.implicitLibrary", severity: "warning", line: 2, column: 16, params: { name: "strlen", header: "string.h" } }]);
  });

  it("refuses assignment to a const, to an array and to a value", async () => {
    const d = await diags("int main(void) {\n  const int k = 1;\n  int a[2], b[2];\n  k = 2;\n  a = b;\n  (k + 1) = 3;\n  return 0;\n}\n");
    expect(d.map((x) => [x.code, x.line])).toEqual([["c.assignConst", 4], ["c.assignArray", 5], ["c.notLvalue", 6]]);
  });

  it("reports the missing ';' of a statement just after its last token, as gcc does", async () => {
    expect(await diags("int main(void) {\n  int x = 1;\n  x = 2\n  return x;\n}\n")).toEqual([{ code: "c.expected", severity: "error", line: 3, column: 8, params: { token: ";" } }]);
  });

  it("knows break, continue, case and goto need their surroundings", async () => {
    const d = await diags("int main(void) {\n  break;\n  continue;\n  case 1: ;\n  goto nowhere;\n  for (;;) { switch (1) { case 1: continue; } }\n  return 0;\n}\n");
    expect(d.map((x) => [x.code, x.line])).toEqual([["c.breakOutside", 2], ["c.continueOutside", 3], ["c.caseOutsideSwitch", 4], ["c.undefinedLabel", 5]]);
  });

  it("marks lvalues and fills every expression's type", async () => {
    const { unit } = await parseC("int main(void) {\n  int a[3];\n  int *p = a;\n  *p = a[1] + 2;\n  return 0;\n}\n");
    const f = unit.items[0]!;
    const stmt = f.kind === "function" ? f.body.items[2] : undefined;
    const e = stmt?.kind === "expression" && stmt.expr.kind === "assign" ? stmt.expr : undefined;
    expect(e?.left.lvalue).toBe(true);
    expect(e?.right.lvalue ?? false).toBe(false);
    expect(e?.right.kind === "binary" && e.right.left.lvalue).toBe(true);
    expect(e?.type).toEqual({ kind: "integer", name: "int" });
  });
});

it("warns, as gcc -Wall does, when a function that returns a value can reach its end", async () => {
  const source = "#include <stdlib.h>\nint sign(int n) {\n  if (n > 0) return 1;\n  else if (n < 0) return -1;\n}\nint loop(void) {\n  for (;;) { }\n}\nint stop(void) {\n  exit(1);\n}\nint both(int n) {\n  if (n) return 1; else return 0;\n}\nint main(void) {\n  return sign(2) + both(1);\n}\n";
  const d = await diags(source);
  expect(d.map((x) => [x.code, x.severity, x.line, x.params])).toEqual([["c.missingReturn", "warning", 5, { name: "sign" }]]);
});

it("gives each use of an enum constant its value", async () => {
  const { unit } = await parseC("enum { LOW = 2, HIGH };\nint main(void) {\n  return HIGH;\n}\n");
  const f = unit.items.find((i) => i.kind === "function");
  const ret = f?.kind === "function" ? f.body.items[0] : undefined;
  expect(ret?.kind === "return" && ret.value?.kind === "ident" ? ret.value.constant : undefined).toBe(3n);
});

describe("the diagnostics' words", () => {
  it("exist in English and Chinese for every diagnostic the corpus produces, and fill every placeholder", async () => {
    const seen = new Set<string>();
    for (const source of [...Object.values(WRONG), ...Object.values(RIGHT)]) {
      for (const d of (await parseC(source)).diagnostics) {
        seen.add(d.code);
        for (const locale of ["en", "zh-CN"] as const) {
          const text = translator(locale).t(d.code, d.params);
          expect(text, `${d.code} in ${locale}`).not.toMatch(/\{\w+[,}]/);
        }
      }
    }
    expect(seen.size).toBeGreaterThan(40);
  });
});

it("has words for every diagnostic code the front end can give", () => {
  const dir = join(import.meta.dirname, "..", "..", "..", "..", "src", "runners", "c", "parse");
  const codes = new Set(readdirSync(dir).flatMap((f) => [...readFileSync(join(dir, f), "utf8").matchAll(/"(c\.[\w.]+)"/g)].map((m) => m[1]!)).filter((c) => !c.endsWith(".")));
  const t = translator("en");
  expect([...codes].filter((c) => !t.has(c))).toEqual([]);
  expect(codes.size).toBeGreaterThan(80);
});

describe("the parser", () => {
  it("is loaded once and reused", async () => {
    expect(await cParser()).toBe(await cParser());
    expect(grammarPath()).toMatch(/tree-sitter-c[\\/]tree-sitter-c\.wasm$/);
  });
});
