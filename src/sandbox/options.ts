/** The pool's settings and the limits of each run, with their defaults. */
import { availableParallelism } from "node:os";

/** Which isolation a worker runs under. */
export type SandboxMode = "bwrap" | "node";

export interface PoolOptions {
  /** warm shared workers (default: one per core) */
  size?: number;
  /** isolation; default: MEMSIM_SANDBOX, else `bwrap` when it works here, else `node` */
  sandbox?: SandboxMode;
  /** the most memory a worker's Python heap may use, in MB (default 256) */
  memoryMb?: number;
  /** a worker whose whole process grows past memoryMb + this many MB, plus its interpreters'
   * own share (INTERPRETER_MB for each spare and the running one), is stopped (default 512) */
  processHeadroomMb?: number;
  /** defaults for each run; a run's own options override them */
  timeLimitMs?: number;
  maxSteps?: number;
  stdoutCap?: number;
  maxDepth?: number;
  /** the largest trace kept, in bytes of JSON (default 16 MiB); longer ones are cut */
  maxTraceBytes?: number;
  /** how long past its time limit a run may take before its worker is killed (default 2000 ms) */
  killGraceMs?: number;
  /** runs that may wait for a worker; more are answered "busy" (default 100) */
  maxQueue?: number;
  /** a run that waited this long for a worker is dropped as busy (default 30 s) */
  queueTimeoutMs?: number;
  /** named sessions alive at once, each in a worker of its own (default 4) */
  maxSessions?: number;
  /** a session unused this long is closed (default 15 min) */
  sessionIdleMs?: number;
  /** interpreters each worker keeps ready, so the runs of one request (a program and the
   * advisor's rewrites) need not wait for one to start (default 2; each adds about 160 MB to
   * what the worker may hold) */
  sparesPerWorker?: number;
  /** where the start-up snapshot is kept between starts (default: for the pool a private folder
   * in the temp dir; for interpreter threads the user's cache folder, see snapshot-cache.ts) */
  snapshotDir?: string;
  /** where start-up warnings go (default console.warn) */
  onWarning?: (message: string) => void;
}

import type { OutputPiece } from "./output.js";

export interface RunOptions {
  maxSteps?: number;
  timeLimitMs?: number;
  /** lines that input() returns, in order */
  stdin?: string[];
  stdoutCap?: number;
  maxDepth?: number;
  /** the largest trace kept, in bytes of JSON; longer ones are cut */
  maxTraceBytes?: number;
  /** a named session keeps its variables between runs */
  sessionId?: string;
  /** keep the value of a last expression statement as the Trace's `display` */
  display?: boolean;
  /** asked for each input() beyond `stdin` while the program waits; null: no more input */
  input?: (prompt: string) => Promise<string | null>;
  /** given the output as it is printed, while the program runs (see ./output.ts) */
  output?: (pieces: OutputPiece[]) => void;
}

export type ResolvedPoolOptions = Required<Omit<PoolOptions, "sandbox" | "snapshotDir" | "onWarning">> &
  Pick<PoolOptions, "sandbox" | "snapshotDir" | "onWarning">;

/** what one interpreter thread holds before any program runs in it (measured: about 150 MB) */
export const INTERPRETER_MB = 160;

export const DEFAULTS = {
  memoryMb: 256,
  processHeadroomMb: 512,
  timeLimitMs: 5_000,
  maxSteps: 10_000,
  stdoutCap: 65_536,
  maxDepth: 1000,
  maxTraceBytes: 16 * 1024 * 1024,
  killGraceMs: 2_000,
  maxQueue: 100,
  queueTimeoutMs: 30_000,
  maxSessions: 4,
  sessionIdleMs: 15 * 60_000,
  sparesPerWorker: 2,
} as const;

function positive(name: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`${name} must be a positive number`);
  return value;
}

export function resolvePoolOptions(options: PoolOptions = {}): ResolvedPoolOptions {
  const pick = <K extends keyof typeof DEFAULTS>(key: K): number => positive(key, options[key] ?? DEFAULTS[key]);
  return {
    size: Math.floor(positive("size", options.size ?? availableParallelism())),
    memoryMb: pick("memoryMb"),
    processHeadroomMb: pick("processHeadroomMb"),
    timeLimitMs: pick("timeLimitMs"),
    maxSteps: pick("maxSteps"),
    stdoutCap: pick("stdoutCap"),
    maxDepth: pick("maxDepth"),
    maxTraceBytes: pick("maxTraceBytes"),
    killGraceMs: pick("killGraceMs"),
    maxQueue: pick("maxQueue"),
    queueTimeoutMs: pick("queueTimeoutMs"),
    maxSessions: pick("maxSessions"),
    sessionIdleMs: pick("sessionIdleMs"),
    sparesPerWorker: Math.floor(pick("sparesPerWorker")),
    sandbox: options.sandbox,
    snapshotDir: options.snapshotDir,
    onWarning: options.onWarning,
  };
}
