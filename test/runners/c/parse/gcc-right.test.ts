/** Right programs of the subset: gcc builds each one and memsim's front end finds no error. */
import { beforeAll, describe, expect, it } from "vitest";
import { parseC } from "../../../../src/runners/c/parse/index.js";
import { RIGHT } from "./corpus.js";
import { gccVerdicts, type GccVerdict } from "./gcc.js";

let verdicts = new Map<string, GccVerdict>();
beforeAll(async () => {
  verdicts = await gccVerdicts(RIGHT);
}, 60_000);

describe("right programs", () => {
  it("are at least 40", () => expect(Object.keys(RIGHT).length).toBeGreaterThanOrEqual(40));
  for (const [name, source] of Object.entries(RIGHT)) {
    it(name, async () => {
      expect(verdicts.get(name), "gcc refuses this program").toEqual({ ok: true });
      const { diagnostics } = await parseC(source);
      expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    });
  }
});
