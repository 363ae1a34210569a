/** The session layer's contract: what a front end asks for, and what it gets back. */
import type { Notice } from "../core/notice.js";
import type { Language, Trace } from "../core/trace.js";
import type { OutputPiece } from "../sandbox/output.js";
import type { SealedTrace, SessionInfo, StopReport } from "../sandbox/result.js";

export type { OutputPiece } from "../sandbox/output.js";

/** The limits of one run; a runner's defaults fill what is left out. */
export interface Limits {
  maxSteps?: number;
  timeLimitMs?: number;
  stdoutCap?: number;
  maxDepth?: number;
  /** the largest trace kept, in bytes of JSON; longer ones are cut */
  maxTraceBytes?: number;
}

export interface SimulateOptions {
  language: Language;
  limits?: Limits;
  /** keeps one learner's names alive across runs (a notebook's cells, a chat thread) */
  sessionId?: string;
  /** lines that input() returns, in order */
  stdin?: string[];
  /**
   * keep the value of the program's last statement, when it is an expression whose value is
   * not None, as the Trace's `display` (`repr()` as Python's prompt shows it, and the object's
   * id when the Trace has it); its steps are recorded as for any program
   */
  display?: boolean;
  /**
   * asked for each input() beyond the `stdin` lines while the program waits (its time limit
   * paused, for at most 10 minutes, then as null); null: there is no more input (input()
   * raises EOFError, as when `stdin` runs out). An interrupt during the wait ends it and the run.
   */
  input?: (prompt: string) => Promise<string | null>;
  /**
   * given the program's output as it is printed, while it runs (a notebook shows a line before
   * a sleep() ends): pieces of standard output and error in the order written, and, as "input",
   * each prompt with the line typed at it (which `input` has just shown). Sent before the program
   * sleeps or waits for input and, while output is pending, about every 100 ms; the Trace's
   * `stdout` still holds all of it, and what was sent is its beginning. Engines that cannot send
   * it (inline; the C runner) leave it all to the Trace.
   */
  output?: (pieces: OutputPiece[]) => void;
}

export type Simulation =
  /** the program ran (or failed, or hit a limit: that is in the Trace's outcome) */
  | {
      ok: true;
      trace: Trace;
      /** what to tell the learner besides the trace: stopped, cut, a session started fresh */
      notices: Notice[];
      stopped?: StopReport;
      cut?: { keptSteps: number; totalSteps: number };
      session?: SessionInfo;
    }
  /** memsim could not run it now (busy, a runner crashed…) */
  | { ok: false; error: Notice };

/**
 * A simulation whose Trace is still as the sandbox sent it: `openSimulation` (./python.ts)
 * reads it, in whichever thread can afford the work. Plain data, except `distrust`.
 */
export type SealedSimulation =
  | { ok: true; sealed: SealedTrace; session?: SessionInfo; distrust?: () => void }
  | { ok: false; error: Notice };

/** One language's way to run programs, made by its registered factory. */
export interface LanguageRunner {
  run(source: string, options: Omit<SimulateOptions, "language">): Promise<Simulation>;
  /** `run`, with the Trace left unread (engines whose Traces cross a process boundary) */
  runSealed?(source: string, options: Omit<SimulateOptions, "language">): Promise<SealedSimulation>;
  close(): Promise<void>;
  /** gets ready for programs to come (a process that keeps running: a bot, a kernel) */
  warm?(): void;
  /** asks the running program of a session to stop with KeyboardInterrupt; false when none runs */
  interrupt?(sessionId: string): boolean;
  /** lets a session go now (its run, if any, is stopped first); false when it had none */
  endSession?(sessionId: string): boolean;
  /** where programs run, for the operator: "bwrap", "node", "thread" or "inline" */
  readonly where: string;
  /** the engine's own figures (the pool's workers, queue and memory), for the operator */
  stats?(): unknown;
}

/**
 * Which engine serves the layer, chosen once at start-up:
 * - "pool": the sandbox pool of isolated worker processes (the bots);
 * - "threads": an interpreter thread of this process per run (the CLI, the console);
 * - "inline": the interpreter of this process itself, not isolated (tests of the layers above).
 */
export type EngineName = "pool" | "threads" | "inline";

export interface EngineConfig {
  engine: EngineName;
  /** the pool's or the threads' options (src/sandbox PoolOptions) */
  sandbox?: import("../sandbox/options.js").PoolOptions;
  /** the limits every run gets unless it asks for smaller ones */
  limits?: Limits;
}

export type RunnerFactory = (config: EngineConfig) => Promise<LanguageRunner>;
