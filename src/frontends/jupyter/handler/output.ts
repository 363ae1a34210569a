/** A cell's output as Jupyter streams: what the program wrote, split where it wrote to standard error. */
import type { Trace } from "../../../core/trace.js";

export interface Stream {
  name: "stdout" | "stderr";
  text: string;
}

/**
 * The program's output, in the order it was written, as stdout and stderr streams. The Trace's
 * `stderrParts` count characters (code points), which a JavaScript string does not.
 */
export function outputStreams(trace: Trace): Stream[] {
  const parts = trace.stderrParts ?? [];
  if (!trace.stdout) return [];
  if (parts.length === 0) return [{ name: "stdout", text: trace.stdout }];
  const chars = /[\uD800-\uDFFF]/.test(trace.stdout) ? Array.from(trace.stdout) : undefined;
  const slice = (start: number, end: number) => (chars ? chars.slice(start, end).join("") : trace.stdout.slice(start, end));
  const length = chars ? chars.length : trace.stdout.length;
  const out: Stream[] = [];
  let at = 0;
  for (const { start, end } of parts) {
    if (start > at) out.push({ name: "stdout", text: slice(at, Math.min(start, length)) });
    if (end > start) out.push({ name: "stderr", text: slice(start, Math.min(end, length)) });
    at = Math.max(at, end);
  }
  if (at < length) out.push({ name: "stdout", text: slice(at, length) });
  return out.filter((s) => s.text !== "");
}
