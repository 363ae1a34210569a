import { describe, expect, it } from "vitest";
import { blockAt, createMemory, isFault, type Fault, type Memory } from "../../../../src/runners/c/memory/memory.js";
import { calloc, free, malloc, mallocUsableSize, realloc, reserve } from "../../../../src/runners/c/memory/heap.js";
import { load, store } from "../../../../src/runners/c/memory/access.js";
import { T } from "../../../../src/runners/c/types.js";
import { gccRun } from "./gcc.js";

type Op = { op: "malloc"; id: number; n: number } | { op: "calloc"; id: number; n: number; m: number } | { op: "realloc"; id: number; n: number } | { op: "free"; id: number };

/** Scripts of heap calls, each a glibc behaviour a learner can observe. */
function scripts(): Op[][] {
  const out: Op[][] = [];
  let id = 0;
  const m = (n: number): Op => ({ op: "malloc", id: id++, n });
  const f = (i: number): Op => ({ op: "free", id: i });
  const start = () => (id = 0);
  // chunk sizes for every request size 0..200 in a row
  start();
  out.push(Array.from({ length: 201 }, (_, n) => m(n)));
  // tcache hands back the last freed chunk of a size first; calloc skips the tcache
  start();
  out.push([m(24), m(24), m(24), m(100), f(0), f(1), m(20), m(10), { op: "calloc", id: id++, n: 1, m: 100 }, f(3), { op: "calloc", id: id++, n: 4, m: 25 }, m(100)]);
  // more than seven frees of one small size: the rest go to a fastbin, then into the tcache
  start();
  {
    const s: Op[] = Array.from({ length: 10 }, () => m(40));
    s.push(m(8));
    for (let i = 0; i < 10; i++) s.push(f(i));
    for (let i = 0; i < 10; i++) s.push(m(40));
    out.push(s);
  }
  // large chunks merge with their neighbours and with the top chunk
  start();
  out.push([m(2000), m(2000), m(2000), m(16), f(0), f(1), m(3000), m(5000), f(2), m(1500), m(600)]);
  // realloc: in place into the top, shrink in place, moved when something follows
  start();
  out.push([m(5000), { op: "realloc", id: 0, n: 9000 }, { op: "realloc", id: 0, n: 100 }, m(2000), { op: "realloc", id: 0, n: 104 }, { op: "realloc", id: 0, n: 300 }, m(10), { op: "realloc", id: 3, n: 1000 }, { op: "realloc", id: 3, n: 4000 }]);
  // big requests are mapped on their own; malloc(0) gets the smallest chunk
  start();
  out.push([m(0), m(200000), m(131072), m(131071), f(1), m(0), f(0), f(4)]);
  // a linked list of 1000 nodes built, freed front to back, built again
  start();
  {
    const s: Op[] = Array.from({ length: 1000 }, () => m(16));
    for (let i = 0; i < 1000; i++) s.push(f(i));
    for (let i = 0; i < 1000; i++) s.push(m(16));
    out.push(s);
  }
  // a growing array (realloc doubling, into the mapped range and back) among other blocks
  start();
  {
    const s: Op[] = [m(4)];
    for (let n = 8, k = 0; n <= 1 << 20; n *= 2, k++) {
      s.push({ op: "realloc", id: 0, n });
      if (k % 3 === 0) s.push(m(n / 4));
    }
    s.push({ op: "realloc", id: 0, n: 150000 }, { op: "realloc", id: 0, n: 1000 }, { op: "realloc", id: 0, n: 100 });
    out.push(s);
  }
  // words copied to the heap (strlen + 1), some freed, more copied
  start();
  {
    const words = "the quick brown fox jumps over the lazy dog while a memory allocator hands out chunks of sixteen byte granularity".split(" ");
    const s: Op[] = words.map((w) => m(w.length + 1));
    for (let i = 0; i < words.length; i += 2) s.push(f(i));
    for (const w of words.slice(0, 8)) s.push(m(w.length * 3 + 1));
    out.push(s);
  }
  // freeing 70 000 bytes next to fastbin chunks makes glibc consolidate them
  start();
  out.push([m(40), m(40), m(70000), m(40), m(40), m(70000), m(8), f(0), f(1), f(3), f(4), f(2), f(5), m(40), m(100), m(140000), m(40)]);
  // seeded mixes of small, middle and large sizes, frees and reallocs
  for (const [seed0, big] of [[1, 900], [2, 9000], [3, 40000], [12345, 1200], [777, 3000], [4242, 20000], [99, 300000], [2024, 600], [31337, 5000], [5555, 70000], [8080, 150000], [60606, 1100]] as const) {
    start();
    let seed: number = seed0;
    const rnd = (k: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % k);
    const s: Op[] = [];
    const live: number[] = [];
    for (let i = 0; i < 1500; i++) {
      const r = rnd(10);
      if (r === 0 && seed0 > 5000) {
        const o: Op = { op: "calloc", id: id++, n: rnd(20) + 1, m: rnd(40) + 1 };
        live.push(o.id);
        s.push(o);
      } else if (r < 5 || live.length === 0) {
        const o = m(rnd(3) === 0 ? rnd(big) : rnd(120));
        live.push(o.id);
        s.push(o);
      } else if (r < 9) s.push(f(live.splice(rnd(live.length), 1)[0]!));
      else s.push({ op: "realloc", id: live[rnd(live.length)]!, n: rnd(Math.floor(big / 3)) + 1 });
    }
    out.push(s);
  }
  return out;
}

