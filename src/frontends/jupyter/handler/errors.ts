/**
 * A cell's failure as Jupyter's one `error` output: an exception with the learner's own
 * traceback (the frames of their program at the step it raised, never memsim's), a syntax
 * error with its line and column, a C program that did not compile or that faulted, a stop at a
 * limit, or a run memsim could not make.
 */
import { syntaxErrorBlock } from "../../../cli/account.js";
import type { Trace } from "../../../core/trace.js";
import { TraceView } from "../../../core/view.js";
import { diagnosticText, outcomeSentences, syntaxMessage } from "../../../explain/index.js";
import type { Translator } from "../../../i18n/index.js";

export interface ErrorContent {
  ename: string;
  evalue: string;
  traceback: string[];
}

/** Where a frame of the cell is, as IPython names a cell: `Cell In[3], line 2, in <module>`. */
function frameLine(count: number, line: number, name?: string): string {
  // Python's own words: a traceback reads the same in every locale
  return name === undefined ? `  Cell In[${count}], line ${line}` : `  Cell In[${count}], line ${line}, in ${name}`;
}

/**
 * The step the exception was raised at, with every frame it went through still on the stack:
 * going back from the end over the unwinding (frames that left by the exception, the error
 * itself) to the last step that entered no frame.
 */
export function raisedAt(trace: Trace): number | undefined {
  let at = trace.steps.length - 1;
  if (at < 0) return undefined;
  // a C program's fault ends the run where it happens: nothing unwinds
  if (trace.language === "c") return at;
  const unwinding = (i: number): boolean => {
    const step = trace.steps[i]!;
    if (step.stack?.push?.length) return false;
    return step.events.every((e) => e.kind === "error" || (e.kind === "return" && e.raised === true));
  };
  while (at > 0 && unwinding(at) && trace.steps[at]!.events.length + (trace.steps[at]!.stack?.pop ?? 0) > 0) at--;
  return at;
}

/** The learner's traceback: each frame of their program, outermost first, with its line's code. */
function traceback(trace: Trace, count: number, type: string, message: string, line: number): string[] {
  const source = trace.source.split("\n");
  const out = ["Traceback (most recent call last):"]; // Python's own words: every traceback begins so
  const at = raisedAt(trace);
  const frames = at === undefined ? [] : TraceView.of(trace).state(at).frames;
  // the innermost frame is where it raised; the others wait at the line that called
  const lines = frames.map((f, i) => (i === frames.length - 1 ? line : f.line));
  if (frames.length === 0) out.push(frameLine(count, line, "<module>"), `    ${(source[line - 1] ?? "").trim()}`);
  frames.forEach((f, i) => out.push(frameLine(count, lines[i]!, f.name), `    ${(source[lines[i]! - 1] ?? "").trim()}`));
  out.push(message ? `${type}: ${message}` : type);
  return out;
}

/** A C program's call stack where it faulted, outermost first, each frame with its line's code. */
function cStack(trace: Trace, count: number, line: number): string[] {
  const source = trace.source.split("\n");
  const at = raisedAt(trace);
  const frames = at === undefined ? [] : TraceView.of(trace).state(at).frames;
  if (frames.length === 0) return [frameLine(count, line), `    ${(source[line - 1] ?? "").trim()}`];
  return frames.flatMap((f, i) => {
    const at = i === frames.length - 1 ? line : f.line;
    return [frameLine(count, at, f.name), `    ${(source[at - 1] ?? "").trim()}`];
  });
}

/** A %%c cell that did not compile or that faulted, as one error output. */
function cError(trace: Trace, tr: Translator, count: number): ErrorContent | undefined {
  const o = trace.outcome;
  if (o.status === "syntax-error") {
    const message = syntaxMessage(trace, tr);
    // C's words and the caret, as a compiler shows them; the kind is the compiler's own name for it
    return {
      ename: "CompileError",
      evalue: message,
      traceback: [...outcomeSentences(trace, tr), frameLine(count, o.line), ...syntaxErrorBlock(trace).replace(/\n$/, "").split("\n"), `CompileError: ${message}`],
    };
  }
  // interrupted at the kernel's request: told as Python's KeyboardInterrupt is, where it was
  if (o.status === "error" && o.type === "KeyboardInterrupt") return { ename: o.type, evalue: "", traceback: [tr.t("kernel.c.interrupted", { line: o.line }), ...cStack(trace, count, o.line), o.type] };
  if (o.status === "error") return { ename: o.type, evalue: o.message, traceback: [...outcomeSentences(trace, tr), ...cStack(trace, count, o.line), `${o.type}: ${o.message}`] };
  return undefined;
}

/** The compiler's warnings about a program that compiled, each with its place, in the reader's language. */
export function compilerWarnings(trace: Trace, tr: Translator): string[] {
  if (trace.outcome.status === "syntax-error") return [];
  return (trace.diagnostics ?? [])
    .filter((d) => d.severity === "warning")
    .map((d) => tr.t("kernel.c.warning", { line: d.line ?? 1, column: d.column ?? 1, message: diagnosticText(d, tr) }));
}

/** The functions that read standard input in C's covered headers. */
const READS_INPUT = /\b(?:scanf|getchar|fgets|fgetc|getc|fscanf|getline)\s*\(/;

/** Whether a line that reads standard input ran (a C program's reads leave no mark of their own in the Trace). */
export function readsInput(trace: Trace): boolean {
  const lines = trace.source.split("\n");
  const ran = new Set(trace.steps.map((s) => s.line));
  return [...ran].some((line) => READS_INPUT.test(lines[line - 1] ?? ""));
}

/** The error output for a Trace that did not finish; undefined when it did. */
export function cellError(trace: Trace, tr: Translator, count: number, allowStdin: boolean): ErrorContent | undefined {
  const o = trace.outcome;
  if (trace.language === "c" && (o.status === "syntax-error" || o.status === "error")) return cError(trace, tr, count);
  switch (o.status) {
    case "finished":
      return undefined;
    case "error": {
      // memsim's own words first when the outcome says more than Python's message: how to give
      // input in a notebook, a feature memsim cannot run, deep recursion
      const said = o.noInput ? [tr.t(allowStdin ? "kernel.input.ended" : "kernel.input.none")] : o.unsupported || o.recursion ? outcomeSentences(trace, tr) : [];
      return { ename: o.type, evalue: o.message, traceback: [...said, ...traceback(trace, count, o.type, o.message, o.line)] };
    }
    case "syntax-error":
      return {
        ename: o.type,
        evalue: o.message,
        traceback: [...outcomeSentences(trace, tr), frameLine(count, o.line), ...syntaxErrorBlock(trace).replace(/\n$/, "").split("\n"), `${o.type}: ${o.message}`],
      };
    case "limit": {
      const said = outcomeSentences(trace, tr);
      return { ename: tr.t("kernel.error.limit"), evalue: said.join(" "), traceback: said };
    }
  }
}

/** The error output for a run memsim could not make (busy, closed, too long…). */
export function noticeError(text: string, tr: Translator): ErrorContent {
  return { ename: tr.t("kernel.error.notice"), evalue: text, traceback: [text] };
}
