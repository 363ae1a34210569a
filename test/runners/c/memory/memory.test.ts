import { describe, expect, it } from "vitest";
import { T, arrayOf, pointerTo, type CType } from "../../../../src/runners/c/types.js";
import { createMemory, blockAt, isFault, LAYOUT, type Fault, type Memory } from "../../../../src/runners/c/memory/memory.js";
import { load, readBytes, store, writeBytes, type Scalar } from "../../../../src/runners/c/memory/access.js";
import { STACK_LIMIT, addLocal, internString, placeGlobals, popFrame, pushFrame, type GlobalSpec } from "../../../../src/runners/c/memory/frames.js";
import { malloc } from "../../../../src/runners/c/memory/heap.js";
import { gccRun } from "./gcc.js";

// Scalars stored as C stores them: [C type, our type, value as C writes it, value as memsim holds it]
const stores: [string, CType, string, Scalar][] = [
  ["_Bool", T.bool, "5", 5], ["char", T.char, "-3", -3], ["unsigned char", T.unsignedChar, "300", 300],
  ["signed char", T.signedChar, "200", 200], ["short", T.short, "-12345", -12345], ["unsigned short", T.unsignedShort, "-1", -1],
  ["int", T.int, "-2", -2], ["int", T.int, "2147483647", 2147483647], ["unsigned int", T.unsignedInt, "4294967295u", 4294967295],
  ["long", T.long, "-9223372036854775807L", -9223372036854775807n], ["unsigned long", T.unsignedLong, "-1", -1n],
  ["long long", T.longLong, "1234567890123LL", 1234567890123n], ["unsigned long long", T.unsignedLongLong, "18446744073709551615ULL", 18446744073709551615n],
  ["float", T.float, "3.14", 3.14], ["float", T.float, "1e-40", 1e-40], ["float", T.float, "1e300", 1e300], ["float", T.float, "-0.0", -0],
  ["double", T.double, "0.1", 0.1], ["double", T.double, "-2.5e-310", -2.5e-310], ["double", T.double, "1.7976931348623157e308", 1.7976931348623157e308],
  ["long double", T.longDouble, "(long double)3.5", 3.5], ["long double", T.longDouble, "(long double)0.1", 0.1], ["long double", T.longDouble, "(long double)-2.5e-310", -2.5e-310],
  ["long double", T.longDouble, "(long double)1e308", 1e308], ["long double", T.longDouble, "(long double)0.0", 0],
  ["void *", pointerTo(T.void), "(void *)0x5555555592a0", 0x5555555592a0n], ["char *", pointerTo(T.char), "0", 0n],
];

// Globals of a program, in the order it defines them (`init` empty: zero, so .bss)
const globals: { c: string; spec: GlobalSpec }[] = [];
const g = (c: string, name: string, type: CType, init?: number[], readOnly = false): void => {
  const spec: GlobalSpec = { name, type, readOnly };
  if (init) spec.init = Uint8Array.from(init);
  globals.push({ c, spec });
};
g("int x = 1;", "x", T.int, [1, 0, 0, 0]);
g("char c = 'a';", "c", T.char, [97]);
g("double d = 2;", "d", T.double, [0, 0, 0, 0, 0, 0, 0, 64]);
g("int arr[3] = {1, 2, 3};", "arr", arrayOf(T.int, 3), [1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0]);
g("long big[10] = {1};", "big", arrayOf(T.long, 10), [1]);
g('char s5[5] = "abc";', "s5", arrayOf(T.char, 5), [97, 98, 99]);
g("short sh = 3;", "sh", T.short, [3, 0]);
g('char s40[40] = "x";', "s40", arrayOf(T.char, 40), [120]);
g('char s16[16] = "y";', "s16", arrayOf(T.char, 16), [121]);
g('char s17[17] = "z";', "s17", arrayOf(T.char, 17), [122]);
g("int z;", "z", T.int);
g("char buf[100];", "buf", arrayOf(T.char, 100));
g("double dz = 0;", "dz", T.double, [0, 0, 0, 0, 0, 0, 0, 0]);
g("char b3[3];", "b3", arrayOf(T.char, 3));
g("int zz;", "zz", T.int);
g("char b20[20];", "b20", arrayOf(T.char, 20));
g("char b33[33];", "b33", arrayOf(T.char, 33));
g("const int k = 5;", "k", { kind: "integer", name: "int", const: true }, [5, 0, 0, 0], true);
g('const char kk[] = "const";', "kk", arrayOf({ kind: "integer", name: "char", const: true }, 6), [99, 111, 110, 115, 116, 0], true);

