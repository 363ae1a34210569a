/**
 * What the C interpreter tells as it runs, and what turns that into a Trace: at each step, the
 * line, what kind of step it is, what happened to memory on the way (blocks made, freed,
 * resized; bytes written), and the memory itself, whose frames, blocks and bytes are read at
 * that moment. The interpreter knows nothing of the Trace; the Trace builder nothing of C's syntax.
 */
import type { CType } from "./types.js";
import type { Block, Fault, Memory } from "./memory/index.js";

/** A change to memory during a step, in the order it happened. */
export type CMemoryEvent =
  /** a heap block made: `requested` bytes asked for (the block's `usable` is what glibc reserved) */
  | { kind: "alloc"; block: Block; call: "malloc" | "calloc" | "realloc" | "strdup"; requested: number }
  /** a heap block given back by free() (or by realloc moving it) */
  | { kind: "free"; block: Block }
  /** realloc: `from` kept in place and resized (`to` is the same block), or moved to `to` */
  | { kind: "realloc"; from: Block; to: Block; moved: boolean }
  /** bytes of a block written (a store, memcpy, strcpy…): [offset, offset + size) of `block` */
  | { kind: "write"; block: Block; offset: number; size: number }
  /** a frame's locals came to be (a call) or went (a return): `frame` is its index in memory.frames at that moment */
  | { kind: "frame"; op: "push" | "pop"; fn: string; frame: number }
  /** a block's variables in the running call's frame: their lifetimes end as the block ends
   * (`exit`; their bytes stay in the frame), and a declaration run again (a loop's body
   * entered anew) starts a new lifetime in the same bytes (`enter`) */
  | { kind: "scope"; op: "enter" | "exit"; blocks: Block[] };

export interface CStep {
  /** the line the step is on (1-based, in the learner's source) */
  line: number;
  /** "line": a statement is about to run; "call": a function was entered (its frame is new);
   * "return": a function is about to leave (its locals still there, `returned` its value) */
  event: "line" | "call" | "return";
  /** the line each frame is at, outermost (main) first */
  lines: number[];
  /** what changed in memory since the previous step */
  events: CMemoryEvent[];
  /** the value a returning function gives back, as its bytes in the returned type */
  returned?: { type: CType; bytes: Uint8Array };
  /** what the program printed since the previous step */
  stdout?: string;
}

/** How a run ended. */
export type CEnd =
  | { kind: "exit"; status: number }
  /** a memory fault the program made (the run stops there, as a crash would) */
  | { kind: "fault"; fault: Fault; line: number }
  /** a failed assert(), abort(), or a runtime error such as a division by zero */
  | { kind: "abort"; reason: "assert" | "abort" | "divide-by-zero" | "unsupported"; line: number; detail?: string }
  /** a limit memsim sets (steps, time, output, memory) */
  | { kind: "limit"; limit: "steps" | "time" | "output" | "memory"; line: number };

export interface CRecorder {
  /** called before each step runs on; `memory` is read now and may change after the call returns */
  step(step: CStep, memory: Memory): void;
  end(end: CEnd, memory: Memory): void;
}
