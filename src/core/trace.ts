/**
 * The Trace: the one contract between memsim's parts. A language runner produces it; the
 * renderer, explainer and advisor read it. `memsim run --json` prints it in its compact form (./wire.ts).
 *
 * A step stores only what changed (its events); `stateAt` in ./state.ts rebuilds the full
 * heap at any step from those.
 */
import { z } from "zod";
import { decodeTrace } from "./wire.js";

import { SCHEMA_VERSION } from "./schema-version.js";
export { SCHEMA_VERSION };

/** A variable or container slot: a reference to a heap object, or a plain value (C scalars). */
export const Slot = z.union([
  /** `offset`: a pointer into an object, that many bytes past its start (C) */
  z.object({ ref: z.string(), offset: z.number().int().optional() }).strict(),
  /** `uninit`: a C variable or byte never written (its value is then "?") */
  z.object({ value: z.string(), uninit: z.literal(true).optional() }).strict(),
]);
export type Slot = z.infer<typeof Slot>;

/** Where an object or a temporary came from: the source line and the construct. */
export const Site = z.object({
  line: z.number().int(),
  what: z.string(),
  /** slice | concat | repeat | comprehension | literal | call | constant | f-string | … */
  kind: z.string().optional(),
  /** for a slice: the sequence it copied from */
  of: z.string().optional(),
});
export type Site = z.infer<typeof Site>;

/**
 * What kind of thing an object is, whatever the language: the renderer, the explainer and
 * the chat layer read this, never a language's own type names.
 */
export const Shape = z.enum([
  "sequence", "mapping", "set", "scalar", "text", "record", "instance", "function", "class", "generator", "module",
  "block", "other",
]);
export type Shape = z.infer<typeof Shape>;

export const HeapObject = z.object({
  /** the language's own name for the object's type (shown to the learner, never branched on) */
  type: z.string(),
  shape: Shape,
  /** whether the object can change in place (a list can; a number or a string cannot) */
  mutable: z.boolean(),
  /** "variable": the object keeps one variable alive for the functions that share it (a closure's cell) */
  holds: z.enum(["variable"]).optional(),
  /** bytes on the target platform (64-bit CPython, or LP64 C) */
  size: z.number().int().nonnegative(),
  address: z.string(),
  createdAt: z.number().int().nonnegative(),
  /** the step that made it, when that came before `createdAt`: it sat beyond every container's
   * shown window until then, counted in the steps' `unlisted` figures (`site` is where it was made) */
  madeAt: z.number().int().nonnegative().optional(),
  freedAt: z.number().int().nonnegative().optional(),
  /** a heap block: the bytes the allocator reserved for it (`size` is what was asked for) */
  usable: z.number().int().nonnegative().optional(),
  /** the object this one lies inside (a struct in an array, an array in a struct): its bytes are that one's */
  partOf: z.string().optional(),
  site: Site,
  /** absent: made by the program at run time. cached (small ints), static (immortal),
   * constant (made when the program was compiled), interned (shared str), library (made by
   * Python or an imported module), earlier (made by an earlier run of the same session, such
   * as a notebook's previous cell), stack (a C variable in a frame, gone when its call returns):
   * objects the program uses but did not allocate */
  origin: z.enum(["cached", "static", "constant", "interned", "library", "earlier", "stack"]).optional(),
  /** text of a scalar value, or a short description */
  value: z.string().optional(),
  /** items of a sequence or set, keys of a dict, characters of a str */
  length: z.number().int().nonnegative().optional(),
  items: z.array(Slot.nullable()).optional(),
  entries: z.array(z.object({ key: Slot.nullable(), value: Slot.nullable() })).optional(),
  /** a record's bytes that belong to none of its members (C struct padding), in address order:
   * `size` bytes starting `offset` bytes into the record, after the member `after` and before
   * the member `before` (absent: at the record's end); `align`, when the bytes are there only for
   * alignment: the multiple of which `before` must start (at the end: of which the record's size
   * must be, so that each record of an array starts aligned too) */
  padding: z
    .array(
      z.object({
        offset: z.number().int().nonnegative(),
        size: z.number().int().positive(),
        after: z.string().optional(),
        before: z.string().optional(),
        align: z.number().int().positive().optional(),
      }),
    )
    .optional(),
  /** attributes of an instance or class; parameters with defaults and closure variables (each referring to its cell) of a function; local names of a generator; a cell's one slot, under its variable's name */
  attributes: z.record(z.string(), Slot.nullable()).optional(),
  /** an object with no name that outlived the line that made it because the `for` loop of
   * that line holds it (a generator, a sorted copy, an enumerate): freed when the loop ends */
  heldBy: z.enum(["loop"]).optional(),
  /** function, class, generator or module name; for a cell, the variable it keeps */
  name: z.string().optional(),
  /** class name of an instance */
  cls: z.string().optional(),
});
export type HeapObject = z.infer<typeof HeapObject>;

