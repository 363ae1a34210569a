/**
 * What a cell shows after it ran: the diagram of its last step (PNG, with its size), what the
 * cell did to memory in plain words (Markdown) with the advice that applies, and the diagram
 * said in words (the alt text). Explanations, figures and drawings come from the same parts
 * the CLI and the chat replies use.
 */
import type { Finding } from "../../../advisor/index.js";
import { formatAdvice } from "../../../advisor/index.js";
import { summarize, summaryKey, summaryTap } from "../../../core/summary.js";
import type { Trace } from "../../../core/trace.js";
import { TraceView } from "../../../core/view.js";
import { explainKey, explainRun, explainTap, summarySentences } from "../../../explain/index.js";
import type { Translator } from "../../../i18n/index.js";
import { changesMemory } from "../../../chat/views/run.js";
import { altText } from "../../../chat/views/text.js";
import { pictureStep } from "../../../render/index.js";

/** Steps listed in a cell's account; the rest are one magic away (`%memsim steps`). */
export const LISTED_STEPS = 12;

/** Markdown's own characters in a sentence, escaped so the sentence reads as written; `code` stays code. */
export function md(text: string): string {
  return text
    .split(/(\x60[^\x60\n]+\x60)/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/([\\*_[\]<>#|~])/g, "\\$1")))
    .join("");
}

/**
 * The step a cell's diagram shows: its last (what the cell left, or where it stopped); for a C
 * program that finished, the last before main's frame left the stack, as `memsim run --png` draws it.
 */
export function shownStep(trace: Trace): number {
  return pictureStep(trace);
}

/** A caption stands alone: its sentences in full. */
const FULL = { brief: false } as const;
/** The account's list says each idea in full once, then briefly. */
const LISTED = {} as const;

/** One replay feeds the sentences, the figures and the shown step's state, letting the event loop turn. */
export function prepare(trace: Trace, tr: Translator, alsoSteps: number[] = []): Promise<void> {
  return TraceView.of(trace).prepareAsync({
    taps: {
      [explainKey(tr, FULL)]: () => explainTap(trace, tr, FULL),
      [explainKey(tr, LISTED)]: () => explainTap(trace, tr, LISTED),
      [summaryKey()]: () => summaryTap(trace),
    },
    steps: trace.steps.length ? [shownStep(trace), ...alsoSteps] : [],
  });
}

/** The caption under the diagram: the headline of the shown step. */
export function caption(trace: Trace, tr: Translator): string | undefined {
  return trace.steps.length ? explainRun(trace, tr, FULL)[shownStep(trace)]?.headline : undefined;
}

/** A PNG's width and height, from its header. */
export function pngSize(png: Uint8Array): { width: number; height: number } {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** The diagram in words. */
export function plainText(trace: Trace, tr: Translator): string {
  return altText(trace, shownStep(trace), tr);
}

/** Advice, as a Markdown section: the first finding in full, and how many more there are (`all`: each in full). */
export function adviceMarkdown(findings: Finding[], tr: Translator, all: boolean): string[] {
  const worded = formatAdvice(all ? findings : findings.slice(0, 1), tr);
  const out: string[] = [];
  for (const a of worded) {
    out.push(`**${md(a.title)}**`, "", md(a.body), "");
    if (a.rewrite) out.push("```diff", a.rewrite, "```", "");
    if (a.saving) out.push(md(a.saving), "");
  }
  if (!all && findings.length > 1) out.push(`*${md(tr.t("kernel.cell.moreAdvice", { n: findings.length - 1 }))}*`, "");
  return out;
}

/**
 * What the cell did, in Markdown: the figures of this cell alone (objects an earlier cell
 * made are found, not made), the steps that said something, the outcome when it did not
 * finish, and the advice that applies.
 */
export function cellMarkdown(trace: Trace, tr: Translator, extra: { outcome: string[]; findings: Finding[] }): string {
  const out: string[] = [`### ${md(tr.t("kernel.cell.title"))}`, ""];
  if (trace.steps.length === 0) out.push(md(tr.t("kernel.cell.noSteps")), "");
  else {
    for (const s of summarySentences(trace, summarize(trace), tr)) out.push(`- ${md(s)}`);
    out.push("");
    // the steps that left memory other than it was: a loop turning over says nothing new
    const told = explainRun(trace, tr, LISTED).filter((s) => s.headline && changesMemory(trace.steps[s.index]!, s.index === 0));
    if (told.length) {
      out.push(`#### ${md(tr.t("kernel.cell.steps"))}`, "");
      for (const s of told.slice(0, LISTED_STEPS)) out.push(`- ${md(tr.t("kernel.cell.step", { step: s.index + 1, line: s.line, headline: s.headline! }))}`);
      if (told.length > LISTED_STEPS) out.push(`- ${md(tr.t("kernel.cell.moreSteps", { n: told.length - LISTED_STEPS }))}`);
      out.push("");
    }
  }
  for (const s of extra.outcome) out.push(md(s), "");
  if (extra.findings.length) out.push(`#### ${md(tr.t("kernel.cell.advice"))}`, "", ...adviceMarkdown(extra.findings, tr, false));
  out.push(`*${md(tr.t(trace.language === "c" ? "kernel.cell.sizes.c" : "kernel.cell.sizes", { sizeModel: trace.runtime.sizeModel, runtime: trace.runtime.name }))}*`);
  return out.join("\n") + "\n";
}
