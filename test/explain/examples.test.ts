/** Every example runs and is explained, in both languages, with no gaps. */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatAccount } from "../../src/cli/run.js";
import { explainRun } from "../../src/explain/index.js";
import { translator } from "../../src/i18n/index.js";
import { trace } from "../helpers.js";

const dir = join(import.meta.dirname, "..", "..", "assets", "examples");
const names = readdirSync(dir).filter((f) => f.endsWith(".py")).sort();

describe("the examples", () => {
  it("are at least 12", () => expect(names.length).toBeGreaterThanOrEqual(12));

  for (const name of names) {
    it(`${name} runs and every step with an event is explained`, async () => {
      const t = await trace(readFileSync(join(dir, name), "utf8"));
      expect(t.outcome.status).toBe("finished");
      for (const locale of ["en", "zh-CN"] as const) {
        const steps = explainRun(t, translator(locale));
        steps.forEach((s, i) => {
          const meaningful = t.steps[i]!.events.filter((e) => e.kind !== "rebind" || e.to !== undefined || e.from !== undefined);
          if (meaningful.length > 0) expect(s.sentences.length, `${name} step ${i + 1}`).toBeGreaterThan(0);
          for (const sentence of s.sentences) expect(sentence).not.toMatch(/undefined|NaN|\{|\}/);
        });
        expect(formatAccount(t, name, translator(locale))).toContain(locale === "en" ? "Summary:" : "小结：");
      }
    });
  }
});
