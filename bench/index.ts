/**
 * `npm run bench`: prints JSON figures (median and p95 of each stage, and how cost grows
 * with program size). Each part of memsim adds its own section when present.
 */
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { benchPython } from "./python.js";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");

async function optional(file: string, exportName: string): Promise<Record<string, unknown> | undefined> {
  const path = join(here, file);
  if (!existsSync(path)) return undefined;
  const mod = (await import(new URL(`./${file}`, import.meta.url).href)) as Record<string, () => Promise<Record<string, unknown>>>;
  return mod[exportName]?.();
}

const only = process.argv.slice(2);
const want = (name: string) => only.length === 0 || only.includes(name);
const report: Record<string, unknown> = { node: process.version, date: new Date().toISOString() };
if (want("python")) report.python = await benchPython(join(root, "assets", "examples"));
if (want("render")) report.render = await optional("render.js", "benchRender");
if (want("sandbox")) report.sandbox = await optional("sandbox.js", "benchSandbox");
if (want("reply")) report.reply = await optional("reply.js", "benchReply");
if (want("discord")) report.discord = await optional("discord.js", "benchDiscord");
process.stdout.write(JSON.stringify(report, null, 2) + "\n");
process.exit(0);
