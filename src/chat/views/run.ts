/**
 * The reply to a run: the diagram of one step, what that step did, what the whole program
 * did to memory, the top advice, the output, and the buttons to go on.
 */
import { summarize, summaryKey, summaryTap } from "../../core/summary.js";
import { TraceView } from "../../core/view.js";
import type { EventKind, Step, Trace } from "../../core/trace.js";
import { explainKey, explainRun, explainTap, outcomeSentences, summarySentences, type StepExplanation } from "../../explain/index.js";
import type { Locale, Translator } from "../../i18n/index.js";
import { pictureStep } from "../../render/shown.js";
import { encodeAction } from "../actions.js";
import type { ViewContext } from "../context.js";
import { reply, type Block, type Reply, type ReplyButton, type Span } from "../reply.js";
import type { StoredRun } from "../store.js";
import { altText, clip, outputSection } from "./text.js";

/** Characters of a step's explanation shown in a run reply (the full list is one press away). */
const STEP_CHARS = 600;

/** Every step's sentences, each in full (a step is read on its own), kept per trace and locale. */
export function stepSentences(trace: Trace, tr: Translator, brief = false): StepExplanation[] {
  return explainRun(trace, tr, { brief });
}

/** Events that leave memory other than it was: objects made, freed or changed, names bound, frames entered or left. */
const CHANGES: ReadonlySet<EventKind> = new Set<EventKind>(["alloc", "free", "rebind", "mutate", "call", "return"]);

/** `first`: the first step, whose pushed frame is the program's own start, not something it did. */
export function changesMemory(step: Step, first: boolean): boolean {
  const stack = Boolean(step.stack?.pop || (!first && step.stack?.push?.length));
  return stack || Boolean(step.unlisted?.length) || step.events.some((e) => CHANGES.has(e.kind));
}

/**
 * The step a run opens on: the last one when the run did not finish (it shows why), else the
 * last step that changed memory (a closing print changes nothing), else the last step; never
 * past the last step with a frame on the stack (a C program's main returning empties it).
 */
export function openingStep(trace: Trace): number {
  const last = pictureStep(trace);
  if (trace.outcome.status !== "finished") return last;
  for (let i = last; i >= 0; i--) if (changesMemory(trace.steps[i]!, i === 0)) return i;
  return last;
}

/** The step to show: `wanted` (0-based) kept inside the run, or the opening step when none is asked for. */
export function clampStep(trace: Trace, wanted: number | undefined): number {
  const last = Math.max(0, trace.steps.length - 1);
  return wanted === undefined ? openingStep(trace) : Math.min(Math.max(0, wanted), last);
}

/** The other locale (the "Run in …" button's target). */
export function otherLocale(locale: Locale): Locale {
  return locale === "en" ? "zh-CN" : "en";
}

function runButtons(ctx: ViewContext, run: StoredRun, trace: Trace, index: number): ReplyButton[][] {
  const { tr, locale } = ctx;
  const steps = trace.steps.length;
  const row: ReplyButton[] = [];
  if (steps > 1) {
    row.push(
      { id: encodeAction({ do: "step", run: run.id, step: Math.max(0, index - 1), locale }), label: tr.t("chat.button.back"), style: "secondary", disabled: index === 0 },
      { id: encodeAction({ do: "step", run: run.id, step: index + 1, locale }), label: tr.t("chat.button.next"), style: "primary", disabled: index >= steps - 1 },
      { id: encodeAction({ do: "gif", run: run.id, locale }), label: tr.t("chat.button.allSteps"), style: "secondary" },
    );
  }
  if (steps > 0) row.push({ id: encodeAction({ do: "more", run: run.id, page: 0, locale }), label: tr.t("chat.button.explainMore"), style: "secondary" });
  const target = otherLocale(locale);
  row.push({ id: encodeAction({ do: "lang", run: run.id, step: index, locale: target }), label: tr.t(`chat.button.runIn.${target}`), style: "secondary" });
  return [row];
}

/** The blocks that explain one step: its place in the run, the line, and what it did. */
export function stepBlocks(ctx: ViewContext, trace: Trace, index: number): Block[] {
  const { tr } = ctx;
  if (trace.steps.length === 0) return [];
  const step = stepSentences(trace, tr)[index];
  if (!step) return [];
  const blocks: Block[] = [
    { kind: "title", spans: [tr.t("chat.run.step", { step: index + 1, steps: trace.steps.length, line: step.line }), " ", { code: clip(step.code, 120) }] },
  ];
  const said = tr.sentences(step.sentences);
  blocks.push({ kind: "text", spans: [said ? clip(said, STEP_CHARS) : tr.t("chat.run.quietStep")] });
  return blocks;
}

/** The whole-run figures, short: what was made and freed, temporaries, the peak. */
export function summaryBlocks(ctx: ViewContext, trace: Trace): Block[] {
  const { tr } = ctx;
  if (trace.steps.length === 0) return [];
  const summary = summarize(trace);
  // allocated, (growth, temporaries), peak: the rest is in "Explain more"
  const short = summarySentences(trace, summary, tr, { short: true });
  return [{ kind: "title", spans: [tr.t("chat.run.memory")] }, { kind: "bullets", items: short.map((s) => [s]) }];
}

/** Text whose `backticked` parts are code (the advisor marks code that way). */
export function codeSpans(text: string): Span[] {
  return text.split(/\x60([^\x60\n]+)\x60/).map((part, i) => (i % 2 === 1 ? { code: part } : part)).filter((s) => s !== "");
}

