/**
 * The quiz's data on memsim's one database (migration 3): schedules, posts claimed once per
 * channel and local day, the questions posted, and answers recorded once per person, each in
 * one transaction so that a process killed mid-answer leaves it whole or absent.
 */
import type { ChannelRef, PostedRef } from "../../chat/adapter.js";
import type { Storage } from "../../storage/index.js";
import { isTimeZone } from "./days.js";
import { QuizStoreError } from "./errors.js";
import { scores, type Leaderboard, type Period, type QuizRecord } from "./scores.js";

/** All the store reads of a question; the rest of it is kept as given. */
export interface StoredQuestion {
  id: string;
  difficulty: 1 | 2 | 3;
  choices: readonly { id: string; correct: boolean }[];
}

/** A Discord server, a Slack team (a channel names its own). */
export type WorkspaceRef = Pick<ChannelRef, "platform" | "workspace">;

export interface QuizSchedule {
  channel: ChannelRef;
  /** HH:MM, local time in `zone` */
  time: string;
  /** an IANA time zone */
  zone: string;
  setBy: string;
  setAt: number;
  /** the language its posts are written in (absent: memsim's default) */
  locale?: string;
}

export interface QuizPost {
  id: number;
  channel: ChannelRef;
  /** the local day (YYYY-MM-DD) in the schedule's zone */
  day: string;
  zone: string;
  state: "claimed" | "open" | "closed";
  /** the question as it was given to `markPosted` */
  question?: StoredQuestion;
  message?: PostedRef;
  claimedAt: number;
  postedAt?: number;
  closedAt?: number;
  /** the language the post is written in */
  locale?: string;
}

export type AnswerResult = { recorded: true; correct: boolean; points: number } | { recorded: false; reason: "already" | "closed" };

export interface QuizStore {
  setSchedule(schedule: Omit<QuizSchedule, "setAt">): QuizSchedule;
  /** the channel's post of a local day, claimed or posted */
  postOf(channel: ChannelRef, day: string): QuizPost | undefined;
  /** the choice a person made on a post, if they answered it */
  answerOf(postId: number, user: string): string | undefined;
  /** stops a channel's schedule; whether it had one */
  removeSchedule(channel: ChannelRef): boolean;
  schedules(): QuizSchedule[];
  schedule(channel: ChannelRef): QuizSchedule | undefined;
  /**
   * Claims a channel's post of a local day before it is posted: true for one caller only, across
   * connections and processes. `zone` defaults to the channel's schedule's.
   */
  claimPost(channel: ChannelRef, day: string, zone?: string): boolean;
  /** whether a channel's post of a day has been claimed (posted or not) */
  claimed(channel: ChannelRef, day: string): boolean;
  /** records what was posted for a claimed day; the post is then open for answers */
  markPosted(channel: ChannelRef, day: string, posted: { question: StoredQuestion; message: PostedRef; locale?: string }): QuizPost;
  /** the channel's post open for answers (the newest), e.g. found again after a restart */
  openPost(channel: ChannelRef): QuizPost | undefined;
  /** closes a post to answers: true the first time only */
  closePost(postId: number): boolean;
  post(postId: number): QuizPost | undefined;
  /** whether a question (by id) has been posted in a workspace before */
  questionPosted(workspace: WorkspaceRef, questionId: string): boolean;
  /** one answer per person per post, in one transaction */
  recordAnswer(postId: number, user: string, choice: string): AnswerResult;
  /** how many chose each of the post's choices (every choice listed, in the question's order) */
  spread(postId: number): { choice: string; count: number; correct: boolean }[];
  leaderboard(workspace: WorkspaceRef, period: Period, now?: number): Leaderboard;
  record(workspace: WorkspaceRef, user: string): QuizRecord;
}

export interface QuizStoreOptions {
  now?: () => number;
}

/** Points for a right answer, by difficulty (a wrong one scores nothing; speed never counts). */
export const POINTS: Readonly<Record<1 | 2 | 3, number>> = { 1: 1, 2: 2, 3: 3 };

/** The text a channel is stored under: its fields in one fixed order. */
export function channelKey(channel: ChannelRef): string {
  return JSON.stringify({ platform: channel.platform, ...(channel.workspace !== undefined ? { workspace: channel.workspace } : {}), id: channel.id });
}

/** The text a workspace is stored under (a channel of no workspace belongs to its platform's). */
export function workspaceKey(workspace: WorkspaceRef): string {
  return JSON.stringify([workspace.platform, workspace.workspace ?? ""]);
}

function readChannel(text: string): ChannelRef {
  return JSON.parse(text) as ChannelRef;
}

