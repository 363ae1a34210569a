/** `/memsim compare`: a practice's built-in pair, two snippets given as options, or a form. */
import { FORMS, type PracticeId } from "../../../commands/memsim.js";
import { encodeAction, type ActionOf } from "../actions.js";
import { simulationWork, type Context, type Plan } from "../context.js";
import type { ParsedOptions } from "../options.js";
import { PRACTICE_PAIRS } from "../practices.js";
import { notice, type Answer, type Placement } from "../reply.js";
import type { StoredRun } from "../store.js";
import { cleanSource, formFor, languageOf } from "./run.js";
import { noticeText } from "../../session/notices.js";

/** Runs both sides of a stored comparison and has the side-by-side reply made. */
export async function compareAnswer(ctx: Context, pair: StoredRun, placement: Placement): Promise<Answer> {
  const before = await ctx.simulate(pair.source, pair.language);
  if (!before.ok) return notice(noticeText(before.error, ctx.tr));
  const after = await ctx.simulate(pair.after ?? "", pair.language);
  if (!after.ok) return notice(noticeText(after.error, ctx.tr));
  return ctx.reply({ view: "compare", before: before.handle, after: after.handle, pair, placement });
}

function planCompare(ctx: Context, before: string, after: string, label?: string): Plan {
  const b = cleanSource(before);
  const a = cleanSource(after);
  if (!b.trim() || !a.trim()) return { kind: "answer", answer: notice(ctx.tr.t("chat.compare.needBoth")) };
  // the measured practices are Python's: a C program is run on its own instead
  const cSide = languageOf(ctx, undefined)(before).language === "c" ? "before" : languageOf(ctx, undefined)(after).language === "c" ? "after" : undefined;
  if (cSide) return { kind: "answer", answer: notice(ctx.tr.t("chat.compare.onlyPython", { side: ctx.tr.t(`chat.compare.${cSide}`) })) };
  return simulationWork(async () => {
    const pair = ctx.services.store.save({ kind: "compare", language: "python", locale: ctx.locale, source: b, after: a, userId: ctx.who.userId, ...(label ? { label } : {}) });
    return compareAnswer(ctx, pair, "new");
  });
}

export function compareCommand(ctx: Context, options: ParsedOptions): Plan {
  const before = options.before as string | undefined;
  const after = options.after as string | undefined;
  const practice = options.practice as PracticeId | undefined;
  if (before !== undefined || after !== undefined) {
    if (before === undefined || after === undefined) return { kind: "answer", answer: notice(ctx.tr.t("chat.compare.needBoth")) };
    return planCompare(ctx, before, after);
  }
  if (practice) return planCompare(ctx, PRACTICE_PAIRS[practice].before, PRACTICE_PAIRS[practice].after, practice);
  const explicit = options.locale as "en" | "zh-CN" | undefined;
  return { kind: "form", form: formFor(ctx, FORMS.compare, encodeAction({ do: "form-compare", locale: explicit })) };
}

export function compareForm(ctx: Context, _action: ActionOf<"form-compare">, values: Record<string, string>): Plan {
  return planCompare(ctx, values.before ?? "", values.after ?? "");
}
