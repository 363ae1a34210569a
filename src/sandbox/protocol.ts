/**
 * Messages between the pool (host) and a worker process, over Node's IPC channel.
 * Everything a worker sends is untrusted: the host validates it before use.
 */
import type { OutputPiece } from "./output.js";

/** What a worker is for: making the start-up snapshot, serving runs (one interpreter each), or one named session. */
export type WorkerRole = "snapshot" | "shared" | "session";

export interface InitMessage {
  type: "init";
  role: WorkerRole;
  indexURL: string;
  /** the memory snapshot to start from (absent for the snapshot maker) */
  snapshotPath?: string;
  /** the Python heap (WebAssembly memory) may not grow past this many bytes */
  memoryBytes: number;
  /** file descriptor of the progress file (see PROGRESS_HEADER) */
  progressFd: number;
  /** the JavaScript heap of one interpreter thread, in MB */
  jsHeapMb: number;
  /** the process's resident memory may not pass this, in any state */
  rssLimitBytes: number;
  /** a run's interpreter is terminated this long past the run's time limit */
  graceMs: number;
  /** an interpreter that is not ready this long after it was started is given up */
  startTimeoutMs: number;
  /** interpreters a worker keeps ready for the next runs */
  spares: number;
}

export interface RunMessage {
  type: "run";
  id: number;
  source: string;
  maxSteps: number;
  timeLimitMs: number;
  stdin?: string[];
  stdoutCap: number;
  maxDepth: number;
  maxTraceBytes: number;
  /** keep the value of a last expression statement as the Trace's `display` */
  display?: boolean;
  /** input() beyond `stdin` asks the host (an InputMessage), and the run waits for the answer */
  interactive?: boolean;
  /** the output is sent as it is printed (OutputMessage) */
  output?: boolean;
}

/** The host asks the running program (run `id`) to stop with KeyboardInterrupt. */
export interface InterruptMessage {
  type: "interrupt";
  id: number;
}

/** The answer to an InputMessage: a line, or null when there is no more input. */
export interface AnswerMessage {
  type: "answer";
  id: number;
  text: string | null;
}

export type HostMessage = InitMessage | RunMessage | InterruptMessage | AnswerMessage | { type: "exit" };

export interface ReadyMessage {
  type: "ready";
  /** the interpreter, as a Trace names it */
  runtime: { name: string; version: string; sizeModel: string; engine: string };
  /** milliseconds from process start to ready, and the parts of it */
  timings: Record<string, number>;
}

export interface ResultMessage {
  type: "result";
  id: number;
  /** the Trace as JSON text */
  json: string;
  /** the trace was cut to fit the size limit */
  cut?: { keptSteps: number; totalSteps: number };
  /** the program reached the memory limit */
  memoryHit?: boolean;
}

/** A new interpreter is ready: the worker can take the next run. */
export interface IdleMessage {
  type: "idle";
  resetMs: number;
}

/** The worker stopped a run's interpreter: past its time limit, or over the memory limit. */
export interface StoppedMessage {
  type: "stopped";
  id: number;
  by: "time" | "memory" | "interrupt";
}

/** The running program (run `id`) called input() past its stdin lines: it waits for an AnswerMessage. */
export interface InputMessage {
  type: "input";
  id: number;
  prompt: string;
}

/** What the running program (run `id`) printed since the last such message (unchecked: see outputPieces). */
export interface OutputMessage {
  type: "output";
  id: number;
  pieces: OutputPiece[];
}

export interface FailedMessage {
  type: "failed";
  id?: number;
  message: string;
}

export interface SnapshotMessage {
  type: "snapshot";
  bytes: Uint8Array;
}

/** How many interpreters the worker has ready now (sent whenever the number changes). */
export interface SparesMessage {
  type: "spares";
  ready: number;
}

export type WorkerMessage = ReadyMessage | ResultMessage | IdleMessage | StoppedMessage | FailedMessage | SnapshotMessage | SparesMessage | InputMessage | OutputMessage;

/**
 * The progress file a worker writes while it runs, read by the host when it kills the
 * worker: steps so far (u32 LE at 0), the line running (u32 at 4), and the byte length
 * (u32 at 8) of the partial trace JSON that starts at PROGRESS_HEADER, if the tracer
 * stopped the program before the kill.
 */
export const PROGRESS_HEADER = 16;
