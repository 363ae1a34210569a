/**
 * Runners for one person's programs: the command line and the console.
 *
 * With MEMSIM_SANDBOX set ("bwrap" or "node") they use the sandbox pool. Otherwise programs
 * run in this process, but never in its JavaScript: each run gets an interpreter thread of
 * its own (threads.ts), with an empty environment, no way to JavaScript, files or network
 * from Python, code generation from strings refused, its memory capped, and a deadline that
 * stops even a loop inside one C call. The thread is discarded after the run.
 */
import { Answers } from "./answers.js";
import { workerFiles } from "./launch.js";
import { sandboxMode } from "./mode.js";
import { INTERPRETER_MB, resolvePoolOptions, type PoolOptions, type RunOptions } from "./options.js";
import { createPool } from "./pool.js";
import { ProgressFile } from "./progress.js";
import type { RunMessage } from "./protocol.js";
import type { RunResult } from "./result.js";
import { ensureSnapshot } from "./snapshot.js";
import { compilePyodide, Interpreters, makeSnapshotInThread } from "./threads.js";

const MiB = 1024 * 1024;

export interface Runner {
  /** Runs `source`; never throws for anything the program does. */
  run(source: string, options?: RunOptions): Promise<RunResult>;
  close(): Promise<void>;
  /** where programs run: "bwrap" or "node" (the pool), or "thread" (this process) */
  readonly where: "bwrap" | "node" | "thread";
}

/** Programs in interpreter threads of this process (see the module comment). */
export async function createLocalRunner(options: PoolOptions = {}): Promise<Runner> {
  const opts = resolvePoolOptions(options);
  const files = workerFiles();
  const indexURL = `${files.pyodideDir}/`;
  const memoryBytes = opts.memoryMb * MiB;
  const [snapshot, module] = await Promise.all([
    ensureSnapshot(files, opts.snapshotDir, () => makeSnapshotInThread(indexURL, memoryBytes)),
    compilePyodide(indexURL),
  ]);
  const { readFileSync } = await import("node:fs");
  const progress = new ProgressFile();
  const interpreters = new Interpreters({
    role: "run",
    indexURL,
    module,
    snapshot: new Uint8Array(readFileSync(snapshot.path)),
    memoryBytes,
    jsHeapMb: 512,
    // this process's own memory is not the program's: the limit is on what a run adds
    rssLimitBytes: process.memoryUsage.rss() + (opts.memoryMb + opts.processHeadroomMb + 2 * INTERPRETER_MB) * MiB,
    graceMs: opts.killGraceMs,
    startTimeoutMs: 120_000,
    progressFd: progress.fd,
    // one person: the next run (an advisor's rewrite) finds one ready
    spares: 1,
  });
  const answers = new Answers(opts.memoryMb);
  answers.runtime = (await interpreters.ready()).runtime;
  let queue: Promise<unknown> = Promise.resolve();
  let id = 0;
  let closed = false;

  const runOne = async (source: string, o: RunOptions): Promise<RunResult> => {
    const locale = o.locale ?? opts.locale;
    if (closed) return answers.failure("closed", locale);
    const msg: RunMessage = {
      type: "run",
      id: ++id,
      source,
      maxSteps: o.maxSteps ?? opts.maxSteps,
      timeLimitMs: o.timeLimitMs ?? opts.timeLimitMs,
      stdoutCap: o.stdoutCap ?? opts.stdoutCap,
      maxDepth: o.maxDepth ?? opts.maxDepth,
      maxTraceBytes: o.maxTraceBytes ?? opts.maxTraceBytes,
      ...(o.stdin ? { stdin: o.stdin } : {}),
    };
    const outcome = await interpreters.run(msg);
    if (outcome.type === "stopped") return answers.fromStopped(progress, outcome.by, msg, locale);
    if (outcome.type === "failed") return answers.failure("worker-crashed", locale);
    const { type: _, ...body } = outcome;
    const result = answers.fromResult(progress, { type: "result", id: msg.id, ...body }, msg, locale);
    return result === "untrusted" ? answers.failure("worker-crashed", locale) : result;
  };

  return {
    where: "thread",
    run(source, o = {}) {
      // one run at a time: each takes the ready interpreter, and the next one starts meanwhile
      const next = queue.then(() => runOne(source, o));
      queue = next.catch(() => undefined);
      return next;
    },
    async close() {
      closed = true;
      await interpreters.close();
      progress.close();
    },
  };
}

/**
 * The runner MEMSIM_SANDBOX asks for: the sandbox pool (one worker) when it is "bwrap" or
 * "node", this process's interpreter threads when it is unset.
 */
export async function createRunner(options: PoolOptions = {}, env: NodeJS.ProcessEnv = process.env): Promise<Runner> {
  const asked = env.MEMSIM_SANDBOX;
  if (asked === undefined || asked === "") return createLocalRunner(options);
  const info = sandboxMode(undefined, env);
  const pool = await createPool({ size: 1, ...options, sandbox: info.mode });
  return {
    where: info.mode,
    run: (source, o) => pool.run(source, o),
    close: () => pool.close(),
  };
}
