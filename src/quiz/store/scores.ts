/**
 * Scores from the answers table: leaderboards of a week, a month or all time (points by
 * difficulty; speed never counts), and one person's record with streaks of days answered
 * correctly. Days are the posts' local days, so weeks, months and streaks follow each
 * schedule's time zone.
 */
import type Database from "better-sqlite3";
import { localDay, monthStart, weekStart } from "./days.js";

export type Period = "week" | "month" | "all";

export interface LeaderRow {
  user: string;
  /** 1 for the most points; people with equal points share a rank */
  rank: number;
  points: number;
  correct: number;
  answered: number;
}

export interface Leaderboard {
  period: Period;
  /** the first local day counted (none for all time) */
  from?: string;
  /** today, in the zone of the workspace's latest post */
  to?: string;
  rows: LeaderRow[];
}

export interface QuizRecord {
  points: number;
  answered: number;
  correct: number;
  /** consecutive question days answered correctly, up to the latest one decided */
  currentStreak: number;
  bestStreak: number;
}

/**
 * Streaks over the days the workspace had a question (a day without one, during downtime or
 * after a stop, breaks nobody's streak). The latest day still open and not yet answered does
 * not end a streak: the person may still answer it.
 */
export function streaks(questionDays: readonly { day: string; open: boolean }[], answered: ReadonlyMap<string, boolean>): { current: number; best: number } {
  let run = 0;
  let best = 0;
  questionDays.forEach(({ day, open }, i) => {
    const last = i === questionDays.length - 1;
    if (answered.get(day) === true) run++;
    else if (!(last && open && !answered.has(day))) run = 0;
    best = Math.max(best, run);
  });
  return { current: run, best };
}

export function scores(db: Database.Database) {
  const zoneOf = db.prepare("SELECT zone FROM quiz_posts WHERE workspace = ? ORDER BY day DESC, id DESC LIMIT 1").pluck();
  const board = db.prepare(
    `SELECT user_id AS user, SUM(points) AS points, SUM(correct) AS correct, COUNT(*) AS answered
     FROM quiz_answers WHERE workspace = ? AND day >= ? AND day <= ?
     GROUP BY user_id ORDER BY points DESC, correct DESC, user_id`,
  );
  const totals = db.prepare("SELECT COALESCE(SUM(points), 0) AS points, COUNT(*) AS answered, COALESCE(SUM(correct), 0) AS correct FROM quiz_answers WHERE workspace = ? AND user_id = ?");
  const days = db.prepare("SELECT day, MAX(state = 'open') AS open FROM quiz_posts WHERE workspace = ? AND state <> 'claimed' GROUP BY day ORDER BY day");
  const userDays = db.prepare("SELECT day, MAX(correct) AS correct FROM quiz_answers WHERE workspace = ? AND user_id = ? GROUP BY day");

  return {
    leaderboard(workspace: string, period: Period, at: number): Leaderboard {
      const zone = zoneOf.get(workspace) as string | undefined;
      if (zone === undefined) return { period, rows: [] };
      const today = localDay(at, zone);
      const from = period === "week" ? weekStart(today) : period === "month" ? monthStart(today) : undefined;
      const rows = board.all(workspace, from ?? "", today) as Omit<LeaderRow, "rank">[];
      let rank = 0;
      const ranked = rows.map((r, i) => {
        if (i === 0 || r.points !== rows[i - 1]!.points) rank = i + 1;
        return { user: r.user, rank, points: r.points, correct: r.correct, answered: r.answered };
      });
      return { period, ...(from !== undefined ? { from } : {}), to: today, rows: ranked };
    },
    record(workspace: string, user: string): QuizRecord {
      const t = totals.get(workspace, user) as { points: number; answered: number; correct: number };
      const questionDays = (days.all(workspace) as { day: string; open: number }[]).map((d) => ({ day: d.day, open: d.open === 1 }));
      const mine = new Map((userDays.all(workspace, user) as { day: string; correct: number }[]).map((d) => [d.day, d.correct === 1]));
      const { current, best } = streaks(questionDays, mine);
      return { points: t.points, answered: t.answered, correct: t.correct, currentStreak: current, bestStreak: best };
    },
  };
}
