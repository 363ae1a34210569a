/** The account `memsim run` prints: header, the steps with their sentences, output, outcome, summary. */
import { summarize } from "../core/summary.js";
import type { Trace } from "../core/trace.js";
import { explainRun, outcomeSentences, summarySentences } from "../explain/index.js";
import type { Translator } from "../i18n/index.js";

/** A run of up to this many steps is told whole; a longer one by its first and last steps. */
export const ACCOUNT_WHOLE_UP_TO = 200;
export const ACCOUNT_HEAD = 100;
export const ACCOUNT_TAIL = 50;

/** The caret under a syntax error, as Python draws it. */
export function syntaxErrorBlock(trace: Trace): string {
  const o = trace.outcome;
  if (o.status !== "syntax-error") return "";
  const width = String(o.line).length;
  const text = o.text || (trace.source.split("\n")[o.line - 1] ?? "");
  const caretLength = o.endColumn && o.endColumn > o.column ? o.endColumn - o.column : 1;
  return (
    `  ${o.line} | ${text}\n` +
    `  ${" ".repeat(width)} | ${" ".repeat(Math.max(0, o.column - 1))}${"^".repeat(caretLength)}\n`
  );
}

/**
 * The whole account. A long run (an endless loop stopped at the step limit) shows its first
 * and last steps and says how many it left out between and how to see them, unless `allSteps`.
 */
export function formatAccount(trace: Trace, file: string, tr: Translator, options: { allSteps?: boolean } = {}): string {
  const out: string[] = [];
  out.push(tr.t("cli.header", { file, runtime: trace.runtime.name, sizeModel: trace.runtime.sizeModel }), "");
  if (trace.outcome.status === "syntax-error") {
    out.push(...outcomeSentences(trace, tr, { cli: true }), "", syntaxErrorBlock(trace));
    return out.join("\n");
  }
  const steps = explainRun(trace, tr);
  const cut = !options.allSteps && steps.length > ACCOUNT_WHOLE_UP_TO;
  const tailFrom = steps.length - ACCOUNT_TAIL;
  for (const [i, step] of steps.entries()) {
    if (cut && i >= ACCOUNT_HEAD && i < tailFrom) {
      if (i === ACCOUNT_HEAD) out.push("", tr.t("cli.stepsLeftOut", { n: tailFrom - ACCOUNT_HEAD, from: ACCOUNT_HEAD + 1, to: tailFrom, whole: steps.length, fromArg: String(ACCOUNT_HEAD + 1) }), "");
      continue;
    }
    out.push(tr.t("cli.step", { step: step.index + 1, line: step.line, code: step.code }));
    for (const s of step.sentences) out.push(`    ${s}`);
  }
  out.push("");
  if (trace.stdout) {
    out.push(tr.t("cli.output"));
    for (const line of trace.stdout.replace(/\n$/, "").split("\n")) out.push(`  ${line}`);
    out.push("");
  }
  out.push(...outcomeSentences(trace, tr, { cli: true }), "");
  out.push(tr.t("cli.summary"));
  for (const s of summarySentences(trace, summarize(trace), tr)) out.push(`  ${s}`);
  return out.join("\n") + "\n";
}
