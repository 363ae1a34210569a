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
import { interruptedOutcome } from "../runners/c/interrupted.js";
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

/** A thread for one program: `data` is the program, or `{ spare: true }` for one that waits for it. */
function startThread(script: string | URL, data: unknown): Worker {
  return new Worker(script, {
    workerData: data,
    env: {},
    argv: [],
    execArgv: [],
    resourceLimits: { stackSizeMb: STACK_MB, maxOldGenerationSizeMb: HEAP_MB },
  });
}

/**
 * A thread started ahead of the next program, its grammar loaded (about 0.3 s saved on every run
 * of a process that keeps running: a bot, a notebook's kernel). Each thread still runs one program
 * only, so nothing of one run can reach another; the next spare starts as one is taken.
 */
class Spares {
  private spare: Worker | undefined;
  private kept = false;

  constructor(private readonly script: () => string | URL) {}

  /** keeps a spare ready from now on */
  keep(): void {
    this.kept = true;
    this.refill();
  }

  /** runs given a spare thread, for the operator and the tests */
  taken = 0;

  /** the spare, if one is ready (the next one starting), else undefined */
  take(): Worker | undefined {
    const taken = this.spare;
    if (taken) this.taken++;
    this.spare = undefined;
    taken?.removeAllListeners("exit");
    this.refill();
    return taken;
  }

  close(): void {
    this.kept = false;
    void this.spare?.terminate();
    this.spare = undefined;
  }

  private refill(): void {
    if (!this.kept || this.spare) return;
    const worker = startThread(this.script(), { spare: true });
    // a waiting spare keeps no process alive, and one that died is replaced when next needed
    worker.unref();
    worker.once("exit", () => {
      if (this.spare === worker) this.spare = undefined;
    });
    worker.on("error", () => undefined);
    this.spare = worker;
  }
}

/** A run that never answered: stopped at its time limit, with nothing of it kept. */
function stoppedTrace(source: string, timeLimitMs: number): Trace {
  return { schemaVersion: 2, language: "c", runtime: C_RUNTIME, source, objects: {}, steps: [], stdout: "", outcome: { status: "limit", limit: "time", max: timeLimitMs } };
}

/** A run interrupted before the thread could send what it recorded: KeyboardInterrupt at its first line, with no step kept. */
function interruptedTrace(source: string): Trace {
  return { schemaVersion: 2, language: "c", runtime: C_RUNTIME, source, objects: {}, steps: [], stdout: "", outcome: interruptedOutcome(1) };
}

/**
 * Traces one program in a thread of its own (`script`: the thread's code, the built one unless a
 * test gives another). `stop` interrupts it: the thread stops before its next step and sends the
 * steps it recorded, ending with KeyboardInterrupt; one that has not stopped GRACE_MS later is
 * ended, and its run is told as interrupted with no step kept.
 */
export function traceInThread(
  source: string,
  options: TraceCOptions,
  script: string | URL = workerScript(),
  stop?: AbortSignal,
  spare?: Worker,
): Promise<Simulation> {
  const interrupt = stop ? new Int32Array(new SharedArrayBuffer(4)) : undefined;
  const job = { source, options: interrupt ? { ...options, interrupt } : options };
  let worker: Worker;
  if (spare) {
    worker = spare;
    worker.ref();
    worker.postMessage(job);
  } else worker = startThread(script, job);
  return new Promise<Simulation>((resolve) => {
    let settled = false;
    let graceTimer: NodeJS.Timeout | undefined;
    const onStop = () => {
      // asked once: a second interrupt changes nothing
      if (Atomics.compareExchange(interrupt!, 0, 0, 1) !== 0) return;
      graceTimer = setTimeout(() => {
        // stopped, and sending a long Trace: it comes (within the run's own time bound)
        if (Atomics.load(interrupt!, 0) === 2) return;
        settle({ ok: true, trace: interruptedTrace(source), notices: [] });
      }, GRACE_MS);
    };
    const settle = (s: Simulation) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(graceTimer);
      stop?.removeEventListener("abort", onStop);
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
    if (stop?.aborted) onStop();
    else stop?.addEventListener("abort", onStop, { once: true });
  });
}

export async function cRunner(config: EngineConfig): Promise<LanguageRunner> {
  // the run going on for each session that asked: C keeps no names between runs, but a session's
  // interrupt (a notebook's) stops its C program as it stops its Python one
  const running = new Map<string, AbortController>();
  const spares = new Spares(workerScript);
  const stop = (sessionId: string): boolean => {
    const run = running.get(sessionId);
    run?.abort();
    return run !== undefined;
  };
  return {
    where: config.engine === "inline" ? "inline" : "thread",
    async run(source, o) {
      const options = traceOptions(within(config.limits, o.limits), o.stdin);
      if (config.engine === "inline") {
        // operator-facing: an inline run holds this thread, so nothing could interrupt it
        if (o.sessionId !== undefined) throw new MemsimError("no-sessions", "The inline C runner keeps no sessions: use the threads engine.");
        const { traceC } = await import("../runners/c/run.js");
        return { ok: true, trace: await traceC(source, options), notices: [] };
      }
      const key = o.sessionId;
      if (key === undefined) return traceInThread(source, options, workerScript(), undefined, spares.take());
      const run = new AbortController();
      // (a session runs one program at a time: the layer's callers wait for each)
      running.get(key)?.abort();
      running.set(key, run);
      try {
        return await traceInThread(source, options, workerScript(), run.signal, spares.take());
      } finally {
        if (running.get(key) === run) running.delete(key);
      }
    },
    warm: () => {
      if (config.engine !== "inline") spares.keep();
    },
    stats: () => ({ runsOnSpareThreads: spares.taken }),
    interrupt: stop,
    // C holds nothing of a session: its run, if any, is stopped
    endSession: (sessionId) => {
      stop(sessionId);
      return false;
    },
    close: async () => {
      spares.close();
      for (const run of running.values()) run.abort();
    },
  };
}
