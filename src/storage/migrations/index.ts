/**
 * Every change to the database's tables, in order. A new table is one new entry at the end
 * (never edit or reorder one already released: databases record which versions they have).
 */
import type Database from "better-sqlite3";
import { runsTable } from "./001-runs.js";
import { runStdin } from "./002-run-stdin.js";
import { quizTables } from "./003-quiz.js";
import { quizLocale } from "./004-quiz-locale.js";

export interface Migration {
  /** 1, 2, 3…: the schema version the database has once this has run */
  version: number;
  /** a short name, recorded with the version */
  name: string;
  /** makes the change; runs inside the migration's own transaction */
  up(db: Database.Database): void;
  /**
   * Whether a database written before versions were recorded already holds this change;
   * then the version is recorded and `up` is not run.
   */
  present?(db: Database.Database): boolean;
}

export const MIGRATIONS: readonly Migration[] = [runsTable, runStdin, quizTables, quizLocale];
