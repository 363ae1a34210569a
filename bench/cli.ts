/**
 * Cold start of the command line: wall time of a new `node bin/memsim.js run` process on a
 * 3-line program, from spawn to exit, and its stages as a preloaded probe (cli-probe.ts) saw them.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { percentile, round } from "./stats.js";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const RUNS = 5;
const PROGRAM = "nums = [1, 2, 3]\nnums.append(4)\nprint(len(nums))\n";

function spawnTimed(args: string[], env: NodeJS.ProcessEnv): Promise<{ wallMs: number; code: number | null; stdoutBytes: number }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, args, { cwd: root, env, stdio: ["ignore", "pipe", "ignore"] });
    let stdoutBytes = 0;
    child.stdout.on("data", (b: Buffer) => (stdoutBytes += b.length));
    child.on("error", reject);
    child.on("close", (code) => resolve({ wallMs: performance.now() - t0, code, stdoutBytes }));
  });
}

const STAGES: [string, string][] = [
  ["nodeReadyMs", "Node started and ran its first module"],
  ["firstThreadMs", "the first interpreter thread was started"],
  ["threadReadyMs", "an interpreter thread said it was ready (the engine ready)"],
  ["resultMs", "the thread sent the run's result (traced)"],
  ["firstOutputMs", "the account began to print"],
  ["exitMs", "the process exited"],
];

export async function benchCli(): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), "memsim-bench-cli-"));
  const probe = pathToFileURL(join(here, "cli-probe.js")).href;
  const program = join(dir, "three.py");
  writeFileSync(program, PROGRAM);
  // the CLI as it starts by default: programs in interpreter threads of its own process
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.MEMSIM_SANDBOX;
  try {
    const runs: { wallMs: number; code: number | null; stdoutBytes: number; marks: Record<string, number> }[] = [];
    for (let i = 0; i < RUNS; i++) {
      const out = join(dir, `probe-${i}.json`);
      const r = await spawnTimed(["--import", probe, "bin/memsim.js", "run", program], { ...env, MEMSIM_BENCH_PROBE: out });
      runs.push({ ...r, marks: existsSync(out) ? (JSON.parse(readFileSync(out, "utf8")) as Record<string, number>) : {} });
    }
    const stat = (values: number[]) => {
      const v = [...values].sort((a, b) => a - b);
      return { medianMs: round(percentile(v, 50)), p95Ms: round(percentile(v, 95)) };
    };
    const stages: Record<string, unknown> = {};
    for (const [key, what] of STAGES) {
      const seen = runs.map((r) => r.marks[key]).filter((v): v is number => v !== undefined);
      stages[key] = seen.length ? { what, ...stat(seen), runs: seen.length } : `not seen: ${what}`;
    }
    const cpu = runs.map((r) => r.marks.cpuMs).filter((v): v is number => v !== undefined);
    return {
      what: "a new process running `node bin/memsim.js run` on the program (wall ms, median and p95 over the runs)",
      program: PROGRAM,
      spawnToExit: { ...stat(runs.map((r) => r.wallMs)), runs: runs.length, exitCode: runs.at(-1)!.code, stdoutBytes: runs.at(-1)!.stdoutBytes },
      // the first may build what later ones reuse (a cache kept between runs)
      firstRunMs: round(runs[0]!.wallMs),
      processCpu: cpu.length ? { what: "the process's CPU time, all its threads (ms)", ...stat(cpu) } : "not seen",
      stages: { what: "when each happened, in ms from the process's own start (its time origin)", ...stages },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
