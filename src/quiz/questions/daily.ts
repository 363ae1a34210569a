/** The day's question for a channel: kinds and difficulties rotate, and the seed is the day's and the channel's. */
import { hash32, QuizError } from "./common.js";
import { QUESTION_KINDS } from "./registry.js";
import type { Difficulty, QuizQuestion, Simulate } from "./types.js";

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a `YYYY-MM-DD` date. */
function dayNumber(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const ms = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
  if (!m || Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== date) {
    throw new QuizError("quiz-date", `not a date in the form YYYY-MM-DD: ${date}`);
  }
  return Math.round(ms / DAY_MS);
}

/** Which kind and difficulty a day gets: every kind in turn, and each kind's difficulty climbing 1, 2, 3
 * over its successive turns, started at a different place for each channel. */
export function dailyPlan(date: string, channelSeed: string): { kind: string; difficulty: Difficulty; seed: number } {
  const day = dayNumber(date) + (hash32(`quiz-channel:${channelSeed}`) % 997);
  const kinds = QUESTION_KINDS;
  const generator = kinds[day % kinds.length]!;
  const round = Math.floor(day / kinds.length);
  const levels = generator.difficulties;
  const difficulty = levels[round % levels.length]!;
  return { kind: generator.kind, difficulty, seed: hash32(`quiz-day:${date}:${channelSeed}`) };
}

/** Seeds tried after the day's own when its program gives no single right answer (a tie between rewrites). */
const RETRIES = 4;

export async function generateDaily(date: string, channelSeed: string, simulate: Simulate): Promise<QuizQuestion> {
  const plan = dailyPlan(date, channelSeed);
  const generator = QUESTION_KINDS.find((g) => g.kind === plan.kind)!;
  for (let attempt = 0; ; attempt++) {
    try {
      return await generator.generate((plan.seed + attempt * 0x9e3779b1) >>> 0, plan.difficulty, simulate);
    } catch (e) {
      if (!(e instanceof QuizError) || e.code !== "quiz-no-answer" || attempt >= RETRIES) throw e;
    }
  }
}
