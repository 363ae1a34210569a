import { describe, expect, it } from "vitest";
import { parseC, type Expr, type Stmt, type TopLevel } from "../../../../src/runners/c/parse/index.js";
import { T, typeName, type RecordType } from "../../../../src/runners/c/types.js";

async function body(source: string): Promise<Stmt[]> {
  const { unit, diagnostics } = await parseC(source);
  expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  const f = unit.items.find((i): i is Extract<TopLevel, { kind: "function" }> => i.kind === "function")!;
  return f.body.items;
}

/** The initialiser of each declared variable, by name. */
async function inits(source: string): Promise<Record<string, Expr>> {
  const out: Record<string, Expr> = {};
  for (const s of await body(source)) if (s.kind === "declaration" && s.decl.kind === "variables") for (const v of s.decl.vars) if (v.init && v.init.kind !== "initList") out[v.name] = v.init;
  return out;
}

/** An expression as a short prefix form, types written out, to compare shapes. */
function shape(e: Expr): string {
  switch (e.kind) {
    case "int":
      return `${e.value}`;
    case "ident":
      return e.name;
    case "cast":
      return `(cast ${typeName(e.to)} ${shape(e.operand)})`;
    case "unary":
      return `(${e.op} ${shape(e.operand)})`;
    case "binary":
      return `(${e.op} ${shape(e.left)} ${shape(e.right)})`;
    case "sizeofType":
      return `(sizeof ${typeName(e.of)})`;
    case "assign":
      return `(${e.op} ${shape(e.left)} ${shape(e.right)})`;
    default:
      return e.kind;
  }
}

describe("typedef names in expressions", () => {
  const program = (decls: string) => `typedef int T;\ntypedef long L;\nint main(void) {\n  T b = 3, c = 2;\n  T *p = &b;\n${decls}\n  return 0;\n}\n`;

  it("reads (T) - b, (T) * p, (T) & b, (T) + b, (T)(b) and sizeof (T) as casts and type sizes", async () => {
    const e = await inits(program("  L m = (L) - b;\n  T d = (T) * p;\n  L a = (L) & b;\n  T q = (T) + b;\n  L r = (L)(b);\n  unsigned long z = sizeof (T);"));
    expect(shape(e.m!)).toBe("(cast long (- b))");
    expect(shape(e.d!)).toBe("(cast int (* p))");
    expect(shape(e.a!)).toBe("(cast long (& b))");
    expect(shape(e.q!)).toBe("(cast int (+ b))");
    expect(shape(e.r!)).toBe("(cast long b)");
    expect(shape(e.z!)).toBe("(sizeof int)");
  });

  it("gives the cast its operand only, the rest of the arithmetic binding around it", async () => {
    const e = await inits(program("  L m = (L) - b * c;\n  L n = (L) * p - c;\n  T k = (T) - b < c;"));
    expect(shape(e.m!)).toBe("(* (cast long (- b)) c)");
    expect(shape(e.n!)).toBe("(- (cast long (* p)) c)");
    expect(shape(e.k!)).toBe("(< (cast int (- b)) c)");
  });

  it("leaves (x) - b alone when x is a variable, even one that hides a typedef", async () => {
    const e = await inits(program("  int x = 4;\n  int y = (x) - b;\n  { int T = 5; int w = (T) - b; }"));
    expect(shape(e.y!)).toBe("(- x b)");
    const { unit } = await parseC(program("  { int T = 5; int w = (T) - b; }"));
    const f = unit.items.find((i) => i.kind === "function")!;
    const block = f.kind === "function" ? f.body.items.find((s) => s.kind === "block") : undefined;
    const decl = block?.kind === "block" ? block.items[1] : undefined;
    expect(decl?.kind === "declaration" && decl.decl.kind === "variables" ? shape(decl.decl.vars[0]!.init as Expr) : "").toBe("(- T b)");
  });

  it("reads T (a); as a declaration of a", async () => {
    const items = await body("typedef int T;\nint main(void) {\n  T (a);\n  a = 1;\n  return a;\n}\n");
    expect(items[0]).toMatchObject({ kind: "declaration", decl: { kind: "variables", vars: [{ name: "a", type: { kind: "integer", name: "int" }, line: 3, column: 6 }] } });
  });

  it("reads a + b = 3 as an assignment to a + b (which the checker then refuses)", async () => {
    const { diagnostics } = await parseC("int main(void) {\n  int a = 1, b = 2;\n  a + b = 3;\n  return 0;\n}\n");
    expect(diagnostics.map((d) => [d.code, d.line])).toEqual([["c.notLvalue", 3]]);
  });
});

describe("literals", () => {
  it("types integer constants by their suffix and size, as gcc does", async () => {
    const e = await inits("int main(void) {\n  long a = 2147483648; long b = 0xffffffff; long c = 10u; long d = 10ul; long f = 1LL; long g = -1;\n  return 0;\n}\n");
    const typeOf = (x: Expr) => (x.kind === "int" ? typeName(x.ctype) : x.kind === "unary" && x.operand.kind === "int" ? `-${typeName(x.operand.ctype)}` : "?");
    expect([e.a, e.b, e.c, e.d, e.f, e.g].map((x) => typeOf(x!))).toEqual(["long", "unsigned int", "unsigned int", "unsigned long", "long long", "-int"]);
  });

  it("decodes escapes in characters and strings, joining adjacent strings", async () => {
    const e = await inits("int main(void) {\n  int n = '\\n'; int h = '\\xff'; int q = '\\''; char *s = \"a\\tb\\101\" \"\\x41z\";\n  return 0;\n}\n");
    expect([e.n, e.h, e.q].map((x) => (x?.kind === "char" ? x.value : undefined))).toEqual([10, -1, 39]);
    expect(e.s?.kind === "string" ? [...e.s.bytes] : []).toEqual([97, 9, 98, 65, 65, 122]);
  });

  it("keeps UTF-8 text in strings as its bytes", async () => {
    const e = await inits('int main(void) {\n  char *s = "é";\n  return 0;\n}\n');
    expect(e.s?.kind === "string" ? [...e.s.bytes] : []).toEqual([0xc3, 0xa9]);
  });
});

