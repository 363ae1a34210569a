/**
 * What memsim tells a learner about a run besides its Trace (it was stopped, cut, or could not
 * start), as a code with the values it needs. Runners and the sandbox only make these; each edge
 * (chat views, the CLI, the kernel) words them in the learner's language, so one cached result
 * serves every locale.
 */
export const NOTICE_CODES = [
  /** the queue of runs is full */
  "busy",
  /** the run waited too long for a worker */
  "timeout-waiting",
  /** the runner died without a limit being the cause; it has been replaced */
  "worker-crashed",
  /** every session slot is in use */
  "sessions-full",
  /** memsim is shutting down */
  "closed",
  /** the program's text is longer than memsim reads: { size, max } in bytes */
  "source.too-large",
  /** stopped at the time limit inside one long operation: { seconds, line, steps } */
  "stopped.time",
  /** stopped at the time limit before the first line: { seconds } */
  "stopped.time-start",
  /** the program caught the stop and ran on, so it was ended from outside: { seconds, line, steps } */
  "stopped.time-kept",
  /** the runner's process passed its memory limit: { line } */
  "stopped.memory-killed",
  /** the program asked for more memory than a program may use: { line, mb } */
  "stopped.memory",
  /** the same, before the first line: { mb } */
  "stopped.memory-start",
  /** interrupted inside one long operation, so its runner and the session's names were lost */
  "stopped.interrupt",
  /** the trace was too large and was cut: { kept, total } */
  "cut",
  /** a session started again empty after idling: { minutes } */
  "session.idle",
  /** a session started again empty because its runner was replaced */
  "session.replaced",
] as const;

export type NoticeCode = (typeof NOTICE_CODES)[number];

export interface Notice {
  code: NoticeCode;
  params?: Record<string, string | number>;
}
