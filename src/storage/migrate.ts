/**
 * Brings a database up to the newest schema this code knows: each missing migration in
 * order, each in its own transaction with its record in `schema_migrations`, so a failing
 * one leaves the database as it was before it.
 */
import type Database from "better-sqlite3";
import { StorageError } from "./errors.js";
import type { Migration } from "./migrations/index.js";

export interface MigrationResult {
  /** the schema version the database has now */
  version: number;
  /** versions run now */
  applied: number[];
  /** versions found already made by a database written before versions were recorded */
  adopted: number[];
}

const RECORD_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at INTEGER NOT NULL
)`;

/** The highest version recorded (0 when none is). */
export function schemaVersion(db: Database.Database): number {
  const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
  if (!table) return 0;
  const row = db.prepare("SELECT MAX(version) AS v FROM schema_migrations").get() as { v: number | null };
  return row.v ?? 0;
}

function checkList(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new StorageError("storage-migration-list", `migration "${m.name}" is number ${i + 1} in the list but says version ${m.version}`);
  });
}

/** `where` names the database in messages (its path). */
export function migrate(db: Database.Database, migrations: readonly Migration[], where: string, now: () => number = Date.now): MigrationResult {
  checkList(migrations);
  const known = migrations.length;
  const found = schemaVersion(db);
  if (found > known) {
    throw new StorageError(
      "storage-newer",
      `the database at ${where} has schema version ${found}, written by a newer memsim; this memsim knows versions up to ${known}. Run a newer memsim, or set MEMSIM_DB to another file`,
    );
  }
  const result: MigrationResult = { version: found, applied: [], adopted: [] };
  for (const m of migrations.slice(found)) {
    // IMMEDIATE takes the write lock first, so two processes starting together never run one twice
    const step = db.transaction(() => {
      const before = schemaVersion(db);
      if (before >= m.version) return;
      db.exec(RECORD_TABLE);
      const adopt = before === 0 && m.present?.(db) === true;
      if (!adopt) m.up(db);
      db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)").run(m.version, m.name, now());
      (adopt ? result.adopted : result.applied).push(m.version);
    });
    try {
      step.immediate();
    } catch (cause) {
      if (cause instanceof StorageError) throw cause;
      const reason = cause instanceof Error ? cause.message : String(cause);
      throw new StorageError("storage-migration-failed", `migration ${m.version} ("${m.name}") failed on ${where} and was undone: ${reason}`, { cause });
    }
    result.version = m.version;
  }
  return result;
}
