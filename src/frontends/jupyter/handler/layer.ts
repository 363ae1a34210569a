/**
 * What the kernel asks of the session layer beyond running a program: a cell's last value
 * (`display`, read back as `trace.display`), `input()` answered while the cell runs, and
 * stopping a running cell. Typed here as optional so that a layer without them still runs
 * cells: no value shown, no live input, no interrupt.
 */
import type { Trace } from "../../../core/trace.js";
import type { SessionLayer, SimulateOptions } from "../../../session/index.js";

export type KernelLayer = SessionLayer & { interrupt?(sessionId: string): boolean };

export type CellOptions = SimulateOptions & {
  /** record the value of the cell's last expression (`trace.display`) */
  display?: boolean;
  /** asked for each line input() wants beyond `stdin`; null: no more input */
  input?: (prompt: string) => Promise<string | null>;
};

/** The value of the cell's last expression, as Python's prompt shows it. */
export interface Shown {
  text: string;
  ref?: string;
}

export function shownValue(trace: Trace): Shown | undefined {
  const shown = (trace as Trace & { display?: Shown }).display;
  return shown && typeof shown.text === "string" ? shown : undefined;
}

/** Text the program wrote to its standard error, when the Trace carries it. */
export function stderrOf(trace: Trace): string {
  const text = (trace as Trace & { stderr?: unknown }).stderr;
  return typeof text === "string" ? text : "";
}
