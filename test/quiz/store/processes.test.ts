/**
 * Several processes on one quiz database (store-child.mjs, on the built code in dist/): racing
 * claims, 50 people answering at once, and a process killed with a real SIGKILL while it
 * records answers in a loop.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openQuizStore, type StoredQuestion } from "../../../src/quiz/store/index.js";
import { openStorage } from "../../../src/storage/index.js";

const dist = join(import.meta.dirname, "..", "..", "..", "dist");
const script = join(import.meta.dirname, "store-child.mjs");
const dir = mkdtempSync(join(tmpdir(), "memsim-quiz-processes-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const channel = { platform: "discord", workspace: "g", id: "c" };
const question: StoredQuestion = { id: "q", difficulty: 3, choices: ["a", "b", "c", "d"].map((id) => ({ id, correct: id === "c" })) };
const choiceOf = (user: string) => ["a", "b", "c", "d"][Number(user.replace(/\D/g, "")) % 4]!;

interface Child {
  lines: string[];
  status: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
  kill(): void;
  /** resolves once the child has printed `n` lines */
  printed(n: number): Promise<void>;
}

function child(path: string, mode: string, startAt: number, ...args: string[]): Child {
  const proc = spawn(process.execPath, [script, dist, path, mode, String(startAt), ...args], { stdio: ["ignore", "pipe", "pipe"] });
  const lines: string[] = [];
  let partial = "";
  let stderr = "";
  const waiting: { n: number; resolve: () => void }[] = [];
  proc.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    const parts = (partial + chunk).split("\n");
    partial = parts.pop()!;
    lines.push(...parts);
    for (const w of waiting.filter((w) => lines.length >= w.n)) w.resolve();
  });
  proc.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const status = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) => {
    proc.on("close", (code, signal) => {
      for (const w of waiting) w.resolve();
      resolve({ code, signal, stderr });
    });
  });
  return {
    lines,
    status,
    kill: () => proc.kill("SIGKILL"),
    printed: (n) => (lines.length >= n ? Promise.resolve() : new Promise((resolve) => waiting.push({ n, resolve }))),
  };
}

/** A moment far enough ahead for every child to have started and opened the database. */
const soon = () => Date.now() + 1500;

function openPostOn(path: string): number {
  const storage = openStorage(path);
  const store = openQuizStore(storage);
  store.claimPost(channel, "2027-01-01", "UTC");
  const { id } = store.markPosted(channel, "2027-01-01", { question, message: { channel, id: "m" } });
  storage.close();
  return id;
}

describe("several processes on one database", () => {
  it("two processes racing to claim 200 days: each day is won by exactly one", async () => {
    const path = join(dir, "claims.sqlite");
    openStorage(path).close();
    const at = soon();
    const racers = [child(path, "claim", at, JSON.stringify(channel), "200"), child(path, "claim", at, JSON.stringify(channel), "200")];
    const results = await Promise.all(racers.map((r) => r.status));
    for (const r of results) expect(r, r.stderr).toMatchObject({ code: 0 });
    const [one, two] = racers.map((r) => new Set(r.lines.map((l) => l.slice(4))));
    expect(one!.size + two!.size).toBe(200);
    expect([...one!].filter((d) => two!.has(d))).toEqual([]);
    const storage = openStorage(path);
    expect(storage.db.prepare("SELECT COUNT(*) FROM quiz_posts").pluck().get()).toBe(200);
    storage.close();
  }, 30_000);

  it("50 people answering at once from five processes, each pressing in every one: one answer each", async () => {
    const path = join(dir, "fifty.sqlite");
    const post = openPostOn(path);
    const users = Array.from({ length: 50 }, (_, i) => `u${i}`);
    const at = soon();
    // each process presses for all 50, the k-th press of every process at one instant; two pairs
    // start at the same person, so two processes press for one person at once
    const presses = [0, 0, 20, 20, 40].map((k) => child(path, "answer", at, String(post), ...users.slice(k), ...users.slice(0, k)));
    const results = await Promise.all(presses.map((p) => p.status));
    for (const r of results) expect(r, r.stderr).toMatchObject({ code: 0 });
    const lines = presses.flatMap((p) => p.lines);
    const recorded = lines.filter((l) => l.startsWith("recorded ")).map((l) => l.slice(9));
    expect(recorded.sort()).toEqual([...users].sort());
    expect(lines.filter((l) => l.startsWith("already "))).toHaveLength(200);

    const storage = openStorage(path);
    const store = openQuizStore(storage);
    const want = ["a", "b", "c", "d"].map((id) => ({ choice: id, count: users.filter((u) => choiceOf(u) === id).length, correct: id === "c" }));
    expect(store.spread(post)).toEqual(want);
    const right = users.filter((u) => choiceOf(u) === "c");
    expect(store.leaderboard(channel, "all", Date.parse("2027-01-01T12:00:00Z")).rows.filter((r) => r.points > 0).map((r) => r.user).sort()).toEqual(right.sort());
    storage.close();
  }, 30_000);

  it("kill -9 while answering: every answer reported recorded is there, none twice, nothing torn", async () => {
    const path = join(dir, "killed.sqlite");
    const post = openPostOn(path);
    const reported = new Set<string>();
    let from = 0;
    for (const more of [150, 300, 450]) {
      const writer = child(path, "loop", Date.now(), String(post), "p", String(from));
      await writer.printed(more);
      writer.kill();
      const { signal } = await writer.status;
      expect(signal).toBe("SIGKILL");
      const mine = writer.lines.filter((l) => l.startsWith("recorded ")).map((l) => l.slice(9));
      // a writer started again re-presses the last few it had recorded: told "already"
      if (from > 0) expect(writer.lines.slice(0, 5)).toEqual(Array.from({ length: 5 }, (_, i) => `already p${from + i}`));
      for (const u of mine) {
        expect(reported.has(u)).toBe(false);
        reported.add(u);
      }

      const storage = openStorage(path);
      const rows = storage.db.prepare("SELECT user_id AS user, choice, correct, points FROM quiz_answers WHERE post_id = ?").all(post) as { user: string; choice: string; correct: number; points: number }[];
      const stored = new Set(rows.map((r) => r.user));
      expect(stored.size).toBe(rows.length);
      for (const u of reported) expect(stored.has(u)).toBe(true);
      // at most the one answer committed in the instant before it could say so
      expect(rows.length - reported.size).toBeLessThanOrEqual(1);
      for (const r of rows) expect(r).toEqual({ user: r.user, choice: choiceOf(r.user), correct: r.choice === "c" ? 1 : 0, points: r.choice === "c" ? 3 : 0 });
      expect(storage.db.pragma("integrity_check", { simple: true })).toBe("ok");
      // the answers are p0, p1, … with no gap
      expect([...stored].map((u) => Number(u.slice(1))).sort((a, b) => a - b)).toEqual(Array.from({ length: rows.length }, (_, i) => i));
      for (const u of stored) reported.add(u);
      from = rows.length - 5;
      storage.close();
    }
    expect(reported.size).toBeGreaterThanOrEqual(750);
  }, 60_000);
});
