/** The steps a run tells its recorder: where a debugger stops, the calls and returns, and what changed in memory. */
import { describe, expect, it } from "vitest";
import { runC } from "../../../../src/runners/c/interp/index.js";
import type { CEnd, CMemoryEvent, CRecorder, CStep } from "../../../../src/runners/c/recorder.js";
import type { Memory } from "../../../../src/runners/c/memory/index.js";

interface Seen {
  steps: CStep[];
  ends: CEnd[];
  /** how many frames memory had at each step */
  depth: number[];
}

function collector(): CRecorder & Seen {
  const seen: Seen = { steps: [], ends: [], depth: [] };
  return {
    ...seen,
    step(step: CStep, memory: Memory) {
      seen.steps.push(step);
      seen.depth.push(memory.frames.length);
    },
    end(end: CEnd) {
      seen.ends.push(end);
    },
    get steps() {
      return seen.steps;
    },
    get ends() {
      return seen.ends;
    },
    get depth() {
      return seen.depth;
    },
  };
}

/** An event as a short text: "alloc 8/24 malloc", "write p 0+8", "free", "push square". */
function show(e: CMemoryEvent): string {
  switch (e.kind) {
    case "alloc":
      return `alloc ${e.requested}/${e.block.usable} ${e.call}`;
    case "free":
      return `free ${e.block.size}`;
    case "realloc":
      return `realloc ${e.from.size}->${e.to.size}${e.moved ? " moved" : ""}`;
    case "write":
      return `write ${e.block.name ?? e.block.kind} ${e.offset}+${e.size}`;
    case "frame":
      return `${e.op} ${e.fn}@${e.frame}`;
  }
}

const SQUARE = `#include <stdlib.h>
int square(int x) {
    return x * x;
}
int main(void) {
    int *p = malloc(2 * sizeof(int));
    p[0] = square(3);
    free(p);
    return 0;
}
`;

describe("the steps of a run", () => {
  it("stops before each statement, at each call and before each return, with the memory events in order", async () => {
    const rec = collector();
    const r = await runC(SQUARE, { recorder: rec });
    expect(r.exitStatus).toBe(0);
    expect(rec.steps.map((s) => [s.event, s.line, s.lines.join(","), s.events.map(show).join("; ")])).toEqual([
      ["call", 5, "5", "push main@0"],
      ["line", 6, "6", ""],
      ["line", 7, "7", "alloc 8/24 malloc; write p 0+8"],
      ["call", 2, "7,2", "push square@1; write x 0+4"],
      ["line", 3, "7,3", ""],
      ["return", 3, "7,3", ""],
      ["line", 8, "8", "pop square@1; write heap 0+4"],
      ["line", 9, "9", "free 8"],
      ["return", 9, "9", ""],
    ]);
    expect(rec.depth).toEqual([1, 1, 1, 2, 2, 2, 1, 1, 1]);
    expect(r.steps).toBe(9);
    expect(rec.ends).toEqual([{ kind: "exit", status: 0 }]);
  });

  it("gives a returning function's value as its bytes in the returned type", async () => {
    const rec = collector();
    await runC(SQUARE, { recorder: rec });
    const returns = rec.steps.filter((s) => s.event === "return");
    expect(returns.map((s) => [s.returned?.type, [...(s.returned?.bytes ?? [])]])).toEqual([
      [{ kind: "integer", name: "int" }, [9, 0, 0, 0]],
      [{ kind: "integer", name: "int" }, [0, 0, 0, 0]],
    ]);
  });

  it("stops at a loop's line before each test after the first, and tells what was printed", async () => {
    const rec = collector();
    const r = await runC(`#include <stdio.h>
int main(void) {
    int s = 0;
    for (int i = 0; i < 2; i++)
        s += i;
    while (s < 3)
        s++;
    printf("%d\\n", s);
    return s;
}
`, { recorder: rec });
    expect(r.stdout).toBe("3\n");
    expect(r.exitStatus).toBe(3);
    expect(rec.steps.map((s) => s.line)).toEqual([2, 3, 4, 5, 4, 5, 4, 6, 7, 6, 7, 6, 8, 9, 9]);
    expect(rec.steps.map((s) => s.stdout ?? "")).toEqual(["", "", "", "", "", "", "", "", "", "", "", "", "", "3\n", ""]);
  });

  it("tells a realloc that moves the block as a new block, the move and the old block freed", async () => {
    const rec = collector();
    await runC(`#include <stdlib.h>
int main(void) {
    char *a = malloc(10);
    char *b = malloc(10);
    a = realloc(a, 100);
    free(a);
    free(b);
    return 0;
}
`, { recorder: rec });
    const events = rec.steps.flatMap((s) => s.events.filter((e) => e.kind !== "write" && e.kind !== "frame").map(show));
    expect(events).toEqual(["alloc 10/24 malloc", "alloc 10/24 malloc", "alloc 100/104 realloc", "realloc 10->100 moved", "free 10", "free 100", "free 10"]);
  });
});

