import { describe, expect, it } from "vitest";
import { T, arrayOf } from "../../../../src/runners/c/types.js";
import { createMemory, isFault, type Memory } from "../../../../src/runners/c/memory/memory.js";
import { readBytes } from "../../../../src/runners/c/memory/access.js";
import { internString, pushFrame } from "../../../../src/runners/c/memory/frames.js";
import { free, malloc } from "../../../../src/runners/c/memory/heap.js";
import * as libc from "../../../../src/runners/c/memory/libc.js";
import { gccRun } from "./gcc.js";

// Two 32-byte buffers a and b start as these texts (NUL-padded); each step runs one call on them
// and both sides print the call's result and then both buffers' bytes.
const A0 = "hello, world";
const B0 = "help";
type Step = { c: string; run: (m: Memory, a: bigint, b: bigint) => string };
const int = (r: ReturnType<typeof libc.strlen>): string => (isFault(r) ? "fault" : String(r.value));
const off = (r: ReturnType<typeof libc.strchr>, base: bigint): string => (isFault(r) ? "fault" : r.value === 0n ? "null" : String(r.value - base));
const steps: Step[] = [
  { c: `(long)strlen(a)`, run: (m, a) => int(libc.strlen(m, a)) },
  { c: `(long)strlen(b)`, run: (m, _a, b) => int(libc.strlen(m, b)) },
  { c: `(long)strcmp(a, b)`, run: (m, a, b) => int(libc.strcmp(m, a, b)) },
  { c: `(long)strcmp(b, a)`, run: (m, a, b) => int(libc.strcmp(m, b, a)) },
  { c: `(long)strncmp(a, b, 3)`, run: (m, a, b) => int(libc.strncmp(m, a, b, 3)) },
  { c: `(long)strncmp(a, b, 4)`, run: (m, a, b) => int(libc.strncmp(m, a, b, 4)) },
  { c: `(long)memcmp(a, b, 5)`, run: (m, a, b) => int(libc.memcmp(m, a, b, 5)) },
  { c: `(long)(strchr(a, 'o') - a)`, run: (m, a) => off(libc.strchr(m, a, 111), a) },
  { c: `(long)(strchr(a, 0) - a)`, run: (m, a) => off(libc.strchr(m, a, 0), a) },
  { c: `(long)(strchr(a, 'z') == 0 ? -1 : 0)`, run: (m, a) => (off(libc.strchr(m, a, 122), a) === "null" ? "-1" : "0") },
  { c: `(long)(strcpy(b, "copy") - b)`, run: (m, _a, b) => off(libc.strcpy(m, b, lit(m, "copy")), b) },
  { c: `(long)(strcat(b, " me") - b)`, run: (m, _a, b) => off(libc.strcat(m, b, lit(m, " me")), b) },
  { c: `(long)(strncpy(a, "xy", 6) - a)`, run: (m, a) => off(libc.strncpy(m, a, lit(m, "xy"), 6), a) },
  { c: `(long)(strncpy(a, "longer text", 4) - a)`, run: (m, a) => off(libc.strncpy(m, a, lit(m, "longer text"), 4), a) },
  { c: `(long)((char *)memset(a + 2, 'Z', 5) - a)`, run: (m, a) => off(libc.memset(m, a + 2n, 90, 5), a) },
  { c: `(long)((char *)memmove(a + 1, a, 8) - a)`, run: (m, a) => off(libc.memmove(m, a + 1n, a, 8), a) },
  { c: `(long)((char *)memmove(a, a + 3, 8) - a)`, run: (m, a) => off(libc.memmove(m, a, a + 3n, 8), a) },
  { c: `(long)((char *)memcpy(b, a, 10) - b)`, run: (m, a, b) => off(libc.memcpy(m, b, a, 10), b) },
  { c: `(long)memcmp(a, b, 10)`, run: (m, a, b) => int(libc.memcmp(m, a, b, 10)) },
  { c: `(long)strcmp(a, "ZZ")`, run: (m, a) => int(libc.strcmp(m, a, lit(m, "ZZ"))) },
  { c: `(long)(strcpy(a, "\\xe9t\\xe9") - a)`, run: (m, a) => off(libc.strcpy(m, a, lit(m, "\xe9t\xe9")), a) },
  { c: `(long)strcmp(a, b)`, run: (m, a, b) => int(libc.strcmp(m, a, b)) },
  { c: `(long)strncmp(b, a, 0)`, run: (m, a, b) => int(libc.strncmp(m, b, a, 0)) },
];

