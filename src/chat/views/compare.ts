/** `/memsim compare`: two programs run for real, both diagrams, and the measured difference. */
import { summarize, type RunSummary } from "../../core/summary.js";
import type { Notice } from "../../core/notice.js";
import type { Trace } from "../../core/trace.js";
import { outcomeSentences } from "../../explain/index.js";
import type { Translator } from "../../i18n/index.js";
import { encodeAction } from "../actions.js";
import type { ViewContext } from "../context.js";
import { notice, reply, type Answer, type Block, type Placement, type ReplyImage } from "../reply.js";
import type { StoredRun } from "../store.js";
import { otherLocale, stepSentences } from "./run.js";
import { altText, clip } from "./text.js";
import { noticeText } from "../../session/notices.js";

const CODE_LINES = 10;
const CODE_CHARS = 450;

function shortCode(source: string): string {
  return clip(source.replace(/\n+$/, "").split("\n").slice(0, CODE_LINES).join("\n"), CODE_CHARS);
}

function figures(tr: Translator, s: RunSummary): string {
  return tr.t("chat.compare.figures", {
    peak: tr.bytes(s.peakLiveBytes),
    n: s.allocations + s.temporaries,
    bytes: tr.bytes(s.allocatedBytes + s.temporaryBytes),
    temps: s.temporaries,
    steps: s.steps,
  });
}

/** The measured difference, after against before, in sentences. */
function difference(tr: Translator, before: RunSummary, after: RunSummary): string[] {
  const out: string[] = [];
  const peak = before.peakLiveBytes - after.peakLiveBytes;
  const percent = before.peakLiveBytes > 0 ? Math.round((Math.abs(peak) / before.peakLiveBytes) * 100) : 0;
  if (peak > 0) out.push(tr.t("chat.compare.peakLess", { bytes: tr.bytes(peak), percent }));
  else if (peak < 0) out.push(tr.t("chat.compare.peakMore", { bytes: tr.bytes(-peak), percent }));
  else out.push(tr.t("chat.compare.peakSame"));
  const total = before.allocatedBytes + before.temporaryBytes - (after.allocatedBytes + after.temporaryBytes);
  const temps = before.temporaries - after.temporaries;
  if (total > 0) out.push(temps > 0 ? tr.t("chat.compare.totalLessTemps", { bytes: tr.bytes(total), temps }) : tr.t("chat.compare.totalLess", { bytes: tr.bytes(total) }));
  else if (total < 0) out.push(tr.t("chat.compare.totalMore", { bytes: tr.bytes(-total) }));
  return out;
}

async function sideImage(ctx: ViewContext, trace: Trace, summary: RunSummary, side: "before" | "after"): Promise<ReplyImage> {
  const index = trace.steps.length ? Math.min(summary.peakStep, trace.steps.length - 1) : 0;
  const caption = trace.steps.length ? stepSentences(trace, ctx.tr)[index]?.headline : undefined;
  const png = await ctx.services.drawer.step(trace, index, caption ? { locale: ctx.locale, caption } : { locale: ctx.locale });
  const label = ctx.tr.t(`chat.compare.${side}`);
  return { name: `memsim-${side}.png`, data: png, alt: ctx.tr.t("chat.compare.alt", { side: label, alt: altText(trace, index, ctx.tr) }) };
}

/** The side-by-side reply of a stored comparison, from both sides' runs. */
export async function compareReply(ctx: ViewContext, pair: StoredRun, sides: Record<"before" | "after", { trace: Trace; notices: Notice[] }>, placement: Placement): Promise<Answer> {
  const { tr } = ctx;
  const notes: string[] = [];
  for (const side of ["before", "after"] as const) {
    const { trace, notices } = sides[side];
    if (trace.outcome.status === "syntax-error") {
      return notice([tr.t("chat.compare.syntax", { side: tr.t(`chat.compare.${side}`) }), " ", ...outcomeSentences(trace, tr)]);
    }
    notes.push(...notices.map((n) => noticeText(n, ctx.tr)));
  }
  const before = sides.before.trace;
  const after = sides.after.trace;
  const sb = summarize(before);
  const sa = summarize(after);
  const title = pair.label ? tr.t("chat.compare.titlePractice", { practice: tr.t(`chat.practice.name.${pair.label}`) }) : tr.t("chat.compare.title");
  const blocks: Block[] = [{ kind: "title", spans: [{ strong: title }] }];
  for (const [side, trace, summary] of [["before", before, sb], ["after", after, sa]] as const) {
    blocks.push({ kind: "text", spans: [{ strong: tr.t("chat.compare.label", { side: tr.t(`chat.compare.${side}`) }) }, " ", figures(tr, summary)] });
    blocks.push({ kind: "code", code: shortCode(trace.source), language: "py" });
    if (trace.outcome.status !== "finished") blocks.push({ kind: "text", spans: outcomeSentences(trace, tr) });
  }
  blocks.push({ kind: "title", spans: [tr.t("chat.compare.difference")] }, { kind: "text", spans: [tr.sentences(difference(tr, sb, sa))] });
  for (const note of notes) blocks.push({ kind: "note", spans: [note] });
  blocks.push({ kind: "note", spans: [tr.t("chat.compare.sizes", { sizeModel: before.runtime.sizeModel })] });
  const images = [await sideImage(ctx, before, sb, "before"), await sideImage(ctx, after, sa, "after")];
  const target = otherLocale(ctx.locale);
  const buttons = [
    [
      { id: encodeAction({ do: "open", run: pair.id, side: "before", locale: ctx.locale }), label: tr.t("chat.button.openBefore"), style: "secondary" as const },
      { id: encodeAction({ do: "open", run: pair.id, side: "after", locale: ctx.locale }), label: tr.t("chat.button.openAfter"), style: "secondary" as const },
      { id: encodeAction({ do: "compare", run: pair.id, locale: target }), label: tr.t(`chat.button.runIn.${target}`), style: "secondary" as const },
    ],
  ];
  return { reply: reply(blocks, { images, buttons }), placement };
}
