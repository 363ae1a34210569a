/** The Python advisor: parses the program, builds the context, and asks every rule. */
import type { Trace } from "../../core/trace.js";
import type { ParseResult } from "../../runners/python/index.js";
import type { RuleId } from "../types.js";
import { PythonContext, type Candidate } from "./rule.js";
import { rules } from "./rules/index.js";

/** Rule ids in registry order (the tie-break when two findings save the same). */
export const pythonRuleOrder: readonly RuleId[] = rules.map((r) => r.id);

/** Every rule's candidates for one program; none when it does not parse. */
export function pythonCandidates(
  source: string,
  trace: Trace,
  parse: (source: string) => ParseResult,
): { ruleId: RuleId; candidate: Candidate }[] {
  const parsed = parse(source);
  if ("error" in parsed) return [];
  const ctx = new PythonContext(source, parsed.ast, trace);
  return rules.flatMap((rule) => rule.detect(ctx).map((candidate) => ({ ruleId: rule.id, candidate })));
}
