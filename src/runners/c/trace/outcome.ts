/**
 * A memory fault as the run's outcome: memcheck's own words for what went wrong ("invalid
 * write of 4 bytes, 0 bytes after a block of 40 bytes allocated at line 3"), in the English
 * every C toolchain prints, as a Python run keeps Python's own exception messages.
 */
import type { Fault as TraceFault, Outcome } from "../../../core/trace.js";
import type { Block, Fault } from "../memory/index.js";
import { hex } from "./values.js";

function describe(b: Block): string {
  if (b.kind === "heap") {
    const made = b.line !== undefined ? ` allocated at line ${b.line}` : "";
    const freed = b.freed ? ` freed${b.freed.line !== undefined ? ` at line ${b.freed.line}` : ""}` : "";
    return `a block of ${b.size} bytes${made}${freed}`;
  }
  if (b.kind === "literal") return `a string literal of ${b.size} bytes`;
  const what = b.kind === "global" ? "the global variable" : b.freed ? "the variable of a returned call" : "the variable";
  return `${what} ${b.name ?? ""} (${b.size} bytes)`.replace("  ", " ");
}

export function faultMessage(f: Fault): string {
  const bytes = `${f.size} byte${f.size === 1 ? "" : "s"}`;
  const what = f.access === "free" ? "invalid free" : `invalid ${f.access} of ${bytes}`;
  const at = `at address ${hex(f.address)}`;
  switch (f.problem) {
    case "null":
      return `${what} ${at}: a NULL pointer`;
    case "read-only":
      return `${what} ${at}: read-only memory${f.near ? ` (${describe(f.near.block)})` : ""}`;
    case "stack-overflow":
      return `stack overflow: the calls went deeper than the stack's ${8} MiB`;
    case "double-free":
      return `invalid free: ${f.near ? describe(f.near.block) : "the block"} was already freed`;
    case "not-block-start":
      return `invalid free: ${f.near ? `${f.near.distance} bytes inside ${describe(f.near.block)}` : at}, not its start`;
    case "not-heap":
      return `invalid free ${at}: not a block malloc gave`;
  }
  if (!f.near) return `${what} ${at}`;
  const { block, where, distance } = f.near;
  const place = where === "inside" ? `${distance} bytes inside` : `${distance} bytes ${where}`;
  return `${what}, ${place} ${describe(block)}`;
}

/** The fault as facts, for the explainer to tell in the reader's language. */
export function faultFacts(f: Fault): TraceFault {
  const out: TraceFault = { problem: f.problem, access: f.access, size: f.size, address: hex(f.address) };
  if (f.near) {
    const b = f.near.block;
    const near: NonNullable<TraceFault["near"]> = { kind: b.kind === "local" ? "stack" : b.kind, size: b.size, where: f.near.where, distance: f.near.distance };
    if (b.name !== undefined && b.kind !== "heap") near.name = b.name;
    if (b.line !== undefined) near.line = b.line;
    if (b.freed) {
      near.freed = true;
      if (b.freed.line !== undefined) near.freedLine = b.freed.line;
    }
    out.near = near;
  }
  return out;
}

/** The outcome of a run stopped by a fault at `line`. */
export function faultOutcome(f: Fault, line: number): Outcome {
  // a bad pointer kills the process with SIGSEGV; memcheck names the other misuses
  const crash = f.problem === "null" || f.problem === "unmapped" || f.problem === "read-only" || f.problem === "stack-overflow";
  const type = crash ? "Segmentation fault" : f.access === "free" ? "invalid free" : `invalid ${f.access}`;
  return { status: "error", type, message: faultMessage(f), line, fault: faultFacts(f) };
}
