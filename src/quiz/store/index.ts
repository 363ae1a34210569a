/** The daily quiz's data: schedules, posts claimed once, answers once per person, scores. */
export { addDays, isTimeZone, localDay, monthStart, weekStart } from "./days.js";
export { QuizStoreError } from "./errors.js";
export { streaks, type Leaderboard, type LeaderRow, type Period, type QuizRecord } from "./scores.js";
export {
  channelKey,
  openQuizStore,
  POINTS,
  workspaceKey,
  type AnswerResult,
  type QuizPost,
  type QuizSchedule,
  type QuizStore,
  type QuizStoreOptions,
  type StoredQuestion,
  type WorkspaceRef,
} from "./store.js";
