/** Programs that already follow the practices get no advice. */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { adviceFor } from "./support.js";

const dir = join(import.meta.dirname, "..", "fixtures", "advisor", "clean");
const names = readdirSync(dir).filter((f) => f.endsWith(".py")).sort();

describe("clean programs", () => {
  it("are at least 30", () => expect(names.length).toBeGreaterThanOrEqual(30));

  for (const name of names) {
    it(`${name} runs and gets no advice`, async () => {
      const { trace, findings } = await adviceFor(readFileSync(join(dir, name), "utf8"));
      expect(trace.outcome.status).toBe("finished");
      expect(findings.map((f) => `${f.ruleId}/${f.kind} line ${f.lines.join(",")}`)).toEqual([]);
    });
  }
});
