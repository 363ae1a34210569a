/**
 * The settings of `memsim start` and the command registration script, read from the
 * environment (and `.env`) and checked with zod. A bad setting stops start-up with a
 * message that names it and says what to change, and never shows a token's value.
 */
import { z } from "zod";
import { localeFromEnv, type Locale } from "../i18n/index.js";
import { defaultDatabasePath } from "../storage/database.js";

/** Discord's REST base unless DISCORD_API_URL says otherwise. */
export const DISCORD_API_DEFAULT = "https://discord.com/api";
/** Slack's Web API base unless SLACK_API_URL says otherwise. */
export const SLACK_API_DEFAULT = "https://slack.com/api/";
/** The port the Slack HTTP receiver listens on unless SLACK_PORT says otherwise. */
export const SLACK_PORT_DEFAULT = 3000;

const TOKEN = /^[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{16,}$/;
const SNOWFLAKE = /^\d{17,20}$/;

/** An unset or empty variable is absent (a copied `.env.example` leaves many empty). */
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : typeof v === "string" ? v.trim() : v), schema.optional());

const positiveNumber = (name: string) =>
  optional(z.coerce.number({ error: `${name} must be a number` }).positive({ error: `${name} must be above 0` })); // operator-facing

const nonNegativeNumber = (name: string) =>
  optional(z.coerce.number({ error: `${name} must be a number` }).min(0, { error: `${name} must be 0 or more` })); // operator-facing

const schema = z.object({
  // operator-facing: these messages are read by whoever runs the bot
  DISCORD_TOKEN: optional(z.string().regex(TOKEN, { error: "DISCORD_TOKEN does not look like a bot token (three parts separated by dots); copy it again from the Discord Developer Portal, Bot page" })), // operator-facing
  DISCORD_APPLICATION_ID: optional(z.string().regex(SNOWFLAKE, { error: "DISCORD_APPLICATION_ID must be the application's numeric id (17 to 20 digits)" })), // operator-facing
  DISCORD_GUILD_ID: optional(z.string().regex(SNOWFLAKE, { error: "DISCORD_GUILD_ID must be a server's numeric id (17 to 20 digits)" })), // operator-facing
  DISCORD_API_URL: optional(z.url({ protocol: /^https?$/, error: "DISCORD_API_URL must be an http(s) URL such as https://discord.com/api" })), // operator-facing
  SLACK_BOT_TOKEN: optional(z.string().regex(/^xoxb-\S+$/, { error: "SLACK_BOT_TOKEN must be the app's Bot User OAuth Token, starting xoxb- (Slack app settings → OAuth & Permissions)" })), // operator-facing
  SLACK_APP_TOKEN: optional(z.string().regex(/^xapp-\S+$/, { error: "SLACK_APP_TOKEN must be an app-level token starting xapp- with the connections:write scope (Slack app settings → Basic Information → App-Level Tokens)" })), // operator-facing
  SLACK_SIGNING_SECRET: optional(z.string().regex(/^\S{16,}$/, { error: "SLACK_SIGNING_SECRET must be the app's Signing Secret (letters and digits; Slack app settings → Basic Information)" })), // operator-facing
  SLACK_API_URL: optional(z.url({ protocol: /^https?$/, error: "SLACK_API_URL must be an http(s) URL such as https://slack.com/api/" })), // operator-facing
  SLACK_PORT: optional(z.coerce.number({ error: "SLACK_PORT must be a number" }).int({ error: "SLACK_PORT must be a whole number" }).min(0, { error: "SLACK_PORT must be a port number, 0 to 65535" }).max(65535, { error: "SLACK_PORT must be a port number, 0 to 65535" })), // operator-facing
  MEMSIM_DB: optional(z.string()),
  MEMSIM_OUT_DIR: optional(z.string()),
  LOG_LEVEL: optional(z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], { error: "LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent" })), // operator-facing
  MEMSIM_POOL_SIZE: positiveNumber("MEMSIM_POOL_SIZE"),
  MEMSIM_REPLY_WORKERS: positiveNumber("MEMSIM_REPLY_WORKERS"),
  MEMSIM_TIME_LIMIT_S: positiveNumber("MEMSIM_TIME_LIMIT_S"),
  MEMSIM_MAX_STEPS: positiveNumber("MEMSIM_MAX_STEPS"),
  MEMSIM_USER_COOLDOWN_S: positiveNumber("MEMSIM_USER_COOLDOWN_S"),
  MEMSIM_CHANNEL_COOLDOWN_S: positiveNumber("MEMSIM_CHANNEL_COOLDOWN_S"),
  MEMSIM_ADVICE_FLOOR_MS: nonNegativeNumber("MEMSIM_ADVICE_FLOOR_MS"),
});

