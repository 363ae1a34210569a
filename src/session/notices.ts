/** The words for a run's notices: called only at the edges, in the learner's language. */
import type { Notice, NoticeCode } from "../core/notice.js";
import type { Translator } from "../i18n/index.js";

/** catalog key of each notice */
export const NOTICE_KEYS: Record<NoticeCode, string> = {
  busy: "sandbox.busy",
  "timeout-waiting": "sandbox.waitedTooLong",
  "worker-crashed": "sandbox.crashed",
  "sessions-full": "sandbox.sessionsFull",
  closed: "sandbox.closed",
  "source.too-large": "sandbox.sourceTooLarge",
  "stopped.time": "sandbox.killed.time",
  "stopped.time-start": "sandbox.killed.timeStart",
  "stopped.time-kept": "sandbox.killed.kept",
  "stopped.memory-killed": "sandbox.killed.memory",
  "stopped.interrupt": "sandbox.killed.interrupt",
  "stopped.memory": "sandbox.memory",
  "stopped.memory-start": "sandbox.memoryStart",
  cut: "sandbox.cut",
  "session.idle": "sandbox.session.idle",
  "session.replaced": "sandbox.session.replaced",
};

export function noticeText(notice: Notice, tr: Translator): string {
  const params = { ...(notice.params ?? {}) };
  // sizes are told as sizes, in the reader's own units
  if (notice.code === "source.too-large") for (const k of ["size", "max"]) params[k] = tr.bytes(Number(params[k]));
  return tr.t(NOTICE_KEYS[notice.code], params);
}
