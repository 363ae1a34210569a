/**
 * The tracer keeps its attributes in slots (memsim_tracer/tracer.py): one set anywhere without a
 * slot would land in the instance's dict, which CPython's specialised loads cannot use, and every
 * step would be slower without anything failing. This finds such an attribute in the source.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const python = existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
const pkg = fileURLToPath(new URL("../../../src/runners/python/memsim_tracer", import.meta.url));
const script = fileURLToPath(new URL("./slots.py", import.meta.url));

describe("the tracer's slots", () => {
  it("name every attribute the tracer's code sets or reads on the tracer", () => {
    const missing = execFileSync(python, [script, pkg], { encoding: "utf8" }).split("\n").filter(Boolean);
    expect(missing).toEqual([]);
  });
});
