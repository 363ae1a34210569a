/**
 * The "threads" engine of the session layer (src/session), for one person's programs: the
 * command line and the console, unless MEMSIM_SANDBOX asks for the pool. Programs run in this
 * process, but never in its JavaScript: each run gets an interpreter thread of its own
 * (threads.ts), and a named session keeps one until it idles, with an empty environment, no way to JavaScript, files or network
 * from Python, code generation from strings refused, its memory capped, and a deadline that
 * stops even a loop inside one C call. The thread is discarded after the run.
 * Every interpreter is restored from one start-up snapshot, kept between starts in the
 * user's cache folder (snapshot-cache.ts), so a start does not make it again.
 */
import { Answers, sessionInfo } from "./answers.js";
import { workerFiles } from "./launch.js";
import { INTERPRETER_MB, resolvePoolOptions, type PoolOptions, type RunOptions } from "./options.js";
import { ProgressFile } from "./progress.js";
import type { RunMessage } from "./protocol.js";
import type { RunResult, SessionInfo } from "./result.js";
import { cacheFolder, readCachedSnapshot, writeCachedSnapshot, type CachedSnapshot } from "./snapshot-cache.js";
import { snapshotKey } from "./snapshot.js";
import { compilePyodide, Interpreters, makeSnapshotInThread, type InterpretersOptions, type ReadyInfo } from "./threads.js";

const MiB = 1024 * 1024;

export interface Runner {
  /** Runs `source`; never throws for anything the program does. */
  run(source: string, options?: RunOptions): Promise<RunResult>;
  /** asks the running program of a session to stop with KeyboardInterrupt; false when none runs */
  interrupt(sessionId: string): boolean;
  /** lets a session go now (its run, if any, is stopped first); false when it had none */
  endSession(sessionId: string): boolean;
  close(): Promise<void>;
  /** where programs run: "bwrap" or "node" (the pool), or "thread" (this process) */
  readonly where: "bwrap" | "node" | "thread";
}

/**
 * The first interpreters, from the cached snapshot when there is a sound one (its check runs
 * while the first thread starts), else from a snapshot made now and kept for the next start.
 */
async function firstInterpreters(
  folder: string,
  key: string,
  cached: CachedSnapshot | undefined,
  base: Omit<InterpretersOptions, "snapshot">,
  warn: (message: string) => void,
): Promise<{ interpreters: Interpreters; snapshot: Uint8Array; ready: ReadyInfo }> {
  if (cached) {
    const interpreters = new Interpreters({ ...base, snapshot: cached.bytes });
    const starting = interpreters.ready();
    starting.catch(() => undefined);
    const ready = cached.intact() ? await starting.catch(() => undefined) : undefined;
    if (ready) return { interpreters, snapshot: cached.bytes, ready };
    await interpreters.close();
    warn(`The start-up snapshot in ${folder} could not be used: it is made again.`); // operator-facing
  }
  const made = await makeSnapshotInThread(base.indexURL, base.memoryBytes);
  try {
    writeCachedSnapshot(folder, key, made);
  } catch (error) {
    warn(`The start-up snapshot could not be kept in ${folder} (${(error as Error).message}): it is made at each start.`); // operator-facing
  }
  const snapshot = new Uint8Array(new SharedArrayBuffer(made.length));
  snapshot.set(made);
  const interpreters = new Interpreters({ ...base, snapshot });
  return { interpreters, snapshot, ready: await interpreters.ready() };
}

