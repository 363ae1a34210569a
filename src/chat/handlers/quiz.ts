/**
 * `/memsim quiz …` and the quiz's answer buttons. Setting, stopping, posting and closing a
 * channel's quiz is for people who may manage that channel (the platform says who); anyone
 * answers, and reads the leaderboard and their own record. Every answer here is private.
 */
import type { QuizPeriod } from "../../../commands/memsim.js";
import { questionLanguage, type QuizQuestion } from "../../quiz/questions/index.js";
import { QuizServiceError, type QuizService } from "../../quiz/service.js";
import { isTimeZone, type WorkspaceRef } from "../../quiz/store/index.js";
import { noticeText } from "../../session/notices.js";
import type { ActionOf } from "../actions.js";
import { PostError, type ChannelRef } from "../adapter.js";
import type { Context, Plan } from "../context.js";
import type { ParsedOptions } from "../options.js";
import { notice, spanText, type Answer } from "../reply.js";
import { choiceLetter, leaderboardReply, recordReply } from "../views/quiz.js";

function privately(finish: () => Promise<Answer>): Plan {
  return { kind: "work", placement: "new", private: true, cost: "press", finish };
}

const answer = (a: Answer): Plan => ({ kind: "answer", answer: a });

/** The quiz, or the answer that says this memsim keeps none. */
function quizOf(ctx: Context): QuizService | Answer {
  return ctx.services.quiz ?? notice(ctx.tr.t("quiz.cmd.unavailable"));
}

/** The channel a command is about: the one named, else the one it was typed in. */
function channelOf(ctx: Context, options: ParsedOptions): ChannelRef | undefined {
  return (options.channel as ChannelRef | undefined) ?? ctx.who.channel;
}

/** When a scheduled post comes, in the reader's language and the schedule's zone. */
function when(ctx: Context, at: number, zone: string): string {
  return new Intl.DateTimeFormat(ctx.locale, { timeZone: zone, dateStyle: "medium", timeStyle: "short" }).format(at);
}

/** The zone's canonical name ("asia/shanghai" is Asia/Shanghai), or undefined when it is none. */
function canonicalZone(zone: string): string | undefined {
  if (!isTimeZone(zone)) return undefined;
  return new Intl.DateTimeFormat("en-US", { timeZone: zone }).resolvedOptions().timeZone;
}

/**
 * A command about a channel's quiz, for those who may manage the channel: `act` runs once the
 * platform has said they may.
 */
function managed(ctx: Context, options: ParsedOptions, act: (quiz: QuizService, channel: ChannelRef) => Promise<Answer>): Plan {
  const quiz = quizOf(ctx);
  if (!("store" in quiz)) return answer(quiz);
  const channel = channelOf(ctx, options);
  if (!channel) return answer(notice(ctx.tr.t("quiz.cmd.noChannel")));
  if (ctx.who.channel && channel.platform !== ctx.who.channel.platform) return answer(notice(ctx.tr.t("quiz.cmd.noChannel")));
  return privately(async () => {
    const may = ctx.who.mayManage ? await ctx.who.mayManage(channel) : false;
    if (!may) return notice(ctx.tr.t("quiz.cmd.notAllowed"));
    try {
      return await act(quiz, channel);
    } catch (error) {
      if (error instanceof PostError) return notice(ctx.tr.t("quiz.cmd.postRefused"));
      if (error instanceof QuizServiceError && error.code === "quiz-not-connected") return notice(ctx.tr.t("quiz.cmd.unavailable"));
      throw error;
    }
  });
}

const here = (ctx: Context, channel: ChannelRef) => ctx.tr.t(ctx.who.channel?.id === channel.id ? "quiz.where.here" : "quiz.where.there");

export function scheduleCommand(ctx: Context, options: ParsedOptions): Plan {
  const zone = canonicalZone(String(options.timezone));
  if (!zone) return answer(notice(ctx.tr.t("quiz.cmd.badZone", { zone: String(options.timezone) })));
  const [hh, mm] = String(options.time).split(":");
  const time = `${hh!.padStart(2, "0")}:${mm}`;
  const locale = options.locale as string | undefined;
  return managed(ctx, options, async (quiz, channel) => {
    const { next } = quiz.schedule({ channel, time, zone, setBy: ctx.who.userId, ...(locale ? { locale } : {}) });
    return notice(ctx.tr.t("quiz.cmd.scheduled", { where: here(ctx, channel), time, zone, next: when(ctx, next, zone) }));
  });
}

export function stopCommand(ctx: Context, options: ParsedOptions): Plan {
  return managed(ctx, options, async (quiz, channel) => notice(ctx.tr.t(quiz.unschedule(channel) ? "quiz.cmd.stopped" : "quiz.cmd.noSchedule", { where: here(ctx, channel) })));
}

