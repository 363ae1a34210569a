/** The runs table, exactly as the run store created it before versions were recorded. */
import type Database from "better-sqlite3";
import { StorageError } from "../errors.js";
import type { Migration } from "./index.js";

const COLUMNS = ["id", "kind", "language", "locale", "source", "after", "label", "user_id", "created_at"];

export const runsTable: Migration = {
  version: 1,
  name: "runs",
  up(db) {
    db.exec(`CREATE TABLE IF NOT EXISTS runs (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    language TEXT NOT NULL,
    locale TEXT NOT NULL,
    source TEXT NOT NULL,
    after TEXT,
    label TEXT,
    user_id TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );
  CREATE INDEX IF NOT EXISTS runs_created ON runs (created_at);`);
  },
  present(db: Database.Database) {
    const columns = (db.pragma("table_info(runs)") as { name: string }[]).map((c) => c.name);
    if (columns.length === 0) return false;
    // a runs table of some other shape is not ours to adopt (nor to change)
    if (columns.join() !== COLUMNS.join()) {
      throw new StorageError("storage-foreign-runs", `the database has a runs table with columns (${columns.join(", ")}), not memsim's (${COLUMNS.join(", ")})`);
    }
    return true;
  },
};
