/**
 * Messages between an interpreter thread (interpreter.ts) and the `Interpreters` that
 * started it (threads.ts). Everything a thread sends is untrusted: its learner's program
 * may have reached the thread's JavaScript, so the receiver checks each message.
 */
import type { ReadyMessage, RunMessage } from "./protocol.js";

export interface ThreadInit {
  /** snapshot: make the start-up snapshot; run: serve one run; session: serve a session's runs */
  role: "snapshot" | "run" | "session";
  indexURL: string;
  /** Pyodide's main module, compiled once per process (absent: the thread compiles it) */
  module?: object;
  /** the start-up snapshot, shared by every thread: each copies it and drops this at once,
   * before any learner code exists, so no program can reach the bytes the next one starts from */
  snapshot?: Uint8Array;
  /** the Python heap may not grow past this many bytes */
  memoryBytes: number;
  /** the progress file the host reads when a run is stopped (see PROGRESS_HEADER) */
  progressFd?: number;
  /**
   * two u32s, the step count and line the running program last reached: written at every
   * traced event, in memory rather than through the file (see `Interpreters`, which copies
   * them into the file)
   */
  progress?: SharedArrayBuffer;
}

export type ThreadIn = RunMessage;

export type ThreadOut =
  | { type: "ready"; runtime: ReadyMessage["runtime"]; timings: Record<string, number> }
  | { type: "result"; id: number; json: string; cut?: { keptSteps: number; totalSteps: number }; memoryHit?: boolean }
  | { type: "failed"; id?: number; message: string }
  | { type: "snapshot"; bytes: ArrayBuffer };
