/**
 * One execute_request: the cell's magics, its run in the kernel's session, and what it
 * publishes: `execute_input`, the program's output as `stream`, the diagram and account as
 * `display_data`, its last value as `execute_result`, a failure as one `error`.
 *
 * The diagram is drawn here, in the kernel's thread: one PNG of one step of a notebook cell
 * takes tens of milliseconds, and the reply worker pool (src/chat/offload/) answers with chat
 * replies (blocks, buttons, stored runs), not with a picture and Markdown. The GIF of
 * `%memsim steps` is drawn with `renderGifAsync`, which lets the event loop turn between frames.
 */
import { advise, type Finding, type ParseProgram } from "../../../advisor/index.js";
import type { Trace } from "../../../core/trace.js";
import { explainRun, outcomeSentences } from "../../../explain/index.js";
import { LOCALES, translator, type Locale, type Translator } from "../../../i18n/index.js";
import { renderGifAsync, renderStepPng } from "../../../render/index.js";
import { noticeText, type Limits, type SessionLayer, type SimulateOptions } from "../../../session/index.js";
import type { Reply, RequestIO } from "../types.js";
import { adviceMarkdown, caption, cellMarkdown, plainText, pngSize, prepare, shownStep } from "./account.js";
import { cellError, compilerWarnings, noticeError, raisedAt, readsInput, type ErrorContent } from "./errors.js";
import type { HistoryEntry } from "./history.js";
import { liveOutput, outputStreams } from "./output.js";
import { readCell, type Magic } from "./magics.js";

/** The last cell that ran: what `%memsim steps` and `%memsim advice` show. */
export interface CellRun {
  trace: Trace;
  findings: Promise<Finding[]>;
}

/** The kernel's state across requests. */
export interface KernelState {
  layer: SessionLayer;
  tr: Translator;
  /** diagrams and explanations shown after each cell */
  memsim: boolean;
  sessionId: string;
  limits: Limits;
  /** cells counted (execution_count) */
  count: number;
  /** history's session number: 1, and one more after each restart */
  session: number;
  history: HistoryEntry[];
  last?: CellRun;
  /** the last Python Trace with a step: the session's names as complete and inspect read them */
  names?: Trace;
  /** Python's parser (no code runs), loaded on first use */
  parser(): Promise<ParseProgram>;
}

const THEME = "light";

function base64(data: Uint8Array): string {
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString("base64");
}

/**
 * The advice for a cell, from its Trace alone: a rewrite of the cell cannot be run on its
 * own (it reads names earlier cells made) and running it in the session would change them.
 */
async function findingsFor(trace: Trace, source: string, state: KernelState): Promise<Finding[]> {
  if (trace.outcome.status === "syntax-error") return [];
  // no advice rather than no answer when Python's parser could not be loaded
  const parse = await state.parser().catch(() => undefined);
  if (!parse) return [];
  const refuse = (): never => {
    // operator-facing: the budget of no time means this is never called
    throw new Error("a cell's rewrites are not run");
  };
  return advise({ source, trace }, refuse, parse, { budget: { ms: 0 } }).catch(() => []);
}

function say(io: RequestIO, text: string, name: "stdout" | "stderr" = "stdout"): void {
  io.publish("stream", { name, text: text.endsWith("\n") ? text : `${text}\n` });
}

function markdown(io: RequestIO, text: string): void {
  io.publish("display_data", { data: { "text/markdown": text, "text/plain": text }, metadata: {} });
}

/** A magic that needs no Python run; returns an error when the cell must stop there. */
async function applyMagic(m: Magic, state: KernelState, io: RequestIO, stdin: string[]): Promise<ErrorContent | undefined> {
  const { tr } = state;
  switch (m.kind) {
    case "stdin":
      stdin.push(m.line);
      return undefined;
    case "off":
    case "on":
      state.memsim = m.kind === "on";
      say(io, tr.t(`kernel.magic.${m.kind}`));
      return undefined;
    case "locale": {
      const wanted = m.locale.toLowerCase();
      const locale = LOCALES.find((l) => l.toLowerCase() === wanted || l.split("-")[0] === wanted) as Locale | undefined;
      if (!locale) return { ename: "UsageError", evalue: tr.t("kernel.magic.localeUnknown", { locale: m.locale }), traceback: [tr.t("kernel.magic.localeUnknown", { locale: m.locale })] };
      state.tr = translator(locale);
      say(io, state.tr.t("kernel.magic.locale"));
      return undefined;
    }
    case "help":
      say(io, tr.t("kernel.magic.help", { known: tr.t("kernel.magic.known") }));
      return undefined;
    case "steps":
    case "advice": {
      const last = state.last;
      if (!last) {
        say(io, tr.t("kernel.magic.noCell"));
        return undefined;
      }
      if (m.kind === "advice") {
        const findings = await last.findings;
        markdown(io, findings.length ? adviceMarkdown(findings, tr, true).join("\n") : tr.t(last.trace.language === "c" ? "kernel.magic.noAdviceC" : "kernel.magic.noAdvice"));
        return undefined;
      }
      await prepare(last.trace, tr);
      const sentences = explainRun(last.trace, tr, { brief: false });
      const gif = await renderGifAsync(last.trace, { locale: tr.locale, theme: THEME, caption: (i) => sentences[i]?.headline });
      const note = [tr.t("kernel.magic.gifNote"), ...(gif.note ? [gif.note] : [])].join(" ");
      io.publish("display_data", { data: { "image/gif": base64(gif.gif), "text/plain": note }, metadata: {} });
      return undefined;
    }
    case "unknown": {
      const text = tr.t("kernel.magic.unknown", { magic: m.text, known: tr.t("kernel.magic.known") });
      return { ename: "UsageError", evalue: text, traceback: [text] };
    }
  }
}

