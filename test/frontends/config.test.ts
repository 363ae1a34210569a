/** The settings: checked at start, named when wrong, and a token is never shown. */
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { applicationIdFromToken, DISCORD_API_DEFAULT, readConfig, SLACK_API_DEFAULT } from "../../src/frontends/config.js";
import { start } from "../../src/frontends/start.js";
import { DEFAULT_TOKEN } from "./discord/fake/server.js";

async function startWith(env: NodeJS.ProcessEnv): Promise<{ status: number; said: string }> {
  const stderr = new PassThrough();
  let said = "";
  stderr.on("data", (c) => (said += String(c)));
  const stdin = new PassThrough();
  stdin.end();
  const status = await start([], { env, stdin, stdout: new PassThrough(), stderr });
  return { status, said };
}

describe("settings", () => {
  it("default to Discord's own API and derive the application id from the token", () => {
    const read = readConfig({ DISCORD_TOKEN: DEFAULT_TOKEN, DISCORD_API_URL: "" });
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.config.discord).toEqual({ token: DEFAULT_TOKEN, applicationId: "1100000000000000001", apiUrl: DISCORD_API_DEFAULT });
    expect(applicationIdFromToken("bm90LWFuLWlk.x.y")).toBeUndefined();
  });

  it("refuse to start on a malformed one, naming it, without printing the token", async () => {
    const token = "abc.def";
    const { status, said } = await startWith({ DISCORD_TOKEN: token, DISCORD_API_URL: "ftp://example", LOG_LEVEL: "loud" });
    expect(status).toBe(2);
    expect(said).toContain("memsim cannot start, because of its settings:");
    expect(said).toContain("DISCORD_TOKEN does not look like a bot token");
    expect(said).toContain("DISCORD_API_URL must be an http(s) URL");
    expect(said).toContain("LOG_LEVEL must be one of");
    expect(said).toContain("See .env.example for every setting.");
    expect(said).not.toContain(token);
  });

  it("give the advisor's rewrites exactly twice a program's run unless a floor is set, and refuse a negative one", () => {
    const plain = readConfig({});
    expect(plain.ok && plain.config.adviceFloorMs).toBe(0);
    const floor = readConfig({ MEMSIM_ADVICE_FLOOR_MS: "150" });
    expect(floor.ok && floor.config.adviceFloorMs).toBe(150);
    expect(readConfig({ MEMSIM_ADVICE_FLOOR_MS: "-1" })).toEqual({ ok: false, problems: ["MEMSIM_ADVICE_FLOOR_MS must be 0 or more"] });
  });

  it("choose Socket Mode with an app token, else signed HTTP requests, and default to Slack's own API", () => {
    const socket = readConfig({ SLACK_BOT_TOKEN: "xoxb-1-2-abc", SLACK_APP_TOKEN: "xapp-1-A1-2-def", SLACK_SIGNING_SECRET: "0123456789abcdef0123456789abcdef" });
    expect(socket.ok && socket.config.slack).toEqual({ botToken: "xoxb-1-2-abc", apiUrl: SLACK_API_DEFAULT, receiver: { kind: "socket", appToken: "xapp-1-A1-2-def" } });
    const http = readConfig({ SLACK_BOT_TOKEN: "xoxb-1-2-abc", SLACK_SIGNING_SECRET: "0123456789abcdef0123456789abcdef", SLACK_PORT: "8080", SLACK_API_URL: "http://127.0.0.1:9/api" });
    expect(http.ok && http.config.slack).toEqual({ botToken: "xoxb-1-2-abc", apiUrl: "http://127.0.0.1:9/api/", receiver: { kind: "http", signingSecret: "0123456789abcdef0123456789abcdef", port: 8080 } });
    expect(readConfig({ SLACK_APP_TOKEN: "xapp-1-A1-2-def" })).toEqual({ ok: false, problems: [expect.stringContaining("SLACK_BOT_TOKEN is needed too")] });
  });

  it("refuse a Slack bot token with no way to hear from Slack, or a wrong one, without printing it", async () => {
    const alone = await startWith({ SLACK_BOT_TOKEN: "xoxb-secret-value" });
    expect(alone.status).toBe(2);
    expect(alone.said).toContain("SLACK_APP_TOKEN (Socket Mode");
    expect(alone.said).not.toContain("xoxb-secret-value");
    const wrong = await startWith({ SLACK_BOT_TOKEN: "xoxp-a-user-token", SLACK_APP_TOKEN: "xapp-1" });
    expect(wrong.status).toBe(2);
    expect(wrong.said).toContain("SLACK_BOT_TOKEN must be the app's Bot User OAuth Token");
    expect(wrong.said).not.toContain("xoxp-a-user-token");
  });

  it("name every setting in .env.example", async () => {
    const { readFileSync } = await import("node:fs");
    const example = readFileSync(new URL("../../.env.example", import.meta.url), "utf8");
    for (const name of ["DISCORD_TOKEN", "DISCORD_APPLICATION_ID", "DISCORD_GUILD_ID", "DISCORD_API_URL", "SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_PORT", "SLACK_API_URL", "MEMSIM_DB", "MEMSIM_OUT_DIR", "MEMSIM_LOCALE", "LOG_LEVEL", "MEMSIM_POOL_SIZE", "MEMSIM_TIME_LIMIT_S", "MEMSIM_MAX_STEPS", "MEMSIM_USER_COOLDOWN_S", "MEMSIM_CHANNEL_COOLDOWN_S", "MEMSIM_ADVICE_FLOOR_MS", "MEMSIM_SANDBOX", "MEMSIM_ALLOW_WEAK_SANDBOX"]) {
      expect(example, name).toMatch(new RegExp(`^#? ?${name}=`, "m"));
    }
  });
});
