/** An exception: raised by a step's line, or stopping the program when nothing caught it. */
import type { Builder, Context } from "../context.js";

export const error: Builder<"error"> = {
  phase: "endings",
  // the runtime's own message may end with a full stop; the sentence adds its own
  build: (ctx, ev) => [ctx.tr.t("explain.error", { type: ev.type, message: ev.message.replace(/[.。]+$/, ""), line: ev.line })],
};

/** What this step's line raised (or a call on it passed up), told as a warning. */
export function raisedSentences(ctx: Context): string[] {
  const raised = ctx.state.step.raised;
  if (!raised) return [];
  const message = raised.message.replace(/[.。]+$/, "");
  const key = !raised.here ? "explain.raised.passed" : message ? "explain.raised" : "explain.raised.bare";
  const sentence = ctx.tr.t(key, { type: raised.type, message, line: ctx.state.step.line });
  ctx.warnings?.add(sentence);
  return [sentence];
}
