/**
 * One C program traced from start to end: the interpreter with the Trace builder listening, or,
 * when the program does not compile, a Trace whose outcome is its first compile error.
 */
import type { Diagnostic, Trace } from "../../core/trace.js";
import { diagnosticText } from "../../explain/diagnostic.js";
import { translator } from "../../i18n/index.js";
import { interruptedOutcome } from "./interrupted.js";
import { runC } from "./interp/index.js";
import { Ended } from "./interp/machine.js";
import type { CRecorder } from "./recorder.js";
import { C_RUNTIME, createTraceRecorder } from "./trace/index.js";

export interface TraceCOptions {
  /** what the program reads with scanf and getchar */
  stdin?: string;
  maxSteps?: number;
  timeLimitMs?: number;
  maxOutputBytes?: number;
  /**
   * a word in shared memory that whoever runs the program sets to 1 to interrupt it: read before
   * each step, so the run stops there as at its time limit, its steps kept, and ends with
   * KeyboardInterrupt as a Python program interrupted at a notebook does; set to 2 once the run
   * has stopped (what it recorded is on its way)
   */
  interrupt?: Int32Array;
}

/** A compile error as Python's syntax error is carried: the first error's place and words, and
 * every diagnostic (code and params) for the explainer to word in the learner's language. */
export function compileErrorTrace(source: string, diagnostics: Diagnostic[]): Trace {
  const first = diagnostics.find((d) => d.severity === "error") ?? diagnostics[0]!;
  const line = first.line ?? 1;
  // the English words as gcc's own messages are English; the codes let the explainer translate
  const message = diagnosticText(first, translator("en"));
  return {
    schemaVersion: 2,
    language: "c",
    runtime: C_RUNTIME,
    source,
    objects: {},
    steps: [],
    stdout: "",
    outcome: { status: "syntax-error", type: first.code, message, line, column: first.column ?? 1, text: source.split("\n")[line - 1] ?? "" },
    diagnostics,
  };
}

export async function traceC(source: string, options: TraceCOptions = {}): Promise<Trace> {
  const limits = {
    ...(options.maxSteps !== undefined ? { steps: options.maxSteps } : {}),
    ...(options.timeLimitMs !== undefined ? { time: options.timeLimitMs } : {}),
    ...(options.maxOutputBytes !== undefined ? { output: options.maxOutputBytes } : {}),
  };
  const recorder = createTraceRecorder(source, { limits });
  const { interrupt, ...rest } = options;
  let interruptedAt: number | undefined;
  const watched: CRecorder = interrupt
    ? {
        step(step, memory) {
          if (Atomics.load(interrupt, 0) !== 0) {
            Atomics.store(interrupt, 0, 2);
            interruptedAt = step.line;
            // the step is not recorded, as at the time limit; the recorder ends the run there
            throw new Ended({ kind: "limit", limit: "time", line: step.line });
          }
          recorder.step(step, memory);
        },
        end: (end, memory) => recorder.end(end, memory),
      }
    : recorder;
  const run = await runC(source, { ...rest, recorder: watched });
  if (!run.end) return compileErrorTrace(source, run.diagnostics);
  let trace = recorder.trace();
  if (interruptedAt !== undefined) trace = { ...trace, outcome: interruptedOutcome(interruptedAt) };
  // warnings of a program that ran are kept for the explainer
  return run.diagnostics.length > 0 ? { ...trace, diagnostics: run.diagnostics } : trace;
}
