/**
 * Leaderboards and streaks over a month of simulated answers, checked against figures counted
 * here from the simulated answers themselves (not from the database).
 */
import { describe, expect, it } from "vitest";
import { addDays, localDay, monthStart, openQuizStore, POINTS, streaks, weekStart, type StoredQuestion } from "../../../src/quiz/store/index.js";
import { openStorage } from "../../../src/storage/index.js";

const ZONE = "Asia/Shanghai";
const channel = { platform: "discord", workspace: "guild-7", id: "quiz" };
const otherServer = { platform: "discord", workspace: "guild-8", id: "quiz" };

/** Deterministic random numbers (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function questionFor(day: string, difficulty: 1 | 2 | 3): StoredQuestion {
  return { id: `q-${day}`, difficulty, choices: ["a", "b", "c", "d"].map((id, i) => ({ id, correct: i === (day.charCodeAt(9) % 4) })) };
}

interface Given {
  day: string;
  user: string;
  correct: boolean;
  points: number;
}

describe("a month of answers", () => {
  const storage = openStorage(":memory:");
  const store = openQuizStore(storage);
  const rand = random(17);
  const people = Array.from({ length: 12 }, (_, i) => `user-${i}`);
  const given: Given[] = [];
  const questionDays: string[] = [];
  // 2026-11-16 (a Monday) to 2026-12-16: across a month's end, the quiz down on three days
  const down = new Set(["2026-11-21", "2026-12-02", "2026-12-03"]);
  let day = "2026-11-16";
  const last = "2026-12-16";
  for (let n = 0; day <= last; n++, day = addDays(day, 1)) {
    if (down.has(day)) continue;
    store.claimPost(channel, day, ZONE);
    const q = questionFor(day, ((n % 3) + 1) as 1 | 2 | 3);
    const post = store.markPosted(channel, day, { question: q, message: { channel, id: `m-${day}` } });
    questionDays.push(day);
    for (const user of people) {
      // each person has their own habits: some answer nearly every day and nearly always right
      const u = Number(user.slice(5));
      if (rand() > 0.55 + u * 0.035) continue;
      const right = rand() < 0.4 + u * 0.05;
      const choice = q.choices.find((c) => c.correct === right)!.id;
      const r = store.recordAnswer(post.id, user, choice);
      expect(r).toEqual({ recorded: true, correct: right, points: right ? POINTS[q.difficulty] : 0 });
      given.push({ day, user, correct: right, points: right ? q.difficulty : 0 });
    }
    if (day !== last) store.closePost(post.id);
  }
  // another server's answers never reach this one's boards (and its post of the same question id keeps its own copy)
  store.claimPost(otherServer, "2026-12-10", ZONE);
  const elsewhere = store.markPosted(otherServer, "2026-12-10", { question: questionFor("2026-12-10", 3), message: { channel: otherServer, id: "x" } });
  store.recordAnswer(elsewhere.id, "user-0", questionFor("2026-12-10", 3).choices.find((c) => c.correct)!.id);

  // 2026-12-16 10:00 in Shanghai (a Wednesday)
  const now = Date.parse("2026-12-16T02:00:00Z");

  function expected(from: string) {
    const by = new Map<string, { points: number; correct: number; answered: number }>();
    for (const g of given.filter((g) => g.day >= from)) {
      const e = by.get(g.user) ?? { points: 0, correct: 0, answered: 0 };
      e.points += g.points;
      e.correct += g.correct ? 1 : 0;
      e.answered += 1;
      by.set(g.user, e);
    }
    return by;
  }

  it.each([
    ["week", "2026-12-14"],
    ["month", "2026-12-01"],
    ["all", ""],
  ] as const)("the %s's leaderboard: points by difficulty, ranked, ties sharing a rank", (period, from) => {
    const board = store.leaderboard(channel, period, now);
    expect(board.to).toBe("2026-12-16");
    expect(board.from).toBe(from || undefined);
    const want = expected(from);
    expect(board.rows).toHaveLength(want.size);
    for (const row of board.rows) expect(row).toMatchObject({ user: row.user, ...want.get(row.user) });
    for (let i = 1; i < board.rows.length; i++) {
      const [a, b] = [board.rows[i - 1]!, board.rows[i]!];
      expect(a.points).toBeGreaterThanOrEqual(b.points);
      expect(b.rank).toBe(a.points === b.points ? a.rank : i + 1);
    }
    expect(board.rows[0]!.rank).toBe(1);
    // a board worth reading: several people, and points that differ
    expect(new Set(board.rows.map((r) => r.points)).size).toBeGreaterThan(2);
  });

  it("each person's record: totals and streaks of question days answered correctly", () => {
    let someStreak = 0;
    for (const user of people) {
      const mine = given.filter((g) => g.user === user);
      // one letter a question day: R right, W wrong, - not answered
      let letters = questionDays.map((d) => {
        const g = mine.find((x) => x.day === d);
        return g ? (g.correct ? "R" : "W") : "-";
      }).join("");
      const best = Math.max(0, ...letters.split(/[W-]/).map((s) => s.length));
      // the last day is still open: not answering it yet ends nothing
      if (letters.endsWith("-")) letters = letters.slice(0, -1);
      const current = /R*$/.exec(letters)![0].length;
      expect(store.record(channel, user)).toEqual({
        points: mine.reduce((s, g) => s + g.points, 0),
        answered: mine.length,
        correct: mine.filter((g) => g.correct).length,
        currentStreak: current,
        bestStreak: best,
      });
      someStreak = Math.max(someStreak, best);
    }
    expect(someStreak).toBeGreaterThanOrEqual(4);
    expect(store.record(channel, "nobody")).toEqual({ points: 0, answered: 0, correct: 0, currentStreak: 0, bestStreak: 0 });
    expect(store.record(otherServer, "user-0")).toMatchObject({ answered: 1, correct: 1, points: 3, currentStreak: 1 });
  });

  it("an empty board for a server with no quiz", () => {
    expect(store.leaderboard({ platform: "discord", workspace: "none" }, "week", now)).toEqual({ period: "week", rows: [] });
  });
});

describe("days in the schedule's zone", () => {
  it("a week starts on the local Monday: 01:00 Monday in Shanghai is still Sunday in UTC", () => {
    const at = Date.parse("2026-12-06T17:00:00Z");
    expect(localDay(at, ZONE)).toBe("2026-12-07");
    expect(localDay(at, "UTC")).toBe("2026-12-06");
    expect(weekStart(localDay(at, ZONE))).toBe("2026-12-07");
    expect(weekStart("2026-12-06")).toBe("2026-11-30");
    expect(monthStart("2026-12-06")).toBe("2026-12-01");
    expect(addDays("2026-02-28", 1)).toBe("2026-03-01");

    const storage = openStorage(":memory:");
    const store = openQuizStore(storage);
    const q = questionFor("2026-12-06", 1);
    store.claimPost(channel, "2026-12-06", ZONE);
    const post = store.markPosted(channel, "2026-12-06", { question: q, message: { channel, id: "m" } });
    store.recordAnswer(post.id, "ada", q.choices.find((c) => c.correct)!.id);
    // Sunday's answer is last week's once Monday has begun in Shanghai
    expect(store.leaderboard(channel, "week", at).rows).toEqual([]);
    expect(store.leaderboard(channel, "week", at - 3_600_000 * 2).rows).toHaveLength(1);
    storage.close();
  });

  it("streaks: a wrong answer or a missed day ends one, a day without a question does not", () => {
    const days = (...d: string[]) => d.map((day, i) => ({ day, open: i === d.length - 1 }));
    const qd = days("d1", "d2", "d3", "d4", "d5");
    expect(streaks(qd, new Map([["d1", true], ["d2", true], ["d3", false], ["d4", true], ["d5", true]]))).toEqual({ current: 2, best: 2 });
    expect(streaks(qd, new Map([["d1", true], ["d2", true], ["d3", true], ["d4", true]]))).toEqual({ current: 4, best: 4 });
    expect(streaks(qd, new Map([["d1", true], ["d2", true], ["d3", true], ["d5", true]]))).toEqual({ current: 1, best: 3 });
    expect(streaks(qd, new Map([["d1", true], ["d2", true], ["d3", true], ["d4", true], ["d5", false]]))).toEqual({ current: 0, best: 4 });
    const closed = qd.map((d) => ({ ...d, open: false }));
    expect(streaks(closed, new Map([["d1", true], ["d2", true], ["d3", true], ["d4", true]]))).toEqual({ current: 0, best: 4 });
  });
});