/**
 * The scripts as data run by one loop (a program of 20 000 lines would take gcc many seconds):
 * each step is {op, id, n, m} with op 0 malloc, 1 calloc, 2 realloc, 3 free. Results are kept in
 * arrays and printed at the end, so stdout's buffer is taken after the first script only.
 */
function cProgram(all: Op[][]): string {
  const code = { malloc: 0, calloc: 1, realloc: 2, free: 3 } as const;
  const tables = all.map((ops, k) => `static const long s${k}[][4] = {${ops.map((o) => `{${code[o.op]},${o.id},${"n" in o ? o.n : 0},${"m" in o ? o.m : 0}}`).join(",")}};`);
  const runs = all.map((ops, k) => `  run(${k}, s${k}, ${ops.length});`);
  return [
    "#include <stdio.h>",
    "#include <stdlib.h>",
    "#include <malloc.h>",
    "#include <string.h>",
    "static long base;",
    // the program's own bookkeeping lives in .bss, off the heap it measures
    `static char *p[${Math.max(...all.map((o) => o.length)) + 1}]; static long off[${Math.max(...all.map((o) => o.length))}]; static size_t use[${Math.max(...all.map((o) => o.length))}];`,
    ...tables,
    "static void run(int k, const long (*s)[4], int count) {",
    "  memset(p, 0, sizeof p);",
    "  for (int i = 0; i < count; i++) {",
    "    long op = s[i][0], id = s[i][1];",
    "    if (op == 0) p[id] = malloc(s[i][2]); else if (op == 1) p[id] = calloc(s[i][2], s[i][3]); else if (op == 2) p[id] = realloc(p[id], s[i][2]); else free(p[id]);",
    "    if (op != 3) { if (!base) base = (long)p[id]; off[i] = (long)p[id] - base; use[i] = malloc_usable_size(p[id]); } else { off[i] = 0; use[i] = 0; }",
    "  }",
    "  for (int i = 0; i < count; i++) {",
    '    if (off[i] > 100000000 || off[i] < -100000000) printf("%d %d far %zu\\n", k, i, use[i]); else printf("%d %d %ld %zu\\n", k, i, off[i], use[i]);',
    "  }",
    "}",
    "int main(void) {",
    ...runs,
    "  return 0;",
    "}",
  ].join("\n");
}

function simulate(all: Op[][]): string[] {
  const lines: string[] = [];
  // the scripts run one after another in one process, on one heap, as in gcc's program
  const mem = createMemory();
  // offsets from the run's first block, so every script's place on the heap is checked too
  let base: bigint | undefined;
  all.forEach((ops, k) => {
    const p = new Map<number, bigint>();
    ops.forEach((o, i) => {
      if (o.op === "free") {
        expect(free(mem, p.get(o.id) ?? 0n)).toBeUndefined();
        lines.push(`${k} ${i} 0 0`);
        return;
      }
      const a = o.op === "malloc" ? malloc(mem, o.n) : o.op === "calloc" ? calloc(mem, o.n, o.m) : realloc(mem, p.get(o.id) ?? 0n, o.n);
      if (a === null || isFault(a)) throw new Error(`${o.op} failed in script ${k} op ${i}: ${JSON.stringify(o)} ${JSON.stringify(a, (_k, v) => (typeof v === "bigint" ? String(v) : v))}`);
      p.set(o.id, a.address);
      base ??= a.address;
      const off = a.address - base;
      lines.push(`${k} ${i} ${off > 100000000n || off < -100000000n ? "far" : off} ${mallocUsableSize(mem, a.address)}`);
    });
    // the C program's first printf (after the first script) takes stdout's 4096-byte buffer
    if (k === 0) reserve(mem, 4096);
  });
  return lines;
}

describe("heap against glibc on x86-64", () => {
  const all = scripts();
  const printed = gccRun(cProgram(all)).trim().split("\n");

  it(`gives glibc's addresses (as offsets) and usable sizes over ${all.reduce((n, s) => n + s.length, 0)} heap calls`, () => {
    const ours = simulate(all);
    expect(ours.length).toBe(printed.length);
    for (let i = 0; i < ours.length; i++) expect(ours[i]).toBe(printed[i]);
  });
});

