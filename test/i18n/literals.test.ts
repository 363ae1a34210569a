/**
 * No learner-facing sentence is built outside the message catalog: the parts that talk to
 * learners hold no string literal that reads as words (two or more words of letters).
 * Exempt: errors for developers (`new …Error(…)`), font and CSS-like specs, lines
 * marked with an `operator-facing` comment (logs and start-up messages for whoever runs
 * memsim, not for learners), and lines marked `Python's own words` (a traceback's lines, which
 * Python writes alike in every locale).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..", "..");
/** Folders whose output reaches learners. */
const LEARNER_FACING = ["src/explain", "src/cli", "src/render", "src/advisor", "src/sandbox", "src/frontends/jupyter/handler", "src/quiz/questions"];

function files(dir: string): string[] {
  let out: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of names) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out = out.concat(files(path));
    else if (name.endsWith(".ts")) out.push(path);
  }
  return out;
}

/** String literals of a TypeScript file, comments removed first. */
function literals(text: string): { line: number; value: string }[] {
  const out: { line: number; value: string }[] = [];
  const code = text.replace(/\/\*[\s\S]*?\*\//g, (m) => m.replace(/[^\n]/g, " ")).replace(/(^|[^:"'`])\/\/.*$/gm, "$1");
  const re = /"((?:[^"\\\n]|\\.)*)"|'((?:[^'\\\n]|\\.)*)'|`((?:[^`\\]|\\.)*)`/g;
  for (let m = re.exec(code); m; m = re.exec(code)) {
    const value = m[1] ?? m[2] ?? m[3] ?? "";
    out.push({ line: code.slice(0, m.index).split("\n").length, value });
  }
  return out;
}

const WORDS = /\b[A-Za-z]{2,}[,;:.!?']?\s+[A-Za-z]{2,}\b/;
const HAN = /\p{Script=Han}/u;

describe("learner-facing text", () => {
  it("comes only from the message catalog", () => {
    const offenders: string[] = [];
    for (const dir of LEARNER_FACING) {
      for (const file of files(join(root, dir))) {
        const text = readFileSync(file, "utf8");
        const lines = text.split("\n");
        for (const { line, value } of literals(text)) {
          const here = lines[line - 1] ?? "";
          const above = lines[line - 2] ?? "";
          if (/operator-facing|Python's own words/.test(here) || /operator-facing|Python's own words/.test(above)) continue;
          if (/new [A-Za-z]*Error\(/.test(here) || /new [A-Za-z]*Error\($/.test(above.trim())) continue;
          const plain = value.replace(/\$\{[^}]*\}/g, " ");
          if (WORDS.test(plain) || HAN.test(plain)) offenders.push(`${relative(root, file)}:${line}: ${value}`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });
});
