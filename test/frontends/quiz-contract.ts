/**
 * The daily quiz as every chat adapter shows it, driven the way people would: a member who
 * manages the channel sets the schedule and posts today's question; people answer with the
 * post's buttons, each once, and are told privately whether they were right, why, with the
 * diagram of the step that decides it; the question closes and its post then shows the answer
 * and how people answered; leaderboards and records follow. The same bot restarted over the
 * same database still counts presses on the open question.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChannelRef, LimitSettings, Simulator } from "../../src/chat/index.js";
import type { QuizQuestion } from "../../src/quiz/questions/index.js";
import { openQuizStore, type QuizStore } from "../../src/quiz/store/index.js";
import { openStorage, type Storage } from "../../src/storage/index.js";
import type { Seen } from "./contract.js";

export type QuizCommand = "schedule" | "stop" | "now" | "close" | "leaderboard" | "me";

export interface QuizHarness {
  /** the channel the quiz is set in (where the people are) */
  readonly channel: ChannelRef;
  /** the people who use it: the first may manage the channel, the others may not */
  readonly people: readonly string[];
  /** whether the platform can show a reply to one person only */
  readonly privateReplies: boolean;
  /** `/memsim quiz <command>` typed by a person; what they are answered */
  quiz(command: QuizCommand, options: Record<string, string>, person: string): Promise<Seen>;
  /** the quiz's latest post in the channel, as the channel shows it now (after any edit) */
  post(): Promise<Seen | undefined>;
  /** a person presses a button of a message; what they are answered */
  press(seen: Seen, label: string, person: string): Promise<Seen>;
  /** the same bot started again over the same database (the process restarted) */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export interface QuizSetup {
  simulator: Simulator;
  limits: LimitSettings;
  /** the quiz store the bot's core is given (a restarted bot gets it again) */
  store: QuizStore;
}

export type MakeQuizHarness = (setup: QuizSetup) => Promise<QuizHarness>;

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47]);