const lit = (m: Memory, s: string): bigint => internString(m, Uint8Array.from(Buffer.from(s, "latin1")));

function cProgram(): string {
  const hex = `for (int i = 0; i < 32; i++) printf(" %02x", (unsigned char)a[i]); printf(" |"); for (int i = 0; i < 32; i++) printf(" %02x", (unsigned char)b[i]); printf("\\n");`;
  const body = steps.map((s) => `  { volatile long r = ${s.c}; printf("%ld", r); ${hex} }`);
  return ["#include <stdio.h>", "#include <string.h>", "int main(void) {", `  static char a[32] = ${JSON.stringify(A0)}, b[32] = ${JSON.stringify(B0)};`, ...body, "  return 0;", "}"].join("\n");
}

describe("string.h against glibc", () => {
  const printed = gccRun(cProgram()).trim().split("\n");

  it(`gives glibc's results and bytes over ${steps.length} calls`, () => {
    const mem = createMemory();
    const frame = pushFrame(mem, "main", [
      { name: "a", type: arrayOf(T.char, 32) },
      { name: "b", type: arrayOf(T.char, 32) },
    ]);
    if (isFault(frame)) throw new Error("no frame");
    const [ba, bb] = frame.locals;
    const a = BigInt(ba!.address);
    const b = BigInt(bb!.address);
    libc.memset(mem, a, 0, 32);
    libc.memset(mem, b, 0, 32);
    libc.strcpy(mem, a, lit(mem, A0));
    libc.strcpy(mem, b, lit(mem, B0));
    const dump = (p: bigint): string => [...(readBytes(mem, p, 32) as { bytes: Uint8Array }).bytes].map((x) => ` ${x.toString(16).padStart(2, "0")}`).join("");
    const ours = steps.map((s) => `${s.run(mem, a, b)}${dump(a)} |${dump(b)}`);
    expect(ours).toEqual(printed);
  });

  it("faults where a call runs off its block, and strdup copies to the heap", () => {
    const mem = createMemory();
    const p = malloc(mem, 4, 2)!;
    libc.memset(mem, p.address, 65, 4);
    // no NUL inside the block: strlen reads one byte past its end
    expect(libc.strlen(mem, p.address)).toMatchObject({ kind: "fault", problem: "out-of-bounds", size: 1, near: { where: "after", distance: 0 } });
    expect(libc.strcpy(mem, p.address, lit(mem, "four"))).toMatchObject({ kind: "fault", access: "write", size: 5 });
    const d = libc.strdup(mem, lit(mem, "abc"), 7);
    if (d === null || isFault(d)) throw new Error("strdup failed");
    expect(d.block).toMatchObject({ kind: "heap", size: 4, line: 7 });
    expect(libc.strcmp(mem, d.address, lit(mem, "abc"))).toMatchObject({ value: 0, initialised: true });
    free(mem, d.address);
    expect(libc.strlen(mem, d.address)).toMatchObject({ problem: "freed" });
    expect(libc.memcpy(mem, p.address, p.address + 1n, 2)).toMatchObject({ kind: "pointer", overlap: true });
    const u = malloc(mem, 8)!;
    expect(libc.memcmp(mem, u.address, p.address, 1)).toMatchObject({ initialised: false });
  });
});
