/**
 * `npm run bench`: prints JSON figures (median and p95 of each stage, and how cost grows
 * with program size). `npm run bench -- NAME…` prints only the sections named. Each part of
 * memsim adds its own section when present.
 */
import { existsSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { benchPython } from "./python.js";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");

async function optional(file: string, exportName: string): Promise<Record<string, unknown> | string | undefined> {
  const path = join(here, file);
  if (!existsSync(path)) return `not measured: no bench/${file.replace(/\.js$/, ".ts")} in this build`;
  const mod = (await import(new URL(`./${file}`, import.meta.url).href)) as Record<string, () => Promise<Record<string, unknown>>>;
  return mod[exportName]?.();
}

/** The sections, in the order they print: name, file, export. */
const SECTIONS: [string, string, string][] = [
  ["render", "render.js", "benchRender"],
  // the C runner: each C example, and an n-node linked list built, walked and freed (n = 10 … 10,000)
  ["c", "c.js", "benchC"],
  ["sandbox", "sandbox.js", "benchSandbox"],
  // per-step cost against the floor (a do-nothing trace function) and Python Tutor's tracer
  ["steps", "steps.js", "benchSteps"],
  // a new `memsim run` process, from start to exit
  ["cli", "cli.js", "benchCli"],
  // Trace size and trace time against the number of names, and against program length
  ["names", "growth.js", "benchNames"],
  ["length", "growth.js", "benchLength"],
  // other users' acknowledgement time (p50, p99) while heavy requests run
  ["ack", "ack.js", "benchAck"],
  ["reply", "reply.js", "benchReply"],
  ["discord", "discord.js", "benchDiscord"],
  ["slack", "slack.js", "benchSlack"],
  // the quiz: generating a day's question, recording an answer
  ["quiz", "quiz.js", "benchQuiz"],
  // the Jupyter kernel: its start, its first cell and a warm cell, execute_request to idle
  ["kernel", "kernel.js", "benchKernel"],
];

const only = process.argv.slice(2);
const want = (name: string) => only.length === 0 || only.includes(name);
// the machine's load when the run began: the figures of a busy machine are slower
const report: Record<string, unknown> = { node: process.version, date: new Date().toISOString(), cpus: cpus().length, loadAverage: loadavg().map((l) => Math.round(l * 100) / 100) };
if (want("python")) report.python = await benchPython(join(root, "assets", "examples"));
for (const [name, file, exportName] of SECTIONS) if (want(name)) report[name] = await optional(file, exportName);
process.stdout.write(JSON.stringify(report, null, 2) + "\n");
process.exit(0);
