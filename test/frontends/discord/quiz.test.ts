/**
 * The daily quiz on Discord: the real discord.js client on the local Discord, with three
 * people (one who may manage the channel), the bot restarted over the same quiz store, a
 * channel named in an option, a schedule's language, mentions in the leaderboard, and fifty
 * people pressing at once.
 */
import { PermissionFlagsBits } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NO_LIMITS, notice, PostError } from "../../../src/chat/index.js";
import type { QuizQuestion } from "../../../src/quiz/questions/index.js";
import { simulatedClock } from "../../../src/quiz/schedule/index.js";
import { openQuizStore, type QuizStore } from "../../../src/quiz/store/index.js";
import { openStorage, type Storage } from "../../../src/storage/index.js";
import { inlineSimulator } from "../../helpers.js";
import type { Seen } from "../contract.js";
import { quizContract, type QuizSetup } from "../quiz-contract.js";
import { MEMBER_PERMISSIONS, startFakeDiscord, type FakeDiscord, type FakeUser } from "./fake/server.js";
import { seenOf, startBot, type Bot } from "./harness.js";

const MANAGES = MEMBER_PERMISSIONS | PermissionFlagsBits.ManageChannels;
const DAY = 24 * 3_600_000;

let people = 0;
/** A member of the fake server (ids distinct across the file, as Discord's are). */
function member(fake: FakeDiscord, name = "member", manages: string[] = []): FakeUser {
  const user = { id: String(1_400_000_000_000_000_000n + BigInt(++people)), username: name, locale: "en-US" };
  for (const channel of manages) fake.setPermissions(user, channel, MANAGES);
  return user;
}

/** A bot whose core keeps the quiz in `store`, its posts and edits going through its own adapter. */
async function quizBot(setup: Omit<QuizSetup, "store"> & { store: QuizStore; clock?: ReturnType<typeof simulatedClock> }, fake: FakeDiscord): Promise<Bot> {
  const bot = await startBot({ simulator: setup.simulator, limits: setup.limits, quiz: { store: setup.store, ...(setup.clock ? { clock: setup.clock } : {}) } }, fake);
  bot.core.quiz!.connect(bot.adapter);
  return bot;
}

/** The latest message the bot posted in a channel on its own, as it reads now. */
function latestPost(fake: FakeDiscord, channelId: string): Seen | undefined {
  const message = fake.posted.filter((m) => m.channel_id === channelId).at(-1);
  return message && seenOf({ message, ephemeral: false, steps: [] });
}

quizContract(
  "discord",
  async (setup) => {
    const fake = await startFakeDiscord();
    const users = [member(fake, "mei", [fake.place.channelId]), member(fake, "ravi"), member(fake, "ola")];
    const byId = new Map(users.map((u) => [u.id, u]));
    const user = (id: string) => byId.get(id)!;
    let bot = await quizBot(setup, fake);
    return {
      channel: { platform: "discord", workspace: fake.place.guildId, id: fake.place.channelId },
      people: users.map((u) => u.id),
      privateReplies: true,
      quiz: async (command, options, person) => seenOf(await fake.slash(`quiz ${command}`, options, user(person)).settled()),
      post: async () => latestPost(fake, fake.place.channelId),
      press: async (seen, label, person) => seenOf(await fake.press(seen.ref as never, label, user(person)).settled()),
      async restart() {
        await bot.stop();
        bot = await quizBot(setup, fake);
      },
      async close() {
        await bot.stop();
        await fake.close();
      },
    };
  },
  () => ({ simulator: inlineSimulator(), limits: NO_LIMITS }),
);

