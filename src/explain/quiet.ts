/**
 * Sentences for steps that change nothing in memory but still mean something: a line about
 * to call a function or start a class, a class body's bookkeeping, a loop that is over.
 * Told from the shape of the steps around them, never from the source language's syntax.
 */
import { stackDepths } from "../core/state.js";
import { loopEnds } from "../core/summary.js";
import type { Step, Trace } from "../core/trace.js";
import type { Translator } from "../i18n/index.js";
import { own, ownIf, ownOr } from "./context.js";
import { slotText } from "./describe.js";

function callOf(step: Step | undefined) {
  return step?.events.find((e) => e.kind === "call");
}

/** The sentence for a step with nothing else to tell, or undefined. */
export function quietSentence(trace: Trace, index: number, tr: Translator, seen: Set<string>): string | undefined {
  const steps = trace.steps;
  const step = steps[index]!;
  const depths = stackDepths(trace);
  const depth = depths[index]!;
  const next = steps[index + 1];
  const call = callOf(next);
  if (call && call.kind === "call" && next!.event === "call" && depths[index + 1] === depth + 1) {
    if (call.classBody) return tr.t(own({ trace }, "quiet.classStart"), { name: call.name });
    if (call.resumed) return tr.t("explain.quiet.resume", { name: call.name });
    // a generator's first value: its code starts running only now, not when it was made
    const generator = Object.values(trace.objects).some(
      (o) => o.shape === "generator" && o.name === call.name && o.createdAt < index && (o.freedAt === undefined || o.freedAt > index),
    );
    if (generator) return tr.t("explain.quiet.start", { name: call.name });
    // the name the learner wrote, not the qualified one (inc, not make.<locals>.inc)
    return told(tr, seen, "explain.quiet.calling", { name: call.name.split(".").at(-1)! });
  }
  const prev = steps[index - 1];
  const prevCall = callOf(prev);
  if (prevCall && prevCall.kind === "call" && prevCall.classBody && depths[index - 1] === depth && prev!.line === step.line) {
    return tr.t(own({ trace }, "quiet.classBookkeeping"), { name: prevCall.name });
  }
  if (prev?.event === "exception" && prev.raised && prev.line === step.line && depths[index - 1] === depth) {
    return tr.t("explain.quiet.handled", { type: prev.raised.type });
  }
  const back = prev?.events.find((e) => e.kind === "return");
  if (back && back.kind === "return" && back.finished && depths[index - 1] === depth + 1) {
    // a for loop over a generator that ran out: the loop is over when the frame goes on past it
    let a = index + 1;
    while (a < steps.length && depths[a]! > depth) a++;
    const after = steps[a];
    if (!after || depths[a]! < depth || after.line > step.line) return tr.t("explain.quiet.loopEnd", { line: step.line });
    return undefined;
  }
  if (back && back.kind === "return" && !back.yielded && !back.raised && !back.classBody && depths[index - 1] === depth + 1) {
    const params = { line: step.line, name: back.name.split(".").at(-1)!, value: back.value ? slotText(tr, trace, back.value) : tr.t(own({ trace }, "noValue")) };
    // the outermost call returned: the program itself ends there, where the language says so
    const exit = depth === 0 ? ownIf({ trace, tr }, "quiet.exit") : undefined;
    return tr.t(exit ?? "explain.quiet.back", params);
  }
  // a run stopped by a limit did not end its loop, whatever its last step was
  const stopped = index === steps.length - 1 && trace.outcome.status === "limit";
  if (!stopped && loopEnds(trace, index)) return tr.t("explain.quiet.loopEnd", { line: step.line });
  // the same line again in the same frame, nothing changed: a loop within the line (a
  // comprehension building its list, a one-line loop) takes its next turn
  if (step.event === "line" && prev?.event === "line" && prev.line === step.line && depths[index - 1] === depth && step.events.length === 0) {
    return told(tr, seen, ownOr({ trace, tr }, "quiet.sameLine"), { line: step.line });
  }
  return undefined;
}

/** The full sentence the first time in a run, its brief form after. */
function told(tr: Translator, seen: Set<string>, key: string, params: Record<string, string | number>): string {
  if (seen.has(key) && tr.has(`${key}.brief`)) return tr.t(`${key}.brief`, params);
  seen.add(key);
  return tr.t(key, params);
}
