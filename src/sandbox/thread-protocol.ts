/**
 * Messages between an interpreter thread (interpreter.ts) and the `Interpreters` that
 * started it (threads.ts). Everything a thread sends is untrusted: its learner's program
 * may have reached the thread's JavaScript, so the receiver checks each message.
 */
import type { OutputPiece } from "./output.js";
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
  /**
   * the run's control words (see CONTROL below): Pyodide's interrupt buffer, and the answer to
   * an input() the program waits on
   */
  control?: SharedArrayBuffer;
}

/**
 * The control buffer shared by an interpreter thread and its owner, as Int32 words: INTERRUPT is
 * Pyodide's interrupt buffer (2 asks for KeyboardInterrupt), INPUT the state of an input() the
 * program waits on, LENGTH the answer's byte length, ASKED 1 once the run was asked to stop and 2
 * once the program was told (Pyodide clears INTERRUPT when it takes it, which may be inside
 * memsim's own code, where it is held off); the answer's UTF-8 bytes from ANSWER_AT.
 */
export const CONTROL = { INTERRUPT: 0, INPUT: 1, LENGTH: 2, ASKED: 3, ANSWER_AT: 16 } as const;
/** the states of CONTROL.INPUT */
export const INPUT_STATE = { IDLE: 0, WAITING: 1, ANSWERED: 2, NONE: 3, INTERRUPTED: 4 } as const;
/** the longest answer passed on, in bytes of UTF-8 (a longer one is cut at a character) */
export const ANSWER_BYTES = 64 * 1024;
/** the longest prompt passed on, in characters */
export const PROMPT_CHARS = 10_000;
/** how long a program waits for a person's answer before input() has none */
export const INPUT_WAIT_MS = 10 * 60_000;

export type ThreadIn = RunMessage;

export type ThreadOut =
  | { type: "ready"; runtime: ReadyMessage["runtime"]; timings: Record<string, number> }
  | { type: "result"; id: number; json: string; cut?: { keptSteps: number; totalSteps: number }; memoryHit?: boolean }
  | { type: "failed"; id?: number; message: string }
  | { type: "input"; id: number; prompt: string }
  /** what the program printed since the last such message (unchecked: see outputPieces) */
  | { type: "output"; id: number; pieces: OutputPiece[] }
  | { type: "snapshot"; bytes: ArrayBuffer };
