/** `memsim run`: trace a program and print the step-by-step account, or its Trace. */
import { summarize } from "../core/summary.js";
import type { Trace } from "../core/trace.js";
import { explainRun, outcomeSentences, summarySentences } from "../explain/index.js";
import type { Translator } from "../i18n/index.js";
import { sharedPythonEngine } from "../runners/python/index.js";
import type { Io } from "./main.js";

export interface RunArgs {
  file: string;
  source: string;
  json: boolean;
  maxSteps: number;
  timeLimitMs: number;
  stdin: string[];
  step?: number | undefined;
  png?: string | undefined;
  frames?: string | undefined;
  gif?: string | undefined;
  theme?: "dark" | "light" | undefined;
}

/** Exit status for a finished trace: 1 when the learner's program raised. */
export function exitStatus(trace: Trace): number {
  if (trace.outcome.status === "error") return 1;
  if (trace.outcome.status === "syntax-error") return 2;
  return 0;
}

export async function runCommand(args: RunArgs, tr: Translator, io: Io): Promise<number> {
  const engine = await sharedPythonEngine();
  const trace = engine.run(args.source, { maxSteps: args.maxSteps, timeLimitMs: args.timeLimitMs, stdin: args.stdin });
  if (args.json) {
    io.stdout(JSON.stringify(trace) + "\n");
    return exitStatus(trace);
  }
  io.stdout(formatAccount(trace, args.file, tr));
  return exitStatus(trace);
}

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

/** The whole account: header, every step with its sentences, output, outcome, summary. */
export function formatAccount(trace: Trace, file: string, tr: Translator): string {
  const out: string[] = [];
  out.push(tr.t("cli.header", { file, runtime: trace.runtime.name, sizeModel: trace.runtime.sizeModel }), "");
  if (trace.outcome.status === "syntax-error") {
    out.push(...outcomeSentences(trace, tr), "", syntaxErrorBlock(trace));
    return out.join("\n");
  }
  for (const step of explainRun(trace, tr)) {
    out.push(tr.t("cli.step", { step: step.index + 1, line: step.line, code: step.code }));
    for (const s of step.sentences) out.push(`    ${s}`);
  }
  out.push("");
  if (trace.stdout) {
    out.push(tr.t("cli.output"));
    for (const line of trace.stdout.replace(/\n$/, "").split("\n")) out.push(`  ${line}`);
    out.push("");
  }
  out.push(...outcomeSentences(trace, tr), "");
  out.push(tr.t("cli.summary"));
  for (const s of summarySentences(trace, summarize(trace), tr)) out.push(`  ${s}`);
  return out.join("\n") + "\n";
}