export function nowCommand(ctx: Context, options: ParsedOptions): Plan {
  const locale = options.locale as string | undefined;
  return managed(ctx, options, async (quiz, channel) => {
    // the language asked for, else the schedule's, else the asker's
    const asked = locale === "en" || locale === "zh-CN" ? locale : undefined;
    const done = await quiz.postNow(channel, asked ?? (quiz.store.schedule(channel)?.locale ? undefined : ctx.locale));
    if (done.kind === "posted") return notice(ctx.tr.t("quiz.cmd.posted", { where: here(ctx, channel) }));
    const schedule = quiz.store.schedule(channel);
    const next = quiz.next(channel);
    const key = done.post?.state === "claimed" ? "quiz.cmd.alreadyClaimed" : "quiz.cmd.already";
    const nextText = schedule && next !== undefined ? ctx.tr.t("quiz.cmd.nextAt", { next: when(ctx, next, schedule.zone) }) : "";
    return notice(`${ctx.tr.t(key, { where: here(ctx, channel) })}${nextText ? ` ${nextText}` : ""}`);
  });
}

export function closeCommand(ctx: Context, options: ParsedOptions): Plan {
  return managed(ctx, options, async (quiz, channel) => {
    const closed = await quiz.close(channel);
    return notice(ctx.tr.t(closed ? "quiz.cmd.closed" : "quiz.cmd.noOpen", { where: here(ctx, channel) }));
  });
}

/** The workspace a person's scores belong to: the server or team the command was typed in. */
function workspaceOf(ctx: Context): WorkspaceRef | undefined {
  const channel = ctx.who.channel;
  if (!channel) return undefined;
  return channel.workspace !== undefined ? { platform: channel.platform, workspace: channel.workspace } : { platform: channel.platform };
}

export function leaderboardCommand(ctx: Context, options: ParsedOptions): Plan {
  const quiz = quizOf(ctx);
  if (!("store" in quiz)) return answer(quiz);
  const workspace = workspaceOf(ctx);
  if (!workspace) return answer(notice(ctx.tr.t("quiz.cmd.noChannel")));
  const period = (options.period as QuizPeriod | undefined) ?? "week";
  return answer({ reply: leaderboardReply(ctx.tr, quiz.store.leaderboard(workspace, period), ctx.who.userId), placement: "new" });
}

export function meCommand(ctx: Context): Plan {
  const quiz = quizOf(ctx);
  if (!("store" in quiz)) return answer(quiz);
  const workspace = workspaceOf(ctx);
  if (!workspace) return answer(notice(ctx.tr.t("quiz.cmd.noChannel")));
  return answer({ reply: recordReply(ctx.tr, quiz.store.record(workspace, ctx.who.userId)), placement: "new" });
}

/** A press on a quiz post's button: the answer is recorded first (once), then told, privately. */
export function quizAnswer(ctx: Context, action: ActionOf<"quiz">): Plan {
  const quiz = quizOf(ctx);
  if (!("store" in quiz)) return answer(quiz);
  return privately(async () => {
    const { tr } = ctx;
    const post = quiz.store.post(action.post);
    const question = post?.question as QuizQuestion | undefined;
    // a press counts only on the post's own platform and server: an id carried anywhere else is no answer
    const here = ctx.who.channel;
    const ours = post && here && post.channel.platform === here.platform && post.channel.workspace === here.workspace;
    if (!post || !ours || !question || !question.choices.some((c) => c.id === action.choice)) return notice(tr.t("quiz.press.gone"));
    const right = question.choices.find((c) => c.correct)!;
    if (post.state !== "open") return notice(tr.t("quiz.press.closed", { letter: choiceLetter(question, right.id) }));
    const recorded = quiz.store.recordAnswer(post.id, ctx.who.userId, action.choice);
    if (!recorded.recorded) {
      if (recorded.reason === "closed") return notice(tr.t("quiz.press.closed", { letter: choiceLetter(question, right.id) }));
      const before = quiz.store.answerOf(post.id, ctx.who.userId) ?? action.choice;
      return notice(tr.t("quiz.press.already", { letter: choiceLetter(question, before) }));
    }
    // the answer counts already: when its diagram cannot be made now, the person is told both
    const told = tr.t(recorded.correct ? "quiz.press.recordedRight" : "quiz.press.recordedWrong", { letter: choiceLetter(question, right.id) });
    const simulated = await ctx.simulate(question.program, questionLanguage(question));
    if (!simulated.ok) return notice(`${told} ${noticeText(simulated.error, tr)}`);
    const answered = await ctx.reply({ view: "quiz-answer", trace: simulated.handle, question, choice: action.choice });
    if (answered.reply.images.length > 0) return answered;
    return notice(`${told} ${spanText(answered.reply.blocks.flatMap((b) => ("spans" in b ? b.spans : [])))}`);
  });
}
