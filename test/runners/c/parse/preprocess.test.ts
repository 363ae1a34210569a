import { describe, expect, it } from "vitest";
import { preprocess } from "../../../../src/runners/c/parse/preprocess.js";

describe("the C preprocessor", () => {
  it("records the covered headers and names an unknown one with its line", () => {
    const p = preprocess("#include <stdio.h>\n#include <conio.h>\n#include \"mine.h\"\nint x;\n");
    expect(p.headers).toEqual([{ name: "stdio.h", line: 1 }]);
    expect(p.diagnostics).toEqual([
      { code: "c.pp.header", severity: "error", line: 2, column: 10, params: { header: "conio.h" } },
      { code: "c.pp.header", severity: "error", line: 3, column: 10, params: { header: "mine.h" } },
    ]);
  });

  it("keeps every line where it was: directives become empty lines", () => {
    const source = "#include <stdlib.h>\n#define N 3\n\nint a[N];\n#ifdef N\nint b;\n#else\nint c;\n#endif\n";
    const p = preprocess(source);
    expect(p.text.split("\n")).toEqual(["", "", "", "int a[3];", "", "int b;", "", "", "", ""]);
  });

  it("expands object-like and function-like macros, and rescans without recursion", () => {
    const p = preprocess("#define SQ(x) ((x) * (x))\n#define TWO 2\n#define SELF SELF + 1\nint y = SQ(TWO + 1) + SELF;\n");
    expect(p.text.split("\n")[3]).toBe("int y = ((2 + 1) * (2 + 1)) + SELF + 1;");
  });

  it("leaves macro names inside strings, character constants and comments alone", () => {
    const p = preprocess('#define N 5\nchar *s = "N"; char c = \'N\'; /* N */ int n = N; // N\n');
    expect(p.text.split("\n")[1]).toBe('char *s = "N"; char c = \'N\';         int n = 5;     ');
  });

  it("gives the headers' macros glibc's values", () => {
    const p = preprocess("#include <limits.h>\n#include <stdlib.h>\n#include <stdbool.h>\n#include <stdint.h>\nlong v[] = {INT_MAX, INT_MIN, CHAR_BIT, RAND_MAX, EXIT_FAILURE, true, false, SIZE_MAX};\nvoid *p = NULL;\n");
    expect(p.text.split("\n")[4]).toBe("long v[] = {2147483647, (-2147483647-1), 8, 2147483647, 1, 1, 0, (18446744073709551615UL)};");
    expect(p.text.split("\n")[5]).toBe("void *p = ((void *)0);");
  });

  it("handles #undef, #ifndef guards, #if 0, #if with defined() and #elif", () => {
    const source = "#ifndef GUARD\n#define GUARD\nint one;\n#endif\n#if 0\nbroken(\n#elif defined(GUARD) && 2 > 1\nint two;\n#else\nint three;\n#endif\n#undef GUARD\n#ifdef GUARD\nint four;\n#endif\n";
    const kept = preprocess(source).text.split("\n").filter((l) => l.trim() !== "");
    expect(kept).toEqual(["int one;", "int two;"]);
  });

  it("maps columns after a macro back to the learner's source", () => {
    const p = preprocess("#define LONGER_NAME 1\nint x = LONGER_NAME + y;\n");
    const line = p.text.split("\n")[1]!;
    expect(line).toBe("int x = 1 + y;");
    expect(p.position(1, line.indexOf("y"))).toEqual({ line: 2, column: 23 });
    expect(p.position(1, line.indexOf("1"))).toEqual({ line: 2, column: 9 });
    expect(p.position(1, 0)).toEqual({ line: 2, column: 1 });
  });

  it("joins a #define continued with backslashes and keeps the lines after it in place", () => {
    const p = preprocess("#define ADD(a, b) \\\n  ((a) + (b))\nint z = ADD(1, 2);\n");
    expect(p.text.split("\n")).toEqual(["", "", "int z = ((1) + (2));", ""]);
  });

  it("reports an unclosed #if and a stray #endif", () => {
    expect(preprocess("#ifdef X\nint a;\n").diagnostics.map((d) => [d.code, d.line])).toEqual([["c.pp.unterminated", 1]]);
    expect(preprocess("int a;\n#endif\n").diagnostics.map((d) => [d.code, d.line])).toEqual([["c.pp.unmatched", 2]]);
  });
});
