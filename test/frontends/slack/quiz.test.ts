/**
 * The daily quiz on Slack, end to end: the real Bolt app on a local Slack, the quiz contract with
 * three people (alice a workspace admin, carol and dave members), and with bob (who created
 * #bobs-corner, and reads Slack in Chinese) what is
 * Slack's own: channels named in a command's text, who may manage a channel, the diagram of an
 * ephemeral answer sent in a direct message.
 */
import { LogLevel, WebClient } from "@slack/web-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NO_LIMITS, openRunStore, type ChannelRef, type RunStore } from "../../../src/chat/index.js";
import { openQuizStore, type QuizStore } from "../../../src/quiz/store/index.js";
import { openStorage, type Storage } from "../../../src/storage/index.js";
import type { QuizQuestion } from "../../../src/quiz/questions/index.js";
import { translator } from "../../../src/i18n/index.js";
import { inlineSimulator } from "../../helpers.js";
import type { Seen } from "../contract.js";
import { quizContract, type QuizHarness, type QuizSetup } from "../quiz-contract.js";
import { startFakeSlack, type FakeMessage, type FakeSlack, type FakeUser } from "./fake/server.js";
import { mark, optionWords, seenOf, seenSince, startSlackBot, type SlackBot } from "./harness.js";

/** The Slack app with the quiz on a local Slack; restarting it keeps the local Slack and both stores. */
class SlackQuiz implements QuizHarness {
  readonly privateReplies = true;
  readonly channel: ChannelRef;
  readonly people: readonly string[];
  /** a client that reads the channel as everyone sees it */
  private reader: WebClient;
  private constructor(
    readonly fake: FakeSlack,
    private setup: QuizSetup,
    private runs: RunStore,
    public bot: SlackBot,
  ) {
    this.channel = { platform: "slack", workspace: fake.teamId, id: fake.channel };
    // the first may manage the channel (a workspace admin), the others may not
    this.people = [fake.users.alice.id, fake.users.carol.id, fake.users.dave.id];
    this.reader = new WebClient(fake.botToken, { slackApiUrl: fake.apiUrl, logLevel: LogLevel.ERROR });
  }

  static async create(setup: QuizSetup): Promise<SlackQuiz> {
    const fake = await startFakeSlack();
    const runs = openRunStore(":memory:");
    return new SlackQuiz(fake, setup, runs, await SlackQuiz.start(fake, setup, runs));
  }

  private static async start(fake: FakeSlack, setup: QuizSetup, runs: RunStore): Promise<SlackBot> {
    const bot = await startSlackBot({ simulator: setup.simulator, limits: setup.limits, quiz: { store: setup.store } }, { fake, store: runs });
    bot.core.quiz!.connect({ post: (c, r) => bot.adapter.post(c, r), edit: (m, r) => bot.adapter.edit(m, r) });
    return bot;
  }

  user(id: string): FakeUser {
    const u = Object.values(this.fake.users).find((p) => p.id === id);
    if (!u) throw new Error(`no person ${id}`);
    return u;
  }

  /** Does what a person does, waits for memsim's answers, and reads what that person sees. */
  async act(person: string, action: () => Promise<unknown>): Promise<Seen> {
    // the inline simulator runs in this thread: a long question made can outlast Socket Mode's pings, and the app then reconnects
    await this.fake.socket.connected();
    const since = mark(this.fake);
    await action();
    await this.bot.adapter.idle();
    return seenSince(this.fake, since, this.user(person));
  }

  quiz(command: string, options: Record<string, string>, person: string, extra: { channel?: string; picked?: string[]; escape?: boolean } = {}): Promise<Seen> {
    return this.act(person, () => this.fake.slash(`quiz ${command} ${optionWords(options)}`.trim(), this.user(person), extra));
  }

  /** The quiz's latest post in a channel: a public message of memsim's, not in a thread, as it reads now. */
  latest(channel: string): FakeMessage | undefined {
    return this.fake.messages.filter((m) => m.channel === channel && m.user === this.fake.botUserId && !m.ephemeral && !m.threadTs && m.blocks.length > 0).at(-1);
  }

