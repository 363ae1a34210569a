/** `memsim db backup FILE`: a whole, consistent copy, taken while another process writes. */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { parseDbArgs } from "../../src/cli/db.js";
import { openQuizStore, type StoredQuestion } from "../../src/quiz/store/index.js";
import { MIGRATIONS, openStorage } from "../../src/storage/index.js";

const dist = join(import.meta.dirname, "..", "..", "dist");
const writerScript = join(import.meta.dirname, "..", "quiz", "store", "store-child.mjs");
const dir = mkdtempSync(join(tmpdir(), "memsim-db-backup-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const channel = { platform: "discord", workspace: "g", id: "c" };
const question: StoredQuestion = { id: "q", difficulty: 1, choices: ["a", "b", "c", "d"].map((id) => ({ id, correct: id === "a" })) };

function io(env: NodeJS.ProcessEnv) {
  const out = { stdout: "", stderr: "" };
  return {
    out,
    io: { stdout: (t: string) => (out.stdout += t), stderr: (t: string) => (out.stderr += t), readStdin: () => "", env: { ...env, LANG: "en_US.UTF-8", MEMSIM_LOCALE: "" } },
  };
}

/** A database with two posts: one already holding many answers (so the copy takes several steps). */
function prepare(path: string): { busy: number } {
  const storage = openStorage(path);
  const store = openQuizStore(storage);
  store.claimPost(channel, "2027-01-01", "UTC");
  const full = store.markPosted(channel, "2027-01-01", { question, message: { channel, id: "m1" } });
  store.claimPost(channel, "2027-01-02", "UTC");
  const busy = store.markPosted(channel, "2027-01-02", { question, message: { channel, id: "m2" } });
  const insert = storage.db.prepare("INSERT INTO quiz_answers (post_id, user_id, workspace, day, choice, correct, points, answered_at) VALUES (?, ?, '', '2027-01-01', 'b', 0, 0, 0)");
  storage.db.transaction(() => {
    for (let i = 0; i < 20_000; i++) insert.run(full.id, `filler-user-with-a-long-name-${i}`);
  })();
  storage.close();
  return { busy: busy.id };
}

describe("memsim db backup FILE", () => {
  it("copies the database while another process keeps answering: whole, checked, one snapshot", async () => {
    const source = join(dir, "live.sqlite");
    const { busy } = prepare(source);
    const writer = spawn(process.execPath, [writerScript, dist, source, "loop", String(Date.now()), String(busy), "p", "0"], { stdio: ["ignore", "pipe", "pipe"] });
    let printed = 0;
    let stderr = "";
    writer.stdout.setEncoding("utf8").on("data", (c: string) => (printed += c.split("\n").length - 1));
    writer.stderr.setEncoding("utf8").on("data", (c: string) => (stderr += c));
    const exited = new Promise<NodeJS.Signals | null>((r) => writer.on("close", (_code, signal) => r(signal)));
    while (printed < 200) await new Promise((r) => setTimeout(r, 10));

    const copy = join(dir, "copies", "backup.sqlite");
    const { out, io: cliIo } = io({ MEMSIM_DB: source });
    expect(await main(["db", "backup", copy], cliIo), out.stderr).toBe(0);
    const atEnd = printed;
    // the writer went on writing, unhindered, while the copy was made and after
    while (printed < atEnd + 100) await new Promise((r) => setTimeout(r, 10));
    writer.kill("SIGKILL");
    expect(await exited).toBe("SIGKILL");
    expect(stderr).toBe("");

    expect(out.stderr).toBe("");
    expect(out.stdout).toMatch(new RegExp(`^Copied the database .*live\\.sqlite to .*backup\\.sqlite \\([\\d,.]+ [KM]B, schema version ${MIGRATIONS.length}\\), and checked the copy: it is whole\\.\\n$`));
    expect(readdirSync(join(dir, "copies"))).toEqual(["backup.sqlite"]);
    const db = new Database(copy, { readonly: true });
    expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
    expect(db.pragma("journal_mode", { simple: true })).toBe("delete");
    expect(db.prepare("SELECT MAX(version) FROM schema_migrations").pluck().get()).toBe(MIGRATIONS.length);
    expect(db.prepare("SELECT COUNT(*) FROM quiz_answers WHERE post_id <> ?").pluck().get(busy)).toBe(20_000);
    // the writer answered p0, p1, … in order: one snapshot holds exactly p0 … p(n-1)
    const users = (db.prepare("SELECT user_id FROM quiz_answers WHERE post_id = ?").pluck().all(busy) as string[]).map((u) => Number(u.slice(1))).sort((a, b) => a - b);
    expect(users.length).toBeGreaterThanOrEqual(200);
    expect(users).toEqual(Array.from({ length: users.length }, (_, i) => i));
    db.close();
  }, 60_000);

  it("replaces an older copy only once the new one is whole", async () => {
    const source = join(dir, "small.sqlite");
    prepare(source);
    const copy = join(dir, "old-copy.sqlite");
    writeFileSync(copy, "an older copy");
    const { out, io: cliIo } = io({ MEMSIM_DB: source });
    await expect(main(["db", "backup", copy], cliIo)).resolves.toBe(0);
    const db = new Database(copy, { readonly: true });
    expect(db.prepare("SELECT COUNT(*) FROM quiz_posts").pluck().get()).toBe(2);
    db.close();
    expect(out.stdout).toContain("checked the copy");
  }, 30_000);

  it("tells the operator what went wrong, and writes nothing", async () => {
    const source = join(dir, "small2.sqlite");
    prepare(source);
    const cases: [string[], NodeJS.ProcessEnv, number, RegExp][] = [
      [["db", "backup"], { MEMSIM_DB: source }, 2, /needs the file to write the copy to/],
      [["db", "restore", "x"], { MEMSIM_DB: source }, 2, /does not know "restore"/],
      [["db", "backup", join(dir, "x.sqlite")], { MEMSIM_DB: join(dir, "none.sqlite") }, 1, /no database at .*none\.sqlite/],
      [["db", "backup", source], { MEMSIM_DB: source }, 2, /is the database itself/],
      [["db", "backup", join(dir, "in-the-way", "x.sqlite")], { MEMSIM_DB: source }, 1, /Could not copy the database .* Nothing was written/],
    ];
    writeFileSync(join(dir, "in-the-way"), "a file where a folder would go");
    for (const [argv, env, status, message] of cases) {
      const { out, io: cliIo } = io(env);
      expect(await main(argv, cliIo), argv.join(" ")).toBe(status);
      expect(out.stderr).toMatch(message);
    }
    expect(existsSync(join(dir, "none.sqlite"))).toBe(false);
    expect(existsSync(join(dir, "x.sqlite"))).toBe(false);
    expect(readdirSync(dir).filter((f) => f.includes("partial"))).toEqual([]);
    const help = io({});
    expect(await main(["db", "--help"], help.io)).toBe(0);
    expect(help.out.stdout).toContain("memsim db backup FILE");
    expect(parseDbArgs(["backup", "a", "b"])).toEqual({ action: "problem", key: "cli.db.error.unknownWord", params: { word: "b" } });
  });
});
