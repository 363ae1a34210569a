/** Opening memsim's one SQLite database: its settings, then its migrations. */
import { mkdirSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import Database from "better-sqlite3";
import { MemsimError } from "../core/errors.js";
import { StorageError } from "./errors.js";
import { migrate, type MigrationResult } from "./migrate.js";
import { MIGRATIONS, type Migration } from "./migrations/index.js";

export interface Storage {
  readonly db: Database.Database;
  readonly path: string;
  /** what the migrations did at opening */
  readonly migrations: MigrationResult;
  /** closes the database; closing it again does nothing */
  close(): void;
}

export interface StorageOptions {
  /** defaults to every migration memsim has */
  migrations?: readonly Migration[];
  /** how long a write waits for another connection's lock (default 5 s) */
  busyTimeoutMs?: number;
  now?: () => number;
}

/** Where the database lives when MEMSIM_DB does not say. */
export function defaultDatabasePath(): string {
  return join(homedir(), ".memsim", "chat.sqlite");
}

/** The database's path from the environment: MEMSIM_DB (unless empty), else the default. */
export function databasePath(env: NodeJS.ProcessEnv = process.env): string {
  return env.MEMSIM_DB?.trim() || defaultDatabasePath();
}

/** Opens (and creates, and migrates) the database; `:memory:` keeps it in memory. */
export function openStorage(path: string = databasePath(), options: StorageOptions = {}): Storage {
  let db: Database.Database | undefined;
  try {
    if (path !== ":memory:" && path !== "") mkdirSync(dirname(path), { recursive: true });
    db = new Database(path, { timeout: options.busyTimeoutMs ?? 5000 });
    db.pragma("journal_mode = WAL");
    db.pragma("foreign_keys = ON");
    const migrations = migrate(db, options.migrations ?? MIGRATIONS, path, options.now);
    const handle = db;
    return {
      db: handle,
      path,
      migrations,
      close: () => {
        if (handle.open) handle.close();
      },
    };
  } catch (cause) {
    if (db?.open) db.close();
    if (cause instanceof MemsimError) throw cause;
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new StorageError("store-open", `cannot open the database at ${path}: ${reason}`, { cause });
  }
}
