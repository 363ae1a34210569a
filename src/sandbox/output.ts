/**
 * A run's output as it is printed, for a person watching it (a notebook's kernel): pieces the
 * tracer sends at natural points (before the program sleeps or asks for input, and every so
 * often while output is pending), passed from the interpreter thread to its owner and, in the
 * pool, from the worker process to the host. Whatever was not sent by the run's end is in its
 * Trace's `stdout`.
 */

/** One piece of output: written to standard output or error, or a prompt and the line typed at it. */
export interface OutputPiece {
  /** "input": the prompt of an input() and the line given, which the host's input box has shown */
  name: "stdout" | "stderr" | "input";
  text: string;
}

/** the most pieces one message carries (the tracer sends a handful) */
const MAX_PIECES = 10_000;
/** the most characters one message carries (a run's output is capped well below this) */
const MAX_CHARS = 16 * 1024 * 1024;
const NAMES = new Set(["stdout", "stderr", "input"]);

/**
 * The pieces of an untrusted message, checked: `[name, text]` pairs (as the tracer writes them)
 * or `{ name, text }` objects. Undefined when it is not such a list.
 */
export function outputPieces(value: unknown): OutputPiece[] | undefined {
  if (!Array.isArray(value) || value.length > MAX_PIECES) return undefined;
  const out: OutputPiece[] = [];
  let chars = 0;
  for (const item of value) {
    const [name, text] = Array.isArray(item) ? item : item && typeof item === "object" ? [(item as OutputPiece).name, (item as OutputPiece).text] : [];
    if (typeof name !== "string" || !NAMES.has(name) || typeof text !== "string") return undefined;
    chars += text.length;
    if (chars > MAX_CHARS) return undefined;
    if (text) out.push({ name: name as OutputPiece["name"], text });
  }
  return out;
}
