/**
 * The full account `memsim run` prints, in English and Chinese, for the programs under
 * test/golden/text/programs/, compared line by line with the files beside them.
 * `MEMSIM_UPDATE_GOLDEN=1 npx vitest run test/cli/golden-text.test.ts` rewrites them: read the
 * new text (both languages) as a beginner would before committing it.
 * A program's options (one a line, such as `--stdin`) go in a `NAME.args` file next to it.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main, type Io } from "../../src/cli/main.js";
import { lineDiff } from "./diff.js";

const root = join(import.meta.dirname, "..", "..");
const dir = join(root, "test", "golden", "text");
const programs = join(dir, "programs");
const update = process.env.MEMSIM_UPDATE_GOLDEN === "1";

async function account(name: string, locale: string): Promise<string> {
  const path = join(programs, `${name}.py`);
  const argsFile = join(programs, `${name}.args`);
  const extra = existsSync(argsFile) ? readFileSync(argsFile, "utf8").split("\n").filter((l) => l.length > 0) : [];
  let stdout = "";
  const io: Io = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stdout += t),
    readStdin: () => "",
    env: { LANG: "C" },
  };
  await main(["run", path, "--locale", locale, ...extra], io);
  // the header names the file: as a path inside the repository, the same on every machine
  return stdout.split(path).join(`programs/${name}.py`);
}

const names = readdirSync(programs)
  .filter((f) => f.endsWith(".py"))
  .map((f) => f.slice(0, -3))
  .sort();

describe("the account memsim run prints", () => {
  it("has programs to check", () => {
    expect(names.length).toBeGreaterThan(10);
  });

  for (const name of names) {
    for (const locale of ["en", "zh-CN"]) {
      it(`${name} (${locale})`, async () => {
        const actual = await account(name, locale);
        const file = join(dir, `${name}.${locale}.txt`);
        if (update || !existsSync(file)) {
          writeFileSync(file, actual);
          if (!update) throw new Error(`${file} did not exist: written now, read it and run again`);
          return;
        }
        const expected = readFileSync(file, "utf8");
        if (actual !== expected) {
          expect.fail(`${name}.${locale}.txt differs (- golden, + now):\n${lineDiff(expected, actual)}\nRewrite with MEMSIM_UPDATE_GOLDEN=1 once the new text reads right.`);
        }
      });
    }
  }
});
