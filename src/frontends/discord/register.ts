/**
 * Registers the /memsim commands with Discord, for one server (instant: for development)
 * or globally (every server the bot is in; Discord may take a while to show changes).
 *
 *   npm run register -- --guild 123456789012345678
 *   npm run register -- --global
 *
 * Reads DISCORD_TOKEN, DISCORD_APPLICATION_ID, DISCORD_GUILD_ID and DISCORD_API_URL from
 * the environment or `.env`.
 */
import { existsSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { REST, Routes } from "discord.js";
import { readConfig } from "../config.js";
import { discordCommands } from "./commands.js";

export interface RegisterOptions {
  token: string;
  applicationId: string;
  apiUrl: string;
  /** a server's id; absent: register globally */
  guildId?: string;
}

/** Replaces the application's commands (in one server, or globally) with memsim's. */
export async function registerCommands(options: RegisterOptions): Promise<{ scope: "guild" | "global"; names: string[] }> {
  const rest = new REST({ api: options.apiUrl }).setToken(options.token);
  const route = options.guildId ? Routes.applicationGuildCommands(options.applicationId, options.guildId) : Routes.applicationCommands(options.applicationId);
  const saved = (await rest.put(route, { body: discordCommands() })) as { name: string }[];
  return { scope: options.guildId ? "guild" : "global", names: saved.map((c) => c.name) };
}

/** The script: returns the exit status. */
export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env, say: (text: string) => void = (t) => process.stderr.write(`${t}\n`)): Promise<number> {
  // operator-facing: everything this script prints is for whoever runs the bot
  let args: { guild?: string; global?: boolean };
  try {
    args = parseArgs({ args: argv, options: { guild: { type: "string" }, global: { type: "boolean" } } }).values;
  } catch (error) {
    say(`register: ${(error as Error).message}. Use --guild ID or --global.`); // operator-facing
    return 2;
  }
  if (env === process.env && existsSync(".env")) process.loadEnvFile(".env");
  const read = readConfig(env);
  if (!read.ok) {
    for (const p of read.problems) say(`register: ${p}`);
    return 2;
  }
  const discord = read.config.discord;
  if (!discord) {
    say("register: DISCORD_TOKEN is not set. Put the bot's token in .env (see .env.example)."); // operator-facing
    return 2;
  }
  const guildId = args.global ? undefined : (args.guild ?? discord.guildId);
  if (!args.global && !guildId) {
    say("register: say where: --guild ID (or DISCORD_GUILD_ID) for one server, or --global."); // operator-facing
    return 2;
  }
  try {
    const done = await registerCommands({ token: discord.token, applicationId: discord.applicationId, apiUrl: discord.apiUrl, ...(guildId ? { guildId } : {}) });
    say(`register: ${done.names.join(", ")} registered ${done.scope === "guild" ? `in server ${guildId}` : "globally"}.`); // operator-facing
    return 0;
  } catch (error) {
    const e = error as { status?: number; message?: string };
    say(`register: Discord refused (${e.status ?? "?"}): ${e.message ?? String(error)}`); // operator-facing
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
