/** The advisor's data: findings are plain data, worded only at the edge (./format.ts). */
import type { Edit } from "./edit.js";

/** What one run of a program cost (64-bit CPython sizes, from its Trace). */
export interface Figures {
  /** objects made, temporaries included */
  allocations: number;
  /** bytes of every object made, temporaries included */
  allocatedBytes: number;
  /** of those, the bytes of objects dropped within their line or held only by a running loop */
  temporaryBytes: number;
  /** the most bytes the program's objects held at once */
  peakLiveBytes: number;
  /** lines Python ran (steps of the trace) */
  steps: number;
}

/** The learner's program with the practice applied, checked by running both versions. */
export interface Rewrite {
  source: string;
  /** the lines it changes: "- old" and "+ new" lines, with a line of context */
  diff: string;
  before: Figures;
  after: Figures;
}

/** What following the advice saves. Measured from the two runs when there is a rewrite;
 * otherwise the bytes this pattern cost in the learner's run (an upper bound). */
export interface Saving {
  bytes: number;
  peakBytes: number;
  steps: number;
  measured: boolean;
}

/** Stable rule ids: front ends and tests may rely on them. */
export const RULE_IDS = ["slice-copy", "range-len", "string-concat-loop", "list-built-once", "use-stdlib", "memory-trap"] as const;
export type RuleId = (typeof RULE_IDS)[number];

/** One piece of advice about the learner's own program. */
export interface Finding {
  ruleId: RuleId;
  /** which case of the rule it is; picks the explanation, e.g. "loop" or "recursion" */
  kind: string;
  /** the lines it applies to */
  lines: number[];
  /** numbers from the Trace that show the cost, e.g. { copies: 50, bytes: 3200 } */
  evidence: Record<string, number>;
  /** the learner's own code the explanation quotes: a name, an expression, a suggested form */
  code: Record<string, string>;
  rewrite?: Rewrite;
  saving: Saving;
}

/** A pattern a rule found, before its rewrites are checked (internal to the advisor). */
export interface Candidate {
  kind: string;
  lines: number[];
  /** numbers from the Trace; `bytes` is what the pattern cost, used to rank it without a rewrite */
  evidence: Record<string, number> & { bytes: number };
  code?: Record<string, string>;
  /** ways to rewrite the program, each a set of edits of the original text; the one that
   * saves most of those that check out is offered */
  rewrites?: Edit[][];
  /** what the practice is about when no rewrite could be measured: memory (the default,
   * judged by `evidence.bytes`), work (judged by `evidence.runs`, the lines the pattern ran),
   * or safety (a mistake in the program, offered whatever it costs) */
  about?: "work" | "safety";
}
