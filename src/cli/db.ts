/**
 * `memsim db backup FILE`: a consistent copy of memsim's database (MEMSIM_DB), safe while the bot
 * runs and writes. SQLite's online backup copies every page from one snapshot (a write by another
 * process meanwhile starts it again), into a file beside FILE that replaces it only once it is
 * whole and checked, so FILE is never a half-written copy.
 */
import { existsSync, mkdirSync, realpathSync, renameSync, rmSync, statSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import Database from "better-sqlite3";
import type { Params, Translator } from "../i18n/index.js";
import { databasePath, schemaVersion } from "../storage/index.js";

export interface DbIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
}

type DbArgs = { action: "help" } | { action: "backup"; file: string } | { action: "problem"; key: string; params: Params };

export function parseDbArgs(argv: readonly string[]): DbArgs {
  const [first, ...rest] = argv;
  if (first === undefined || first === "--help" || first === "-h" || first === "help") return { action: "help" };
  if (first !== "backup") return { action: "problem", key: "cli.db.error.unknownWord", params: { word: first } };
  if (rest.length === 0) return { action: "problem", key: "cli.db.error.noFile", params: {} };
  if (rest.length > 1) return { action: "problem", key: "cli.db.error.unknownWord", params: { word: rest[1]! } };
  return { action: "backup", file: rest[0]! };
}

/** Runs `memsim db …`; returns the exit status (0 done, 1 the backup failed, 2 mistyped). */
export async function dbCommand(argv: readonly string[], tr: Translator, io: DbIo): Promise<number> {
  const args = parseDbArgs(argv);
  if (args.action === "help") {
    io.stdout(tr.t("cli.db.usage") + "\n");
    return 0;
  }
  if (args.action === "problem") {
    io.stderr(tr.t(args.key, args.params) + "\n\n" + tr.t("cli.db.usage") + "\n");
    return 2;
  }
  return backup(databasePath(io.env), args.file, tr, io);
}

const samePath = (a: string, b: string) => existsSync(b) && realpathSync(a) === realpathSync(b);

async function backup(source: string, file: string, tr: Translator, io: DbIo): Promise<number> {
  if (!existsSync(source)) {
    io.stderr(tr.t("cli.db.error.noDatabase", { path: source }) + "\n");
    return 1;
  }
  const target = resolve(file);
  if (samePath(source, target)) {
    io.stderr(tr.t("cli.db.error.sameFile", { file }) + "\n");
    return 2;
  }
  const partial = join(dirname(target), `.${basename(target)}.${process.pid}.partial`);
  let db: Database.Database | undefined;
  try {
    mkdirSync(dirname(target), { recursive: true });
    db = new Database(source, { fileMustExist: true, timeout: 5000 });
    // after the first step, copy all that is left in one step: a write between steps starts the copy again
    await db.backup(partial, { progress: ({ totalPages }) => Math.max(totalPages, 100) });
    db.close();
    const copy = new Database(partial, { fileMustExist: true });
    let version: number;
    try {
      // one self-contained file: no -wal or -shm beside the copy
      copy.pragma("journal_mode = DELETE");
      const check = copy.pragma("integrity_check", { simple: true });
      if (check !== "ok") throw new Error(String(check));
      version = schemaVersion(copy);
    } finally {
      copy.close();
    }
    const bytes = statSync(partial).size;
    renameSync(partial, target);
    io.stdout(tr.t("cli.db.done", { source, file: target, size: tr.bytes(bytes), version }) + "\n");
    return 0;
  } catch (error) {
    if (db?.open) db.close();
    for (const leftover of [partial, `${partial}-wal`, `${partial}-shm`, `${partial}-journal`]) {
      try {
        rmSync(leftover, { force: true });
      } catch {
        // its folder could not be made: there is nothing to remove
      }
    }
    const reason = error instanceof Error ? error.message : String(error);
    io.stderr(tr.t("cli.db.error.failed", { source, file, reason }) + "\n");
    return 1;
  }
}
