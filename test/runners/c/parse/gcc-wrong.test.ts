/** Wrong programs: memsim's front end and gcc both refuse each one, the first error on the same line. */
import { beforeAll, describe, expect, it } from "vitest";
import { parseC } from "../../../../src/runners/c/parse/index.js";
import { WRONG } from "./corpus.js";
import { gccVerdicts, type GccVerdict } from "./gcc.js";

/** Where memsim's caret and gcc's differ on the right line: gcc points inside a cast's or sizeof's type or operand, at a member's name after ->, or at the first token of a statement the grammar read differently. */
const COLUMN_DIFFERS = new Set(["castStruct", "sizeofIncomplete", "missingStructSemicolon", "wrongMemberName", "bitFieldSizeof"]);

let verdicts = new Map<string, GccVerdict>();
beforeAll(async () => {
  verdicts = await gccVerdicts(WRONG);
}, 60_000);

describe("wrong programs", () => {
  it("are at least 40", () => expect(Object.keys(WRONG).length).toBeGreaterThanOrEqual(40));
  for (const [name, source] of Object.entries(WRONG)) {
    it(name, async () => {
      const expected = verdicts.get(name)!;
      expect(expected.ok, "gcc accepts this program: it does not belong here").toBe(false);
      const { diagnostics } = await parseC(source);
      const first = diagnostics.find((d) => d.severity === "error");
      expect(first, JSON.stringify(diagnostics)).toBeDefined();
      if (expected.firstError === "link") expect(first!.code).toBe("c.undefinedFunction");
      else {
        expect(first!.line, JSON.stringify(diagnostics)).toBe(expected.firstError);
        if (!COLUMN_DIFFERS.has(name)) expect(first!.column, "gcc's column").toBe(expected.column);
      }
    });
  }
});
