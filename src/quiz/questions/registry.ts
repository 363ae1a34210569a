/**
 * Every kind of quiz question, one generator per file in ./kinds/ (a test checks none is missing).
 * The order is the daily rotation's: a C kind after every two or three Python ones, so C comes
 * about three days in ten and never two days running.
 */
import { allocations } from "./kinds/allocations.js";
import { cBlocks } from "./kinds/c-blocks.js";
import { cLeaks } from "./kinds/c-leaks.js";
import { cStruct } from "./kinds/c-struct.js";
import { copies } from "./kinds/copies.js";
import { freed } from "./kinds/freed.js";
import { identity } from "./kinds/identity.js";
import { practice } from "./kinds/practice.js";
import { sizes } from "./kinds/sizes.js";
import { stack } from "./kinds/stack.js";
import type { QuestionGenerator } from "./types.js";

export const QUESTION_KINDS: readonly QuestionGenerator[] = [allocations, copies, cLeaks, identity, sizes, cBlocks, freed, stack, cStruct, practice];

export function questionKind(kind: string): QuestionGenerator | undefined {
  return QUESTION_KINDS.find((g) => g.kind === kind);
}
