/**
 * `memsim start` as a real process with both a Discord and a Slack token: one process serves
 * both, through one sandbox pool and one database, and stops cleanly on SIGTERM (needs the
 * build: `npm run build`).
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startFakeDiscord, type FakeDiscord } from "../discord/fake/server.js";
import { startFakeSlack, type FakeSlack } from "./fake/server.js";
import { blockTexts } from "./harness.js";
import { cacheFolder } from "../../../src/sandbox/snapshot-cache.js";

const bin = join(import.meta.dirname, "..", "..", "..", "bin", "memsim.js");

describe("one memsim start with Discord and Slack tokens", () => {
  let discord: FakeDiscord;
  let slack: FakeSlack;
  let dir: string;
  beforeAll(async () => {
    discord = await startFakeDiscord();
    slack = await startFakeSlack();
    dir = mkdtempSync(join(tmpdir(), "memsim-both-"));
  });
  afterAll(async () => {
    await discord?.close();
    await slack?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("answers on both, and ends on SIGTERM", async () => {
    const env = {
      PATH: process.env.PATH,
      HOME: dir,
      // the start-up snapshot an earlier start kept (the operator's usual case): not made again for each start
      MEMSIM_CACHE_DIR: cacheFolder(process.env),
      DISCORD_TOKEN: discord.token,
      DISCORD_API_URL: discord.apiUrl,
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_APP_TOKEN: slack.appToken,
      SLACK_API_URL: slack.apiUrl,
      MEMSIM_DB: join(dir, "chat.sqlite"),
      MEMSIM_SANDBOX: "node",
      MEMSIM_ALLOW_WEAK_SANDBOX: "1",
      MEMSIM_POOL_SIZE: "1",
      MEMSIM_REPLY_WORKERS: "1",
      LOG_LEVEL: "info",
    };
    // another folder than the checkout's, so that no .env there is read
    const child = spawn(process.execPath, [bin, "start"], { cwd: dir, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (c: string) => (stdout += c));
    child.stderr.setEncoding("utf8").on("data", (c: string) => (stderr += c));
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    try {
      // a process that ends instead (a refused setting) fails at once, with what it said
      const ready = vi.waitFor(() => expect(stdout).toContain('"evt":"slack-ready"'), { timeout: 120_000, interval: 100 });
      const first = await Promise.race([ready.then(() => "ready" as const), exited]);
      if (first !== "ready") throw new Error(`memsim start ended (${first}): ${stderr}`);
      await vi.waitFor(() => expect(stdout).toContain('"evt":"discord-ready"'), { timeout: 30_000, interval: 100 });
      const fromDiscord = await discord.slash("run", { code: "x = [1, 2]\n" }).settled(60_000);
      expect(fromDiscord.message!.attachments.some((a) => a.filename.endsWith(".png"))).toBe(true);
      const files = slack.files.length;
      await slack.slash("run ```\ny = [3, 4]\n```", slack.users.alice);
      await vi.waitFor(() => expect(slack.files.slice(files).some((f) => f.name.endsWith(".png"))).toBe(true), { timeout: 60_000, interval: 100 });
      const answer = slack.messages.filter((m) => m.user === slack.botUserId && m.blocks.length > 0).at(-1)!;
      expect(blockTexts(answer.blocks).join("\n")).toContain("Step 1 of 1");
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
    } finally {
      child.kill("SIGKILL");
      if (stderr) console.error(stderr);
    }
  }, 240_000);
});
