/**
 * The C examples of assets/examples/ as the CLI traces them, against gcc's build (-O0) run on
 * x86-64: the same stdout and exit status, and a Trace that checks and rebuilds at its last step.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { stateAt } from "../../../src/core/state.js";
import { checkTrace } from "../../../src/core/trace-check.js";
import { traceC } from "../../../src/runners/c/run.js";
import { runNative } from "./interp/native.js";

const dir = join(import.meta.dirname, "..", "..", "..", "assets", "examples");
const examples = readdirSync(dir).filter((f) => f.endsWith(".c")).sort();

describe("the C examples", () => {
  it("cover each idea: recursion, arrays and pointers, malloc/free, a linked list, a string copy, struct padding", () => {
    expect(examples).toEqual(["c_arrays_pointers.c", "c_linked_list.c", "c_malloc_free.c", "c_recursion.c", "c_string_copy.c", "c_struct_padding.c"]);
  });

  it("print and end as gcc's builds do", async () => {
    const native = await runNative(examples.map((f) => join(dir, f)));
    for (const name of examples) {
      const trace = checkTrace(await traceC(readFileSync(join(dir, name), "utf8"), { maxSteps: 100_000 }));
      const gcc = native.get(name.replace(/\.c$/, ""))!;
      expect({ name, stdout: trace.stdout, outcome: trace.outcome }).toEqual({ name, stdout: gcc.stdout, outcome: { status: "finished", exitStatus: gcc.status } });
      stateAt(trace, trace.steps.length - 1);
    }
  }, 60_000);
});
