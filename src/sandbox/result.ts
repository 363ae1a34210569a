/** What a run through the pool gives back. */
import type { Notice } from "../core/notice.js";
import type { Trace } from "../core/trace.js";

/** Why the pool could not run a program at all (the program itself never failed here). */
export type PoolErrorCode =
  /** the queue is full */
  | "busy"
  /** the run waited too long for a worker */
  | "timeout-waiting"
  /** the worker died without a limit being the cause; it has been replaced */
  | "worker-crashed"
  /** every session slot is in use */
  | "sessions-full"
  /** the pool is closing */
  | "closed";

export interface RunFailure {
  ok: false;
  /** worded at the edge (`noticeText` in src/session) */
  error: Notice & { code: PoolErrorCode };
}

/** The sandbox, not the tracer, ended the run: its worker was killed or its memory ran out. */
export interface StopReport {
  by: "time" | "memory" | "interrupt";
  /** what a learner is told, worded at the edge */
  notice: Notice;
  /** steps the program had made, and the line it was on, when it was stopped */
  steps?: number;
  line?: number;
}

export interface SessionInfo {
  id: string;
  /** 1 for a session's first run */
  run: number;
  /** why a session that existed before starts again empty */
  freshBecause?: "idle" | "replaced";
  /** what a learner is told about it, worded at the edge */
  notice?: Notice;
}

export interface RunSuccess {
  ok: true;
  /** the program's trace; a program that hit a limit still ends here (outcome "limit") */
  trace: Trace;
  stopped?: StopReport;
  /** the trace was cut to fit the size limit */
  cut?: { keptSteps: number; totalSteps: number; notice: Notice };
  session?: SessionInfo;
}

export type RunResult = RunSuccess | RunFailure;

/**
 * A run's Trace as its worker sent it, not yet read: `openSealed` (./answers.ts) parses and
 * validates it where the host can afford the work (the chat's reply workers), so the thread
 * that receives it never does. Plain data: it can be posted to a worker thread.
 */
export type SealedTrace =
  /** the Trace's JSON text from the worker */
  | { how: "result"; json: string; memoryHit?: boolean; cut?: { keptSteps: number; totalSteps: number }; mb: number }
  /** the partial Trace a worker kept when the program was stopped at its time limit;
   * `fallback` stands if it cannot be read */
  | { how: "kept"; json: string; runtime: Trace["runtime"]; maxSteps: number; seconds: number; fallback: RunSuccess }
  /** a Trace with no steps, made by the host (the worker gave none back) */
  | { how: "made"; run: RunSuccess };

export interface SealedSuccess {
  ok: true;
  sealed: SealedTrace;
  session?: SessionInfo;
  /** retires the worker that sent it, when the Trace turns out not to be one (not posted) */
  distrust?: () => void;
}

export type SealedResult = SealedSuccess | RunFailure;
