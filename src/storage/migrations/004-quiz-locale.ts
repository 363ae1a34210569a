/** The language each quiz channel's posts are written in (NULL: memsim's default language). */
import type { Migration } from "./index.js";

export const quizLocale: Migration = {
  version: 4,
  name: "quiz-locale",
  up(db) {
    db.exec("ALTER TABLE quiz_schedules ADD COLUMN locale TEXT; ALTER TABLE quiz_posts ADD COLUMN locale TEXT");
  },
};