describe("discord: the daily quiz, as Discord tells who may do what", () => {
  let fake: FakeDiscord;
  let storage: Storage;
  let store: QuizStore;
  let bot: Bot;
  const simulator = inlineSimulator();

  beforeAll(async () => {
    fake = await startFakeDiscord();
    storage = openStorage(":memory:");
    store = openQuizStore(storage);
    bot = await quizBot({ simulator, limits: NO_LIMITS, store }, fake);
  });
  afterAll(async () => {
    await bot?.stop();
    await fake?.close();
    storage?.close();
  });

  const ask = async (command: string, options: Parameters<FakeDiscord["slash"]>[1], user: FakeUser) => seenOf(await fake.slash(`quiz ${command}`, options, user).settled());

  it("lets a person set the quiz of another channel they manage, from a channel they do not", async () => {
    const announcements = fake.addChannel("announcements", 5);
    const editor = member(fake, "editor", [announcements.id]);
    const seen = await ask("schedule", { time: "08:00", timezone: "UTC", channel: { channel: announcements } }, editor);
    expect(seen.private).toBe(true);
    expect(seen.plain).toContain("every day at 08:00 (UTC)");
    expect(store.schedule({ platform: "discord", workspace: fake.place.guildId, id: announcements.id })).toMatchObject({ time: "08:00", setBy: editor.id });
    // where they typed, they manage nothing
    const here = await ask("schedule", { time: "08:00", timezone: "UTC" }, editor);
    expect(here.plain).toContain("Only people who may manage that channel");
  });

  it("refuses a person who manages the channel they type in but not the channel they name", async () => {
    const other = fake.addChannel("staff-only");
    const host = member(fake, "host", [fake.place.channelId]);
    const seen = await ask("now", { channel: { channel: other } }, host);
    expect(seen.plain).toContain("Only people who may manage that channel");
    expect(fake.posted.filter((m) => m.channel_id === other.id)).toEqual([]);
    expect(store.openPost({ platform: "discord", workspace: fake.place.guildId, id: other.id })).toBeUndefined();
  });


  it("counts a server administrator as one who may manage a channel", async () => {
    const admin = member(fake);
    fake.setPermissions(admin, fake.place.channelId, MEMBER_PERMISSIONS | PermissionFlagsBits.Administrator);
    const seen = await ask("schedule", { time: "07:15", timezone: "UTC" }, admin);
    expect(seen.plain).toContain("every day at 07:15 (UTC)");
  });

  it("edits a posted message only in the channel it was posted in, dropping its files", async () => {
    const here = { platform: "discord", workspace: fake.place.guildId, id: fake.place.channelId };
    const first = notice("first").reply;
    const posted = await bot.adapter.post(here, { ...first, images: [{ name: "a.png", data: Buffer.from([0x89, 0x50, 0x4e, 0x47]), alt: "a" }] });
    const message = fake.posted.find((m) => m.id === posted.id)!;
    expect(message.attachments).toHaveLength(1);
    const elsewhere = fake.addChannel("elsewhere");
    await expect(bot.adapter.edit({ channel: { ...here, id: elsewhere.id }, id: posted.id }, notice("second").reply)).rejects.toBeInstanceOf(PostError);
    await bot.adapter.edit(posted, notice("second").reply);
    expect(message.content).toBe("second");
    expect(message.attachments).toEqual([]);
    expect(message.edits).toBe(1);
  });
});

