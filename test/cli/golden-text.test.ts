/**
 * The full account `memsim run` prints (as `formatAccount` writes it from the Trace that
 * `memsim run --json` prints), in English and Chinese, for the programs under
 * test/golden/text/programs/ and every example under assets/examples/ (kept in
 * test/golden/text/examples/), compared line by line with the files beside them.
 * `MEMSIM_UPDATE_GOLDEN=1 npx vitest run test/cli/golden-text.test.ts` rewrites them: read the
 * new text (both languages) as a beginner would before committing it.
 * A program's options (one a line, such as `--stdin`) go in a `NAME.args` file next to it;
 * `--all-steps` there keeps every step of a long run in its account.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main, type Io } from "../../src/cli/main.js";
import { formatAccount } from "../../src/cli/run.js";
import { Trace } from "../../src/core/index.js";
import { translator } from "../../src/i18n/index.js";
import { lineDiff } from "./diff.js";

const root = join(import.meta.dirname, "..", "..");
const dir = join(root, "test", "golden", "text");
const programs = join(dir, "programs");
const examples = join(root, "assets", "examples");
const update = process.env.MEMSIM_UPDATE_GOLDEN === "1";

function argsOf(name: string, folder: string): string[] {
  const argsFile = join(folder, `${name}.args`);
  return existsSync(argsFile) ? readFileSync(argsFile, "utf8").split("\n").filter((l) => l.length > 0) : [];
}

/** The Trace of one run of the program, as `memsim run --json` prints it, with its options. */
async function traceOf(name: string, folder = programs): Promise<Trace> {
  const path = join(folder, `${name}.py`);
  const extra = argsOf(name, folder);
  let stdout = "";
  const io: Io = {
    stdout: (t) => void (stdout += t),
    stderr: () => undefined,
    readStdin: () => "",
    env: { LANG: "C" },
  };
  await main(["run", path, "--json", ...extra], io);
  return Trace.parse(JSON.parse(stdout));
}

function check(name: string, locale: string, actual: string, into = dir): void {
  const file = join(into, `${name}.${locale}.txt`);
  if (update || !existsSync(file)) {
    writeFileSync(file, actual);
    if (!update) throw new Error(`${file} did not exist: written now, read it and run again`);
    return;
  }
  const expected = readFileSync(file, "utf8");
  // Where a str grows, its block may have room after it or not: that depends on the memory
  // layout, which depends on where memsim is installed. Both are what CPython does; a program
  // whose account shows it has the other way's text beside its golden (NAME.LOCALE.layout.txt).
  const other = join(into, `${name}.${locale}.layout.txt`);
  if (actual !== expected && existsSync(other) && actual === readFileSync(other, "utf8")) return;
  if (actual !== expected) {
    expect.fail(`${name}.${locale}.txt differs (- golden, + now):\n${lineDiff(expected, actual)}\nRewrite with MEMSIM_UPDATE_GOLDEN=1 once the new text reads right.`);
  }
}

const pythonIn = (folder: string): string[] =>
  readdirSync(folder)
    .filter((f) => f.endsWith(".py"))
    .map((f) => f.slice(0, -3))
    .sort();
const names = pythonIn(programs);

describe("the account memsim run prints", () => {
  it("has programs to check", () => {
    expect(names.length).toBeGreaterThan(10);
  });

  for (const name of names) {
    // one run told in both languages: the two accounts are of the same steps
    it(name, async () => {
      const trace = await traceOf(name);
      const allSteps = argsOf(name, programs).includes("--all-steps");
      for (const locale of ["en", "zh-CN"] as const) check(name, locale, formatAccount(trace, `programs/${name}.py`, translator(locale), { allSteps }));
    });
  }

  describe("every example", () => {
    const kept = join(dir, "examples");
    for (const name of pythonIn(examples)) {
      it(name, async () => {
        const trace = await traceOf(name, examples);
        for (const locale of ["en", "zh-CN"] as const) check(name, locale, formatAccount(trace, `assets/examples/${name}.py`, translator(locale)), kept);
      });
    }
  });
});
