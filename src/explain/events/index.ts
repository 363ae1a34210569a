/**
 * One sentence builder per kind of event, as a typed table: a kind of event the Trace gains
 * without a builder here is a compile error. After each phase, sentences about the step as
 * a whole (the call's parameters, objects beyond the shown windows, what the line raised).
 */
import type { EventKind } from "../../core/trace.js";
import type { Builder, Context, Phase, StepNotes } from "../context.js";
import { alloc } from "./alloc.js";
import { call } from "./call.js";
import { error, raisedSentences } from "./error.js";
import { free } from "./free.js";
import { mutate } from "./mutate.js";
import { paramsSentences, rebind } from "./rebind.js";
import { returned } from "./return.js";
import { temp } from "./temp.js";
import { unlistedSentences } from "./unlisted.js";

export const builders: { [K in EventKind]: Builder<K> } = { alloc, free, temp, rebind, mutate, call, return: returned, error };

export const afterPhase: Record<Phase, (ctx: Context, notes: StepNotes) => string[]> = {
  calls: () => [],
  bindings: paramsSentences,
  changes: (ctx) => unlistedSentences(ctx, "made"),
  temporaries: () => [],
  frees: (ctx) => [...unlistedSentences(ctx, "freed"), ...raisedSentences(ctx)],
  endings: () => [],
};
