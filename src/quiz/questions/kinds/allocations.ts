/** How many objects or bytes a line allocates: the Trace's alloc events at the line's steps, of
 * objects still alive when the line ends. */
import type { LiveObject } from "../../../core/state.js";
import type { Trace } from "../../../core/trace.js";
import { drawProgram, finish, QuizError, stateAt, stepsOfLine, type Draft, type Template } from "../common.js";
import type { QuestionGenerator } from "../types.js";

interface AllocationsTemplate extends Template {
  line: number;
  ask: "count" | "bytes";
}

/** What a line made that outlived it, the objects its new ones refer to, and its temporaries. */
export function lineAllocations(trace: Trace, line: number) {
  const steps = stepsOfLine(trace, line);
  const last = steps.at(-1)!;
  const state = stateAt(trace, last);
  const made: LiveObject[] = [];
  let temps = 0;
  let tempBytes = 0;
  for (const i of steps) {
    for (const e of trace.steps[i]!.events) {
      if (e.kind === "temp") {
        temps += e.count;
        tempBytes += e.size;
      }
      if (e.kind !== "alloc" || trace.objects[e.id]!.origin !== undefined) continue;
      const live = state.objects.get(e.id);
      if (live) made.push(live);
    }
  }
  const madeIds = new Set(made.map((o) => o.id));
  const referred = new Set<string>();
  for (const o of made) {
    for (const s of [...(o.items ?? []), ...(o.entries ?? []).flatMap((e) => [e.key, e.value])]) {
      if (s && "ref" in s && !madeIds.has(s.ref)) referred.add(s.ref);
    }
  }
  const inner = new Set(made.flatMap((o) => [...(o.items ?? []), ...(o.entries ?? []).flatMap((e) => [e.key, e.value])]).flatMap((s) => (s && "ref" in s ? [s.ref] : [])));
  const roots = made.filter((o) => !inner.has(o.id));
  const objects = [...referred].map((id) => ({ id, origin: trace.objects[id]!.origin }));
  return { last, made, roots, temps, tempBytes, state, cached: objects.filter((o) => o.origin !== undefined).map((o) => o.id), existing: objects.filter((o) => o.origin === undefined).map((o) => o.id) };
}

export const allocations: QuestionGenerator = {
  kind: "allocations",
  language: "python",
  difficulties: [1, 2, 3],
  async generate(seed, difficulty, simulate) {
    const { template, program, r, trace } = await drawProgram<AllocationsTemplate>("allocations", seed, difficulty, simulate);
    const line = template.line;
    const a = lineAllocations(trace, line);
    if (a.made.length === 0) throw new QuizError("quiz-template", `allocations: line ${line} makes nothing in\n${program}`);
    const sizeOf = (id: string): number => a.state.objects.get(id)?.size ?? trace.objects[id]!.size;
    const bytes = a.made.reduce((sum, o) => sum + o.size, 0);
    const drafts: Draft[] = [];
    if (template.ask === "count") {
      const n = a.made.length;
      drafts.push({ text: String(n), correct: true });
      if (a.cached.length) drafts.push({ text: String(n + a.cached.length), correct: false, why: { key: "quiz.why.smallIntNew" } });
      if (a.existing.length) drafts.push({ text: String(n + a.existing.length), correct: false, why: { key: "quiz.why.containerCopiesItems" } });
      if (a.temps) drafts.push({ text: String(n + a.temps), correct: false, why: { key: "quiz.why.tempStays", params: { line } } });
      if (n > 1) drafts.push({ text: "1", correct: false, why: { key: "quiz.why.nestedNotNew" } });
    } else {
      drafts.push({ text: String(bytes), correct: true });
      const cachedBytes = a.cached.reduce((sum, id) => sum + sizeOf(id), 0);
      const existingBytes = a.existing.reduce((sum, id) => sum + sizeOf(id), 0);
      if (cachedBytes) drafts.push({ text: String(bytes + cachedBytes), correct: false, why: { key: "quiz.why.smallIntNew" } });
      if (existingBytes) drafts.push({ text: String(bytes + existingBytes), correct: false, why: { key: "quiz.why.containerCopiesItems" } });
      if (a.tempBytes) drafts.push({ text: String(bytes + a.tempBytes), correct: false, why: { key: "quiz.why.tempStays", params: { line } } });
      if (a.made.length > 1) drafts.push({ text: String(a.roots.reduce((sum, o) => sum + o.size, 0)), correct: false, why: { key: "quiz.why.nestedNotNew" } });
      // a slice is a new list, not a view of the old one
      if (a.made.some((o) => o.base.site.kind === "slice")) drafts.push({ text: "0", correct: false, why: { key: "quiz.why.sliceShares" } });
      const text = a.made.find((o) => o.base.shape === "text");
      if (text?.length) drafts.push({ text: String(text.length), correct: false, why: { key: "quiz.why.strOneBytePerChar", params: { n: text.length, bytes: text.size } } });
    }
    return finish(
      {
        kind: "allocations",
        difficulty,
        program,
        prompt: { key: template.ask === "count" ? "quiz.allocations.count.prompt" : "quiz.allocations.bytes.prompt", params: { line } },
        decidingStep: a.last,
        explanation: { key: "quiz.allocations.explain", params: { line, n: a.made.length, bytes, types: [...new Set(a.made.map((o) => o.base.type))].join(", ") } },
      },
      drafts,
      r,
    );
  },
};