export const Frame = z.object({
  name: z.string(),
  /** the line this frame is at now (for the innermost frame: the next line to run) */
  line: z.number().int(),
  vars: z.record(z.string(), Slot),
  /** names the frame keeps in cells, shared with functions defined in it: name -> the cell's id */
  cells: z.record(z.string(), z.string()).optional(),
  /** the value a returning frame hands back */
  returned: Slot.optional(),
  /** where the frame starts in memory (C: its highest address) */
  address: z.string().optional(),
});
export type Frame = z.infer<typeof Frame>;

export const Change = z.discriminatedUnion("op", [
  z.object({
    op: z.literal("splice"),
    at: z.number().int(),
    remove: z.number().int(),
    insert: z.array(Slot),
    /** when more were inserted than the shown window holds */
    insertCount: z.number().int().optional(),
    /** the shown window's new tail after `insert`, when items moved across its edge */
    refill: z.array(Slot).optional(),
  }),
  z.object({ op: z.literal("set"), key: Slot, value: Slot }),
  z.object({ op: z.literal("del"), key: Slot }),
  z.object({ op: z.literal("attr"), name: z.string(), value: Slot.optional() }),
]);
export type Change = z.infer<typeof Change>;

export const Event = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("alloc"), id: z.string() }),
  z.object({ kind: z.literal("free"), id: z.string() }),
  z.object({
    kind: z.literal("temp"),
    type: z.string(),
    /** bytes of all `count` objects together */
    size: z.number().int(),
    count: z.number().int(),
    line: z.number().int(),
    what: z.string(),
    site: z.string(),
    address: z.string(),
    value: z.string().optional(),
    of: z.string().optional(),
    callee: z.string().optional(),
    /** still held at the line's end by something unnamed, such as a running for loop */
    live: z.boolean().optional(),
    /** items (or characters) of a single temporary container or string */
    length: z.number().int().optional(),
  }),
  z.object({
    kind: z.literal("rebind"),
    frame: z.number().int(),
    name: z.string(),
    from: Slot.optional(),
    /** absent when the name was deleted */
    to: Slot.optional(),
  }),
  z.object({
    kind: z.literal("mutate"),
    id: z.string(),
    changes: z.array(Change),
    size: z.number().int().optional(),
    length: z.number().int().optional(),
    /** the line of a running `for` loop that walks this list while the step changed its length */
    duringLoop: z.number().int().optional(),
    /** the new text of an object whose value changed in its own block (a str grown in place) */
    value: z.string().optional(),
    /** the object kept its address while it grew: extended in place, not copied */
    inPlace: z.boolean().optional(),
  }),
  z.object({
    kind: z.literal("call"),
    name: z.string(),
    frame: z.number().int(),
    resumed: z.boolean().optional(),
    /** the body of a class statement running, not a function call */
    classBody: z.boolean().optional(),
    /** the names of the function's parameters (the other names of its frame are closures) */
    params: z.array(z.string()).optional(),
  }),
  z.object({
    kind: z.literal("return"),
    name: z.string(),
    value: Slot.optional(),
    yielded: z.boolean().optional(),
    /** a generator's frame ending: it has no more values */
    finished: z.boolean().optional(),
    /** the frame is leaving because an exception passes through it, not by returning */
    raised: z.boolean().optional(),
    classBody: z.boolean().optional(),
  }),
  z.object({
    kind: z.literal("error"),
    type: z.string(),
    message: z.string(),
    line: z.number().int(),
  }),
]);
export type Event = z.infer<typeof Event>;
export type EventKind = Event["kind"];