export interface Config {
  discord?: { token: string; applicationId: string; guildId?: string; apiUrl: string };
  /** Slack: the bot token, and how Slack reaches memsim (Socket Mode with an app token, else signed HTTP requests) */
  slack?: { botToken: string; apiUrl: string; receiver: { kind: "socket"; appToken: string } | { kind: "http"; signingSecret: string; port: number } };
  dbPath: string;
  outDir: string;
  logLevel: string;
  /** whether LOG_LEVEL was set (the console logs only then) */
  logLevelSet: boolean;
  locale: Locale;
  poolSize?: number;
  /** the bot's reply worker threads (default: the cores less one, at least 1) */
  replyWorkers?: number;
  timeLimitMs: number;
  maxSteps: number;
  userCooldownMs: number;
  channelCooldownMs: number;
  /** pool time the advisor may spend on one request's rewrites however quick the program was
   * (default 0: exactly twice the program's own run) */
  adviceFloorMs: number;
}

/** The application id a bot token starts with (its first part is the id, base64-encoded). */
export function applicationIdFromToken(token: string): string | undefined {
  const id = Buffer.from(token.split(".")[0] ?? "", "base64url").toString("utf8");
  return SNOWFLAKE.test(id) ? id : undefined;
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; problems: string[] };

/** Reads and checks the settings; `problems` name each bad one and what to do. */
export function readConfig(env: NodeJS.ProcessEnv): ConfigResult {
  const parsed = schema.safeParse(env);
  if (!parsed.success) return { ok: false, problems: [...new Set(parsed.error.issues.map((i) => i.message))] };
  const e = parsed.data;
  const problems: string[] = [];
  let discord: Config["discord"];
  if (e.DISCORD_TOKEN) {
    const applicationId = e.DISCORD_APPLICATION_ID ?? applicationIdFromToken(e.DISCORD_TOKEN);
    // operator-facing
    if (!applicationId) problems.push("DISCORD_APPLICATION_ID is needed: the token does not say which application it belongs to");
    else discord = { token: e.DISCORD_TOKEN, applicationId, apiUrl: (e.DISCORD_API_URL ?? DISCORD_API_DEFAULT).replace(/\/+$/, ""), ...(e.DISCORD_GUILD_ID ? { guildId: e.DISCORD_GUILD_ID } : {}) };
  }
  let slack: Config["slack"];
  if (e.SLACK_BOT_TOKEN) {
    const apiUrl = (e.SLACK_API_URL ?? SLACK_API_DEFAULT).replace(/\/*$/, "/");
    if (e.SLACK_APP_TOKEN) slack = { botToken: e.SLACK_BOT_TOKEN, apiUrl, receiver: { kind: "socket", appToken: e.SLACK_APP_TOKEN } };
    else if (e.SLACK_SIGNING_SECRET) slack = { botToken: e.SLACK_BOT_TOKEN, apiUrl, receiver: { kind: "http", signingSecret: e.SLACK_SIGNING_SECRET, port: e.SLACK_PORT ?? SLACK_PORT_DEFAULT } };
    // operator-facing
    else problems.push("Slack needs SLACK_APP_TOKEN (Socket Mode, no public address) or SLACK_SIGNING_SECRET (Slack sends requests to this machine) besides SLACK_BOT_TOKEN");
  } else if (e.SLACK_APP_TOKEN || e.SLACK_SIGNING_SECRET) {
    problems.push("SLACK_BOT_TOKEN is needed too: set it to the app's Bot User OAuth Token (xoxb-…)"); // operator-facing
  }
  if (problems.length) return { ok: false, problems };
  return {
    ok: true,
    config: {
      ...(discord ? { discord } : {}),
      ...(slack ? { slack } : {}),
      dbPath: e.MEMSIM_DB ?? defaultDatabasePath(),
      outDir: e.MEMSIM_OUT_DIR ?? "out",
      logLevel: e.LOG_LEVEL ?? "info",
      logLevelSet: e.LOG_LEVEL !== undefined,
      locale: localeFromEnv(env),
      ...(e.MEMSIM_POOL_SIZE ? { poolSize: Math.floor(e.MEMSIM_POOL_SIZE) } : {}),
      ...(e.MEMSIM_REPLY_WORKERS ? { replyWorkers: Math.max(1, Math.floor(e.MEMSIM_REPLY_WORKERS)) } : {}),
      timeLimitMs: (e.MEMSIM_TIME_LIMIT_S ?? 5) * 1000,
      maxSteps: Math.floor(e.MEMSIM_MAX_STEPS ?? 5000),
      userCooldownMs: (e.MEMSIM_USER_COOLDOWN_S ?? 5) * 1000,
      channelCooldownMs: (e.MEMSIM_CHANNEL_COOLDOWN_S ?? 2) * 1000,
      adviceFloorMs: e.MEMSIM_ADVICE_FLOOR_MS ?? 0,
    },
  };
}
