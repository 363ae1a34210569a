/**
 * Presses on a shared reply: the one who asked changes it in place; anyone else gets a private
 * copy at the new step or language, and the asker's reply stays as it was.
 */
import type { Context } from "../context.js";
import type { Answer } from "../reply.js";

/** Whether a press changes the message it is on: the asker's own (stored with the run, else as
 * the platform tells), or a private copy already. */
export function inPlace(ctx: Context, askerId: string | undefined = ctx.askedBy): boolean {
  return ctx.onPrivate === true || askerId === undefined || askerId === ctx.who.userId;
}

/** A reply made for the presser alone. */
export function privateCopy(answer: Answer): Answer {
  return { ...answer, placement: "new", reply: { ...answer.reply, private: true } };
}
