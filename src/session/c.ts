/**
 * The C runner of the session layer. The interpreter runs nothing native, yet a learner's
 * program must never hold memsim's own thread: each run gets a thread of its own (with a large
 * stack, for deep recursion), ended at the run's time limit even if it never answers.
 */
import { existsSync } from "node:fs";
import { dirname, join, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { MemsimError } from "../core/errors.js";
import type { Trace } from "../core/trace.js";
import { C_RUNTIME } from "../runners/c/trace/index.js";
import type { TraceCOptions } from "../runners/c/run.js";
import { within } from "./limits.js";
import type { EngineConfig, LanguageRunner, Limits, Simulation } from "./types.js";

/** The limits a C run gets when neither the layer nor the run sets them. */
export const C_DEFAULT_LIMITS = { maxSteps: 100_000, timeLimitMs: 10_000, stdoutCap: 1 << 20 } as const;
/** The thread's stack: the host recursion of thousands of C calls fits in it. */
const STACK_MB = 256;
/** The thread's JavaScript heap: a long run's Trace stays well under it. */
const HEAP_MB = 1024;
/** Past the time limit, how long the thread gets to send the partial Trace it stopped with. */
const GRACE_MS = 2_000;

function workerScript(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  // from the sources (tests), the built thread script
  const dir = here.endsWith(`${sep}dist${sep}src${sep}session`) ? join(here, "..", "runners", "c") : join(here, "..", "..", "dist", "src", "runners", "c");
  const script = join(dir, "worker.js");
  if (!existsSync(script)) throw new MemsimError("c-worker-missing", `The C thread script ${script} is missing: run "npm run build".`); // operator-facing
  return script;
}

function traceOptions(limits: Limits, stdin: string[] | undefined): TraceCOptions {
  return {
    maxSteps: limits.maxSteps ?? C_DEFAULT_LIMITS.maxSteps,
    timeLimitMs: limits.timeLimitMs ?? C_DEFAULT_LIMITS.timeLimitMs,
    maxOutputBytes: limits.stdoutCap ?? C_DEFAULT_LIMITS.stdoutCap,
    // the lines input would give, each ended as typed at a terminal
    ...(stdin && stdin.length > 0 ? { stdin: stdin.map((l) => `${l}\n`).join("") } : {}),
  };
}

/** A run that never answered: stopped at its time limit, with nothing of it kept. */
function stoppedTrace(source: string, timeLimitMs: number): Trace {
  return { schemaVersion: 2, language: "c", runtime: C_RUNTIME, source, objects: {}, steps: [], stdout: "", outcome: { status: "limit", limit: "time", max: timeLimitMs } };
}

/** Traces one program in a thread of its own (`script`: the thread's code, the built one unless a test gives another). */
export function traceInThread(source: string, options: TraceCOptions, script: string | URL = workerScript()): Promise<Simulation> {
  const worker = new Worker(script, {
    workerData: { source, options },
    env: {},
    argv: [],
    execArgv: [],
    resourceLimits: { stackSizeMb: STACK_MB, maxOldGenerationSizeMb: HEAP_MB },
  });
  return new Promise<Simulation>((resolve) => {
    let settled = false;
    const settle = (s: Simulation) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(s);
      void worker.terminate();
    };
    // memsim's own failure (a fault in the interpreter, the thread out of memory): told to the learner as a crash
    const crashed = (why: string | undefined) => {
      if (settled) return;
      if (process.env.MEMSIM_DEBUG) process.stderr.write(`C thread: ${why ?? "?"}\n`);
      settle({ ok: false, error: { code: "worker-crashed" } });
    };
    const timer = setTimeout(() => settle({ ok: true, trace: stoppedTrace(source, options.timeLimitMs!), notices: [] }), options.timeLimitMs! + GRACE_MS);
    worker.once("message", (m: { trace?: Trace; error?: string }) => {
      if (m.trace) settle({ ok: true, trace: m.trace, notices: [] });
      else crashed(m.error);
    });
    worker.once("error", (e) => crashed(String(e)));
    worker.once("exit", (code) => crashed(`the thread exited with code ${code}`));
  });
}

export async function cRunner(config: EngineConfig): Promise<LanguageRunner> {
  return {
    where: config.engine === "inline" ? "inline" : "thread",
    async run(source, o) {
      // every run is on its own: C keeps no names between runs
      if (o.sessionId !== undefined) throw new MemsimError("no-sessions", "The C runner keeps no sessions."); // operator-facing
      const options = traceOptions(within(config.limits, o.limits), o.stdin);
      if (config.engine === "inline") {
        const { traceC } = await import("../runners/c/run.js");
        return { ok: true, trace: await traceC(source, options), notices: [] };
      }
      return traceInThread(source, options);
    },
    close: async () => undefined,
  };
}