describe("declarations", () => {
  it("makes one RecordType object per tag, so a list node points to itself", async () => {
    const { unit } = await parseC("typedef struct node { int v; struct node *next; } Node;\nNode *head;\n");
    const record = unit.items.find((i) => i.kind === "record");
    expect(record?.kind).toBe("record");
    const type = (record as { type: RecordType }).type;
    expect(type.members!.map((m) => m.name)).toEqual(["v", "next"]);
    const next = type.members![1]!.type;
    expect(next.kind === "pointer" && next.to).toBe(type);
    const head = unit.items.find((i) => i.kind === "variables");
    expect(head?.kind === "variables" && head.vars[0]!.type.kind === "pointer" && head.vars[0]!.type.to).toBe(type);
  });

  it("resolves declarators inside out and completes arrays from their initialisers", async () => {
    const { unit } = await parseC('int *a[3]; int (*b)[3]; int (*cmp)(const void *, const void *); int c[] = {1, 2, [5] = 3}; char s[] = "hey";\n');
    const vars = unit.items.flatMap((i) => (i.kind === "variables" ? i.vars : []));
    expect(vars.map((v) => `${v.name}: ${typeName(v.type)}`)).toEqual(["a: int *[3]", "b: int (*)[3]", "cmp: int (*)(const void *, const void *)", "c: int [6]", "s: char [4]"]);
  });

  it("keeps designated initialisers", async () => {
    const { unit } = await parseC("struct p { int x, y; };\nstruct p q = { .y = 2, .x = 1 };\nint a[4] = { [2] = 7 };\n");
    const vars = unit.items.flatMap((i) => (i.kind === "variables" ? i.vars : []));
    const q = vars[0]!.init!;
    expect(q.kind === "initList" ? q.items.map((it) => it.designators) : []).toEqual([[{ field: "y" }], [{ field: "x" }]]);
    expect(vars[1]!.init!.kind).toBe("initList");
  });

  it("gives enum constants their values", async () => {
    const { unit } = await parseC("enum color { RED, GREEN = 5, BLUE, DARK = GREEN * 2 };\n");
    const e = unit.items.find((i) => i.kind === "enum");
    expect(e?.kind === "enum" ? e.type.constants : []).toEqual([
      { name: "RED", value: 0n },
      { name: "GREEN", value: 5n },
      { name: "BLUE", value: 6n },
      { name: "DARK", value: 10n },
    ]);
  });

  it("puts each node at the learner's line and column", async () => {
    const items = await body("int main(void) {\n  int x = 1;\n  x = x + 2;\n  return x;\n}\n");
    expect(items.map((s) => [s.kind, s.line, s.column])).toEqual([["declaration", 2, 3], ["expression", 3, 3], ["return", 4, 3]]);
    const assign = items[1]!.kind === "expression" ? items[1].expr : undefined;
    // an operator's expression sits at its operator, where gcc puts its caret; its operands where they start
    expect(assign?.kind === "assign" ? [assign.line, assign.column] : []).toEqual([3, 5]);
    expect(assign?.kind === "assign" ? [assign.right.line, assign.right.column] : []).toEqual([3, 9]);
    expect(assign?.kind === "assign" && assign.right.kind === "binary" ? [assign.right.left.line, assign.right.left.column] : []).toEqual([3, 7]);
  });

  it("gives the library's declarations from the headers included", async () => {
    const { unit } = await parseC("#include <stdlib.h>\n");
    const malloc = unit.library.find((d) => d.kind === "prototype" && d.name === "malloc");
    expect(malloc?.kind === "prototype" ? typeName(malloc.type) : "").toBe("void *(unsigned long)");
    expect(T.sizeT).toEqual({ kind: "integer", name: "unsigned long" });
  });
});

describe("outside the subset", () => {
  it.each([
    ["int main(void) {\n  int n = 3;\n  int a[n];\n  return 0;\n}\n", "c.unsupported.vla", 3],
    ["int main(void) {\n  int x = _Generic(1, int: 2, default: 3);\n  return x;\n}\n", "c.unsupported.generic", 2],
    ['int main(void) {\n  __asm__("nop");\n  return 0;\n}\n', "c.unsupported.asm", 2],
    ["int add(a, b)\nint a; int b;\n{ return a + b; }\nint main(void) { return add(1, 2); }\n", "c.unsupported.knr", 1],
    ["#define CAT(a, b) a ## b\nint main(void) { return 0; }\n", "c.unsupported.macroOperator", 1],
    ['#include <stdio.h>\nint main(void) {\n  fprintf(stderr, "oops\\n");\n  return 1;\n}\n', "c.unsupported.library", 3],
    ["#include <stdio.h>\nint main(void) {\n  FILE *f = 0;\n  return f != 0;\n}\n", "c.unsupported.library", 3],
  ])("names %#'s construct as unsupported with its line", async (source, code, line) => {
    const { diagnostics } = await parseC(source);
    expect(diagnostics.find((d) => d.code.startsWith("c.unsupported"))).toMatchObject({ code, line, severity: "error" });
  });
});
