/** The example programs the lead ships get the advice their practice is about, and no other. */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatAdviceBlock } from "../../src/advisor/index.js";
import { translator } from "../../src/i18n/index.js";
import { adviceFor } from "./support.js";

const dir = join(import.meta.dirname, "..", "..", "assets", "examples");
const names = readdirSync(dir).filter((f) => f.endsWith(".py")).sort();

/** What each example should get; examples not listed here are only checked to advise cleanly. */
const EXPECTED: Record<string, string[]> = {
  "aliasing.py": [],
  "big_list.py": [],
  "call_frames.py": [],
  "classes.py": [],
  "dicts.py": [],
  "generators.py": ["use-stdlib/sum"],
  "indexing.py": ["range-len/item"],
  "libraries.py": ["use-stdlib/count"],
  "mutable_default.py": ["memory-trap/default"],
  "recursion.py": [],
  "refcount.py": [],
  "slicing.py": ["slice-copy/once"],
  "small_ints.py": [],
  "string_building.py": ["string-concat-loop/loop"],
};

describe("advice on the examples", () => {
  for (const name of names) {
    it(name, async () => {
      const { findings } = await adviceFor(readFileSync(join(dir, name), "utf8"));
      const got = findings.map((f) => `${f.ruleId}/${f.kind}`);
      if (EXPECTED[name]) expect(got).toEqual(EXPECTED[name]);
      for (const locale of ["en", "zh-CN"] as const) expect(formatAdviceBlock(findings, translator(locale))).not.toMatch(/undefined|NaN|\{|\}/);
    });
  }
});
