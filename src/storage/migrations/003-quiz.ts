/**
 * The daily quiz: each channel's schedule, one post per channel and local day (claimed before
 * it is posted) with the question it posted (as given, JSON: a post keeps its own copy, so a
 * question posted again later never changes an earlier post), and one answer per person per
 * post, which carries what scores, leaderboards and streaks read.
 */
import type { Migration } from "./index.js";

export const quizTables: Migration = {
  version: 3,
  name: "quiz",
  up(db) {
    db.exec(`CREATE TABLE quiz_schedules (
    channel TEXT PRIMARY KEY,
    workspace TEXT NOT NULL,
    time TEXT NOT NULL CHECK (time GLOB '[0-2][0-9]:[0-5][0-9]'),
    zone TEXT NOT NULL,
    set_by TEXT NOT NULL,
    set_at INTEGER NOT NULL
  );
  CREATE TABLE quiz_posts (
    id INTEGER PRIMARY KEY,
    channel TEXT NOT NULL,
    workspace TEXT NOT NULL,
    day TEXT NOT NULL,
    zone TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('claimed', 'open', 'closed')),
    question_id TEXT,
    question TEXT,
    message TEXT,
    claimed_at INTEGER NOT NULL,
    posted_at INTEGER,
    closed_at INTEGER,
    UNIQUE (channel, day)
  );
  CREATE INDEX quiz_posts_workspace ON quiz_posts (workspace, day);
  CREATE INDEX quiz_posts_question ON quiz_posts (question_id);
  CREATE TABLE quiz_answers (
    post_id INTEGER NOT NULL REFERENCES quiz_posts (id),
    user_id TEXT NOT NULL,
    workspace TEXT NOT NULL,
    day TEXT NOT NULL,
    choice TEXT NOT NULL,
    correct INTEGER NOT NULL,
    points INTEGER NOT NULL,
    answered_at INTEGER NOT NULL,
    PRIMARY KEY (post_id, user_id)
  );
  CREATE INDEX quiz_answers_board ON quiz_answers (workspace, day);
  CREATE INDEX quiz_answers_user ON quiz_answers (workspace, user_id, day);`);
  },
};
