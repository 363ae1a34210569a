/** `/memsim compare`: a practice's built-in pair, two snippets given as options, or a form. */
import { FORMS, type PracticeId } from "../../../commands/memsim.js";
import { encodeAction, type ActionOf } from "../actions.js";
import { simulationWork, type Context, type Plan } from "../context.js";
import type { ParsedOptions } from "../options.js";
import { PRACTICE_PAIRS } from "../practices.js";
import { notice } from "../reply.js";
import { compareReply } from "../views/compare.js";
import { cleanSource, formFor } from "./run.js";

function planCompare(ctx: Context, before: string, after: string, label?: string): Plan {
  const b = cleanSource(before);
  const a = cleanSource(after);
  if (!b.trim() || !a.trim()) return { kind: "answer", answer: notice(ctx.tr.t("chat.compare.needBoth")) };
  return simulationWork(async () => {
    const pair = ctx.services.store.save({ kind: "compare", language: "python", locale: ctx.locale, source: b, after: a, userId: ctx.who.userId, ...(label ? { label } : {}) });
    return compareReply(ctx, pair, "new");
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