describe("discord: a schedule's language", () => {
  it("posts in Chinese when the schedule was set with locale:zh-CN", async () => {
    const clock = simulatedClock(Date.parse("2026-12-07T00:00:00Z"));
    const storage = openStorage(":memory:");
    const store = openQuizStore(storage, { now: clock.now });
    const fake = await startFakeDiscord();
    const bot = await quizBot({ simulator: inlineSimulator(), limits: NO_LIMITS, store, clock }, fake);
    try {
      bot.core.quiz!.start();
      const teacher = member(fake, "teacher", [fake.place.channelId]);
      const set = seenOf(await fake.slash("quiz schedule", { time: "09:00", timezone: "Asia/Shanghai", locale: "zh-CN" }, teacher).settled());
      // locale:zh-CN sets the language of the answer and of the posts
      expect(set.plain).toContain("每天 09:00（Asia/Shanghai）");
      await clock.advance(DAY);
      const deadline = Date.now() + 30_000;
      while (!latestPost(fake, fake.place.channelId) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      const post = latestPost(fake, fake.place.channelId)!;
      expect(post.plain).toContain("每日内存问题");
      expect(post.plain).not.toContain("Memory question of the day");
      const question = store.openPost({ platform: "discord", workspace: fake.place.guildId, id: fake.place.channelId })!.question as QuizQuestion;
      expect(post.buttons).toEqual(question.choices.map((_, i) => String.fromCharCode(65 + i)));
    } finally {
      await bot.core.quiz!.stop();
      await bot.stop();
      await fake.close();
      storage.close();
    }
  });
});

describe("discord: a crowd at the quiz", () => {
  const CROWD = 50;
  let fake: FakeDiscord;
  let storage: Storage;
  let store: QuizStore;
  let bot: Bot;
  let host: FakeUser;
  let crowd: FakeUser[];
  const shown: Record<string, string> = {};

  beforeAll(async () => {
    fake = await startFakeDiscord();
    storage = openStorage(":memory:");
    store = openQuizStore(storage);
    bot = await quizBot({ simulator: inlineSimulator(), limits: NO_LIMITS, store }, fake);
    host = member(fake, "host", [fake.place.channelId]);
    crowd = Array.from({ length: CROWD }, (_, i) => member(fake, `learner${i + 1}`));
  });
  afterAll(async () => {
    await bot?.stop();
    await fake?.close();
    storage?.close();
    // what Discord shows, once, to read as a learner would
    for (const [what, content] of Object.entries(shown)) console.log(`---- ${what} ----\n${content}`);
  });

  const channel = () => ({ platform: "discord", workspace: fake.place.guildId, id: fake.place.channelId });

  it("records fifty presses at once, tells each person privately, and the closed post counts all fifty", async () => {
    await fake.slash("quiz now", {}, host).settled();
    const message = fake.posted.at(-1)!;
    shown.post = message.content;
    const question = store.openPost(channel())!.question as QuizQuestion;
    const letters = question.choices.map((_, i) => String.fromCharCode(65 + i));
    // everyone presses at the same moment, spread over the choices
    const presses = crowd.map((user, i) => fake.press(message, letters[i % letters.length]!, user));
    const outcomes = await Promise.all(presses.map((p) => p.settled()));
    shown.acknowledged = `slowest acknowledgement of ${CROWD} presses at once: ${Math.round(Math.max(...presses.map((p) => p.ackedAt! - p.sentAt)))} ms`;
    shown.answer = outcomes[0]!.message!.content;
    for (const [i, out] of outcomes.entries()) {
      const seen = seenOf(out);
      expect(seen.private).toBe(true);
      const right = question.choices[i % letters.length]!.correct;
      expect(seen.plain).toContain(right ? "Right!" : "Not quite.");
      expect(seen.images).toHaveLength(1);
    }
    expect(fake.late).toEqual([]);
    expect(store.spread(store.openPost(channel())!.id).reduce((n, s) => n + s.count, 0)).toBe(CROWD);

    await fake.slash("quiz close", {}, host).settled();
    const closed = latestPost(fake, fake.place.channelId)!;
    expect(closed.ref).toBe(message);
    shown.closed = message.content;
    const counts = [...closed.plain.matchAll(/(\d+) answers? \((\d+)%\)/g)].map((m) => Number(m[1]));
    expect(counts).toHaveLength(letters.length);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(CROWD);
    expect(closed.plain).toContain(`${CROWD} people answered.`);
    expect(closed.buttons).toEqual([]);
    expect(message.attachments).toEqual([]);
    expect(fake.rejected).toEqual([]);
    expect(fake.mentionsDisabledEverywhere()).toBe(true);
  }, 60_000);

  it("shows people on the leaderboard as mentions that notify no one", async () => {
    const out = await fake.slash("quiz leaderboard", {}, crowd[0]!).settled();
    const message = out.message!;
    shown.leaderboard = message.content;
    expect(out.ephemeral).toBe(true);
    const mentioned = [...message.content.matchAll(/<@(\d+)>/g)].map((m) => m[1]);
    // the first ten by points, then the reader's own row when they are further down
    const rows = store.leaderboard({ platform: "discord", workspace: fake.place.guildId }, "week").rows;
    const top = rows.slice(0, 10).map((r) => r.user);
    expect(mentioned).toEqual(top.includes(crowd[0]!.id) ? top : [...top, crowd[0]!.id]);
    expect(new Set(mentioned).size).toBe(mentioned.length);
    expect(message.allowed_mentions).toEqual({ parse: [] });
    expect(message.content).not.toMatch(/@everyone|@here/);
  });
});
