/**
 * Every kind of quiz question, one generator per file in ./kinds/ (a test checks none is missing).
 * Not here yet: which line of a C program leaks and how many bytes (it waits for the C runner).
 */
import { allocations } from "./kinds/allocations.js";
import { copies } from "./kinds/copies.js";
import { freed } from "./kinds/freed.js";
import { identity } from "./kinds/identity.js";
import { practice } from "./kinds/practice.js";
import { sizes } from "./kinds/sizes.js";
import { stack } from "./kinds/stack.js";
import type { QuestionGenerator } from "./types.js";

export const QUESTION_KINDS: readonly QuestionGenerator[] = [allocations, copies, identity, sizes, freed, stack, practice];

export function questionKind(kind: string): QuestionGenerator | undefined {
  return QUESTION_KINDS.find((g) => g.kind === kind);
}
