/**
 * Runs by id (the runs table, migration 1): what a button needs to answer after any restart
 * (the program, its language and locale). Traces are not stored: they are rebuilt by running
 * the program again, which also keeps the database small.
 */
import { randomBytes } from "node:crypto";
import type { ProgramLanguage } from "../../commands/memsim.js";
import type { Locale } from "../i18n/index.js";
import { openStorage, type Storage } from "./database.js";

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
  /** the lines `input()` returned when it ran (migration 2) */
  stdin?: string[];
  userId: string;
  createdAt: number;
}

export type NewRun = Omit<StoredRun, "id" | "createdAt">;

export interface RunStore {
  save(run: NewRun): StoredRun;
  get(id: string): StoredRun | undefined;
  /** forgets runs older than the retention period; returns how many */
  prune(): number;
  /** closes the database the store is on (once, however many of its users close it) */
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

/** The run store on an open database (which the migrations have given its runs table). */
export function runStore(storage: Storage, options: StoreOptions = {}): RunStore {
  const now = options.now ?? Date.now;
  const retentionMs = options.retentionMs ?? 30 * DAY_MS;
  const { db } = storage;
  const insert = db.prepare(
    "INSERT INTO runs (id, kind, language, locale, source, after, label, stdin, user_id, created_at) VALUES (@id, @kind, @language, @locale, @source, @after, @label, @stdin, @userId, @createdAt)",
  );
  const select = db.prepare("SELECT * FROM runs WHERE id = ?");
  const remove = db.prepare("DELETE FROM runs WHERE created_at < ?");
  let saves = 0;
  const store: RunStore = {
    save(run) {
      const stored: StoredRun = { ...run, id: newRunId(), createdAt: now() };
      insert.run({ ...stored, after: stored.after ?? null, label: stored.label ?? null, stdin: stored.stdin?.length ? stored.stdin.join("\n") : null });
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
        ...(row.stdin != null ? { stdin: String(row.stdin).split("\n") } : {}),
        userId: String(row.user_id),
        createdAt: Number(row.created_at),
      };
    },
    prune: () => remove.run(now() - retentionMs).changes,
    close: () => storage.close(),
  };
  store.prune();
  return store;
}

/** Opens the database at `path` (created and migrated as needed) and the run store on it. */
export function openRunStore(path: string, options: StoreOptions = {}): RunStore {
  const storage = openStorage(path);
  try {
    return runStore(storage, options);
  } catch (error) {
    storage.close();
    throw error;
  }
}
