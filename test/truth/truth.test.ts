/**
 * The truth test: every program runs in the machine's own CPython (recorder.py) and under
 * memsim; at every aligned step the names, the objects they refer to (type, length,
 * value, size, sharing, identity between steps), the output and the exception must agree.
 *
 * known.json lists the programs that disagree today, each with its first disagreement:
 * such a program must still disagree in exactly that way (a fix makes this test fail
 * until the program leaves the list), and every other program must agree fully.
 */
import { execFile } from "node:child_process";
import { appendFileSync, existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { trace } from "../helpers.js";
import { compareRuns, describe as describeDisagreement, type Comparison } from "./compare.js";
import { memsimFacts, parseNative, type NativeRun } from "./facts.js";

const root = join(import.meta.dirname, "..", "..");
const here = import.meta.dirname;
const programs = [
  ...readdirSync(join(root, "assets", "examples")).filter((f) => f.endsWith(".py")).sort().map((f) => join(root, "assets", "examples", f)),
  ...readdirSync(join(here, "programs")).filter((f) => f.endsWith(".py")).sort().map((f) => join(here, "programs", f)),
];
const known = JSON.parse(readFileSync(join(here, "known.json"), "utf8")) as Record<string, { first: string; cause: string }>;

/** The native Python: MEMSIM_TRUTH_PYTHON, else Debian's, else whatever python3 is on PATH. */
function nativePython(): string {
  return process.env.MEMSIM_TRUTH_PYTHON ?? (existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3");
}

/** The same depth limit native CPython has (memsim's lower default is a teaching choice). */
const MAX_DEPTH = 1000;

const native = new Map<string, NativeRun>();

beforeAll(async () => {
  // one process for all programs: Python's start-up is paid once
  const { stdout } = await promisify(execFile)(nativePython(), [join(here, "recorder.py"), ...programs], {
    env: { ...process.env, PYTHONHASHSEED: "0" },
    maxBuffer: 1 << 30,
  });
  for (const line of stdout.split("\n")) {
    if (!line) continue;
    const run = parseNative(line);
    native.set(run.file, run);
  }
}, 120_000);

function report(name: string, c: Comparison): string {
  const head = `${name}: ${c.disagreements.length} disagreement(s); ${c.aligned} aligned steps of ` +
    `${c.nativeSteps} native and ${c.memsimSteps} memsim (${c.tolerated} tolerated); compared ${c.namesCompared} ` +
    `names, ${c.identityChecks} identities, ${c.sharedNames} shared names, ${c.sizesCompared} sizes`;
  const lines = c.disagreements.slice(0, 12).map((d) => `  step ${d.step}: ${describeDisagreement(d)}`);
  return [head, ...lines].join("\n");
}

describe("memsim agrees with native CPython", () => {
  it("lists only programs of the corpus in known.json, each with a cause", () => {
    const names = new Set(programs.map((p) => relative(root, p)));
    for (const [name, entry] of Object.entries(known)) {
      expect(names.has(name), name).toBe(true);
      expect(entry.cause.length, name).toBeGreaterThan(10);
    }
  });

  for (const path of programs) {
    const name = relative(root, path);
    it(name, async () => {
      const run = native.get(path);
      expect(run, `the recorder gave nothing for ${name}`).toBeDefined();
      const t = await trace(readFileSync(path, "utf8"), { maxDepth: MAX_DEPTH });
      const c = compareRuns(run!, memsimFacts(t));
      const entry = known[name];
      if (entry) {
        const first = c.disagreements[0];
        expect(first ? describeDisagreement(first) : "(agrees fully: remove it from known.json)", report(name, c)).toBe(entry.first);
      } else {
        expect(c.disagreements.length, report(name, c)).toBe(0);
      }
      // MEMSIM_TRUTH_REPORT=FILE collects every program's figures, to read the corpus at once
      if (process.env.MEMSIM_TRUTH_REPORT) appendFileSync(process.env.MEMSIM_TRUTH_REPORT, report(name, c) + "\n");
    });
  }
});
