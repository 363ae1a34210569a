/** The example programs the lead ships get the advice their practice is about, and no other. */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatAdviceBlock } from "../../src/advisor/index.js";
import { translator } from "../../src/i18n/index.js";
import { adviceFor } from "./support.js";

const dir = join(import.meta.dirname, "..", "..", "assets", "examples");
const names = readdirSync(dir).filter((f) => f.endsWith(".py")).sort();

/** A catalog placeholder left unfilled: `{name}` or `{n, plural, …}` (a program's own `{}` is fine). */
const PLACEHOLDER = /undefined|NaN|\{[a-zA-Z]+(\}|, ?(plural|select))/;

/** What each example should get; examples not listed here are only checked to advise cleanly.
 * indexing.py and slicing.py get none: their rewrites would save one small object. */
const EXPECTED: Record<string, string[]> = {
  "aliasing.py": [],
  "big_list.py": [],
  "call_frames.py": [],
  "classes.py": [],
  "dicts.py": [],
  "generators.py": ["use-stdlib/sum"],
  "indexing.py": [],
  "libraries.py": ["use-stdlib/count"],
  "mutable_default.py": ["memory-trap/default"],
  "recursion.py": [],
  "refcount.py": [],
  "slicing.py": [],
  "small_ints.py": [],
  "string_building.py": ["string-concat-loop/loop"],
};

describe("advice on the examples", () => {
  for (const name of names) {
    it(name, async () => {
      const { findings } = await adviceFor(readFileSync(join(dir, name), "utf8"));
      const got = findings.map((f) => `${f.ruleId}/${f.kind}`);
      if (EXPECTED[name]) expect(got).toEqual(EXPECTED[name]);
      for (const locale of ["en", "zh-CN"] as const) expect(formatAdviceBlock(findings, translator(locale))).not.toMatch(PLACEHOLDER);
    });
  }
});
