/** The daily question as people see it: the post, the private answer with its diagram, the closed post, the leaderboard and a record. */
import { describe, expect, it } from "vitest";
import { canvasDrawer, noAdvisor, spanText, type Reply } from "../../src/chat/index.js";
import type { ViewContext } from "../../src/chat/context.js";
import { answerReply, closedReply, leaderboardReply, questionReply, recordReply } from "../../src/chat/views/quiz.js";
import { toPayload } from "../../src/frontends/discord/translate.js";
import { toMessage } from "../../src/frontends/slack/blocks.js";
import { translator, type Locale } from "../../src/i18n/index.js";
import { QUESTION_KINDS, type QuizQuestion } from "../../src/quiz/questions/index.js";
import { trace } from "../helpers.js";

const simulate = (program: string) => trace(program);

function text(r: Reply): string {
  return r.blocks.map((b) => (b.kind === "code" ? b.code : b.kind === "bullets" ? b.items.map(spanText).join("\n") : spanText(b.spans))).join("\n");
}

function ctx(locale: Locale): ViewContext {
  return { locale, tr: translator(locale), services: { drawer: canvasDrawer(), advisor: noAdvisor }, rewriteBudget: () => ({ ms: 0 }) as never };
}

async function question(kind: string): Promise<QuizQuestion> {
  const generator = QUESTION_KINDS.find((g) => g.kind === kind)!;
  return generator.generate(11, 2, simulate);
}

describe("the quiz's replies", () => {
  it("post the program, the question and a lettered button per choice, in both languages", async () => {
    const q = await question("identity");
    for (const locale of ["en", "zh-CN"] as const) {
      const r = questionReply(translator(locale), q, (choice) => `answer-${choice}`);
      expect(r.private).toBeFalsy();
      expect(text(r)).toContain(q.program.trim());
      expect(r.buttons).toEqual([q.choices.map((c, i) => ({ id: `answer-${c.id}`, label: "ABCDE"[i], style: "secondary" }))]);
      for (const c of q.choices) expect(text(r)).toContain(c.text);
      if (locale === "zh-CN") expect(text(r)).toMatch(/每日内存问题/);
      // it fits a Discord message and a Slack one as it is
      expect(toPayload(r).content.length).toBeLessThanOrEqual(2000);
      expect(toMessage(r).uploads).toEqual([]);
    }
  });

  it("answers privately: right, or why not and the right one, with the diagram of the deciding step", async () => {
    const q = await question("copies");
    const t = await simulate(q.program);
    const right = q.choices.find((c) => c.correct)!;
    const wrong = q.choices.find((c) => !c.correct)!;
    const yes = await answerReply(ctx("en"), q, right.id, t);
    expect(yes.private).toBe(true);
    expect(text(yes)).toMatch(/^Right!/);
    expect(yes.images[0]!.data.subarray(1, 4).toString("latin1")).toBe("PNG");
    expect(yes.images[0]!.alt).toMatch(/^Memory diagram at step \d+ of \d+/);
    const no = await answerReply(ctx("en"), q, wrong.id, t);
    expect(text(no)).toMatch(/^Not quite\./);
    expect(text(no)).toContain(translator("en").t(wrong.why!.key, wrong.why!.params ?? {}).replace(/`/g, ""));
    expect(text(no)).toContain(`The answer is`);
    // the answer comes right after the choice made, before why that choice is not it
    expect(text(no).indexOf("The answer is")).toBeLessThan(text(no).indexOf(translator("en").t(wrong.why!.key, wrong.why!.params ?? {}).replace(/`/g, "")));
    expect(text(no)).toContain(right.text);
    expect(text(await answerReply(ctx("zh-CN"), q, wrong.id, t))).toMatch(/不太对/);
  });

  it("closes with the answer, how many chose each choice and why, and no buttons", async () => {
    const q = await question("sizes");
    const [a, b] = q.choices;
    const r = closedReply(translator("en"), q, [
      { choice: a!.id, count: 3 },
      { choice: b!.id, count: 1 },
    ]);
    expect(r.buttons).toEqual([]);
    expect(text(r)).toContain("The question has closed");
    expect(text(r)).toContain("3 answers (75%)");
    expect(text(r)).toContain("1 answer (25%)");
    expect(text(r)).toContain("4 people answered.");
    expect(text(r)).toContain(q.choices.find((c) => c.correct)!.text);
  });

  it("dates a leaderboard by one day on the period's first day, and by a range after it", () => {
    const rows = [{ user: "U1", rank: 1, points: 2, correct: 1, answered: 1 }];
    for (const locale of ["en", "zh-CN"] as const) {
      const tr = translator(locale);
      const first = text(leaderboardReply(tr, { period: "week", from: "2026-12-07", to: "2026-12-07", rows }, "U1"));
      expect(first).toContain(tr.t("quiz.board.day", { day: "2026-12-07" }));
      expect(first).not.toContain(tr.t("quiz.board.days", { from: "2026-12-07", to: "2026-12-07" }));
      const later = text(leaderboardReply(tr, { period: "week", from: "2026-12-07", to: "2026-12-09", rows }, "U1"));
      expect(later).toContain(tr.t("quiz.board.days", { from: "2026-12-07", to: "2026-12-09" }));
    }
  });

  it("tells a record with no streak how to start one, instead of counting zero days", () => {
    const tr = translator("en");
    const none = text(recordReply(tr, { points: 0, answered: 1, correct: 0, currentStreak: 0, bestStreak: 0 }));
    expect(none).toContain("No streak yet");
    expect(none).not.toContain("0 days");
    const some = text(recordReply(tr, { points: 3, answered: 2, correct: 2, currentStreak: 1, bestStreak: 2 }));
    expect(some).toContain("Streak: 1 day in a row right now, 2 days at best");
  });
});
