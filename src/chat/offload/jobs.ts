/**
 * Reply jobs: everything that reads a Trace (decoding and validating it, explanations, the
 * summary, advice, state replays, diagrams, GIFs) asked for as plain data, so that it can
 * run in a reply worker thread while the main thread only receives, routes and sends. The
 * same `ReplyServer` serves jobs in a worker and, for the console and tests, in this thread.
 */
import type { TopicId } from "../../../commands/memsim.js";
import type { Notice } from "../../core/notice.js";
import type { Trace } from "../../core/trace.js";
import type { Locale } from "../../i18n/index.js";
import type { SealedTrace, SessionInfo } from "../../sandbox/result.js";
import type { QuizQuestion } from "../../quiz/questions/index.js";
import type { Answer, Placement } from "../reply.js";
import type { StoredRun } from "../store.js";

/** A run's Trace as the main thread holds it: read already (tests, the console) or sealed. */
export type HeldTrace = { trace: Trace; notices: Notice[] } | { sealed: SealedTrace; session?: SessionInfo };

/** A Trace in a job: its key, and the Trace itself unless the worker is thought to hold it. */
export interface TraceRef {
  key: string;
  held?: HeldTrace;
}

/** Where a run's program was found, when that changes how a syntax error is told: a message's
 * plain text (not code, most likely), or the one-line `code` option (a program flattened onto one line). */
export type ProgramFrom = "text" | "option";

export type ViewJob =
  /** a run's reply at a step (0-based `step`, the opening step when absent); `asked` is the
   * 1-based step the person asked for, told when the run has fewer; `notes`: sentences already
   * worded for the reader (which language the program was run in, when that needs saying) */
  | { view: "run"; trace: TraceRef; run: StoredRun; step?: number; asked?: number; placement: Placement; budget?: JobBudget; from?: ProgramFrom; notes?: string[] }
  /** "All steps": the run as an animation */
  | { view: "gif"; trace: TraceRef }
  /** "Explain more": a page of the step list */
  | { view: "steps"; trace: TraceRef; run: StoredRun; page: number; placement: Placement }
  | { view: "compare"; before: TraceRef; after: TraceRef; pair: StoredRun; placement: Placement }
  | { view: "topic"; trace: TraceRef; topic: TopicId; placement: Placement }
  /** the private answer to a quiz press: right or wrong, why, and the deciding step's diagram */
  | { view: "quiz-answer"; trace: TraceRef; question: QuizQuestion; choice: string }
  /** a channel's question of a day, generated (its programs run through the main thread's simulator) */
  | { view: "quiz-question"; day: string; channelSeed: string };

/** What the advisor may spend on rewrite runs for a run reply: pool time (ms), and the runs
 * the person's and channel's cooldowns had left when the job was sent. */
export interface JobBudget {
  ms: number;
  charges: number;
}

/** `platform`: where the reply is shown, for that platform's own wording (../wording.ts) */
export type Job = ViewJob & { locale: Locale; platform?: string };

export type JobResult =
  | { kind: "answer"; answer: Answer }
  /** a generated quiz question */
  | { kind: "question"; question: QuizQuestion }
  /** the worker no longer holds these Traces: send the job again with them */
  | { kind: "missing"; keys: string[] }
  /** what the sandbox sent for this Trace is not one */
  | { kind: "untrusted"; key: string }
  /** memsim's own failure while making the reply */
  | { kind: "failed"; code: string; message: string };

/** Every Trace a job reads. */
export function refsOf(job: ViewJob): TraceRef[] {
  if (job.view === "quiz-question") return [];
  return job.view === "compare" ? [job.before, job.after] : [job.trace];
}

/** The job with its Traces left out, for a worker that holds them. */
export function withoutTraces(job: Job, held: (key: string) => boolean): Job {
  const strip = (ref: TraceRef): TraceRef => (held(ref.key) ? { key: ref.key } : ref);
  if (job.view === "quiz-question") return job;
  return job.view === "compare" ? { ...job, before: strip(job.before), after: strip(job.after) } : { ...job, trace: strip(job.trace) };
}
