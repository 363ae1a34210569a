/** How an interrupted C run ends (a notebook's interrupt), without loading the interpreter. */
import type { Outcome } from "../../core/trace.js";

/** The outcome of a run interrupted at `line`: Python's own name for it, with its empty message, as a notebook shows it. */
export function interruptedOutcome(line: number): Outcome {
  return { status: "error", type: "KeyboardInterrupt", message: "", line };
}