function checkQuestion(q: StoredQuestion): void {
  if (!Object.hasOwn(POINTS, q.difficulty)) throw new QuizStoreError("quiz-question", `question ${q.id} has difficulty ${String(q.difficulty)}, not 1, 2 or 3`);
  if (q.choices.filter((c) => c.correct).length !== 1) throw new QuizStoreError("quiz-question", `question ${q.id} needs exactly one correct choice`);
  if (new Set(q.choices.map((c) => c.id)).size !== q.choices.length) throw new QuizStoreError("quiz-question", `question ${q.id} repeats a choice id`);
}

type Row = Record<string, unknown>;

function toPost(row: Row): QuizPost {
  const opt = (v: unknown) => (v == null ? undefined : v);
  const question = opt(row.question) as string | undefined;
  const message = opt(row.message) as string | undefined;
  const postedAt = opt(row.posted_at) as number | undefined;
  const closedAt = opt(row.closed_at) as number | undefined;
  const locale = opt(row.locale) as string | undefined;
  return {
    id: Number(row.id),
    channel: readChannel(String(row.channel)),
    day: String(row.day),
    zone: String(row.zone),
    state: row.state as QuizPost["state"],
    ...(question !== undefined ? { question: JSON.parse(question) as StoredQuestion } : {}),
    ...(message !== undefined ? { message: JSON.parse(message) as PostedRef } : {}),
    claimedAt: Number(row.claimed_at),
    ...(postedAt !== undefined ? { postedAt } : {}),
    ...(closedAt !== undefined ? { closedAt } : {}),
    ...(locale !== undefined ? { locale } : {}),
  };
}

function toSchedule(row: Row): QuizSchedule {
  const schedule: QuizSchedule = { channel: readChannel(String(row.channel)), time: String(row.time), zone: String(row.zone), setBy: String(row.set_by), setAt: Number(row.set_at) };
  return row.locale == null ? schedule : { ...schedule, locale: String(row.locale) };
}

