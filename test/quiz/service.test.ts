/**
 * The quiz service through the command layer, under a simulated clock: each day's question
 * made by the simulator and posted once, the previous one closed (its post edited to show the
 * answer), posts missed while memsim was down posted late once, two bots on one database
 * posting a day once between them, and a post the platform refused left claimed, never posted twice.
 */
import { afterAll, describe, expect, it } from "vitest";
import { canvasDrawer, createChatCore, encodeAction, openRunStore, plainText, type ChannelRef, type PostedRef, type Reply, type Simulator } from "../../src/chat/index.js";
import { spanText, type Span } from "../../src/chat/reply.js";
import { questionReply } from "../../src/chat/views/quiz.js";
import { translator } from "../../src/i18n/index.js";
import { dailyPlan, questionKind, type QuizQuestion } from "../../src/quiz/questions/index.js";
import { simulatedClock, type SimulatedClock } from "../../src/quiz/schedule/index.js";
import type { QuizPoster, QuizService } from "../../src/quiz/service.js";
import { channelKey, openQuizStore, type QuizStore } from "../../src/quiz/store/index.js";
import { openStorage, type Storage } from "../../src/storage/index.js";
import { inlineSimulator } from "../helpers.js";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const channel: ChannelRef = { platform: "test", workspace: "w", id: "quiz" };

/** What a channel shows: each message as posted, then as edited. */
class Channel implements QuizPoster {
  messages = new Map<string, Reply[]>();
  refuse = false;
  async post(c: ChannelRef, reply: Reply): Promise<PostedRef> {
    if (this.refuse) throw new Error("the platform refused the post");
    const id = String(this.messages.size + 1);
    this.messages.set(id, [reply]);
    return { channel: c, id };
  }
  async edit(m: PostedRef, reply: Reply): Promise<void> {
    this.messages.get(m.id)!.push(reply);
  }
  now(id: string): string {
    return plainText(this.messages.get(id)!.at(-1)!);
  }
}

const open: Storage[] = [];
afterAll(() => open.forEach((s) => s.close()));

function bot(store: QuizStore, clock: SimulatedClock, where = new Channel()): { quiz: QuizService; where: Channel } {
  const core = createChatCore({ simulator: inlineSimulator(), drawer: canvasDrawer(), store: openRunStore(":memory:"), quiz: { store, clock } });
  core.quiz!.connect(where);
  return { quiz: core.quiz!, where };
}

function setup(start: string) {
  const clock = simulatedClock(Date.parse(start));
  const storage = openStorage(":memory:");
  open.push(storage);
  return { clock, store: openQuizStore(storage, { now: clock.now }) };
}

