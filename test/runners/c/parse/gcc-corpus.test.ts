/**
 * The front end's verdict against gcc's own on the same programs: every wrong program fails
 * in both, with the first error on the same line; every right program passes in both.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseC } from "../../../../src/runners/c/parse/index.js";
import { RIGHT, WRONG } from "./corpus.js";

const GCC = "/usr/bin/gcc";
const run = promisify(execFile);

interface GccVerdict {
  ok: boolean;
  /** the first error's line, or "link" when only the linker refused */
  firstError?: number | "link";
}

const verdicts = new Map<string, GccVerdict>();
let dir = "";

async function gcc(name: string, source: string): Promise<GccVerdict> {
  const file = join(dir, `${name}.c`);
  writeFileSync(file, source);
  try {
    await run(GCC, ["-std=c11", "-O0", "-Wall", "-o", join(dir, name), file]);
    return { ok: true };
  } catch (error) {
    const stderr = String((error as { stderr?: string }).stderr ?? "");
    const m = new RegExp(`${name}\\.c:(\\d+):\\d+: (?:fatal )?error`).exec(stderr);
    return { ok: false, firstError: m ? Number(m[1]) : "link" };
  }
}

beforeAll(async () => {
  // fail, never skip, without gcc: these figures are the point of the test
  expect(existsSync(GCC), `${GCC} is needed to compare against gcc`).toBe(true);
  dir = mkdtempSync(join(tmpdir(), "memsim-cfront-"));
  const all = [...Object.entries(WRONG).map(([n, s]) => [`wrong_${n}`, s] as const), ...Object.entries(RIGHT).map(([n, s]) => [`right_${n}`, s] as const)];
  // two compilers at a time: the machine has two cores
  const queue = [...all];
  await Promise.all(
    [0, 1].map(async () => {
      for (let next = queue.shift(); next; next = queue.shift()) verdicts.set(next[0], await gcc(next[0], next[1]));
    }),
  );
}, 60_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("wrong programs: memsim and gcc both refuse them", () => {
  it("has a corpus of at least 40", () => expect(Object.keys(WRONG).length).toBeGreaterThanOrEqual(40));
  for (const [name, source] of Object.entries(WRONG)) {
    it(name, async () => {
      const expected = verdicts.get(`wrong_${name}`)!;
      expect(expected.ok, "gcc accepts this program: it does not belong in the wrong corpus").toBe(false);
      const { diagnostics } = await parseC(source);
      const first = diagnostics.find((d) => d.severity === "error");
      expect(first, JSON.stringify(diagnostics)).toBeDefined();
      if (expected.firstError === "link") {
        expect(first!.code).toBe("c.undefinedFunction");
      } else {
        expect(first!.line, JSON.stringify(diagnostics)).toBe(expected.firstError);
      }
    });
  }
});

describe("right programs: memsim and gcc both accept them", () => {
  it("has a corpus of at least 40", () => expect(Object.keys(RIGHT).length).toBeGreaterThanOrEqual(40));
  for (const [name, source] of Object.entries(RIGHT)) {
    it(name, async () => {
      expect(verdicts.get(`right_${name}`)!.ok, "gcc refuses this program").toBe(true);
      const { diagnostics } = await parseC(source);
      expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    });
  }
});
