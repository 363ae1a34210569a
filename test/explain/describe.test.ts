/** How objects are named in sentences: each kind once, never "the range range(0, 3)". */
import { describe, expect, it } from "vitest";
import { explainRun } from "../../src/explain/index.js";
import { translator } from "../../src/i18n/index.js";
import { trace } from "../helpers.js";

const en = translator("en");

async function sentences(source: string): Promise<string> {
  return explainRun(await trace(source), en)
    .flatMap((s) => s.sentences)
    .join("\n");
}

describe("naming objects", () => {
  it("does not repeat the type when the value already names it", async () => {
    const text = await sentences("r = range(3)\ntry:\n    int('x')\nexcept ValueError as e:\n    m = 1\n");
    expect(text).toContain("Made a range object on the heap (48 bytes); r now refers to it.");
    expect(text).toContain("Made a ValueError object on the heap");
    expect(text).not.toMatch(/range range|ValueError ValueError/);
  });

  it("still shows a plain value with its type", async () => {
    expect(await sentences("s = 'ab' + str(5)\ns = None\n")).toContain("Freed the str 'ab5' (44 bytes)");
  });
});
