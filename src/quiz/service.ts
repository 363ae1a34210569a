/**
 * The daily quiz at work: a channel's question of a day made (its programs simulated where
 * replies are made, never in the thread that routes requests), posted with one button per
 * choice, and closed (the post then shows the answer and how people answered) when the next
 * one is posted or on request. Each day's post is claimed in the database before it is posted,
 * so a day is posted at most once, whoever asks: the schedule, `/memsim quiz now`, another process.
 */
import { Cron } from "croner";
import { encodeAction } from "../chat/actions.js";
import type { ChannelRef, PostedRef } from "../chat/adapter.js";
import { silentLogger, type Logger } from "../chat/log.js";
import type { Reply } from "../chat/reply.js";
import { closedReply, questionReply } from "../chat/views/quiz.js";
import { platformWords } from "../chat/wording.js";
import { MemsimError } from "../core/errors.js";
import { resolveLocale, translator, type Locale } from "../i18n/index.js";
import type { QuizQuestion } from "./questions/index.js";
import { startQuizSchedule, systemClock, type Clock, type RunningSchedule } from "./schedule/index.js";
import { channelKey, localDay, type QuizPost, type QuizSchedule, type QuizStore } from "./store/index.js";

/** Where posts go and how they change: the running adapters. */
export interface QuizPoster {
  post(channel: ChannelRef, reply: Reply): Promise<PostedRef>;
  edit(message: PostedRef, reply: Reply): Promise<void>;
}

export interface QuizServiceOptions {
  store: QuizStore;
  /** makes a channel's question of a day (same day and channel, same question) */
  generate(day: string, channelSeed: string): Promise<QuizQuestion>;
  clock?: Clock;
  logger?: Logger;
  /** the language of posts whose schedule names none */
  defaultLocale?: Locale;
}

export type NowResult = { kind: "posted"; post: QuizPost } | { kind: "already"; post: QuizPost | undefined };

export interface QuizService {
  readonly store: QuizStore;
  /** where posts go (the adapters, once they have started) */
  connect(poster: QuizPoster): void;
  /** runs the daily schedule; a post whose time passed today while memsim was down comes now, once */
  start(): void;
  /** no more posts; resolves once those under way have ended */
  stop(): Promise<void>;
  /** sets (or changes) a channel's daily post; returns when the next one comes */
  schedule(schedule: Omit<QuizSchedule, "setAt">): { schedule: QuizSchedule; next: number };
  /** stops a channel's daily post; whether it had one */
  unschedule(channel: ChannelRef): boolean;
  /** the next post of a channel's schedule, if it has one and the schedule runs */
  next(channel: ChannelRef): number | undefined;
  /** posts the channel's question of today now, unless today's has been claimed already */
  postNow(channel: ChannelRef, locale?: Locale): Promise<NowResult>;
  /** closes the channel's open question, and shows its answer on its post */
  close(channel: ChannelRef): Promise<QuizPost | undefined>;
}

/** A quiz action on a channel that cannot be done now (no adapter posts there yet). */
export class QuizServiceError extends MemsimError {
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = "QuizServiceError";
  }
}

/** A question posted before in the same workspace is replaced by another of the same day (a few tries). */
const FRESH_TRIES = 4;

