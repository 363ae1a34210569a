import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openQuizStore, QuizStoreError, type StoredQuestion } from "../../../src/quiz/store/index.js";
import { MIGRATIONS, openStorage } from "../../../src/storage/index.js";

const dir = mkdtempSync(join(tmpdir(), "memsim-quiz-store-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const channel = { platform: "discord", workspace: "guild-1", id: "chan-1" };
const question: StoredQuestion & { prompt: string } = {
  id: "q-1",
  difficulty: 2,
  prompt: "kept as given",
  choices: [
    { id: "a", correct: false },
    { id: "b", correct: true },
    { id: "c", correct: false },
  ],
};
const message = { channel, id: "msg-1" };

describe("the quiz tables", () => {
  it("are migration 3, after the runs table, and the posts' language migration 4", () => {
    const storage = openStorage(":memory:");
    expect(MIGRATIONS.map((m) => m.name)).toEqual(["runs", "run-stdin", "quiz", "quiz-locale"]);
    const tables = storage.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'quiz_%' ORDER BY name").pluck().all();
    expect(tables).toEqual(["quiz_answers", "quiz_posts", "quiz_schedules"]);
    storage.close();
  });
});

describe("claiming a day's post", () => {
  it("is won by one of two connections on one file, once per channel and day", () => {
    const path = join(dir, "claims.sqlite");
    const one = openStorage(path);
    const two = openStorage(path);
    const a = openQuizStore(one);
    const b = openQuizStore(two);
    const wins = { a: 0, b: 0 };
    for (let d = 1; d <= 20; d++) {
      const day = `2026-12-${String(d).padStart(2, "0")}`;
      // alternate who asks first: the winner is whoever asks first, and only they
      const [first, second] = d % 2 ? [a, b] : [b, a];
      const w1 = first.claimPost(channel, day, "Asia/Shanghai");
      const w2 = second.claimPost(channel, day, "Asia/Shanghai");
      expect([w1, w2]).toEqual([true, false]);
      wins[first === a ? "a" : "b"]++;
      expect(a.claimed(channel, day)).toBe(true);
    }
    expect(wins).toEqual({ a: 10, b: 10 });
    // another channel of the same server has its own day
    expect(b.claimPost({ ...channel, id: "chan-2" }, "2026-12-01", "Asia/Shanghai")).toBe(true);
    one.close();
    two.close();
  });

  it("takes the schedule's zone when none is given, and refuses a bad day or zone", () => {
    const storage = openStorage(":memory:");
    const store = openQuizStore(storage);
    expect(() => store.claimPost(channel, "2026-12-01")).toThrow(QuizStoreError);
    store.setSchedule({ channel, time: "09:00", zone: "America/New_York", setBy: "mod" });
    expect(store.claimPost(channel, "2026-12-01")).toBe(true);
    expect(() => store.claimPost(channel, "12/02/2026")).toThrow(/YYYY-MM-DD/);
    expect(() => store.setSchedule({ channel, time: "9:00", zone: "UTC", setBy: "mod" })).toThrow(/HH:MM/);
    expect(() => store.setSchedule({ channel, time: "09:00", zone: "Mars/Olympus", setBy: "mod" })).toThrow(/IANA/);
    storage.close();
  });
});

describe("a post and its answers", () => {
  it("opens when posted, takes one answer per person, counts the spread and closes once", () => {
    const storage = openStorage(":memory:");
    const store = openQuizStore(storage, { now: () => 1000 });
    expect(() => store.markPosted(channel, "2026-12-07", { question, message })).toThrow(/not claimed/);
    store.claimPost(channel, "2026-12-07", "UTC");
    const post = store.markPosted(channel, "2026-12-07", { question, message });
    expect(post).toMatchObject({ channel, day: "2026-12-07", zone: "UTC", state: "open", message, postedAt: 1000 });
    expect(post.question).toEqual(question);
    expect(() => store.markPosted(channel, "2026-12-07", { question, message })).toThrow(/already posted/);
    expect(store.openPost(channel)?.id).toBe(post.id);
    expect(store.questionPosted(channel, "q-1")).toBe(true);
    expect(store.questionPosted({ platform: "discord", workspace: "guild-2" }, "q-1")).toBe(false);
    expect(store.questionPosted(channel, "q-2")).toBe(false);

    expect(store.recordAnswer(post.id, "ada", "b")).toEqual({ recorded: true, correct: true, points: 2 });
    expect(store.recordAnswer(post.id, "ada", "a")).toEqual({ recorded: false, reason: "already" });
    expect(store.recordAnswer(post.id, "bob", "a")).toEqual({ recorded: true, correct: false, points: 0 });
    expect(store.recordAnswer(post.id, "cy", "a")).toEqual({ recorded: true, correct: false, points: 0 });
    expect(() => store.recordAnswer(post.id, "dee", "z")).toThrow(/no choice "z"/);
    expect(() => store.recordAnswer(999, "dee", "a")).toThrow(/no quiz post 999/);
    expect(store.spread(post.id)).toEqual([
      { choice: "a", count: 2, correct: false },
      { choice: "b", count: 1, correct: true },
      { choice: "c", count: 0, correct: false },
    ]);

    expect(store.closePost(post.id)).toBe(true);
    expect(store.closePost(post.id)).toBe(false);
    expect(store.openPost(channel)).toBeUndefined();
    expect(store.post(post.id)).toMatchObject({ state: "closed", closedAt: 1000 });
    expect(store.recordAnswer(post.id, "dee", "b")).toEqual({ recorded: false, reason: "closed" });
    expect(store.spread(post.id).map((s) => s.count)).toEqual([2, 1, 0]);
    storage.close();
  });

  it("refuses a question without exactly one right choice or with an unknown difficulty", () => {
    const storage = openStorage(":memory:");
    const store = openQuizStore(storage);
    store.claimPost(channel, "2026-12-07", "UTC");
    const two = { ...question, choices: question.choices.map((c) => ({ ...c, correct: true })) };
    expect(() => store.markPosted(channel, "2026-12-07", { question: two, message })).toThrow(/exactly one correct/);
    expect(() => store.markPosted(channel, "2026-12-07", { question: { ...question, difficulty: 4 as 1 }, message })).toThrow(/difficulty 4/);
    // refused whole: the day is still claimed and not posted
    expect(store.post(1)).toMatchObject({ state: "claimed" });
    storage.close();
  });

  it("is found open again after a restart, keeps its answers and takes new ones", () => {
    const path = join(dir, "restart.sqlite");
    let storage = openStorage(path);
    let store = openQuizStore(storage);
    store.claimPost(channel, "2026-12-07", "UTC");
    const { id } = store.markPosted(channel, "2026-12-07", { question, message });
    store.recordAnswer(id, "ada", "b");
    storage.close();

    storage = openStorage(path);
    store = openQuizStore(storage);
    const open = store.openPost(channel);
    expect(open).toMatchObject({ id, state: "open", message, question });
    expect(store.recordAnswer(id, "ada", "c")).toEqual({ recorded: false, reason: "already" });
    expect(store.recordAnswer(id, "bob", "b")).toMatchObject({ recorded: true, correct: true });
    // the next day's post closes it
    expect(store.claimPost(channel, "2026-12-08", "UTC")).toBe(true);
    expect(store.closePost(id)).toBe(true);
    expect(store.spread(id).find((s) => s.correct)?.count).toBe(2);
    storage.close();
  });
});

describe("schedules", () => {
  it("one per channel, set again to change it, removed to stop it", () => {
    let t = 5;
    const storage = openStorage(":memory:");
    const store = openQuizStore(storage, { now: () => t++ });
    store.setSchedule({ channel, time: "09:00", zone: "Asia/Shanghai", setBy: "mod" });
    store.setSchedule({ channel: { platform: "console", id: "main" }, time: "23:59", zone: "UTC", setBy: "me" });
    store.setSchedule({ channel, time: "08:30", zone: "Europe/Paris", setBy: "mod2" });
    expect(store.schedules()).toEqual([
      { channel: { platform: "console", id: "main" }, time: "23:59", zone: "UTC", setBy: "me", setAt: 6 },
      { channel, time: "08:30", zone: "Europe/Paris", setBy: "mod2", setAt: 7 },
    ]);
    // the same channel whatever the order of its fields
    expect(store.schedule({ id: "chan-1", workspace: "guild-1", platform: "discord" })?.time).toBe("08:30");
    expect(store.removeSchedule(channel)).toBe(true);
    expect(store.removeSchedule(channel)).toBe(false);
    expect(store.schedules()).toHaveLength(1);
    storage.close();
  });
});