function cProgram(): string {
  const dumps = stores.map(([c, , lit], i) => `  { ${c} v = ${lit}; dump(${i}, &v, ${c === "long double" ? 10 : `sizeof v`}); }`);
  const offsets = globals.filter(({ spec }) => !spec.readOnly).map(({ spec }) => `  printf("${spec.name} %ld\\n", (long)((char *)&${spec.name} - (char *)&x));`);
  return [
    "#include <stdio.h>",
    ...globals.map((x) => x.c),
    "static void dump(int i, const void *p, int n) { printf(\"%d\", i); for (int k = 0; k < n; k++) printf(\" %02x\", ((const unsigned char *)p)[k]); printf(\"\\n\"); }",
    "int main(void) {",
    ...dumps,
    ...offsets,
    "  return 0;",
    "}",
  ].join("\n");
}

/** A frame or block that must have been made (a fault here fails the test). */
function must<V>(x: V | Fault): V {
  if (isFault(x)) throw new Error(`unexpected fault: ${x.problem}`);
  return x;
}

const hex = (b: Uint8Array): string => [...b].map((x) => ` ${x.toString(16).padStart(2, "0")}`).join("");

describe("memory against gcc on x86-64", () => {
  const printed = gccRun(cProgram()).trim().split("\n");

  it(`stores ${stores.length} scalars with gcc's bytes (little-endian, x87 long double) and loads them back`, () => {
    const mem = createMemory();
    const frame = must(pushFrame(mem, "main", []));
    const ours = stores.map(([, type, , value], i) => {
      const b = must(addLocal(mem, frame, { name: `v${i}`, type }));
      const at = BigInt(b.address);
      expect(store(mem, at, type, value)).toBeUndefined();
      const bytes = readBytes(mem, at, type.kind === "float" && type.name === "long double" ? 10 : b.size);
      if (isFault(bytes)) throw new Error("fault");
      // what comes back is the value as the type holds it (wrapped, rounded), stored again byte for byte
      const back = load(mem, at, type);
      if (isFault(back)) throw new Error("fault");
      expect(back.initialised).toBe(true);
      expect(store(mem, at, type, back.value)).toBeUndefined();
      expect(readBytes(mem, at, bytes.bytes.length)).toMatchObject({ bytes: bytes.bytes });
      return `${i}${hex(bytes.bytes)}`;
    });
    expect(ours).toEqual(printed.slice(0, stores.length));
  });

  it(`places ${globals.length} globals in .rodata, .data and .bss at gcc's offsets from one another`, () => {
    const mem = createMemory();
    const blocks = placeGlobals(mem, globals.map((x) => x.spec));
    const at = (name: string) => blocks.find((b) => b.name === name)!;
    // .rodata's distance to .data depends on the size of gcc's code, so only .data and .bss are compared
    const ours = globals.filter(({ spec }) => !spec.readOnly).map(({ spec }) => `${spec.name} ${at(spec.name).address - at("x").address}`);
    expect(ours).toEqual(printed.slice(stores.length));
    // .data's page is two after .rodata's; the C runtime's 16 bytes come first (.got.plt's size varies)
    expect(at("x")).toMatchObject({ segment: "data", address: 0x555555558020 });
    expect(at("z").segment).toBe("bss");
    expect(at("k")).toMatchObject({ segment: "rodata", address: 0x555555556004 });
    expect(at("kk")).toMatchObject({ segment: "rodata", address: 0x555555556008 });
    expect(store(mem, BigInt(at("k").address), T.int, 6)).toMatchObject({ problem: "read-only" });
  });
});