  /** The latest post as the channel's history shows it to everyone (after any chat.update). */
  async post(): Promise<Seen | undefined> {
    const history = await this.reader.conversations.history({ channel: this.channel.id, limit: 50 });
    const shown = history.messages?.find((m) => m.bot_id && !m.thread_ts && (m.blocks?.length ?? 0) > 0);
    const message = shown && this.fake.messages.find((m) => m.channel === this.channel.id && m.ts === shown.ts);
    if (!shown || !message) return undefined;
    return { ...seenOf({ ...message, blocks: shown.blocks as unknown[] }, []), ref: message };
  }

  press(seen: Seen, label: string, person: string): Promise<Seen> {
    return this.act(person, () => this.fake.press(seen.ref as FakeMessage, label, this.user(person)));
  }

  async restart(): Promise<void> {
    await this.bot.stop();
    this.bot = await SlackQuiz.start(this.fake, this.setup, this.runs);
  }

  async close(): Promise<void> {
    await this.bot.stop();
    await this.fake.close();
  }
}

quizContract("slack", (setup) => SlackQuiz.create(setup), () => ({ simulator: inlineSimulator(), limits: NO_LIMITS }));

describe("slack: the daily quiz in Slack's own ways", () => {
  let storage: Storage;
  let store: QuizStore;
  let h: SlackQuiz;
  let corner: ChannelRef;
  beforeAll(async () => {
    storage = openStorage(":memory:");
    store = openQuizStore(storage);
    h = await SlackQuiz.create({ simulator: inlineSimulator(), limits: NO_LIMITS, store });
    corner = { platform: "slack", workspace: h.fake.teamId, id: h.fake.channels.find((c) => c.name === "bobs-corner")!.id };
  });
  afterAll(async () => {
    await h?.close();
    storage?.close();
  });
  const zh = translator("zh-CN");
  const { alice, bob, carol } = { alice: () => h.fake.users.alice.id, bob: () => h.fake.users.bob.id, carol: () => h.fake.users.carol.id };

  it("takes a channel picked from Slack's autocomplete, as the link Slack puts in the text", async () => {
    const seen = await h.quiz("schedule", { time: "08:15", timezone: "Asia/Shanghai", channel: "#bobs-corner" }, alice(), { picked: ["#bobs-corner"] });
    const sent = h.fake.calls.filter((c) => c.method === "conversations.list");
    expect(seen.plain).toContain("every day at 08:15 (Asia/Shanghai)");
    expect(seen.private).toBe(true);
    expect(store.schedule(corner)).toMatchObject({ time: "08:15", zone: "Asia/Shanghai" });
    // a link names its channel by id: no list of channels is asked for
    expect(sent).toEqual([]);
    const named = await h.quiz("stop", { channel: "#bobs-corner" }, alice(), { picked: ["#bobs-corner"], escape: true });
    expect(named.plain).toContain("memsim will post no more daily questions");
    expect(store.schedule(corner)).toBeUndefined();
  });

  it("finds a channel typed as #name among the workspace's channels, and names back a word that is none", async () => {
    const seen = await h.quiz("schedule", { time: "07:00", timezone: "UTC", channel: "#bobs-corner" }, alice());
    expect(seen.plain).toContain("every day at 07:00 (UTC)");
    expect(store.schedule(corner)).toMatchObject({ time: "07:00", zone: "UTC" });
    expect(h.fake.calls.some((c) => c.method === "conversations.list")).toBe(true);
    const byId = await h.quiz("stop", { channel: corner.id }, alice());
    expect(byId.plain).toContain("memsim will post no more daily questions");
    for (const word of ["#no-such-channel", "#old-notes", "tomorrow"]) {
      const none = await h.quiz("stop", { channel: word }, alice());
      expect(none.plain).toContain(`"${word}" is not one. Type # and pick the channel from the list`);
    }
  });

  it("lets the channel's creator, who is no admin, set its quiz; another member may not", async () => {
    const denied = await h.quiz("schedule", { time: "18:00", timezone: "Europe/Berlin" }, carol(), { channel: corner.id });
    expect(denied.plain).toContain("Only people who may manage that channel");
    const there = await h.quiz("schedule", { time: "18:00", timezone: "Europe/Berlin", channel: "#study-hall" }, bob(), { channel: corner.id });
    // in Slack's words: who may manage a channel there
    expect(there.plain).toBe(zh.t("quiz.cmd.notAllowed@slack"));
    expect(store.schedules()).toEqual([]);
    const own = await h.quiz("schedule", { time: "18:00", timezone: "Europe/Berlin" }, bob(), { channel: corner.id });
    expect(own.plain).toContain("每天 18:00（Europe/Berlin）");
    expect(store.schedule(corner)).toMatchObject({ setBy: bob() });
    // both what Slack says of the person and who made the channel were asked
    expect(h.fake.calls.filter((c) => c.method === "conversations.info").map((c) => c.args.channel)).toContain(corner.id);
  });

  it("sends an answer's diagram in a direct message, and the ephemeral answer says so", async () => {
    const posted = await h.quiz("now", {}, bob(), { channel: corner.id });
    expect(posted.plain).toBe(zh.t("quiz.cmd.posted", { where: zh.t("quiz.where.here") }));
    const post = h.latest(corner.id)!;
    const q = store.openPost(corner)!.question as QuizQuestion;
    const right = String.fromCharCode(65 + q.choices.findIndex((c) => c.correct));
    const since = h.fake.files.length;
    const seen = await h.press(seenOf(post, []), right, carol());
    expect(seen.private).toBe(true);
    expect(seen.plain).toContain("Right!");
    expect(seen.plain).toContain("The picture for this answer is in your direct messages with memsim.");
    const sent = h.fake.files.slice(since);
    expect(sent).toHaveLength(1);
    const dm = h.fake.calls.find((c) => c.method === "conversations.open" && c.args.users === carol());
    expect(dm).toBeDefined();
    expect(sent[0]!.channel).toMatch(/^D/);
    expect(sent[0]!.channel).not.toBe(corner.id);
    expect(sent[0]!.altText).toMatch(/^Memory diagram at step \d+ of \d+/);
    // in the direct message, a line links the channel the answer was given in
    const dmMessage = h.fake.messages.find((m) => m.channel === sent[0]!.channel && m.files.includes(sent[0]!))!;
    expect(dmMessage.text).toBe(`For the answer memsim gave you in <#${corner.id}>:`);
  });

  it("closes the post in place (chat.update) and shows the leaderboard with people as Slack mentions", async () => {
    const post = h.latest(corner.id)!;
    const edits = post.edits;
    await h.quiz("close", {}, bob(), { channel: corner.id });
    expect(post.edits).toBe(edits + 1);
    expect(h.fake.calls.some((c) => c.method === "chat.update" && c.args.ts === post.ts)).toBe(true);
    const closed = seenOf(post, []);
    // the post is in the language of the one who asked for it
    expect(closed.plain).toContain(zh.t("quiz.closed.title"));
    expect(closed.plain).toContain(zh.t("quiz.closed.answers", { count: 1 }));
    expect(closed.buttons).toEqual([]);
    await h.fake.socket.connected();
    const since = mark(h.fake);
    await h.fake.slash("quiz leaderboard", h.fake.users.carol, { channel: corner.id });
    await h.bot.adapter.idle();
    const board = h.fake.messages.slice(since.messages).find((m) => m.ephemeral?.user === carol())!;
    const text = JSON.stringify(board.blocks);
    // a person is a mention Slack shows by name, never a ping: the block text holds <@U…>
    expect(text).toContain(`<@${carol()}>`);
    // and so does the message's fallback text, never a bare id
    expect(board.text).toContain(`<@${carol()}>`);
  });
});