function errorReply(count: number, e: ErrorContent): Reply {
  return { msgType: "execute_reply", content: { status: "error", execution_count: count, ...e } };
}

/** Runs one execute_request. */
export async function executeCell(state: KernelState, content: Record<string, unknown>, io: RequestIO): Promise<Reply> {
  const code = typeof content.code === "string" ? content.code : "";
  const silent = content.silent === true;
  const store = !silent && content.store_history !== false;
  if (store) {
    state.count++;
    state.history.push({ session: state.session, line: state.count, input: code });
  }
  const count = state.count;
  // silent: the cell runs, and nothing is published
  const out: RequestIO = silent ? { publish: () => undefined, input: io.input.bind(io), allowStdin: io.allowStdin } : io;
  out.publish("execute_input", { code, execution_count: count });
  const fail = (e: ErrorContent): Reply => {
    out.publish("error", { ...e });
    return errorReply(count, e);
  };

  const cell = readCell(code);
  const stdin: string[] = [];
  for (const m of cell.magics) {
    const failed = await applyMagic(m, state, out, stdin);
    if (failed) return fail(failed);
  }
  const { tr } = state;
  const ok: Reply = { msgType: "execute_reply", content: { status: "ok", execution_count: count, user_expressions: {}, payload: [] } };
  if (cell.empty) return ok;

  // a %%c cell is a whole C program of its own: it runs outside the notebook's Python session
  // (the session's id only lets the kernel's interrupt reach it), and nothing it names is kept
  // for the next cell. A Python cell's output is shown as it is printed
  const live = liveOutput((stream) => out.publish("stream", { ...stream }));
  const options: SimulateOptions = cell.c
    ? { language: "c", sessionId: state.sessionId, limits: state.limits, stdin }
    : {
        language: "python",
        sessionId: state.sessionId,
        limits: state.limits,
        stdin,
        display: true,
        output: live.take,
        ...(io.allowStdin ? { input: (prompt: string) => io.input(prompt, false) } : {}),
      };
  const result = await state.layer.simulate(cell.code, options);
  // a notebook that runs C keeps a C thread ready for its next %%c cell
  if (cell.c) void state.layer.warm("c").catch(() => undefined);
  if (!result.ok) return fail(noticeError(noticeText(result.error, tr), tr));
  const trace = result.trace;
  // the step an exception was raised at, for its traceback, is replayed with the rest
  const raised = trace.outcome.status === "error" ? raisedAt(trace) : undefined;
  // one replay, in slices, feeds everything below; the advisor reads its figures too
  const ready = prepare(trace, tr, raised === undefined ? [] : [raised]);
  // the advisor's practices are Python's; complete and inspect read the Python session's names
  state.last = { trace, findings: cell.c ? Promise.resolve([]) : ready.then(() => findingsFor(trace, cell.code, state)) };
  if (trace.steps.length && !cell.c) state.names = trace;
  // a session started again empty is told before the rest of the program's output; a stop or a
  // cut after it, as what ended the output shown
  const began = result.notices.filter((n) => n.code.startsWith("session."));
  for (const notice of began) say(out, noticeText(notice, tr), "stderr");
  // the compiler's warnings come first, as a compiler prints them before the program runs
  for (const warning of compilerWarnings(trace, tr)) say(out, warning, "stderr");
  for (const stream of outputStreams(trace, live.sent())) out.publish("stream", { ...stream });
  for (const notice of result.notices) if (!began.includes(notice)) say(out, noticeText(notice, tr), "stderr");
  if (cell.c && stdin.length === 0 && readsInput(trace)) say(out, tr.t("kernel.c.noStdin"), "stderr");

  await ready;
  // a cell that raised shows one output, the error, as Python's own kernels do (`%memsim steps`
  // still plays its steps up to the error); a cell stopped by a limit shows where it was; a
  // cell of comments alone ran no line and has nothing to draw
  const o = trace.outcome;
  const ranALine = trace.steps.some((s) => s.line > 0);
  const drawn = (o.status === "finished" && ranALine) || o.status === "limit";
  if (state.memsim && !silent && drawn) {
    const png = renderStepPng(trace, shownStep(trace), { locale: tr.locale, theme: THEME, caption: () => caption(trace, tr) });
    // an error or a stop is told once, by the error output
    const outcome = trace.outcome.status === "finished" ? outcomeSentences(trace, tr) : [];
    const findings = await state.last.findings;
    out.publish(
      "display_data",
      {
        data: { "image/png": base64(png), "text/markdown": cellMarkdown(trace, tr, { outcome, findings }), "text/plain": plainText(trace, tr) },
        metadata: { "image/png": pngSize(png) },
      },
    );
  }
  const shown = trace.display;
  if (shown) {
    out.publish("execute_result", { execution_count: count, data: { "text/plain": shown.text }, metadata: {} });
    if (store) state.history.at(-1)!.output = shown.text;
  }
  const failed = cellError(trace, tr, count, io.allowStdin);
  return failed ? fail(failed) : ok;
}
