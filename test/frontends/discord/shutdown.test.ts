/**
 * `memsim start` as a real process, stopped with SIGTERM while Discord cannot be reached:
 * it ends on its own although work is under way and answers cannot be sent, and at once
 * on a second signal (needs the build: `npm run build`).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { startFakeDiscord, type FakeDiscord } from "./fake/server.js";
import { cacheFolder } from "../../../src/sandbox/snapshot-cache.js";

const bin = join(import.meta.dirname, "..", "..", "..", "bin", "memsim.js");
const ANSWER = /^PATCH \/webhooks\//;

interface Bot {
  child: ChildProcess;
  lines: Record<string, unknown>[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** The bot as an operator starts it, its settings from the environment, logging JSON lines. */
function startBot(fake: FakeDiscord, dir: string): Bot {
  const env = {
    PATH: process.env.PATH,
    HOME: dir,
    // the start-up snapshot an earlier start kept (the operator's usual case): not made again for each start
    MEMSIM_CACHE_DIR: cacheFolder(process.env),
    DISCORD_TOKEN: fake.token,
    DISCORD_API_URL: fake.apiUrl,
    MEMSIM_DB: join(dir, "chat.sqlite"),
    MEMSIM_SANDBOX: "node",
    MEMSIM_ALLOW_WEAK_SANDBOX: "1",
    MEMSIM_POOL_SIZE: "1",
    // a program that loops is still running when the bot is told to stop
    MEMSIM_TIME_LIMIT_S: "120",
    LOG_LEVEL: "info",
  };
  // another folder than the checkout's, so that no .env there is read
  const child = spawn(process.execPath, [bin, "start"], { cwd: dir, env, stdio: ["ignore", "pipe", "pipe"] });
  const lines: Record<string, unknown>[] = [];
  let rest = "";
  child.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
    const parts = (rest + chunk).split("\n");
    rest = parts.pop()!;
    for (const p of parts) if (p.trim()) lines.push(JSON.parse(p) as Record<string, unknown>);
  });
  let stderr = "";
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  void exited.then(({ code }) => {
    if (code !== 0 && stderr) console.error(stderr);
  });
  return { child, lines, exited };
}

async function logged(bot: Bot, evt: string, timeout: number) {
  await vi.waitFor(() => expect(bot.lines.map((l) => l.evt)).toContain(evt), { timeout, interval: 50 });
}

/** Resolves with how the process ended, or rejects when it is still running after `ms`. */
function ended(bot: Bot, ms: number) {
  const late = () => new Error(`still running ${ms} ms after SIGTERM; its log: ${bot.lines.map((l) => JSON.stringify(l)).join("\n")}`);
  return Promise.race([bot.exited, new Promise<never>((_, reject) => setTimeout(() => reject(late()), ms))]);
}

describe("memsim start, stopped while Discord is unreachable", () => {
  let fake: FakeDiscord | undefined;
  let bot: Bot | undefined;
  let dir: string | undefined;
  afterEach(async () => {
    if (bot && bot.child.exitCode === null && bot.child.signalCode === null) bot.child.kill("SIGKILL");
    await fake?.close().catch(() => undefined);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("ends after SIGTERM when Discord stops answering, with a program running and an answer in flight", async () => {
    dir = mkdtempSync(join(tmpdir(), "memsim-stop-"));
    fake = await startFakeDiscord();
    bot = startBot(fake, dir);
    await logged(bot, "discord-ready", 90_000);
    // one person's answer goes out and is never answered
    fake.failNext(ANSWER, { socket: "hang" }, 1_000);
    fake.slash("run", { code: "x = [1, 2]\n" }, { id: "1300000000000000002", username: "bob", locale: "en-US" });
    await vi.waitFor(() => expect(fake!.faults.fired.length).toBeGreaterThan(0), { timeout: 30_000, interval: 50 });
    // another's program runs on (its time limit is far off)
    const looping = fake.slash("run", { code: "total = sum(range(10 ** 12))\n" });
    await looping.acknowledged();
    // from now on, nothing Discord is asked is answered
    fake.failNext(/./, { socket: "hang" }, 1_000_000);
    bot.child.kill("SIGTERM");
    expect(await ended(bot, 30_000)).toEqual({ code: 0, signal: null });
    const events = bot.lines.map((l) => l.evt);
    // an orderly stop, not the last-resort exit
    expect(events).toContain("stopped");
    expect(events).not.toContain("stop-forced");
    // the answer that could not go out is reported to the operator
    expect(bot.lines.find((l) => l.evt === "answer-undelivered")).toMatchObject({ reason: "stopped" });
  }, 150_000);

  it("ends after SIGTERM when Discord is gone altogether", async () => {
    dir = mkdtempSync(join(tmpdir(), "memsim-stop-"));
    fake = await startFakeDiscord();
    bot = startBot(fake, dir);
    await logged(bot, "discord-ready", 90_000);
    await fake.slash("run", { code: "total = sum(range(10 ** 12))\n" }).acknowledged();
    // Discord's address refuses every connection now, the gateway's too
    await fake.close();
    bot.child.kill("SIGTERM");
    expect(await ended(bot, 30_000)).toEqual({ code: 0, signal: null });
    expect(bot.lines.map((l) => l.evt)).toContain("stopped");
    expect(bot.lines.map((l) => l.evt)).not.toContain("stop-forced");
  }, 150_000);

  it("ends at once on a second signal, saying it was forced", async () => {
    dir = mkdtempSync(join(tmpdir(), "memsim-stop-"));
    fake = await startFakeDiscord();
    bot = startBot(fake, dir);
    await logged(bot, "discord-ready", 90_000);
    await fake.slash("run", { code: "total = sum(range(10 ** 12))\n" }).acknowledged();
    fake.failNext(/./, { socket: "hang" }, 1_000_000);
    bot.child.kill("SIGTERM");
    await logged(bot, "stopping", 10_000);
    bot.child.kill("SIGINT");
    expect(await ended(bot, 30_000)).toEqual({ code: 1, signal: null });
    expect(bot.lines.find((l) => l.evt === "stop-forced")).toMatchObject({ reason: "a second signal" });
  }, 150_000);
});
