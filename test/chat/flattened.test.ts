/** A program of several lines pasted onto one line, told apart from a plain syntax error. */
import { beforeAll, describe, expect, it } from "vitest";
import { flattenedCandidate, flattenedProgram, reflow } from "../../src/chat/flattened.js";
import type { ParseProgram } from "../../src/advisor/index.js";
import { engine } from "../helpers.js";

describe("reflow", () => {
  it("breaks a line after a block's colon and between operands nothing joins, indenting blocks", () => {
    expect(reflow("def f(): x = 1 return x")).toBe("def f():\n    x = 1\n    return x\n");
    expect(reflow("x = 1 print(x)")).toBe("x = 1\nprint(x)\n");
    expect(reflow("if a > 1: b = 2 else: b = 3 print(b)")).toBe("if a > 1:\n    b = 2\nelse:\n    b = 3\n    print(b)\n");
  });

  it("keeps what joins one statement together: conditional expressions, comprehensions, lambdas, strings side by side", () => {
    expect(reflow("y = a if c else b")).toBeUndefined();
    expect(reflow("xs = [i for i in range(3) if i] f = lambda: 0")).toBe("xs = [i for i in range(3) if i]\nf = lambda: 0\n");
    expect(reflow("s = 'a' 'b'")).toBeUndefined();
    expect(reflow("ok = a is not None and b not in c")).toBeUndefined();
    expect(reflow("from os import path")).toBeUndefined();
  });
});

describe("flattenedCandidate, before any parser", () => {
  it("offers the lines a one-line program could be, and nothing for one statement or for words", () => {
    expect(flattenedCandidate("x = 1 y = 2")).toBe("x = 1\ny = 2\n");
    for (const line of ["x = [1, 2, 3]", "x = = 1", "hello there how are you", "x = 1\ny = 2\n", "  "]) expect(flattenedCandidate(line), line).toBeUndefined();
  });

  it("reads a line of many conditional expressions the way it reads one", () => {
    const many = Array.from({ length: 300 }, (_, k) => `v${k} = a if c else b`).join(" ");
    expect(flattenedCandidate(many)!.split("\n").filter(Boolean)).toHaveLength(300);
    expect(reflow("y = a if c else b if d else e")).toBeUndefined();
    expect(reflow("y = 1 if x: z = 2")).toBe("y = 1\nif x:\n    z = 2\n");
  });
});

describe("flattenedProgram, with Python's parser", () => {
  let parse: ParseProgram;
  beforeAll(async () => {
    const e = await engine();
    parse = (source) => e.parse(source);
  });

  it("finds programs of several lines written on one", () => {
    for (const line of ["def f(): x = 1 return x", "x = [] for i in range(3): x.append(i) print(x)", "class Dog: def __init__(self): self.name = 'Rex' d = Dog()", "a = 1 b = 2 print(a + b)"]) {
      expect(flattenedProgram(line, parse), line).toBeDefined();
    }
  });

  it("leaves plain mistakes alone, and programs that already have lines", () => {
    for (const source of ["x = = 1", "print('hi'", "def f(: pass", "x = 1\ny = = 2\n", "hello there how are you"]) {
      expect(flattenedProgram(source, parse), source).toBeUndefined();
    }
  });
});
