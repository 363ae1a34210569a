/**
 * Sizes are what sys.getsizeof reports on 64-bit CPython 3.14, though the program runs in
 * 32-bit WebAssembly. Each expected figure below is the 64-bit CPython 3.14 value.
 */
import { describe, expect, it } from "vitest";
import { finalVar, trace } from "../../helpers.js";

const cases: [string, string, number][] = [
  ["an empty list", "x = []", 56],
  ["a list of three ints", "x = [1, 2, 3]", 88],
  ["a 3-item slice", "a = [0, 1, 2, 3, 4, 5]\nx = a[1:4]", 80],
  ["a list grown by 20 appends", "x = []\nfor i in range(20):\n    x.append(i)", 248],
  ["the empty str", "x = ''", 41],
  ["'apple'", "x = 'apple'", 46],
  ["'applesauce'", "x = 'apple'\nx += 'sauce'", 51],
  ["0", "x = 0", 28],
  ["5", "x = 5", 28],
  ["2**30", "x = 2**30", 32],
  ["1.0", "x = 1.0", 24],
  ["{}", "x = {}", 64],
  ["a set()", "x = set()", 216],
  ["a tuple of 3", "a, b = 1, 2\nx = (a, b, 3)", 72],
  ["an instance of a plain class", "class P:\n    pass\nx = P()", 48],
  ["True", "x = True", 28],
  ["b''", "x = b''", 33],
  ["range(10)", "x = range(10)", 48],
  ["a non-ASCII str 'café'", "x = 'caf' + chr(233)", 61],
];

describe("64-bit sizes", () => {
  for (const [what, source, size] of cases) {
    it(`${what} is ${size} bytes`, async () => {
      const t = await trace(source);
      expect(t.outcome.status).toBe("finished");
      expect(finalVar(t, "x").currentSize).toBe(size);
    });
  }

  for (let n = 1; n <= 5; n++) {
    it(`a dict of ${n} str keys is 184 bytes`, async () => {
      const keys = Array.from({ length: n }, (_, i) => `'k${i}': ${i}`).join(", ");
      const t = await trace(`x = {${keys}}`);
      expect(finalVar(t, "x").currentSize).toBe(184);
    });
  }

  it("a dict that grows past 5 keys gets a bigger table", async () => {
    const t = await trace("x = {}\nfor i in range(6):\n    x['k' + str(i)] = i");
    // 8-slot table for 5 keys, then a 16-slot one: 64 + 32 + 16 + 10 * 16
    expect(finalVar(t, "x").currentSize).toBe(272);
  });

  it("a dict with int keys uses the general table (24-byte entries)", async () => {
    const t = await trace("x = {1: 'a'}");
    expect(finalVar(t, "x").currentSize).toBe(64 + 32 + 8 + 5 * 24);
  });

  it("a list's size follows its real capacity, not its length", async () => {
    const t = await trace("x = [0] * 10\nx.append(1)");
    // [0] * 10 allocates exactly 10 slots; one append over-allocates to 16
    expect(finalVar(t, "x").currentSize).toBe(56 + 8 * 16);
  });
});

describe("sys.getsizeof in the program", () => {
  it("reports the 64-bit CPython 3.14 size of every case above, the size the diagram shows", async () => {
    const source = cases.map(([, code], i) => `${code.replace(/\bx\b/g, `x${i}`)}\nprint(sys.getsizeof(x${i}))`).join("\n");
    const t = await trace(`import sys\n${source}\n`);
    expect(t.outcome.status).toBe("finished");
    expect(t.stdout.trim().split("\n").map(Number)).toEqual(cases.map(([, , size]) => size));
    for (const [i] of cases.entries()) expect(finalVar(t, `x${i}`).currentSize).toBe(cases[i]![2]);
  });

  it("keeps its own rules: a class's own __sizeof__ with CPython's headers, the default for what has no size, TypeError without one", async () => {
    const source = [
      "import sys",
      "class NoSize:",
      "    def __sizeof__(self):",
      "        raise TypeError('no size')",
      "print(sys.getsizeof(NoSize(), -1))",
      "try:",
      "    sys.getsizeof(NoSize())",
      "except TypeError as e:",
      "    print('TypeError', e)",
      "print(sys.getsizeof.__name__, sys.getsizeof([], 7))",
      "class Big(list):",
      "    def __sizeof__(self):",
      "        return 1000",
      "big = Big([1, 2])",
      // 64-bit CPython adds the GC header and the pre-header of a subclass instance: 16 bytes each
      "print(sys.getsizeof(big))",
    ].join("\n");
    const t = await trace(source + "\n");
    expect(t.outcome.status).toBe("finished");
    expect(t.stdout).toBe("-1\nTypeError no size\ngetsizeof 56\n1032\n");
    // memsim's own account runs none of the program's __sizeof__: the list's real size
    expect(finalVar(t, "big").currentSize).toBeLessThan(200);
  });

  it("runs no property of a program's metaclass while it measures (as CPython, which reads its own slots)", async () => {
    const source = [
      "import sys",
      "class Meta(type):",
      "    @property",
      "    def __mro__(cls):",
      "        raise RuntimeError('memsim read __mro__')",
      "    @property",
      "    def __flags__(cls):",
      "        raise RuntimeError('memsim read __flags__')",
      "class Odd(list, metaclass=Meta):",
      "    def __sizeof__(self):",
      "        return 500",
      "    def total(self):",
      "        return sum(self)",
      "o = Odd([1, 2, 3])",
      "t = o.total",
      "print(len(o), sys.getsizeof(o), t())",
    ].join("\n");
    const t = await trace(source + "\n");
    expect(t.outcome.status).toBe("finished");
    // native 64-bit CPython: 500 and the GC header and pre-header, 16 bytes each
    expect(t.stdout).toBe("3 532 6\n");
  });

  it("is the interpreter's own again after the program", async () => {
    await trace("import sys\nprint(sys.getsizeof([]))\n");
    const t = await trace("x = [1, 2, 3]\n");
    expect(finalVar(t, "x").currentSize).toBe(88);
  });
});