/** Registers the quiz contract for one adapter. */
export function quizContract(name: string, make: MakeQuizHarness, setup: () => { simulator: Simulator; limits: LimitSettings }): void {
  describe(`${name}: the daily quiz`, () => {
    let h: QuizHarness;
    let storage: Storage;
    let store: QuizStore;
    let manager: string;
    let others: string[];
    const question = () => store.openPost(h.channel)?.question as QuizQuestion | undefined;
    const letter = (q: QuizQuestion, correct: boolean) => String.fromCharCode(65 + q.choices.findIndex((c) => c.correct === correct));

    beforeAll(async () => {
      storage = openStorage(":memory:");
      store = openQuizStore(storage);
      h = await make({ ...setup(), store });
      [manager, ...others] = h.people as [string, ...string[]];
    });
    afterAll(async () => {
      await h?.close();
      storage?.close();
    });

    it("lets only members who may manage the channel set its quiz", async () => {
      for (const person of others) {
        const seen = await h.quiz("schedule", { time: "09:30", timezone: "Europe/Berlin" }, person);
        expect(seen.plain).toContain("Only people who may manage that channel");
        expect(seen.private).toBe(h.privateReplies);
        const now = await h.quiz("now", {}, person);
        expect(now.plain).toContain("Only people who may manage that channel");
      }
      expect(store.schedules()).toEqual([]);
      expect(h.people.length).toBeGreaterThan(0);
    });

    it("schedules a daily question at a local time, and says what to change in a wrong time or zone", async () => {
      const zone = await h.quiz("schedule", { time: "9:30", timezone: "Mars/Olympus" }, manager);
      expect(zone.plain).toContain('"Mars/Olympus" is not a time zone memsim knows');
      const time = await h.quiz("schedule", { time: "24:00", timezone: "UTC" }, manager);
      expect(time.plain).toMatch(/HH:MM/);
      expect(store.schedules()).toEqual([]);
      const seen = await h.quiz("schedule", { time: "9:30", timezone: "europe/berlin" }, manager);
      expect(seen.plain).toContain("every day at 09:30 (Europe/Berlin)");
      expect(seen.plain).toMatch(/The next one comes on .*\d/);
      expect(seen.private).toBe(h.privateReplies);
      expect(store.schedule(h.channel)).toMatchObject({ time: "09:30", zone: "Europe/Berlin" });
    });

    it("posts today's question now, with its program and a button per choice, once a day", async () => {
      const seen = await h.quiz("now", {}, manager);
      expect(seen.plain).toContain("today's question is posted");
      const post = await h.post();
      const q = question()!;
      expect(q).toBeDefined();
      expect(post!.plain).toContain("Memory question of the day");
      // the program as it runs, line by line
      for (const line of q.program.trim().split("\n")) expect(post!.plain).toContain(line.trim());
      expect(post!.buttons).toEqual(q.choices.map((_, i) => String.fromCharCode(65 + i)));
      const again = await h.quiz("now", {}, manager);
      expect(again.plain).toContain("Today's question has already been posted");
      expect(store.schedules()).toHaveLength(1);
    });

    it("tells the one who pressed whether they were right, why, with the deciding step's diagram, once", async () => {
      const q = question()!;
      const post = (await h.post())!;
      const wrong = letter(q, false);
      const seen = await h.press(post, wrong, manager);
      expect(seen.private).toBe(h.privateReplies);
      expect(seen.plain).toContain("Not quite.");
      expect(seen.plain).toContain(`The answer is ${letter(q, true)}`);
      expect(seen.plain).toMatch(/The diagram shows step \d+ of \d+, the one that decides the answer/);
      expect(seen.images).toHaveLength(1);
      expect(seen.images[0]!.data.subarray(0, 4).equals(PNG)).toBe(true);
      expect(seen.images[0]!.alt).toMatch(/^Memory diagram at step \d+ of \d+/);
      const again = await h.press(post, letter(q, true), manager);
      expect(again.plain).toContain(`You have already answered this question: you chose ${wrong}`);
      expect(again.images).toHaveLength(0);
      expect(store.spread(store.openPost(h.channel)!.id).reduce((n, s) => n + s.count, 0)).toBe(1);
    });

    it("still counts presses on the open question after a restart", async () => {
      await h.restart();
      const q = question()!;
      for (const person of others) {
        const seen = await h.press((await h.post())!, letter(q, true), person);
        expect(seen.plain).toContain("Right!");
        expect(seen.images).toHaveLength(1);
      }
      const counts = store.spread(store.openPost(h.channel)!.id);
      expect(counts.reduce((n, s) => n + s.count, 0)).toBe(1 + others.length);
    });

    it("closes the question: its post shows the answer, how people answered and why", async () => {
      const q = question()!;
      const seen = await h.quiz("close", {}, manager);
      expect(seen.plain).toContain("is closed");
      const post = (await h.post())!;
      expect(post.plain).toContain("The question has closed");
      expect(post.plain).toContain(`The answer is ${letter(q, true)}`);
      const total = 1 + others.length;
      expect(post.plain).toContain(`${total === 1 ? "1 person" : `${total} people`} answered.`);
      expect(post.buttons).toEqual([]);
      const late = await h.press(post, letter(q, true), manager).catch(() => undefined);
      // a platform that removed the buttons takes no press; one that kept them says the question closed
      if (late) expect(late.plain).toContain("This question has closed");
      expect(store.openPost(h.channel)).toBeUndefined();
      const closed = await h.quiz("close", {}, manager);
      expect(closed.plain).toContain("No question is open");
    });

    it("shows the week's leaderboard and one's own record", async () => {
      const q = store.post(1)!.question!;
      const board = await h.quiz("leaderboard", {}, manager);
      expect(board.plain).toContain("Quiz leaderboard: this week");
      expect(board.private).toBe(h.privateReplies);
      if (others.length > 0) expect(board.plain).toContain(`${q.difficulty} point`);
      const me = await h.quiz("me", {}, manager);
      expect(me.plain).toContain("Your quiz record");
      expect(me.plain).toContain("0 right of 1 answer");
      const all = await h.quiz("leaderboard", { period: "all" }, manager);
      expect(all.plain).toContain("Quiz leaderboard: all time");
    });

    it("stops the daily question", async () => {
      const seen = await h.quiz("stop", {}, manager);
      expect(seen.plain).toContain("memsim will post no more daily questions");
      expect(store.schedules()).toEqual([]);
      const again = await h.quiz("stop", {}, manager);
      expect(again.plain).toContain("There is no daily question");
    });
  });
}
