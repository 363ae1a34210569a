import { describe, expect, it } from "vitest";
import { createMemory, free, internString, isFault, load, malloc, store } from "../../../../src/runners/c/memory/index.js";
import { faultOutcome } from "../../../../src/runners/c/trace/index.js";
import { T } from "../../../../src/runners/c/types.js";

function fault<X>(x: X | undefined) {
  if (!isFault(x)) throw new Error("expected a fault");
  return x;
}

describe("a C fault as the run's outcome", () => {
  it("words each misuse the memory model finds", () => {
    const mem = createMemory();
    const lit = internString(mem, new TextEncoder().encode("hi"), 1);
    const a = malloc(mem, 40, 3)!;
    expect(faultOutcome(fault(load(mem, 0n, T.int)), 5)).toEqual({
      status: "error",
      type: "Segmentation fault",
      message: "invalid read of 4 bytes at address 0x0: a NULL pointer",
      line: 5,
      fault: { problem: "null", access: "read", size: 4, address: "0x0" },
    });
    expect(faultOutcome(fault(store(mem, a.address + 40n, T.int, 1)), 6)).toMatchObject({
      type: "invalid write",
      message: "invalid write of 4 bytes, 0 bytes after a block of 40 bytes allocated at line 3",
      fault: { problem: "out-of-bounds", access: "write", size: 4, near: { kind: "heap", size: 40, where: "after", distance: 0, line: 3 } },
    });
    expect(faultOutcome(fault(store(mem, lit, T.char, 72)), 7)).toMatchObject({ type: "Segmentation fault", message: `invalid write of 1 byte at address 0x${lit.toString(16)}: read-only memory (a string literal of 3 bytes)` });
    expect(free(mem, a.address, 8)).toBeUndefined();
    expect(faultOutcome(fault(load(mem, a.address + 4n, T.int)), 9)).toMatchObject({
      type: "invalid read",
      message: "invalid read of 4 bytes, 4 bytes inside a block of 40 bytes allocated at line 3 freed at line 8",
      fault: { problem: "freed", near: { kind: "heap", where: "inside", distance: 4, line: 3, freed: true, freedLine: 8 } },
    });
    expect(faultOutcome(fault(free(mem, a.address, 10)), 10)).toMatchObject({ type: "invalid free", message: "invalid free: a block of 40 bytes allocated at line 3 freed at line 8 was already freed" });
  });
});