/** Programs in interpreter threads of this process (see the module comment). */
export async function createLocalRunner(options: PoolOptions = {}): Promise<Runner> {
  const opts = resolvePoolOptions(options);
  const files = workerFiles();
  const indexURL = `${files.pyodideDir}/`;
  const memoryBytes = opts.memoryMb * MiB;
  const folder = opts.snapshotDir ?? cacheFolder(process.env);
  const key = snapshotKey(files);
  // Pyodide compiles while the snapshot is read
  const [module, cached] = await Promise.all([compilePyodide(indexURL), readCachedSnapshot(folder, key)]);
  const progress = new ProgressFile();
  const base = {
    role: "run" as const,
    indexURL,
    module,
    memoryBytes,
    jsHeapMb: 512,
    // this process's own memory is not the program's: the limit is on what a run adds
    rssLimitBytes: process.memoryUsage.rss() + (opts.memoryMb + opts.processHeadroomMb + 2 * INTERPRETER_MB) * MiB,
    graceMs: opts.killGraceMs,
    startTimeoutMs: 120_000,
    progressFd: progress.fd,
    // one person: the next run (an advisor's rewrite) finds one ready
    spares: 1,
  };
  const first = await firstInterpreters(folder, key, cached, base, opts.onWarning ?? (() => undefined)).catch((error: unknown) => {
    progress.close();
    throw error;
  });
  const interpreterOptions = { ...base, snapshot: first.snapshot };
  const interpreters = first.interpreters;
  const answers = new Answers(opts.memoryMb);
  answers.runtime = first.ready.runtime;
  let queue: Promise<unknown> = Promise.resolve();
  let id = 0;
  let closed = false;

  // a named session keeps one interpreter (its names live on between runs) until it idles
  const sessions = new Map<string, LocalSession>();
  const forgotten = new Map<string, { reason: "idle" | "replaced"; minutes?: number }>();
  const sessionInterpreters = () =>
    new Interpreters({ ...interpreterOptions, role: "session" });
  const closeSession = (key: string, reason: "idle" | "replaced") => {
    const s = sessions.get(key);
    if (!s) return;
    sessions.delete(key);
    forgotten.set(key, { reason, ...(reason === "idle" ? { minutes: Math.round((Date.now() - s.lastUsed) / 60_000) } : {}) });
    if (forgotten.size > 10_000) forgotten.delete(forgotten.keys().next().value!);
    void s.interpreters.close();
  };
  // a session let go is not remembered: its name is not used again
  const endNow = (key: string) => {
    const s = sessions.get(key);
    if (!s) return;
    sessions.delete(key);
    void s.interpreters.close();
  };
  const sweeper = setInterval(() => {
    const now = Date.now();
    for (const [key, s] of sessions) if (!s.busy && now - s.lastUsed > opts.sessionIdleMs) closeSession(key, "idle");
  }, Math.min(30_000, Math.max(250, opts.sessionIdleMs / 4)));
  sweeper.unref();

  const sessionFor = (key: string): LocalSession | undefined => {
    let s = sessions.get(key);
    if (s) return s;
    if (sessions.size >= opts.maxSessions) {
      const idle = [...sessions.entries()].filter(([, v]) => !v.busy).sort((a, b) => a[1].lastUsed - b[1].lastUsed)[0];
      if (!idle) return undefined;
      closeSession(idle[0], "idle");
    }
    const gone = forgotten.get(key);
    forgotten.delete(key);
    s = { interpreters: sessionInterpreters(), runs: 0, lastUsed: Date.now(), busy: false, ...(gone ? { fresh: gone } : {}) };
    sessions.set(key, s);
    return s;
  };

  // a session's run from the moment it is asked for: an interrupt while it waits is kept for it
  const inFlight = new Map<string, { interrupted: boolean }>();
  const runOne = async (source: string, o: RunOptions, flight?: { interrupted: boolean }): Promise<RunResult> => {
    if (closed) return answers.failure("closed");
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
      ...(o.display ? { display: true } : {}),
      ...(o.input ? { interactive: true } : {}),
      ...(o.output ? { output: true } : {}),
    };
    const key = o.sessionId;
    const session = key === undefined ? undefined : sessionFor(key);
    if (key !== undefined && !session) return answers.failure("sessions-full");
    let info: SessionInfo | undefined;
    if (session) {
      session.runs++;
      session.busy = true;
      info = sessionInfo(key!, session.runs, session.runs === 1 ? session.fresh?.reason : undefined, session.fresh?.minutes);
    }
    const running = (session?.interpreters ?? interpreters).run(msg, { ...(o.input ? { input: o.input } : {}), ...(o.output ? { output: o.output } : {}) });
    if (flight?.interrupted) session?.interpreters.interrupt();
    const outcome = await running;
    if (session) {
      session.busy = false;
      session.lastUsed = Date.now();
      // a stopped session's interpreter is gone: the next run starts it again, empty
      if (session.ended) endNow(key!);
      else if (outcome.type !== "result") closeSession(key!, "replaced");
    }
    const result = answerOf(outcome, msg);
    if (result.ok && info) result.session = info;
    return result;
  };

  const answerOf = (outcome: Awaited<ReturnType<Interpreters["run"]>>, msg: RunMessage): RunResult => {
    if (outcome.type === "stopped") return answers.fromStopped(progress, outcome.by, msg);
    if (outcome.type === "failed") return answers.failure("worker-crashed");
    const { type: _, ...body } = outcome;
    const result = answers.fromResult(progress, { type: "result", id: msg.id, ...body }, msg);
    return result === "untrusted" ? answers.failure("worker-crashed") : result;
  };

  return {
    where: "thread",
    run(source, o = {}) {
      const key = o.sessionId;
      const flight = key === undefined ? undefined : { interrupted: false };
      if (key !== undefined) inFlight.set(key, flight!);
      // one run at a time: each takes the ready interpreter, and the next one starts meanwhile
      const next = queue.then(() => runOne(source, o, flight));
      queue = next.catch(() => undefined);
      void queue.then(() => {
        if (key !== undefined && inFlight.get(key) === flight) inFlight.delete(key);
      });
      return next;
    },
    interrupt(sessionId) {
      const s = sessions.get(sessionId);
      if (s?.busy === true && s.interpreters.interrupt()) return true;
      const flight = inFlight.get(sessionId);
      if (!flight) return false;
      flight.interrupted = true;
      return true;
    },
    endSession(sessionId) {
      const s = sessions.get(sessionId);
      if (!s) return false;
      s.ended = true;
      if (s.busy) s.interpreters.interrupt();
      else endNow(sessionId);
      return true;
    },
    async close() {
      closed = true;
      clearInterval(sweeper);
      await Promise.all([interpreters.close(), ...[...sessions.values()].map((s) => s.interpreters.close())]);
      sessions.clear();
      progress.close();
    },
  };
}

interface LocalSession {
  interpreters: Interpreters;
  runs: number;
  lastUsed: number;
  busy: boolean;
  /** let go by its owner: closed once its run ends */
  ended?: boolean;
  /** why an earlier session of this name is gone */
  fresh?: { reason: "idle" | "replaced"; minutes?: number };
}
