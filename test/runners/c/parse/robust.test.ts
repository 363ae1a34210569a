/** Broken programs are values, never crashes: every cut and every damaged copy of the corpus still parses into diagnostics. */
import { expect, it } from "vitest";
import { parseC } from "../../../../src/runners/c/parse/index.js";
import { RIGHT, WRONG } from "./corpus.js";

/** A small fixed-seed generator, so a failure repeats. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

it("reads damaged programs without throwing", async () => {
  const next = random(18);
  const sources = [...Object.values(RIGHT), ...Object.values(WRONG)];
  const pieces = ["(", ")", "{", "}", ";", "*", "&", "[", "]", ",", "=", "int", "T", "->", ".", "\"", "'", "#define X(", "sizeof", "struct", "0x", "?", ":"];
  let checked = 0;
  for (const source of sources) {
    for (let k = 0; k < 6; k++) {
      const at = Math.floor(next() * source.length);
      const damaged =
        k === 0 ? source.slice(0, at) : k % 2 === 1 ? source.slice(0, at) + source.slice(at + 1 + Math.floor(next() * 5)) : source.slice(0, at) + pieces[Math.floor(next() * pieces.length)] + source.slice(at);
      const result = await parseC(damaged).catch((error: unknown) => {
        throw new Error(`parseC threw on:\n${damaged}\n${String(error)}`);
      });
      expect(Array.isArray(result.diagnostics)).toBe(true);
      checked++;
    }
  }
  expect(checked).toBeGreaterThan(600);
}, 30_000);
