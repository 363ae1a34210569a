/**
 * The daily question as people see it: the post with its program and one button per choice,
 * the private answer to the one who pressed (right or wrong, why, the diagram of the step that
 * decides it), and the post once the question has closed (the answer, how people answered).
 */
import type { Trace } from "../../core/trace.js";
import type { Translator } from "../../i18n/index.js";
import { questionLanguage, type MessageRef, type QuizQuestion } from "../../quiz/questions/index.js";
import type { Leaderboard, LeaderRow, QuizRecord } from "../../quiz/store/index.js";
import type { ViewContext } from "../context.js";
import { reply, type Block, type Reply, type Span } from "../reply.js";
import { codeSpans, stepSentences } from "./run.js";
import { altText } from "./text.js";

/** A choice's letter: A, B, C… (the same in every language, and on its button). */
export function choiceLetter(question: QuizQuestion, choiceId: string): string {
  const i = question.choices.findIndex((c) => c.id === choiceId);
  return String.fromCharCode(65 + Math.max(0, i));
}

function said(tr: Translator, m: MessageRef): Span[] {
  return codeSpans(tr.t(m.key, m.params ?? {}));
}

function choiceLine(question: QuizQuestion, choiceId: string): Span[] {
  const choice = question.choices.find((c) => c.id === choiceId);
  return [{ strong: choiceLetter(question, choiceId) }, "  ", { code: choice?.text ?? choiceId }];
}

/** The tag a program's code fence carries, by its language. */
const FENCE = { python: "py", c: "c" } as const;

/** The question itself: level, program, what is asked, the choices. */
function questionBlocks(tr: Translator, question: QuizQuestion): Block[] {
  return [
    { kind: "title", spans: [tr.t("quiz.post.title", { level: question.difficulty, levels: 3 })] },
    { kind: "code", code: question.program.replace(/\n+$/, ""), language: FENCE[questionLanguage(question)] },
    { kind: "text", spans: said(tr, question.prompt) },
    { kind: "bullets", items: question.choices.map((c) => choiceLine(question, c.id)) },
  ];
}

/** The post: the question, and a button per choice, whose persisted id `answerId` gives. */
export function questionReply(tr: Translator, question: QuizQuestion, answerId: (choiceId: string) => string): Reply {
  const blocks = [...questionBlocks(tr, question), { kind: "note" as const, spans: [tr.t("quiz.post.how")] }];
  const buttons = question.choices.map((c) => ({
    id: answerId(c.id),
    label: choiceLetter(question, c.id),
    style: "secondary" as const,
  }));
  return reply(blocks, { buttons: [buttons] });
}

/** The private answer to one press: right or wrong, why, and the diagram of the deciding step. */
export async function answerReply(ctx: ViewContext, question: QuizQuestion, choiceId: string, trace: Trace): Promise<Reply> {
  const { tr, locale } = ctx;
  const chosen = question.choices.find((c) => c.id === choiceId);
  const right = question.choices.find((c) => c.correct)!;
  const blocks: Block[] = [{ kind: "title", spans: [tr.t(chosen?.correct ? "quiz.answer.right" : "quiz.answer.wrong")] }];
  blocks.push({ kind: "text", spans: [tr.t("quiz.answer.chose"), " ", ...choiceLine(question, choiceId)] });
  if (chosen && !chosen.correct) {
    // the right answer right under the one chosen, then why the chosen one is not it
    blocks.push({ kind: "text", spans: [tr.t("quiz.answer.rightIs"), " ", ...choiceLine(question, right.id)] });
    if (chosen.why) blocks.push({ kind: "text", spans: said(tr, chosen.why) });
  }
  blocks.push({ kind: "text", spans: said(tr, question.explanation) });
  const step = Math.min(Math.max(0, question.decidingStep), Math.max(0, trace.steps.length - 1));
  blocks.push({ kind: "note", spans: [tr.t("quiz.answer.diagram", { step: step + 1, steps: trace.steps.length })] });
  const caption = stepSentences(trace, tr)[step]?.headline;
  const png = await ctx.services.drawer.step(trace, step, caption ? { locale, caption } : { locale });
  return reply(blocks, { private: true, images: [{ name: "memsim-quiz.png", data: png, alt: altText(trace, step, tr) }] });
}