describe("memory's segments, frames and states", () => {
  const mem0 = (): Memory => createMemory();

  it("loads integers as C's types hold them: wrapped, 64-bit ones as bigint, _Bool as 0 or 1", () => {
    const mem = createMemory();
    const f = must(pushFrame(mem, "main", [{ name: "v", type: T.long }]));
    const at = BigInt(f.locals[0]!.address);
    const cases: [CType, Scalar, Scalar][] = [[T.unsignedChar, 300, 44], [T.char, 200, -56], [T.unsignedShort, -1, 65535], [T.int, 4294967295, -1], [T.unsignedInt, -1n, 4294967295], [T.long, 2n ** 63n, -(2n ** 63n)], [T.unsignedLong, -1, 2n ** 64n - 1n], [T.bool, 5, 1], [T.float, 0.1, Math.fround(0.1)], [T.longDouble, -2.5e-310, -2.5e-310]];
    for (const [type, value, expected] of cases) {
      store(mem, at, type, value);
      expect(load(mem, at, type)).toMatchObject({ value: expected });
    }
  });

  it("keeps one copy of each string literal in read-only data, and faults a write there", () => {
    const mem = mem0();
    placeGlobals(mem, []);
    const a = internString(mem, Buffer.from("hello"), 3);
    expect(a).toBe(0x555555556004n);
    expect(internString(mem, Buffer.from("hello"))).toBe(a);
    expect(internString(mem, Buffer.from("world"))).toBe(a + 6n);
    expect(load(mem, a + 5n, T.char)).toEqual({ kind: "value", value: 0, initialised: true });
    expect(store(mem, a, T.char, 72)).toMatchObject({ kind: "fault", problem: "read-only", access: "write", segment: "rodata" });
    expect(blockAt(mem, a + 2n)).toMatchObject({ kind: "literal", size: 6, line: 3 });
  });

  it("zeroes .bss, starts the heap on the page after it, and puts the first block after glibc's tcache", () => {
    const mem = mem0();
    const [n] = placeGlobals(mem, [{ name: "n", type: T.int }]);
    expect(n).toMatchObject({ segment: "bss", address: 0x555555558014 });
    expect(load(mem, BigInt(n!.address), T.int)).toEqual({ kind: "value", value: 0, initialised: true });
    expect(malloc(mem, 1)!.address).toBe(0x5555555592a0n);
  });

  it("grows the stack down one frame per call, 16-byte aligned, with uninitialised locals that die on return", () => {
    const mem = mem0();
    const main = must(pushFrame(mem, "main", [{ name: "i", type: T.int }, { name: "buf", type: arrayOf(T.char, 20) }]));
    expect(main.top).toBe(LAYOUT.stackStart);
    const [i, buf] = main.locals;
    expect(i!.address).toBeLessThan(main.rbp);
    expect(buf!.address % 16).toBe(0);
    expect(main.sp % 16).toBe(0);
    expect(load(mem, BigInt(i!.address), T.int)).toMatchObject({ initialised: false });
    const f = must(pushFrame(mem, "f", [{ name: "p", type: pointerTo(T.int) }]));
    expect(f.top).toBe(main.sp);
    const p = BigInt(f.locals[0]!.address);
    expect(store(mem, p, pointerTo(T.int), BigInt(i!.address))).toBeUndefined();
    expect(load(mem, p, pointerTo(T.int))).toEqual({ kind: "value", value: BigInt(i!.address), initialised: true });
    // the saved frame pointer sits at rbp, the return address above it
    expect(load(mem, BigInt(f.rbp), T.unsignedLong)).toMatchObject({ value: BigInt(main.rbp) });
    popFrame(mem, 9);
    expect(load(mem, p, pointerTo(T.int))).toMatchObject({ kind: "fault", problem: "dead-frame", near: { block: { name: "p", freed: { line: 9 } } } });
    expect(writeBytes(mem, BigInt(buf!.address + 18), Uint8Array.from([1, 2, 3]))).toMatchObject({ problem: "out-of-bounds", size: 3 });
  });

  it("stops runaway recursion and huge locals at Linux's 8 MiB stack with a stack-overflow fault", () => {
    const mem = mem0();
    let depth = 0;
    let last: ReturnType<typeof pushFrame> | undefined;
    // each call of a recursive f(int n) with a 1000-byte buffer: 16 + 4 (+ 12 to align) + 1008 bytes
    for (; depth < 1_000_000; depth++) {
      last = pushFrame(mem, "f", [{ name: "n", type: T.int }, { name: "buf", type: arrayOf(T.char, 1000) }]);
      if (isFault(last)) break;
    }
    expect(last).toMatchObject({ kind: "fault", problem: "stack-overflow", segment: "stack" });
    expect(depth).toBe(Math.floor((STACK_LIMIT - (LAYOUT.stackEnd - LAYOUT.stackStart)) / 1040));
    expect(mem.frames).toHaveLength(depth);
    const fresh = mem0();
    const main = must(pushFrame(fresh, "main", []));
    expect(addLocal(fresh, main, { name: "big", type: arrayOf(T.int, 3_000_000) })).toMatchObject({ problem: "stack-overflow", size: 12_000_000 });
  });

  it("faults NULL and unmapped addresses, naming no block", () => {
    const mem = mem0();
    expect(load(mem, 0n, T.int)).toEqual({ kind: "fault", problem: "null", access: "read", address: 0n, size: 4 });
    expect(store(mem, 0x1234567n, T.int, 1)).toMatchObject({ problem: "unmapped", access: "write" });
    expect(load(mem, 2n ** 64n - 8n, T.long)).toMatchObject({ problem: "unmapped" });
  });
});
