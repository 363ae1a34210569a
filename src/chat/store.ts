/**
 * Runs by id, in SQLite: what a button needs to answer after any restart (the program,
 * its language and locale). Traces are not stored: they are rebuilt by running the program
 * again, which also keeps the database small.
 */
import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import type { ProgramLanguage } from "../../commands/memsim.js";
import { MemsimError } from "../core/errors.js";
import type { Locale } from "../i18n/index.js";

export interface StoredRun {
  id: string;
  /** a single program, or a before/after pair */
  kind: "run" | "compare";
  language: ProgramLanguage;
  locale: Locale;
  source: string;
  /** the "after" program of a comparison */
  after?: string;
  /** what the run shows, e.g. a practice or teaching topic id */
  label?: string;
  userId: string;
  createdAt: number;
}

export type NewRun = Omit<StoredRun, "id" | "createdAt">;

export interface RunStore {
  save(run: NewRun): StoredRun;
  get(id: string): StoredRun | undefined;
  /** forgets runs older than the retention period; returns how many */
  prune(): number;
  close(): void;
}

export interface StoreOptions {
  /** how long runs (and so their buttons) are kept (default 30 days) */
  retentionMs?: number;
  now?: () => number;
}

const DAY_MS = 86_400_000;
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** A short random id (62^12: never guessed, never repeated in practice). */
export function newRunId(): string {
  const bytes = randomBytes(12);
  let id = "";
  for (const b of bytes) id += ALPHABET[b % ALPHABET.length];
  return id;
}

/** Opens (and creates) the run store; `:memory:` keeps it in memory. */
export function openRunStore(path: string, options: StoreOptions = {}): RunStore {
  const now = options.now ?? Date.now;
  const retentionMs = options.retentionMs ?? 30 * DAY_MS;
  let db: Database.Database;
  try {
    if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
    db = new Database(path);
  } catch (cause) {
    throw new MemsimError("store-open", `cannot open the run store at ${path}`, { cause });
  }
  db.pragma("journal_mode = WAL");
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
  const insert = db.prepare(
    "INSERT INTO runs (id, kind, language, locale, source, after, label, user_id, created_at) VALUES (@id, @kind, @language, @locale, @source, @after, @label, @userId, @createdAt)",
  );
  const select = db.prepare("SELECT * FROM runs WHERE id = ?");
  const remove = db.prepare("DELETE FROM runs WHERE created_at < ?");
  let saves = 0;
  const store: RunStore = {
    save(run) {
      const stored: StoredRun = { ...run, id: newRunId(), createdAt: now() };
      insert.run({ ...stored, after: stored.after ?? null, label: stored.label ?? null });
      // pruning now and then keeps the table bounded without a timer
      if (++saves % 200 === 0) store.prune();
      return stored;
    },
    get(id) {
      const row = select.get(id) as Record<string, unknown> | undefined;
      if (!row || Number(row.created_at) < now() - retentionMs) return undefined;
      return {
        id: String(row.id),
        kind: row.kind === "compare" ? "compare" : "run",
        language: String(row.language) as ProgramLanguage,
        locale: String(row.locale) as Locale,
        source: String(row.source),
        ...(row.after != null ? { after: String(row.after) } : {}),
        ...(row.label != null ? { label: String(row.label) } : {}),
        userId: String(row.user_id),
        createdAt: Number(row.created_at),
      };
    },
    prune: () => remove.run(now() - retentionMs).changes,
    close: () => db.close(),
  };
  store.prune();
  return store;
}