/** The post once the question has closed: the answer, how many chose each choice, why. */
export function closedReply(tr: Translator, question: QuizQuestion, spread: readonly { choice: string; count: number }[]): Reply {
  const total = spread.reduce((n, s) => n + s.count, 0);
  const right = question.choices.find((c) => c.correct)!;
  const counts = question.choices.map((c): Span[] => {
    const count = spread.find((s) => s.choice === c.id)?.count ?? 0;
    const percent = total ? Math.round((100 * count) / total) : 0;
    return [...choiceLine(question, c.id), "  ", tr.t(c.correct ? "quiz.closed.countRight" : "quiz.closed.count", { count, percent })];
  });
  const blocks: Block[] = [
    ...questionBlocks(tr, question).slice(0, 3),
    { kind: "title", spans: [tr.t("quiz.closed.title")] },
    { kind: "text", spans: [tr.t("quiz.answer.rightIs"), " ", ...choiceLine(question, right.id)] },
    { kind: "bullets", items: counts },
    { kind: "text", spans: said(tr, question.explanation) },
    { kind: "note", spans: [tr.t("quiz.closed.answers", { count: total })] },
  ];
  return reply(blocks);
}

/** The most people a leaderboard lists (the reader is added below them when further down). */
const BOARD_ROWS = 10;

/** A leaderboard of a week, a month or all time, with the reader's own row. */
export function leaderboardReply(tr: Translator, board: Leaderboard, reader: string): Reply {
  const title: Block = { kind: "title", spans: [tr.t(`quiz.board.title.${board.period}`)] };
  if (board.rows.length === 0) return reply([title, { kind: "text", spans: [tr.t("quiz.board.empty")] }], { private: true });
  const line = (r: LeaderRow): Span[] => [
    { strong: `${r.rank}.` },
    " ",
    { user: r.user },
    "  ",
    tr.t("quiz.board.row", { points: r.points, correct: r.correct, answered: r.answered }),
  ];
  const top = board.rows.slice(0, BOARD_ROWS);
  const mine = board.rows.find((r) => r.user === reader);
  const blocks: Block[] = [title, { kind: "bullets", items: top.map(line) }];
  if (mine && !top.includes(mine)) blocks.push({ kind: "text", spans: [tr.t("quiz.board.you"), " ", ...line(mine)] });
  if (!mine) blocks.push({ kind: "note", spans: [tr.t("quiz.board.notYou")] });
  if (board.from !== undefined && board.to !== undefined) {
    // the first day of a week or month is one day, not a range
    const days = board.from === board.to ? tr.t("quiz.board.day", { day: board.from }) : tr.t("quiz.board.days", { from: board.from, to: board.to });
    blocks.push({ kind: "note", spans: [days] });
  }
  blocks.push({ kind: "note", spans: [tr.t("quiz.board.points")] });
  return reply(blocks, { private: true });
}

/** One person's record: points, answers, streaks. */
export function recordReply(tr: Translator, record: QuizRecord): Reply {
  if (record.answered === 0) return reply([{ kind: "text", spans: [tr.t("quiz.me.none")] }], { private: true });
  return reply(
    [
      { kind: "title", spans: [tr.t("quiz.me.title")] },
      {
        kind: "bullets",
        items: [
          [tr.t("quiz.me.points", { points: record.points })],
          [tr.t("quiz.me.answers", { correct: record.correct, answered: record.answered })],
          [record.bestStreak > 0 ? tr.t("quiz.me.streak", { current: record.currentStreak, best: record.bestStreak }) : tr.t("quiz.me.noStreak")],
        ],
      },
      { kind: "note", spans: [tr.t("quiz.board.points")] },
    ],
    { private: true },
  );
}
