/**
 * A memory fault told in the reader's language from the outcome's facts (`outcome.fault`):
 * what the program tried to do, where that was relative to which block, and what to change.
 * A specific fix is offered only when the facts show it (an access just past a block's end on
 * a line that a `for` loop with `<=` in its test keeps running); otherwise a general hint.
 */
import type { Fault, Trace } from "../core/trace.js";
import type { Translator } from "../i18n/index.js";
import { own } from "./context.js";

type Near = NonNullable<Fault["near"]>;

/** The block the address lies in or nearest to, as the sentence names it. */
function blockText(trace: Trace, tr: Translator, b: Near): string {
  const params = { size: tr.bytes(b.size), name: b.name ?? "", line: b.line ?? 0, freed: b.freedLine ?? 0 };
  let key: string = b.kind;
  if (b.kind === "heap") key = b.freed ? (b.freedLine !== undefined && b.line !== undefined ? "heap.freed" : "heap.freedSomewhere") : b.line !== undefined ? "heap" : "heap.somewhere";
  else if (b.kind === "stack" && b.freed) key = "stack.returned";
  return tr.t(own({ trace }, `fault.block.${key}`), params);
}

/** Where the access landed, relative to the block near it. */
function whereText(trace: Trace, tr: Translator, f: Fault): string {
  const k = (key: string) => own({ trace }, `fault.where.${key}`);
  const address = f.address;
  switch (f.problem) {
    case "null":
      return tr.t(k("null"));
    case "unmapped":
      return tr.t(k("unmapped"), { address });
    case "read-only":
      return f.near ? tr.t(k("readOnly.block"), { block: blockText(trace, tr, f.near) }) : tr.t(k("readOnly"), { address });
    case "double-free":
      return f.near ? tr.t(k("doubleFree"), { block: blockText(trace, tr, f.near) }) : tr.t(k("unmapped"), { address });
    case "not-block-start":
      return f.near ? tr.t(k("notStart"), { block: blockText(trace, tr, f.near), distance: tr.bytes(f.near.distance) }) : tr.t(k("notHeap"), { address });
    case "not-heap":
      return tr.t(k("notHeap"), { address });
    default:
      break;
  }
  const near = f.near;
  if (!near) return tr.t(k("unmapped"), { address });
  const block = blockText(trace, tr, near);
  if (near.where === "inside") return tr.t(k("inside"), { block, distance: near.distance });
  if (near.where === "before") return tr.t(k("before"), { block, distance: tr.bytes(near.distance) });
  return near.distance === 0 ? tr.t(k("justAfter"), { block }) : tr.t(k("after"), { block, distance: tr.bytes(near.distance) });
}

/**
 * The line of a `for` loop whose test uses `<=` and that ran more than once before the fault,
 * with the fault's line inside its body (at or below it): the loop went one turn too far.
 */
function loopOnePast(trace: Trace, line: number): number | undefined {
  const lines = trace.source.split("\n");
  const runs = new Map<number, number>();
  for (const s of trace.steps) runs.set(s.line, (runs.get(s.line) ?? 0) + 1);
  for (let i = trace.steps.length - 1; i >= 0; i--) {
    const at = trace.steps[i]!.line;
    if (at > line) continue;
    if (/\bfor\s*\([^;]*;[^;]*<=[^;]*;/.test(lines[at - 1] ?? "") && (runs.get(at) ?? 0) >= 2) return at;
  }
  return undefined;
}

/** The general hint for each kind of fault the block's whereabouts do not refine. */
const FIXES: Partial<Record<Fault["problem"], string>> = {
  "dead-frame": "deadFrame",
  null: "null",
  unmapped: "unmapped",
  "stack-overflow": "stackOverflow",
  "double-free": "doubleFree",
  "not-block-start": "notStart",
  "not-heap": "notHeap",
};

/** What to change: a fix the facts show, else the general hint for this kind of fault. */
function fixText(trace: Trace, tr: Translator, f: Fault, line: number): string {
  const k = (key: string) => own({ trace }, `fault.fix.${key}`);
  const near = f.near;
  if (f.problem === "freed") return tr.t(k(near?.kind === "stack" ? "deadFrame" : "freed"));
  if (f.problem === "read-only") return tr.t(k(near?.kind === "literal" ? "literal" : "readOnly"));
  if (f.problem !== "out-of-bounds") return tr.t(k(FIXES[f.problem]!));
  if (!near) return tr.t(k("bounds"));
  if (near.where === "before") return tr.t(k("before"));
  const loop = near.where === "after" && near.distance === 0 ? loopOnePast(trace, line) : undefined;
  if (loop !== undefined) return tr.t(k("onePast"), { line: loop });
  return tr.t(k("after"), { size: tr.bytes(near.size), last: Math.max(0, near.size - 1) });
}

/** The outcome of a run a memory fault stopped: what went wrong, then what to change. */
export function faultSentences(trace: Trace, tr: Translator, f: Fault, line: number): string[] {
  const k = (key: string) => own({ trace }, `fault.${key}`);
  const head =
    f.problem === "stack-overflow"
      ? tr.t(k("stackOverflow"), { line })
      : tr.t(k(f.access === "free" ? "head.free" : `head.${f.access}`), { line, size: tr.bytes(f.size), where: whereText(trace, tr, f) });
  return [head, fixText(trace, tr, f, line)];
}
