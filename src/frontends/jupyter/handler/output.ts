/** A cell's output as Jupyter streams: what the program wrote, split where it wrote to standard error. */
import type { Trace } from "../../../core/trace.js";
import type { OutputPiece } from "../../../session/index.js";

export interface Stream {
  name: "stdout" | "stderr";
  text: string;
}

/** A string's length in characters (code points): the unit of the Trace's `stderrParts` and of Jupyter's cursor positions. */
export function codePoints(text: string): number {
  if (!/[\uD800-\uDFFF]/.test(text)) return text.length;
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/**
 * The program's output, in the order it was written, as stdout and stderr streams, from its
 * `from`th character on (what was shown while the cell ran is not shown again). The Trace's
 * `stderrParts` count characters (code points), which a JavaScript string does not.
 */
export function outputStreams(trace: Trace, from = 0): Stream[] {
  const parts = trace.stderrParts ?? [];
  if (!trace.stdout) return [];
  const chars = /[\uD800-\uDFFF]/.test(trace.stdout) ? Array.from(trace.stdout) : undefined;
  const length = chars ? chars.length : trace.stdout.length;
  const slice = (start: number, end: number) => {
    const s = Math.max(start, from);
    const e = Math.min(end, length);
    if (e <= s) return "";
    return chars ? chars.slice(s, e).join("") : trace.stdout.slice(s, e);
  };
  const out: Stream[] = [];
  let at = 0;
  for (const { start, end } of parts) {
    if (start > at) out.push({ name: "stdout", text: slice(at, start) });
    if (end > start) out.push({ name: "stderr", text: slice(start, end) });
    at = Math.max(at, end);
  }
  if (at < length) out.push({ name: "stdout", text: slice(at, length) });
  return out.filter((s) => s.text !== "");
}

/**
 * Shows a run's output as it is printed: each piece of stdout and stderr published as a stream
 * at once (a prompt and the line typed at it were shown by the front end's input box), and the
 * characters passed on counted, so the cell's end publishes only the rest.
 */
export function liveOutput(publish: (stream: Stream) => void): { take: (pieces: OutputPiece[]) => void; sent: () => number } {
  let sent = 0;
  return {
    take(pieces) {
      for (const piece of pieces) {
        sent += codePoints(piece.text);
        if (piece.name !== "input") publish({ name: piece.name, text: piece.text });
      }
    },
    sent: () => sent,
  };
}
