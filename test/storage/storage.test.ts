import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { MemsimError } from "../../src/core/errors.js";
import { databasePath, MIGRATIONS, openStorage, runStore, StorageError, type Migration } from "../../src/storage/index.js";

const dir = mkdtempSync(join(tmpdir(), "memsim-storage-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every table and index, with the SQL that made it: the database's whole schema. */
function schema(db: Database.Database): unknown[] {
  return db.prepare("SELECT type, name, sql FROM sqlite_master ORDER BY name").all();
}

const notes: Migration = {
  version: MIGRATIONS.length + 1,
  name: "notes",
  up: (db) => db.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, run_id TEXT NOT NULL REFERENCES runs (id), text TEXT NOT NULL)"),
};

const broken: Migration = {
  version: MIGRATIONS.length + 1,
  name: "broken",
  up(db) {
    db.exec("CREATE TABLE half_done (x INTEGER)");
    db.exec("INSERT INTO runs (id) VALUES ('no other columns')");
  },
};

describe("a fresh database", () => {
  const path = join(dir, "fresh", "nested", "chat.sqlite");
  it("gets its folder, every migration recorded in order, WAL, foreign keys and a busy timeout", () => {
    const storage = openStorage(path, { now: () => 1234 });
    expect(existsSync(path)).toBe(true);
    expect(storage.migrations).toEqual({ version: MIGRATIONS.length, applied: MIGRATIONS.map((m) => m.version), adopted: [] });
    const { db } = storage;
    expect(db.prepare("SELECT version, name, applied_at FROM schema_migrations ORDER BY version").all()).toEqual(
      MIGRATIONS.map((m) => ({ version: m.version, name: m.name, applied_at: 1234 })),
    );
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(db.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(db.pragma("busy_timeout", { simple: true })).toBe(5000);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'runs'").get()).toEqual({ name: "runs" });
    storage.close();
    storage.close();
    expect(db.open).toBe(false);
  });

  it("is left alone when opened again", () => {
    const storage = openStorage(path, { now: () => 9999 });
    expect(storage.migrations).toEqual({ version: MIGRATIONS.length, applied: [], adopted: [] });
    expect(storage.db.prepare("SELECT MAX(applied_at) AS t FROM schema_migrations").get()).toEqual({ t: 1234 });
    storage.close();
  });

  it("works in memory", () => {
    const storage = openStorage(":memory:");
    expect(storage.migrations.version).toBe(MIGRATIONS.length);
    expect(storage.db.pragma("foreign_keys", { simple: true })).toBe(1);
    storage.close();
  });
});

describe("one database for every table", () => {
  it("serves the run store and a later table, whose foreign key to runs is enforced, and closes once", () => {
    const storage = openStorage(join(dir, "shared.sqlite"), { migrations: [...MIGRATIONS, notes] });
    expect(storage.migrations.applied).toEqual([...MIGRATIONS.map((m) => m.version), notes.version]);
    const store = runStore(storage);
    const run = store.save({ kind: "run", language: "python", locale: "en", source: "a = 1\n", userId: "u" });
    const addNote = storage.db.prepare("INSERT INTO notes (run_id, text) VALUES (?, ?)");
    addNote.run(run.id, "kept");
    expect(() => addNote.run("no-such-run", "lost")).toThrow(/FOREIGN KEY/);
    store.close();
    expect(storage.db.open).toBe(false);
    expect(() => storage.close()).not.toThrow();
  });
});

describe("a failing migration", () => {
  it("is undone, leaving the database as it was, with a message that names it", () => {
    const path = join(dir, "failing.sqlite");
    const first = openStorage(path);
    const store = runStore(first);
    const run = store.save({ kind: "run", language: "python", locale: "zh-CN", source: "名字 = 1\n", userId: "u" });
    const before = schema(first.db);
    store.close();

    let error: unknown;
    try {
      openStorage(path, { migrations: [...MIGRATIONS, broken] });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StorageError);
    expect((error as StorageError).code).toBe("storage-migration-failed");
    expect((error as Error).message).toContain(`migration ${broken.version} ("broken") failed on ${path} and was undone`);

    const again = openStorage(path);
    expect(schema(again.db)).toEqual(before);
    expect(again.migrations).toEqual({ version: MIGRATIONS.length, applied: [], adopted: [] });
    expect(runStore(again).get(run.id)).toEqual(run);
    again.close();
  });

  it("on a fresh database leaves no table behind, not even the record of versions", () => {
    const path = join(dir, "failing-fresh.sqlite");
    const bad: Migration = { version: 1, name: "bad", up: (db) => db.exec("CREATE TABLE t (x); SELECT nonsense FROM nowhere") };
    expect(() => openStorage(path, { migrations: [bad] })).toThrow(/migration 1 \("bad"\) failed/);
    const raw = new Database(path);
    expect(schema(raw)).toEqual([]);
    raw.close();
  });
});

describe("a database from a newer memsim", () => {
  it("is refused with its version and the highest this code knows, and not changed", () => {
    const path = join(dir, "newer.sqlite");
    openStorage(path, { migrations: [...MIGRATIONS, notes] }).close();
    const raw = new Database(path);
    const before = schema(raw);
    raw.close();
    let error: unknown;
    try {
      openStorage(path);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(MemsimError);
    expect((error as MemsimError).code).toBe("storage-newer");
    expect((error as Error).message).toBe(
      `the database at ${path} has schema version ${notes.version}, written by a newer memsim; this memsim knows versions up to ${MIGRATIONS.length}. Run a newer memsim, or set MEMSIM_DB to another file`,
    );
    const after = new Database(path);
    expect(schema(after)).toEqual(before);
    after.close();
  });
});

describe("what is not memsim's", () => {
  it("a runs table of another shape is refused, not adopted", () => {
    const path = join(dir, "foreign.sqlite");
    const raw = new Database(path);
    raw.exec("CREATE TABLE runs (id INTEGER PRIMARY KEY, miles REAL)");
    raw.close();
    expect(() => openStorage(path)).toThrow(/runs table with columns \(id, miles\)/);
  });

  it("a file that is not a database cannot be opened, and says where", () => {
    expect(() => openStorage(join(import.meta.dirname, "storage.test.ts"))).toThrow(/cannot open the database at .*storage\.test\.ts: file is not a database/);
  });

  it("a list of migrations out of order is refused", () => {
    expect(() => openStorage(":memory:", { migrations: [{ ...notes, version: 2 }] })).toThrow(/number 1 in the list but says version 2/);
  });
});

describe("the database's path", () => {
  it("is MEMSIM_DB, else ~/.memsim/chat.sqlite", () => {
    expect(databasePath({ MEMSIM_DB: "/srv/memsim.db" })).toBe("/srv/memsim.db");
    expect(databasePath({ MEMSIM_DB: " " })).toBe(join(homedir(), ".memsim", "chat.sqlite"));
    expect(databasePath({})).toBe(join(homedir(), ".memsim", "chat.sqlite"));
  });
});