describe("the C library's own chunks", () => {
  it("moves later blocks as stdout's buffer does on the first printf to a pipe", () => {
    const printed = gccRun(["#include <stdio.h>", "#include <stdlib.h>", "int main(void) {", "  char *a = malloc(10);", '  printf("x\\n");', "  char *b = malloc(10);", '  printf("%ld\\n", (long)(b - a));', "  return 0;", "}"].join("\n"));
    const mem = createMemory();
    const a = malloc(mem, 10)!;
    const buffer = reserve(mem, 4096);
    const b = malloc(mem, 10)!;
    expect(printed).toBe(`x\n${b.address - a.address}\n`);
    expect(blockAt(mem, buffer)).toBeUndefined();
    expect(load(mem, buffer, T.char)).toMatchObject({ kind: "fault", problem: "out-of-bounds" });
  });
});

describe("heap misuse and block records", () => {
  const fresh = (): Memory => createMemory();

  it("puts the first block where glibc does: after its 0x290-byte tcache, 16-byte aligned", () => {
    const mem = fresh();
    const a = malloc(mem, 10, 3)!;
    expect(a.address).toBe(0x5555555592a0n);
    expect(a.block).toMatchObject({ kind: "heap", size: 10, usable: 24, line: 3 });
    expect(a.address % 16n).toBe(0n);
  });

  it("reports double free, freeing the middle of a block and freeing a non-heap address as faults", () => {
    const mem = fresh();
    const a = malloc(mem, 40, 1)!;
    expect(free(mem, a.address + 8n)).toMatchObject({ problem: "not-block-start", near: { block: { address: Number(a.address) }, distance: 8 } });
    expect(free(mem, a.address, 5)).toBeUndefined();
    expect(a.block.freed).toEqual({ line: 5 });
    expect(free(mem, a.address, 6)).toMatchObject({ kind: "fault", problem: "double-free", access: "free" });
    expect(free(mem, 0x7ffcd3a0f000n)).toMatchObject({ problem: "not-heap" });
    expect(free(mem, 0n)).toBeUndefined();
  });

  it("faults reads past a block's end and of freed blocks, naming the block and the distance", () => {
    const mem = fresh();
    const a = malloc(mem, 40, 3)!;
    expect(store(mem, a.address, T.int, 7)).toBeUndefined();
    expect(load(mem, a.address, T.int)).toEqual({ kind: "value", value: 7, initialised: true });
    expect(load(mem, a.address + 4n, T.int)).toMatchObject({ initialised: false });
    const past = load(mem, a.address + 40n, T.int) as Fault;
    expect(past).toMatchObject({ kind: "fault", problem: "out-of-bounds", access: "read", size: 4, segment: "heap", near: { where: "after", distance: 0, block: { size: 40, line: 3 } } });
    free(mem, a.address, 9);
    expect(load(mem, a.address, T.int)).toMatchObject({ problem: "freed", near: { where: "inside", block: { freed: { line: 9 } } } });
  });

  it("keeps a block's bytes and grows it uninitialised when realloc stays in place", () => {
    const mem = fresh();
    const a = malloc(mem, 8)!;
    store(mem, a.address, T.long, 42n);
    const b = realloc(mem, a.address, 64)!;
    if (isFault(b)) throw new Error("fault");
    expect(b.address).toBe(a.address);
    expect(load(mem, b.address, T.long)).toEqual({ kind: "value", value: 42n, initialised: true });
    expect(load(mem, b.address + 8n, T.long)).toMatchObject({ initialised: false });
    // shrinking in place: the cut-off bytes are no longer the program's
    const c = realloc(mem, b.address, 4);
    expect(c).toMatchObject({ address: a.address, block: { size: 4, usable: 24 } });
    expect(load(mem, b.address + 4n, T.int)).toMatchObject({ problem: "out-of-bounds", near: { where: "after", distance: 0 } });
    expect(load(mem, b.address - 4n, T.int)).toMatchObject({ problem: "out-of-bounds", near: { where: "before", distance: 4 } });
    const z = calloc(mem, 3, 4)!;
    expect(load(mem, z.address + 8n, T.int)).toEqual({ kind: "value", value: 0, initialised: true });
    free(mem, z.address, 12);
    expect(realloc(mem, z.address, 40, 13)).toMatchObject({ kind: "fault", problem: "double-free", near: { block: { freed: { line: 12 } } } });
    expect(realloc(mem, a.address, 0)).toBeNull();
    expect(a.block.freed).toEqual({});
    expect(malloc(mem, 2 ** 50)).toBeNull();
    expect(calloc(mem, 2 ** 40, 2 ** 40)).toBeNull();
  });
});
