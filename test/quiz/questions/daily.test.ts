/** The day's question for a channel: deterministic, every kind and level in turn, never the same twice in 30 days. */
import { describe, expect, it } from "vitest";
import { dailyPlan, generateDaily, QUESTION_KINDS, QuizError } from "../../../src/quiz/questions/index.js";
import { simulate } from "./support.js";

/** `n` consecutive dates from `start`, as YYYY-MM-DD. */
function days(start: string, n: number): string[] {
  const t0 = Date.parse(`${start}T00:00:00Z`);
  return Array.from({ length: n }, (_, i) => new Date(t0 + i * 86_400_000).toISOString().slice(0, 10));
}

describe("generateDaily", () => {
  it("asks 30 different questions over 30 days, of every kind and difficulty", async () => {
    const month = days("2026-12-20", 30); // across a year's end
    const questions = [];
    for (const date of month) questions.push(await generateDaily(date, "guild-1/channel-7", simulate));
    expect(new Set(questions.map((q) => q.id)).size).toBe(30);
    expect(new Set(questions.map((q) => q.program)).size).toBe(30);
    expect(new Set(questions.map((q) => q.kind))).toEqual(new Set(QUESTION_KINDS.map((g) => g.kind)));
    expect(new Set(questions.map((q) => q.difficulty))).toEqual(new Set([1, 2, 3]));
    // no kind twice in a row
    for (let i = 1; i < questions.length; i++) expect(questions[i]!.kind).not.toBe(questions[i - 1]!.kind);
    // C comes some days, never two running, and each question is in its kind's language
    const c = questions.map((q) => q.language === "c");
    expect(c.filter(Boolean).length).toBe(9);
    for (let i = 1; i < c.length; i++) expect(c[i] && c[i - 1]).toBe(false);
    for (const q of questions) expect(q.language).toBe(QUESTION_KINDS.find((g) => g.kind === q.kind)!.language);
    expect(questions.filter((q) => q.language === "c").every((q) => q.program.includes("int main(void)"))).toBe(true);
  });

  it("repeats no question within 30 days for other channels either", async () => {
    for (const channel of ["c-2", "c-3", "c-4", "c-5", "c-6", "c-7"]) {
      const ids = [];
      for (const date of days("2027-06-01", 30)) ids.push((await generateDaily(date, channel, simulate)).id);
      expect(new Set(ids).size, channel).toBe(30);
    }
  });

  it("gives the same question for the same day and channel, and another channel its own", async () => {
    const a = await generateDaily("2027-03-14", "server-a", simulate);
    const again = await generateDaily("2027-03-14", "server-a", simulate);
    expect(again).toEqual(a);
    const plans = ["server-b", "server-c", "server-d"].map((c) => dailyPlan("2027-03-14", c));
    expect(plans.some((p) => p.seed !== dailyPlan("2027-03-14", "server-a").seed)).toBe(true);
    const b = await generateDaily("2027-03-14", "server-b", simulate);
    expect(b.id).not.toBe(a.id);
  });

  it("refuses a date that is not a calendar date", async () => {
    for (const bad of ["2026-02-30", "2026-2-3", "tomorrow", ""]) {
      expect(() => dailyPlan(bad, "c")).toThrow(QuizError);
      await expect(generateDaily(bad, "c", simulate)).rejects.toThrow(QuizError);
    }
  });
});