export function createQuizService(options: QuizServiceOptions): QuizService {
  const { store } = options;
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentLogger();
  const fallback = options.defaultLocale ?? "en";
  let poster: QuizPoster | undefined;
  let running: RunningSchedule | undefined;

  const wordsFor = (locale: string | undefined, channel: ChannelRef) => platformWords(translator(locale ? resolveLocale(locale) : fallback), channel.platform);

  const outbox = (): QuizPoster => {
    if (!poster) throw new QuizServiceError("quiz-not-connected", "no adapter is connected to post quiz questions yet");
    return poster;
  };

  async function closePost(post: QuizPost): Promise<void> {
    if (!store.closePost(post.id) || !post.question || !post.message) return;
    const question = post.question as unknown as QuizQuestion;
    const reply = closedReply(wordsFor(post.locale, post.channel), question, store.spread(post.id));
    try {
      await outbox().edit(post.message, { ...reply, locale: post.locale ? resolveLocale(post.locale) : fallback });
    } catch (error) {
      // closed all the same: answers stop counting even when the post could not be changed
      logger.warn({ evt: "quiz-close-edit-failed", channel: channelKey(post.channel), post: post.id, err: (error as Error).message });
    }
  }

  async function freshQuestion(channel: ChannelRef, day: string): Promise<QuizQuestion> {
    const seed = channelKey(channel);
    let question = await options.generate(day, seed);
    for (let i = 1; i < FRESH_TRIES && store.questionPosted(channel, question.id); i++) question = await options.generate(day, `${seed}#${i}`);
    return question;
  }

  /** Posts a claimed day: the previous question closes, the day's is made and posted. */
  async function postDay(channel: ChannelRef, day: string, locale?: string): Promise<QuizPost> {
    const claimed = store.postOf(channel, day);
    if (!claimed || claimed.state !== "claimed") throw new QuizServiceError("quiz-not-claimed", `the post of ${day} in ${channelKey(channel)} is not claimed for posting`);
    const previous = store.openPost(channel);
    if (previous) await closePost(previous);
    const question = await freshQuestion(channel, day);
    const lang = locale ?? store.schedule(channel)?.locale;
    const tr = wordsFor(lang, channel);
    const reply = questionReply(tr, question, (choice) => encodeAction({ do: "quiz", post: claimed.id, choice, locale: undefined }));
    const message = await outbox().post(channel, { ...reply, locale: tr.locale });
    const post = store.markPosted(channel, day, { question, message, ...(lang ? { locale: lang } : {}) });
    logger.info({ evt: "quiz-posted", channel: channelKey(channel), day, post: post.id, question: question.id, kind: question.kind, difficulty: question.difficulty });
    return post;
  }

  return {
    store,
    connect(p) {
      poster = p;
    },
    start() {
      running ??= startQuizSchedule({
        store,
        clock,
        post: async (channel, day) => {
          await postDay(channel, day);
        },
        onError: (error, channel, day) =>
          logger.error({ evt: "quiz-post-failed", channel: channelKey(channel), day, code: error instanceof MemsimError ? error.code : "internal", err: (error as Error).message }),
      });
    },
    async stop() {
      const r = running;
      running = undefined;
      await r?.stop();
    },
    schedule(s) {
      const schedule = store.setSchedule(s);
      running?.refresh();
      const next = running?.next().find((n) => channelKey(n.channel) === channelKey(s.channel))?.at;
      return { schedule, next: next ?? nextAt(schedule, clock.now()) };
    },
    unschedule(channel) {
      const had = store.removeSchedule(channel);
      running?.refresh();
      return had;
    },
    next(channel) {
      return running?.next().find((n) => channelKey(n.channel) === channelKey(channel))?.at;
    },
    async postNow(channel, locale) {
      outbox();
      const zone = store.schedule(channel)?.zone ?? "UTC";
      const day = localDay(clock.now(), zone);
      if (!store.claimPost(channel, day, zone)) return { kind: "already", post: store.postOf(channel, day) };
      return { kind: "posted", post: await postDay(channel, day, locale) };
    },
    async close(channel) {
      const open = store.openPost(channel);
      if (!open) return undefined;
      await closePost(open);
      return store.post(open.id);
    },
  };
}

/** The next instant a schedule's HH:MM comes in its zone, after `from` (before the schedule runs). */
function nextAt(schedule: QuizSchedule, from: number): number {
  const [hh, mm] = schedule.time.split(":").map(Number);
  const cron = new Cron(`${mm} ${hh} * * *`, { timezone: schedule.zone, paused: true });
  const at = cron.nextRun(new Date(from))?.getTime() ?? from;
  cron.stop();
  return at;
}
