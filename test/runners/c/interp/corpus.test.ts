/** Every program of the corpus prints what gcc's build prints and ends with the same status. */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runC, type CRunResult } from "../../../../src/runners/c/interp/index.js";
import { runNative, type NativeRun } from "./native.js";

const DIR = join(import.meta.dirname, "..", "programs");
const FILES = readdirSync(DIR).filter((f) => f.endsWith(".c")).sort();
const native = new Map<string, NativeRun>();
const ours = new Map<string, CRunResult | Error>();

beforeAll(async () => {
  const built = runNative(FILES.map((f) => join(DIR, f)));
  for (const f of FILES) {
    const input = join(DIR, f.replace(/\.c$/, ".stdin"));
    const source = readFileSync(join(DIR, f), "utf8");
    const stdin = existsSync(input) ? readFileSync(input, "utf8") : "";
    // memsim's own failure on one program is that program's failure, not the whole file's
    ours.set(f.replace(/\.c$/, ""), await runC(source, { stdin, maxSteps: 1_000_000, fileName: f }).catch((e: Error) => e));
  }
  for (const [k, v] of await built) native.set(k, v);
}, 120_000);

describe("the C corpus against gcc -O0", () => {
  it("has at least 60 programs", () => {
    expect(FILES.length).toBeGreaterThanOrEqual(60);
  });
  for (const f of FILES) {
    const name = f.replace(/\.c$/, "");
    it(name, () => {
      const r = ours.get(name)!;
      if (r instanceof Error) throw r;
      expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
      const n = native.get(name)!;
      expect({ stdout: r.stdout, status: r.exitStatus }).toEqual({ stdout: n.stdout, status: n.status });
    });
  }
});
