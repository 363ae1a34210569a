/** What `sys.getsizeof` reports on 64-bit CPython: the size the Trace gives the object at the last step. */
import type { LiveObject, MemoryState } from "../../../core/state.js";
import { drawProgram, finish, QuizError, refOf, stateAt, type Draft, type Template } from "../common.js";
import type { QuestionGenerator } from "../types.js";

interface SizesTemplate extends Template {
  /** the name whose object is measured */
  ask: string;
}

/** The distinct objects a container's shown slots refer to. */
function itemRefs(o: LiveObject): string[] {
  const slots = [...(o.items ?? []), ...(o.entries ?? []).flatMap((e) => [e.key, e.value])];
  return [...new Set(slots.flatMap((s) => (s && "ref" in s ? [s.ref] : [])))];
}

/** Wrong figures that real misconceptions give, each worked out from the same state. */
function misconceptions(state: MemoryState, o: LiveObject): Draft[] {
  const out: Draft[] = [];
  const refs = itemRefs(o);
  if (refs.length > 0) {
    const deep = o.size + refs.reduce((sum, id) => sum + (state.objects.get(id)?.size ?? 0), 0);
    out.push({ text: String(deep), correct: false, why: { key: "quiz.why.getsizeofDeep", params: { bytes: o.size, items: deep - o.size } } });
  }
  const length = o.length ?? 0;
  if (o.base.shape === "text" && length > 0) {
    out.push({ text: String(length), correct: false, why: { key: "quiz.why.strOneBytePerChar", params: { n: length, bytes: o.size } } });
  } else if (length > 0) {
    out.push({ text: String(8 * length), correct: false, why: { key: "quiz.why.sizeNoHeader", params: { n: length, bytes: o.size } } });
  }
  if (length === 0 && o.base.shape !== "scalar") {
    out.push({ text: "0", correct: false, why: { key: "quiz.why.emptyTakesNothing", params: { bytes: o.size } } });
  }
  if (o.base.shape === "scalar" && o.base.type === "int") {
    // the sizes C gives its integer types, a common first guess
    for (const guess of [4, 8]) out.push({ text: String(guess), correct: false, why: { key: "quiz.why.intLikeC", params: { bytes: o.size } } });
  } else if (o.base.shape === "scalar") {
    out.push({ text: "8", correct: false, why: { key: "quiz.why.floatLikeC", params: { bytes: o.size } } });
  }
  return out;
}

export const sizes: QuestionGenerator = {
  kind: "sizes",
  language: "python",
  difficulties: [1, 2, 3],
  async generate(seed, difficulty, simulate) {
    const { template, program, values, r, trace } = await drawProgram<SizesTemplate>("sizes", seed, difficulty, simulate);
    const step = trace.steps.length - 1;
    const state = stateAt(trace, step);
    const name = values[template.ask.slice(1)]!;
    const ref = refOf(state, name);
    const o = ref ? state.objects.get(ref) : undefined;
    if (!o) throw new QuizError("quiz-template", `sizes: no object for ${name} in\n${program}`);
    return finish(
      {
        kind: "sizes",
        difficulty,
        program,
        prompt: { key: "quiz.sizes.prompt", params: { name } },
        decidingStep: step,
        explanation: { key: "quiz.sizes.explain", params: { name, type: o.base.type, bytes: o.size, n: o.length ?? 0 } },
      },
      [{ text: String(o.size), correct: true }, ...misconceptions(state, o)],
      r,
    );
  },
};
