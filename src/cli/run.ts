/** `memsim run`: trace a program and print the step-by-step account, or its Trace. */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { summarize } from "../core/summary.js";
import { terminalSafe } from "../core/terminal.js";
import type { Trace } from "../core/trace.js";
import { explainRun, outcomeSentences, summarySentences } from "../explain/index.js";
import type { Translator } from "../i18n/index.js";
import { stateJson } from "../core/state-json.js";
import { encodeTrace } from "../core/wire.js";
import { sharedPythonEngine } from "../runners/python/index.js";
import { createSessionLayer, engineFromEnv, noticeText, type SessionLayer, type SimulateOptions } from "../session/index.js";
import type { Io } from "./main.js";

export interface RunArgs {
  file: string;
  source: string;
  json: boolean;
  maxSteps: number;
  timeLimitMs: number;
  stdin: string[];
  step?: number | undefined;
  /** with json: print the memory state at this step (1-based) or the last one */
  state?: number | "last" | undefined;
  png?: string | undefined;
  frames?: string | undefined;
  gif?: string | undefined;
  theme?: "dark" | "light" | undefined;
  values?: "inline" | "heap" | undefined;
  advice?: boolean;
}

/**
 * Exit status for a finished trace: 1 when the learner's program raised, 2 when memsim
 * cannot run it (a syntax error, or something this Python does not have).
 */
export function exitStatus(trace: Trace): number {
  if (trace.outcome.status === "error") return trace.outcome.unsupported ? 2 : 1;
  if (trace.outcome.status === "syntax-error") return 2;
  return 0;
}

export async function runCommand(args: RunArgs, tr: Translator, io: Io): Promise<number> {
  // the learner's program never runs in this process's JavaScript: in a thread of its own,
  // or in the sandbox pool when MEMSIM_SANDBOX says so
  const layer = createSessionLayer(engineFromEnv(io.env, { limits: { timeLimitMs: args.timeLimitMs, maxSteps: args.maxSteps } }));
  try {
    return await runWith(layer, args, tr, io);
  } finally {
    await layer.close();
  }
}

async function runWith(layer: SessionLayer, args: RunArgs, tr: Translator, io: Io): Promise<number> {
  const options: SimulateOptions = { language: "python", limits: { maxSteps: args.maxSteps, timeLimitMs: args.timeLimitMs }, stdin: args.stdin };
  const result = await layer.simulate(args.source, options);
  if (!result.ok) {
    io.stderr(noticeText(result.error, tr) + "\n");
    return 2;
  }
  const trace = result.trace;
  for (const notice of result.notices) io.stderr(terminalSafe(noticeText(notice, tr)) + "\n");
  if (args.png || args.frames || args.gif) {
    const problem = await drawPictures(trace, args, tr, io);
    if (problem) {
      io.stderr(problem + "\n");
      return 2;
    }
  }
  if (args.json) {
    if (args.state !== undefined) {
      const last = trace.steps.length;
      const step = args.state === "last" ? last : args.state;
      if (last > 0 && step > last) {
        io.stderr(tr.t("cli.error.step", { step, last }) + "\n");
        return 2;
      }
      io.stdout(JSON.stringify(stateJson(trace, Math.max(0, step - 1))) + "\n");
      return exitStatus(trace);
    }
    // the compact form the tracer writes (see src/core/wire.ts): Trace.parse reads it back
    io.stdout(JSON.stringify(encodeTrace(trace)) + "\n");
    return exitStatus(trace);
  }
  // the account quotes the program and its output: nothing in them may drive the terminal
  io.stdout(terminalSafe(formatAccount(trace, args.file, tr)));
  if (args.advice && trace.outcome.status !== "syntax-error") {
    const { advise, formatAdviceBlock } = await import("../advisor/index.js");
    const engine = await sharedPythonEngine();
    const findings = await advise(
      { source: args.source, trace, locale: tr.locale },
      async (source) => {
        const r = await layer.simulate(source, options);
        if (!r.ok) throw new Error(noticeText(r.error, tr));
        return r.trace;
      },
      // parsing runs no code, so Python's parser may be used in this process
      (source) => engine.parse(source),
    );
    io.stdout("\n" + formatAdviceBlock(findings, tr) + "\n");
  }
  return exitStatus(trace);
}

/** Writes the diagrams asked for; returns what to change when the request cannot be met. */
async function drawPictures(trace: Trace, args: RunArgs, tr: Translator, io: Io): Promise<string | undefined> {
  const render = await import("../render/index.js");
  const captions = explainRun(trace, tr, { brief: false });
  const options = {
    theme: args.theme,
    locale: tr.locale,
    inlineScalars: args.values !== "heap",
    caption: (i: number) => captions[i]?.headline,
  };
  const last = Math.max(1, trace.steps.length);
  if (args.png) {
    const step = args.step ?? last;
    if (step > last) return tr.t("cli.error.step", { step, last });
    writeFileSync(args.png, render.renderStepPng(trace, trace.steps.length === 0 ? 0 : step - 1, options));
    io.stderr(tr.t("cli.wrote", { path: args.png }) + "\n");
  }
  if (args.frames) {
    mkdirSync(args.frames, { recursive: true });
    const width = String(last).length;
    let n = 0;
    for (const { stepIndex, png } of render.renderFrames(trace, options)) {
      writeFileSync(join(args.frames, `step-${String(stepIndex + 1).padStart(width, "0")}.png`), png);
      n++;
      // the canvas gives its pixel buffers back only when the event loop turns: memory stays flat
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    io.stderr(tr.t("cli.wroteFrames", { n, dir: args.frames }) + "\n");
  }
  if (args.gif) {
    const gif = await render.renderGifAsync(trace, options);
    writeFileSync(args.gif, gif.gif);
    io.stderr(tr.t("cli.wrote", { path: args.gif }) + "\n");
    if (gif.note) io.stderr(gif.note + "\n");
  }
  return undefined;
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
    out.push(...outcomeSentences(trace, tr, { cli: true }), "", syntaxErrorBlock(trace));
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
  out.push(...outcomeSentences(trace, tr, { cli: true }), "");
  out.push(tr.t("cli.summary"));
  for (const s of summarySentences(trace, summarize(trace), tr)) out.push(`  ${s}`);
  return out.join("\n") + "\n";
}