/**
 * Objects of one type that the program made in slots beyond a container's shown window (and
 * inside such objects): counted at each step, never listed one by one in `objects`. Live bytes
 * at a step are the listed objects' plus these: made − freed + resized − shown, summed so far.
 */
export const Unlisted = z.object({
  type: z.string(),
  /** the listed container whose slots beyond its window hold the ones made (directly or nested) */
  in: z.string().optional(),
  /** made at this step: how many, and their bytes */
  made: z.number().int().nonnegative().optional(),
  madeBytes: z.number().int().nonnegative().optional(),
  /** freed at this step */
  freed: z.number().int().nonnegative().optional(),
  freedBytes: z.number().int().nonnegative().optional(),
  /** bytes such objects gained (negative: lost) by changing size in place */
  resized: z.number().int().optional(),
  /** came into view at this step: they have records from now on (with `madeAt`), so these
   * bytes move from the unlisted count to theirs; they were not made again */
  shown: z.number().int().nonnegative().optional(),
  shownBytes: z.number().int().nonnegative().optional(),
});
export type Unlisted = z.infer<typeof Unlisted>;

/** A frame that a step put on the stack: a call, or a generator resumed (with the names it kept). */
export const PushedFrame = z.object({
  name: z.string(),
  line: z.number().int(),
  vars: z.record(z.string(), Slot).optional(),
  /** names the frame keeps in cells (made when it starts): name -> the cell's id */
  cells: z.record(z.string(), z.string()).optional(),
  address: z.string().optional(),
});
export type PushedFrame = z.infer<typeof PushedFrame>;

/**
 * One step. Like the heap, the stack is stored as changes: frames popped and pushed, the names
 * of each frame bound, rebound and removed (`rebind` events, by frame index), and the line the
 * innermost frame is at. `stateAt` in ./state.ts rebuilds the whole stack at any step.
 */
export const Step = z.object({
  /** the line this step ran */
  line: z.number().int(),
  event: z.enum(["line", "call", "return", "exception"]),
  /** the line the innermost frame is at after this step (the next line it runs) */
  top: z.number().int(),
  /** frames removed from the top of the stack (first), then frames put on it */
  stack: z.object({ pop: z.number().int().positive().optional(), push: z.array(PushedFrame).optional() }).optional(),
  /** the value the innermost frame hands back, at the step it returns */
  returned: Slot.optional(),
  events: z.array(Event),
  /** what happened at this step to objects the program made beyond every shown window */
  unlisted: z.array(Unlisted).optional(),
  /** an "exception" step: what its line raised (`here`) or what a call it made passed on */
  raised: z.object({ type: z.string(), message: z.string(), here: z.boolean() }).optional(),
  /** what the program printed at this step */
  stdout: z.string().optional(),
});
export type Step = z.infer<typeof Step>;

/**
 * What a C program did wrong with memory: `access` of `size` bytes at `address` that the
 * `problem` forbids, and the block the address lies in or nearest to (`near`: `distance`
 * bytes inside it, before its start or after its end; where it was allocated or declared,
 * and freed, when known).
 */
export const Fault = z.object({
  problem: z.enum(["null", "unmapped", "read-only", "freed", "out-of-bounds", "dead-frame", "stack-overflow", "double-free", "not-heap", "not-block-start"]),
  access: z.enum(["read", "write", "free"]),
  size: z.number().int().nonnegative(),
  address: z.string(),
  near: z
    .object({
      /** a heap block, a variable on the stack, a global variable, a string literal */
      kind: z.enum(["heap", "stack", "global", "literal"]),
      size: z.number().int().nonnegative(),
      where: z.enum(["inside", "before", "after"]),
      distance: z.number().int().nonnegative(),
      /** a variable's name */
      name: z.string().optional(),
      /** the line that allocated or declared it */
      line: z.number().int().optional(),
      /** given back (free) or gone with its call's frame, and on which line */
      freed: z.boolean().optional(),
      freedLine: z.number().int().optional(),
    })
    .optional(),
});
export type Fault = z.infer<typeof Fault>;

