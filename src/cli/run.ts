/** `memsim run`: trace a program and print the step-by-step account, or its Trace. */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { terminalSafe } from "../core/terminal.js";
import type { Language, Trace } from "../core/trace.js";
import { explainRun } from "../explain/index.js";
import type { Translator } from "../i18n/index.js";
import { stateJson } from "../core/state-json.js";
import { encodeTrace } from "../core/wire.js";
import { sharedPythonEngine } from "../runners/python/index.js";
import { createSessionLayer, engineFromEnv, noticeText, type SessionLayer, type SimulateOptions } from "../session/index.js";
import { formatAccount } from "./account.js";
import type { Io } from "./main.js";
import { outputProblemText, reasonOf } from "./outputs.js";

export { formatAccount, syntaxErrorBlock } from "./account.js";

export interface RunArgs {
  file: string;
  language: Language;
  source: string;
  json: boolean;
  /** print every step, however long the run */
  allSteps?: boolean;
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
 * cannot run it (a syntax error, or something this Python does not have), 3 when a limit
 * stopped it (steps, time, memory, output, or calls deeper than memsim follows).
 */
export function exitStatus(trace: Trace): number {
  if (trace.outcome.status === "limit") return 3;
  if (trace.outcome.status === "error") return trace.outcome.unsupported ? 2 : trace.outcome.runtimeLimit ? 3 : 1;
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
  const options: SimulateOptions = { language: args.language, limits: { maxSteps: args.maxSteps, timeLimitMs: args.timeLimitMs }, stdin: args.stdin };
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
  io.stdout(terminalSafe(formatAccount(trace, args.file, tr, { allSteps: args.allSteps === true })));
  // the practices are Python's: a C program is told so, without loading Python
  if (args.advice && trace.language !== "python") io.stdout("\n" + tr.t("advice.heading") + "\n  " + tr.t("advice.onlyPython") + "\n");
  else if (args.advice && trace.outcome.status !== "syntax-error") {
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

/** Writes a picture; what went wrong (a full disk, a folder removed meanwhile) as a message. */
function write(option: "--png" | "--gif" | "--frames", path: string, data: Uint8Array, tr: Translator): string | undefined {
  try {
    writeFileSync(path, data);
    return undefined;
  } catch (err) {
    return outputProblemText({ option, path, reason: reasonOf((err as NodeJS.ErrnoException).code, path), example: option === "--frames" ? "frames" : option === "--png" ? "step.png" : "run.gif" }, tr);
  }
}

/**
 * Writes the diagrams asked for (their folders made beforehand, see outputs.ts); returns what
 * to change when the request cannot be met.
 */
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
    // unless a step is asked for, the step that shows most of what the run left (render/shown.ts)
    const step = args.step ?? render.pictureStep(trace) + 1;
    if (step > last) return tr.t("cli.error.step", { step, last });
    const failed = write("--png", args.png, render.renderStepPng(trace, trace.steps.length === 0 ? 0 : step - 1, options), tr);
    if (failed) return failed;
    io.stderr(tr.t("cli.wrote", { path: args.png }) + "\n");
  }
  if (args.frames) {
    const width = String(last).length;
    let n = 0;
    for (const { stepIndex, png } of render.renderFrames(trace, options)) {
      const failed = write("--frames", join(args.frames, `step-${String(stepIndex + 1).padStart(width, "0")}.png`), png, tr);
      if (failed) return failed;
      n++;
      // the canvas gives its pixel buffers back only when the event loop turns: memory stays flat
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    io.stderr(tr.t("cli.wroteFrames", { n, dir: args.frames }) + "\n");
  }
  if (args.gif) {
    const gif = await render.renderGifAsync(trace, options);
    const failed = write("--gif", args.gif, gif.gif, tr);
    if (failed) return failed;
    io.stderr(tr.t("cli.wrote", { path: args.gif }) + "\n");
    if (gif.note) io.stderr(gif.note + "\n");
  }
  return undefined;
}