/** The diagram of one step, captioned with the step's headline sentence. */
function drawStep(ctx: ViewContext, trace: Trace, index: number): Promise<Buffer> {
  const caption = trace.steps.length ? stepSentences(trace, ctx.tr)[index]?.headline : undefined;
  return ctx.services.drawer.step(trace, index, caption ? { locale: ctx.locale, caption } : { locale: ctx.locale });
}

/**
 * Everything a run reply reads from its Trace (the step's sentences and caption, the summary,
 * the shown step's state for the diagram and its alt text, what the advisor measures), worked
 * out in one replay of the Trace.
 */
export function prepareView(trace: Trace, tr: Translator, index: number): void {
  TraceView.of(trace).prepare({
    taps: {
      [explainKey(tr, { brief: false })]: () => explainTap(trace, tr, { brief: false }),
      [summaryKey()]: () => summaryTap(trace),
    },
    steps: trace.steps.length ? [index] : [],
  });
}

/** The reply for a stored run at one step; `stops` tell how a limit stopped it from outside (said once, in place of the outcome's sentence). */
export async function runReply(ctx: ViewContext, run: StoredRun, trace: Trace, notes: string[], index: number, stops: string[] = []): Promise<Reply> {
  const { tr, services } = ctx;
  prepareView(trace, tr, index);
  // advice may run rewrites in the sandbox's other workers: start it before drawing
  const advising = trace.outcome.status === "syntax-error" ? Promise.resolve(undefined) : services.advisor.top(trace, ctx.locale, ctx.rewriteBudget(trace)).catch(() => undefined);
  const drawing = drawStep(ctx, trace, index);
  const blocks: Block[] = [];
  const files = [];
  let stepPart: number | undefined;
  if (trace.outcome.status === "syntax-error") {
    const o = trace.outcome;
    blocks.push({ kind: "title", spans: [tr.t(trace.language === "c" ? "chat.run.syntaxTitle.c" : "chat.run.syntaxTitle")] }, { kind: "text", spans: outcomeSentences(trace, tr) });
    const width = String(o.line).length;
    const caret = " ".repeat(Math.max(0, o.column - 1)) + "^".repeat(Math.max(1, (o.endColumn ?? o.column + 1) - o.column));
    blocks.push({ kind: "code", code: `${o.line} | ${clip(o.text || (trace.source.split("\n")[o.line - 1] ?? ""), 150)}\n${" ".repeat(width)} | ${caret}`, language: "text" });
    blocks.push({ kind: "text", spans: [tr.t("chat.run.syntaxFix")] });
  } else {
    blocks.push(...stepBlocks(ctx, trace, index));
    stepPart = blocks.length;
    blocks.push(...summaryBlocks(ctx, trace));
    const advice = await advising;
    if (advice) {
      blocks.push({ kind: "title", spans: [tr.t("chat.run.advice")] });
      blocks.push({ kind: "text", spans: [{ strong: tr.t("chat.run.adviceTitle", { title: advice.title }) }, " ", ...codeSpans(clip(advice.detail, 420))] });
      if (advice.rewrite) blocks.push({ kind: "code", code: clip(advice.rewrite, 400), language: "diff" });
      if (advice.saving) blocks.push({ kind: "text", spans: codeSpans(clip(advice.saving, 400)) });
      if (advice.note) blocks.push({ kind: "note", spans: [advice.note] });
    }
    const output = outputSection(trace, tr);
    blocks.push(...output.blocks);
    files.push(...output.files);
    // an error shown at its own step is already told by that step's sentences, unless the
    // outcome says more: what memsim cannot run, a runaway recursion, a missing input
    const o = trace.outcome;
    const last = trace.steps.length - 1;
    const toldAtStep = index === last && trace.steps[last]?.events.some((e) => e.kind === "error");
    const guides = o.status === "error" && Boolean(o.unsupported || o.recursion || o.noInput);
    if (stops.length && o.status === "limit") blocks.push({ kind: "text", spans: [tr.sentences(stops)] });
    else if (o.status !== "finished" && (!toldAtStep || guides)) blocks.push({ kind: "text", spans: outcomeSentences(trace, tr) });
    // a C program's exit status, told at its last step, when the answer opens before it
    else if (o.status === "finished" && o.exitStatus !== undefined && index !== last) blocks.push({ kind: "text", spans: outcomeSentences(trace, tr) });
    if (o.status === "error" && o.noInput) blocks.push({ kind: "text", spans: [tr.t("chat.run.giveInput")] });
  }
  const unsaid = stops.length && trace.outcome.status !== "limit" ? stops : [];
  for (const note of [...unsaid, ...notes]) blocks.push({ kind: "note", spans: [note] });
  blocks.push({ kind: "note", spans: [tr.t("chat.run.sizes", { sizeModel: trace.runtime.sizeModel, runtime: trace.runtime.name })] });
  const png = await drawing;
  const o = trace.outcome;
  return reply(blocks, {
    ...(stepPart !== undefined ? { stepPart } : {}),
    ...(o.status === "error" && o.noInput ? { wantsInput: { line: o.line } } : {}),
    images: [{ name: `memsim-step-${index + 1}.png`, data: png, alt: altText(trace, index, tr) }],
    files,
    buttons: runButtons(ctx, run, trace, index),
  });
}