describe("the quiz service", () => {
  it("posts a day's question at the schedule's time, and closes the day before's on its post", async () => {
    const { clock, store } = setup("2026-03-01T00:00:00Z");
    const { quiz, where } = bot(store, clock);
    quiz.start();
    quiz.schedule({ channel, time: "09:30", zone: "Asia/Shanghai", setBy: "u" });
    await clock.advanceTo(Date.parse("2026-03-01T01:29:00Z"));
    expect(where.messages.size).toBe(0);
    await clock.advance(2 * 60_000);
    await waitFor(() => where.messages.size === 1);
    const first = store.postOf(channel, "2026-03-01")!;
    expect(first.state).toBe("open");
    const q = first.question as QuizQuestion;
    expect(where.now("1")).toContain(q.program.trim().split("\n")[0]!);
    expect(store.recordAnswer(first.id, "ada", q.choices.find((c) => c.correct)!.id)).toMatchObject({ recorded: true, correct: true });
    await clock.advance(DAY);
    await waitFor(() => where.messages.size === 2);
    // the day before's post now shows its answer and how people answered
    await waitFor(() => where.messages.get("1")!.length === 2);
    expect(where.now("1")).toContain("The question has closed");
    expect(where.now("1")).toContain("1 person answered.");
    expect(store.post(first.id)!.state).toBe("closed");
    const second = store.postOf(channel, "2026-03-02")!;
    expect(second.question!.id).not.toBe(q.id);
    await quiz.stop();
  });

  it("posts a question missed while memsim was down late, once, and a restart the same day posts nothing more", async () => {
    const { clock, store } = setup("2026-03-01T00:00:00Z");
    store.setSchedule({ channel, time: "08:00", zone: "Europe/Berlin", setBy: "u" });
    await clock.advanceTo(Date.parse("2026-03-01T12:00:00Z"));
    const a = bot(store, clock);
    a.quiz.start();
    await waitFor(() => a.where.messages.size === 1);
    await a.quiz.stop();
    const b = bot(store, clock);
    b.quiz.start();
    await clock.advance(HOUR);
    await b.quiz.stop();
    expect(b.where.messages.size).toBe(0);
    expect(store.postOf(channel, "2026-03-01")!.state).toBe("open");
  });

  it("posts a day once when two bots share the database", async () => {
    const { clock, store } = setup("2026-03-01T00:00:00Z");
    const a = bot(store, clock);
    const b = bot(store, clock);
    a.quiz.start();
    b.quiz.start();
    a.quiz.schedule({ channel, time: "10:00", zone: "UTC", setBy: "u" });
    b.quiz.schedule({ channel, time: "10:00", zone: "UTC", setBy: "u" });
    await clock.advanceTo(Date.parse("2026-03-03T10:01:00Z"));
    await waitFor(() => a.where.messages.size + b.where.messages.size === 3);
    await Promise.all([a.quiz.stop(), b.quiz.stop()]);
    expect(a.where.messages.size + b.where.messages.size).toBe(3);
    const days = ["2026-03-01", "2026-03-02", "2026-03-03"].map((d) => store.postOf(channel, d)?.state);
    expect(days).toEqual(["closed", "closed", "open"]);
  });

  it("leaves a day the platform refused claimed: asked again, it says so, and the next day posts", async () => {
    const { clock, store } = setup("2026-03-01T09:00:00Z");
    const { quiz, where } = bot(store, clock);
    where.refuse = true;
    await expect(quiz.postNow(channel)).rejects.toThrow(/refused/);
    where.refuse = false;
    const again = await quiz.postNow(channel);
    expect(again).toMatchObject({ kind: "already", post: { state: "claimed", day: "2026-03-01" } });
    await clock.advance(DAY);
    expect(await quiz.postNow(channel)).toMatchObject({ kind: "posted", post: { state: "open", day: "2026-03-02" } });
    expect(where.messages.size).toBe(1);
  });

  it("answers 50 people pressing at once, each privately and once, running the program once", async () => {
    const { clock, store } = setup("2026-03-01T09:00:00Z");
    const real = inlineSimulator();
    let runs = 0;
    const simulator: Simulator = { run: (source, request) => (runs++, real.run(source, request)) };
    const core = createChatCore({ simulator, drawer: canvasDrawer(), store: openRunStore(":memory:"), quiz: { store, clock } });
    const where = new Channel();
    core.quiz!.connect(where);
    const posted = await core.quiz!.postNow(channel);
    if (posted.kind !== "posted") throw new Error("not posted");
    const q = posted.post.question as QuizQuestion;
    const made = runs;
    const press = (user: string, choice: string) => {
      const acceptance = core.accept({ kind: "button", actionId: encodeAction({ do: "quiz", post: posted.post.id, choice, locale: undefined }), who: { userId: user, channelId: channel.id, channel } });
      if (acceptance.kind !== "work") throw new Error("a press was not taken as work");
      expect(acceptance.private).toBe(true);
      return acceptance.finish();
    };
    const people = Array.from({ length: 50 }, (_, i) => `p${i}`);
    const answers = await Promise.all(people.map((p, i) => press(p, q.choices[i % q.choices.length]!.id)));
    expect(answers.every((a) => a.reply.private && a.reply.images.length === 1)).toBe(true);
    expect(runs - made).toBe(1);
    const again = await Promise.all(people.slice(0, 5).map((p) => press(p, q.choices[0]!.id)));
    expect(again.every((a) => spanText((a.reply.blocks[0] as { spans: Span[] }).spans).includes("You have already answered"))).toBe(true);
    const spread = store.spread(posted.post.id);
    expect(spread.reduce((n, s) => n + s.count, 0)).toBe(50);
    expect(spread.map((s) => s.count)).toEqual(q.choices.map((_, i) => people.filter((_, k) => k % q.choices.length === i).length));
    // the same button's id pressed in another server is no answer there
    const elsewhere = core.accept({ kind: "button", actionId: encodeAction({ do: "quiz", post: posted.post.id, choice: q.choices[0]!.id, locale: undefined }), who: { userId: "x", channelId: "c2", channel: { ...channel, workspace: "other", id: "c2" } } });
    if (elsewhere.kind !== "work") throw new Error("a press was not taken as work");
    expect(spanText((await elsewhere.finish()).reply.blocks.flatMap((b) => ("spans" in b ? b.spans : [])))).toContain("cannot find this question");
    await core.quiz!.close(channel);
    expect(where.now("1")).toContain("50 people answered.");
  });

  it("posts a C question in a c fence, keeps its language, and draws a press's diagram from the program run as C", async () => {
    // the first day this channel's rotation gives a C question
    let day = Date.parse("2026-03-01T09:00:00Z");
    while (questionKind(dailyPlan(new Date(day).toISOString().slice(0, 10), channelKey(channel)).kind)!.language !== "c") day += DAY;
    const { clock, store } = setup(new Date(day).toISOString());
    const real = inlineSimulator();
    const languages: string[] = [];
    const simulator: Simulator = { run: (source, request) => (languages.push(request.language), real.run(source, request)) };
    const core = createChatCore({ simulator, drawer: canvasDrawer(), store: openRunStore(":memory:"), quiz: { store, clock } });
    const where = new Channel();
    core.quiz!.connect(where);
    const posted = await core.quiz!.postNow(channel);
    if (posted.kind !== "posted") throw new Error("not posted");
    const q = store.post(posted.post.id)!.question as QuizQuestion;
    expect(q.language).toBe("c");
    const code = where.messages.get("1")![0]!.blocks.find((b) => b.kind === "code");
    expect(code).toMatchObject({ kind: "code", language: "c" });
    expect(where.now("1")).toContain("int main(void)");
    const made = languages.length;
    const acceptance = core.accept({ kind: "button", actionId: encodeAction({ do: "quiz", post: posted.post.id, choice: q.choices.find((c) => c.correct)!.id, locale: undefined }), who: { userId: "ada", channelId: channel.id, channel } });
    if (acceptance.kind !== "work") throw new Error("a press was not taken as work");
    const answered = (await acceptance.finish()).reply;
    expect(languages.slice(made)).toEqual(["c"]);
    expect(answered.images).toHaveLength(1);
    expect(answered.images[0]!.data.subarray(1, 4).toString("latin1")).toBe("PNG");
    expect(plainText(answered)).toContain("Right!");
    // a question stored before questions named their language is Python's
    const { language: _, ...older } = q;
    expect(questionReply(translator("en"), older as QuizQuestion, (c) => c).blocks.find((b) => b.kind === "code")).toMatchObject({ language: "py" });
  });

  it("writes a schedule's posts in its language", async () => {
    const { clock, store } = setup("2026-03-01T09:00:00Z");
    const { quiz, where } = bot(store, clock);
    quiz.schedule({ channel, time: "10:00", zone: "UTC", setBy: "u", locale: "zh-CN" });
    await quiz.postNow(channel);
    expect(where.now("1")).toContain("每日内存问题");
    expect(store.openPost(channel)!.locale).toBe("zh-CN");
    await quiz.close(channel);
    expect(where.now("1")).toMatch(/\p{Script=Han}/u);
  });
});

/** Lets the service's own work (making the question, posting) run until `done` holds. */
async function waitFor(done: () => boolean, ms = 60_000): Promise<void> {
  const until = Date.now() + ms;
  while (!done()) {
    if (Date.now() > until) throw new Error("waited too long");
    await new Promise((r) => setTimeout(r, 20));
  }
}
