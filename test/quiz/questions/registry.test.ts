/** Every question kind is one file in kinds/, registered once, with its programs in assets/quiz/. */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { QUESTION_KINDS, questionKind } from "../../../src/quiz/questions/index.js";

const root = join(import.meta.dirname, "..", "..", "..");
const kindsDir = join(root, "src", "quiz", "questions", "kinds");

describe("the question registry", () => {
  it("registers every generator file, each kind once", async () => {
    const files = readdirSync(kindsDir).filter((f) => f.endsWith(".ts"));
    expect(QUESTION_KINDS.length).toBe(files.length);
    expect(new Set(QUESTION_KINDS.map((g) => g.kind)).size).toBe(QUESTION_KINDS.length);
    for (const file of files) {
      const mod = (await import(join(kindsDir, file))) as Record<string, unknown>;
      const exported = Object.values(mod).filter((v) => typeof v === "object" && v !== null && "generate" in v);
      expect(exported, file).toHaveLength(1);
      expect(QUESTION_KINDS).toContain(exported[0]);
    }
  });

  it("finds each kind's programs in assets/quiz, at every difficulty it offers", () => {
    for (const g of QUESTION_KINDS) {
      const path = join(root, "assets", "quiz", `${g.kind}.json`);
      expect(existsSync(path), path).toBe(true);
      const { templates } = JSON.parse(readFileSync(path, "utf8")) as { templates: { id: string; difficulty: number }[] };
      expect(new Set(templates.map((t) => t.id)).size).toBe(templates.length);
      for (const d of g.difficulties) expect(templates.some((t) => t.difficulty === d), `${g.kind} ${d}`).toBe(true);
      expect(questionKind(g.kind)).toBe(g);
    }
  });
});
