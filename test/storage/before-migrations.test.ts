/**
 * A database written by the run store before versions were recorded is recognised as
 * version 1 and kept: every run comes back with every field.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { openStorage, runStore, type StoredRun } from "../../src/storage/index.js";
import { MIGRATIONS } from "../../src/storage/migrations/index.js";

const fixtures = join(import.meta.dirname, "..", "fixtures", "storage");
const expected = JSON.parse(readFileSync(join(fixtures, "runs-before-migrations.json"), "utf8")) as StoredRun[];
// the runs' own clock, so none has passed its retention period when read
const now = () => Math.max(...expected.map((r) => r.createdAt)) + 1000;

describe("a database from before migrations", () => {
  const dir = mkdtempSync(join(tmpdir(), "memsim-storage-"));
  const path = join(dir, "chat.sqlite");
  copyFileSync(join(fixtures, "runs-before-migrations.db"), path);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("is recorded as version 1 without running it, then migrated on, and every run is intact", () => {
    const storage = openStorage(path);
    const later = MIGRATIONS.slice(1).map((m) => m.version);
    expect(storage.migrations).toEqual({ version: MIGRATIONS.length, applied: later, adopted: [1] });
    const store = runStore(storage, { now });
    expect(expected.length).toBe(5);
    for (const run of expected) expect(store.get(run.id)).toEqual(run);
    store.close();
  });

  it("runs no migration when opened again, and keeps the same rows", () => {
    const storage = openStorage(path);
    expect(storage.migrations).toEqual({ version: MIGRATIONS.length, applied: [], adopted: [] });
    const recorded = storage.db.prepare("SELECT version, name FROM schema_migrations ORDER BY version").all();
    expect(recorded).toEqual(MIGRATIONS.map((m) => ({ version: m.version, name: m.name })));
    const store = runStore(storage, { now });
    for (const run of expected) expect(store.get(run.id)).toEqual(run);
    store.close();
    const raw = new Database(path, { readonly: true });
    expect(raw.prepare("SELECT COUNT(*) AS n FROM runs").get()).toEqual({ n: expected.length });
    raw.close();
  });
});