export const Outcome = z.discriminatedUnion("status", [
  /** `exitStatus`: what the program gave back to the system, when it says (C's exit status) */
  z.object({ status: z.literal("finished"), exitStatus: z.number().int().optional() }),
  z.object({
    status: z.literal("error"),
    type: z.string(),
    message: z.string(),
    line: z.number().int(),
    noInput: z.boolean().optional(),
    recursion: z.boolean().optional(),
    /** for a RecursionError: how deep calls may nest */
    max: z.number().int().optional(),
    /** the calls went deeper than this runtime follows (the program's own limit was higher) */
    runtimeLimit: z.boolean().optional(),
    /** a feature memsim cannot run, such as "sys.settrace" */
    unsupported: z.string().optional(),
    /** a memory fault (C), as facts the explainer tells in the reader's language (`message` is memcheck's English) */
    fault: Fault.optional(),
  }),
  z.object({
    status: z.literal("syntax-error"),
    type: z.string(),
    message: z.string(),
    line: z.number().int(),
    column: z.number().int(),
    endColumn: z.number().int().optional(),
    text: z.string(),
  }),
  z.object({
    status: z.literal("limit"),
    limit: z.enum(["steps", "time", "memory", "output"]),
    max: z.number(),
    line: z.number().int().optional(),
    /** stopped while memsim was still reading the program, before its first line ran */
    preparing: z.boolean().optional(),
  }),
]);
export type Outcome = z.infer<typeof Outcome>;

export const Runtime = z.object({
  /** interpreter name and version, e.g. "CPython 3.14.2" */
  name: z.string(),
  version: z.string(),
  /** the platform whose sizes the trace reports, e.g. "64-bit CPython 3.14" */
  sizeModel: z.string(),
  /** what actually ran the program */
  engine: z.string(),
});
export type Runtime = z.infer<typeof Runtime>;

/** Something found about the program as a whole (a compile error, a leak): defined by the
 * runner that reports it, worded by the catalog from `code` and `params`. */
export const Diagnostic = z.object({
  code: z.string(),
  severity: z.enum(["error", "warning", "note"]),
  line: z.number().int().optional(),
  column: z.number().int().optional(),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
});
export type Diagnostic = z.infer<typeof Diagnostic>;

const TraceFields = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  language: z.enum(["python", "c"]),
  runtime: Runtime,
  source: z.string(),
  objects: z.record(z.string(), HeapObject),
  steps: z.array(Step),
  stdout: z.string(),
  stdoutTruncated: z.boolean().optional(),
  /** the parts of `stdout` the program wrote to its standard error (in the order a terminal
   * shows both), as [start, end) offsets in characters (code points) of `stdout` */
  stderrParts: z.array(z.object({ start: z.number().int().nonnegative(), end: z.number().int().nonnegative() })).optional(),
  outcome: Outcome,
  diagnostics: z.array(Diagnostic).optional(),
  /** totals over the heap at the end of the run (bytes or blocks, by name), when the runner keeps them */
  heapSummary: z.record(z.string(), z.number()).optional(),
  /** the value of the program's last expression statement, as an interactive prompt shows it
   * (asked for with `display`; absent when it was None or the run did not finish): `repr()`'s
   * text, cut past 10,000 characters, and the object it is when the Trace has it */
  display: z.object({ text: z.string(), ref: z.string().optional() }).optional(),
});
/** A Trace from JSON in either form: `parse` first expands the compact one (see ./wire.ts), in
 * place, so a Trace that crosses a trust boundary is decoded and checked in one call. */
export const Trace = z.preprocess(decodeTrace, TraceFields);
export type Trace = z.infer<typeof TraceFields>;
export type Language = Trace["language"];
