/**
 * Every expression's type as the semantic pass works it out (literal suffixes, promotions, the
 * usual arithmetic conversions, decay, pointer arithmetic) against gcc's, read with _Generic
 * from one compiled program.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { expect, it } from "vitest";
import { parseC, type Stmt } from "../../../../src/runners/c/parse/index.js";
import { decay } from "../../../../src/runners/c/parse/conversions.js";
import { strip } from "../../../../src/runners/c/parse/conversions.js";
import { typeName } from "../../../../src/runners/c/types.js";
import { GCC } from "./gcc.js";

const DECLS = "char c = 1; signed char sc = 1; unsigned char uc = 1; short s = 1; unsigned short us = 1; int i = 1; unsigned u = 1; long l = 1; unsigned long ul = 1; long long ll = 1; unsigned long long ull = 1; float f = 1; double d = 1; long double ld = 1; _Bool b = 1; int *p = &i; char *cp = &c; void *vp = p; int arr[3] = {0}; enum e { E1 } en = E1; const int ci = 1; const char *ccp = cp;";
const EXPRESSIONS = [
  "1", "2147483647", "2147483648", "4294967295", "0xffffffff", "0x7fffffff", "0x100000000", "017777777777", "020000000000",
  "10u", "10l", "10ul", "10LU", "1ll", "1ull", "9223372036854775807", "0x8000000000000000", "0b101",
  "'a'", "'\\xff'", "1.5", "1.5f", "1.5L", "1e3", ".5",
  "c + c", "c + 1u", "s * s", "us + us", "uc - 1", "u + i", "u + l", "ul + ll", "l + u", "ll + ul", "i + 1.0f", "f * d", "d + ld", "f + f",
  "c << 1L", "u >> i", "-u", "-c", "~c", "+s", "!d", "!p", "i < l", "p == 0", "i && d",
  "p - p", "p + 1", "2 + p", "arr + 1", "arr", "*p", "&i", "&arr", "cp[1]", "1[cp]", "*arr",
  "sizeof i", "sizeof(long)", "_Alignof(double)", "b + b", "b", "en", "E1", "en + 1u", "ci", "ci + ul",
  "i ? 1u : 2", "i ? p : 0", "i ? vp : p", "i ? 1 : 2.0", "i ? c : s",
  "(char) i", "(unsigned char) 300", "(long) cp", "(void *) 0", "(i, d)", "i = d", "u += 1.5", "c++", "--f", "ccp", "cp = vp",
];

it("types every expression as gcc does", async () => {
  const names = ["_Bool", "char", "signed char", "unsigned char", "short", "unsigned short", "int", "unsigned int", "long", "unsigned long", "long long", "unsigned long long", "float", "double", "long double", "char *", "int *", "void *", "const char *", "int (*)[3]"];
  const generic = `#define TYPE(x) _Generic((x), ${names.map((n) => `${n}: "${n}"`).join(", ")}, default: "other")`;
  const program = `#include <stdio.h>\n${generic}\nint main(void) {\n${DECLS}\n${EXPRESSIONS.map((e) => `  puts(TYPE(${e}));`).join("\n")}\n  return 0;\n}\n`;
  const dir = mkdtempSync(join(tmpdir(), "memsim-ctypes-"));
  let gccTypes: string[];
  try {
    writeFileSync(join(dir, "t.c"), program);
    await promisify(execFile)(GCC, ["-std=c11", "-O0", "-w", "-o", join(dir, "t"), join(dir, "t.c")]);
    gccTypes = (await promisify(execFile)(join(dir, "t"))).stdout.trimEnd().split("\n");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const ours = await parseC(`int main(void) {\n${DECLS}\n${EXPRESSIONS.map((e) => `  (${e});`).join("\n")}\n  return 0;\n}\n`);
  expect(ours.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  const main = ours.unit.items.find((x) => x.kind === "function")!;
  const exprs = (main.kind === "function" ? main.body.items : []).filter((s): s is Extract<Stmt, { kind: "expression" }> => s.kind === "expression");
  // _Generic sees a value: qualifiers dropped, arrays and functions decayed
  const ourTypes = exprs.map((s) => {
    const t = strip(decay(s.expr.type!));
    // gcc's enum without negative constants is compatible with unsigned int, which _Generic picks
    if (t.kind === "enum") return t.constants.some((k) => k.value < 0n) ? "int" : "unsigned int";
    return names.includes(typeName(t)) ? typeName(t) : "other";
  });
  expect(EXPRESSIONS.map((e, k) => `${e}: ${ourTypes[k]}`)).toEqual(EXPRESSIONS.map((e, k) => `${e}: ${gccTypes[k]}`));
  expect(EXPRESSIONS.length).toBeGreaterThan(80);
});