/** The quiz store on an open database (migrated to version 3 or later). */
export function openQuizStore(storage: Storage, options: QuizStoreOptions = {}): QuizStore {
  const now = options.now ?? Date.now;
  const { db } = storage;
  const POST = "SELECT * FROM quiz_posts p";
  const q = {
    upsertSchedule: db.prepare(
      `INSERT INTO quiz_schedules (channel, workspace, time, zone, set_by, set_at, locale) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (channel) DO UPDATE SET workspace = excluded.workspace, time = excluded.time, zone = excluded.zone, set_by = excluded.set_by,
       set_at = excluded.set_at, locale = excluded.locale`,
    ),
    removeSchedule: db.prepare("DELETE FROM quiz_schedules WHERE channel = ?"),
    schedules: db.prepare("SELECT * FROM quiz_schedules ORDER BY set_at, channel"),
    schedule: db.prepare("SELECT * FROM quiz_schedules WHERE channel = ?"),
    claim: db.prepare("INSERT INTO quiz_posts (channel, workspace, day, zone, state, claimed_at) VALUES (?, ?, ?, ?, 'claimed', ?) ON CONFLICT (channel, day) DO NOTHING"),
    claimed: db.prepare("SELECT 1 FROM quiz_posts WHERE channel = ? AND day = ?"),
    postedBefore: db.prepare("SELECT 1 FROM quiz_posts WHERE question_id = ? AND workspace = ? AND state <> 'claimed'"),
    posted: db.prepare(
      "UPDATE quiz_posts SET state = 'open', question_id = ?, question = ?, message = ?, posted_at = ?, locale = ? WHERE channel = ? AND day = ? AND state = 'claimed'",
    ),
    answerOf: db.prepare("SELECT choice FROM quiz_answers WHERE post_id = ? AND user_id = ?").pluck(),
    byDay: db.prepare(`${POST} WHERE p.channel = ? AND p.day = ?`),
    byId: db.prepare(`${POST} WHERE p.id = ?`),
    open: db.prepare(`${POST} WHERE p.channel = ? AND p.state = 'open' ORDER BY p.day DESC LIMIT 1`),
    close: db.prepare("UPDATE quiz_posts SET state = 'closed', closed_at = ? WHERE id = ? AND state = 'open'"),
    answer: db.prepare(
      "INSERT INTO quiz_answers (post_id, user_id, workspace, day, choice, correct, points, answered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (post_id, user_id) DO NOTHING",
    ),
    spread: db.prepare("SELECT choice, COUNT(*) AS n FROM quiz_answers WHERE post_id = ? GROUP BY choice"),
  };

  const post = (id: number) => {
    const row = q.byId.get(id) as Row | undefined;
    return row ? toPost(row) : undefined;
  };
  const mustPost = (id: number) => {
    const found = post(id);
    if (!found) throw new QuizStoreError("quiz-no-post", `there is no quiz post ${id}`);
    return found;
  };

  // IMMEDIATE takes the write lock before reading, so two processes never both read "not yet"
  const answer = db.transaction((postId: number, user: string, choice: string): AnswerResult => {
    const p = mustPost(postId);
    if (p.state !== "open" || !p.question) return { recorded: false, reason: "closed" };
    const chosen = p.question.choices.find((c) => c.id === choice);
    if (!chosen) throw new QuizStoreError("quiz-no-choice", `question ${p.question.id} has no choice "${choice}"`);
    const points = chosen.correct ? POINTS[p.question.difficulty] : 0;
    const ws = workspaceKey(p.channel);
    const done = q.answer.run(postId, user, ws, p.day, choice, chosen.correct ? 1 : 0, points, now()).changes;
    return done === 1 ? { recorded: true, correct: chosen.correct, points } : { recorded: false, reason: "already" };
  });

  // one transaction: a killed process leaves the day claimed and unposted, or posted whole
  const markPosted = db.transaction((channel: ChannelRef, day: string, posted: { question: StoredQuestion; message: PostedRef; locale?: string }): QuizPost => {
    checkQuestion(posted.question);
    const key = channelKey(channel);
    if (q.posted.run(posted.question.id, JSON.stringify(posted.question), JSON.stringify(posted.message), now(), posted.locale ?? null, key, day).changes !== 1) {
      throw new QuizStoreError("quiz-not-claimed", `the post of ${day} in ${key} was not claimed, or was already posted`);
    }
    return toPost(q.byDay.get(key, day) as Row);
  });

  const board = scores(db);

  return {
    setSchedule(s) {
      if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(s.time)) throw new QuizStoreError("quiz-time", `"${s.time}" is not a time written HH:MM`);
      if (!isTimeZone(s.zone)) throw new QuizStoreError("quiz-zone", `"${s.zone}" is not an IANA time zone`);
      const setAt = now();
      q.upsertSchedule.run(channelKey(s.channel), workspaceKey(s.channel), s.time, s.zone, s.setBy, setAt, s.locale ?? null);
      return { ...s, setAt };
    },
    removeSchedule: (channel) => q.removeSchedule.run(channelKey(channel)).changes === 1,
    schedules: () => (q.schedules.all() as Row[]).map(toSchedule),
    schedule(channel) {
      const row = q.schedule.get(channelKey(channel)) as Row | undefined;
      return row ? toSchedule(row) : undefined;
    },
    claimPost(channel, day, zone) {
      const key = channelKey(channel);
      const inZone = zone ?? (q.schedule.get(key) as Row | undefined)?.zone;
      if (typeof inZone !== "string") throw new QuizStoreError("quiz-zone", `no time zone given for ${key}, and it has no schedule`);
      if (!isTimeZone(inZone)) throw new QuizStoreError("quiz-zone", `"${inZone}" is not an IANA time zone`);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new QuizStoreError("quiz-day", `"${day}" is not a day written YYYY-MM-DD`);
      return q.claim.run(key, workspaceKey(channel), day, inZone, now()).changes === 1;
    },
    claimed: (channel, day) => q.claimed.get(channelKey(channel), day) !== undefined,
    postOf(channel, day) {
      const row = q.byDay.get(channelKey(channel), day) as Row | undefined;
      return row ? toPost(row) : undefined;
    },
    answerOf: (postId, user) => q.answerOf.get(postId, user) as string | undefined,
    markPosted: (channel, day, posted) => markPosted.immediate(channel, day, posted),
    openPost(channel) {
      const row = q.open.get(channelKey(channel)) as Row | undefined;
      return row ? toPost(row) : undefined;
    },
    closePost: (postId) => q.close.run(now(), postId).changes === 1,
    post,
    questionPosted: (workspace, questionId) => q.postedBefore.get(questionId, workspaceKey(workspace)) !== undefined,
    recordAnswer: (postId, user, choice) => answer.immediate(postId, user, choice),
    spread(postId) {
      const p = mustPost(postId);
      const counts = new Map((q.spread.all(postId) as { choice: string; n: number }[]).map((r) => [r.choice, r.n]));
      return (p.question?.choices ?? []).map((c) => ({ choice: c.id, count: counts.get(c.id) ?? 0, correct: c.correct }));
    },
    leaderboard: (workspace, period, at = now()) => board.leaderboard(workspaceKey(workspace), period, at),
    record: (workspace, user) => board.record(workspaceKey(workspace), user),
  };
}