describe("how a run ends", () => {
  it("does not run a program with a compile error, and gives its diagnostics", async () => {
    const rec = collector();
    const r = await runC("int main(void) { return y; }\n", { recorder: rec });
    expect(r.diagnostics.map((d) => [d.code, d.line])).toEqual([["c.undeclared", 1]]);
    expect([r.steps, rec.steps.length, r.end]).toEqual([0, 0, undefined]);
  });

  it("stops at a memory fault as a crash, on the line that made it", async () => {
    const r = await runC("#include <stdio.h>\nint main(void) {\n    int *p = NULL;\n    printf(\"x\\n\");\n    return *p;\n}\n");
    expect(r.stdout).toBe("x\n");
    expect(r.exitStatus).toBe(139);
    expect(r.end).toMatchObject({ kind: "fault", line: 5, fault: { problem: "null", access: "read" } });
  });

  it("stops at a division by zero", async () => {
    const r = await runC("int main(void) {\n    int z = 0;\n    return 5 % z;\n}\n");
    expect([r.exitStatus, r.end]).toEqual([136, { kind: "abort", reason: "divide-by-zero", line: 3 }]);
  });

  it("stops a run that goes on too long at the step limit", async () => {
    const r = await runC("int main(void) {\n    int n = 0;\n    while (1)\n        n++;\n}\n", { maxSteps: 50 });
    expect(r.end).toEqual({ kind: "limit", limit: "steps", line: 3 });
    expect(r.steps).toBe(51);
  });

  it("stops a run that prints too much at the output limit, with what fitted", async () => {
    const r = await runC("#include <stdio.h>\nint main(void) {\n    for (;;)\n        printf(\"abc\");\n}\n", { maxOutputBytes: 10 });
    expect([r.stdout, r.end]).toEqual(["abcabcabca", { kind: "limit", limit: "output", line: 4 }]);
  });

  it("ends a runaway recursion without failing itself, at memsim's depth limit or the stack's", async () => {
    const r = await runC("int down(int n) {\n    return down(n + 1) + 1;\n}\nint main(void) {\n    return down(0);\n}\n");
    const end = r.end!;
    expect(end.kind === "limit" ? end.limit : end.kind === "fault" ? end.fault.problem : end.kind).toMatch(/^(memory|stack-overflow)$/);
    expect(r.exitStatus).toBeGreaterThan(128);
  });

  it("prints a failed assert as glibc does, to stderr, and aborts", async () => {
    const r = await runC("#include <assert.h>\nint main(void) {\n    int n = 2;\n    assert(n > 2 && \"big\");\n    return 0;\n}\n", { fileName: "t.c" });
    expect([r.stderr, r.exitStatus]).toEqual(["t.c: t.c:4: main: Assertion `n > 2 && \"big\"' failed.\n", 134]);
  });
});

describe("memory a program maps on the host", () => {
  it("is limited: allocating without end stops with the memory limit, not the host's memory", async () => {
    const hog = "#include <stdlib.h>\nint main(void) {\n    for (;;) {\n        char *p = malloc(1 << 24);\n        p[0] = 1;\n    }\n}\n";
    const run = await runC(hog, { maxMemoryBytes: 64 * 1024 * 1024, timeLimitMs: 30_000 });
    expect(run.end).toMatchObject({ kind: "limit", limit: "memory", line: 4 });
    const small = await runC(hog.replace("1 << 24", "16"), { maxSteps: 2_000 });
    expect(small.end).toMatchObject({ kind: "limit", limit: "steps" });
  });
});
