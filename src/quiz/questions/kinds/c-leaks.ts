/**
 * C: how many of the bytes a program asked for are never given back when `main` returns (what
 * valgrind reports "in use at exit"): the program's heap blocks still live at the Trace's last step.
 */
import { isProgramObject } from "../../../core/state.js";
import { C_POINTER_BYTES, drawProgram, finish, QuizError, stateAt, type Draft, type Template } from "../common.js";
import type { QuestionGenerator } from "../types.js";

/** A misconception of the kind: the figure it leads to is worked out from the Trace. */
type Wrong = "zero" | "all" | "freed" | "elements" | "pointers";

interface LeaksTemplate extends Template {
  /** the misconceptions this program invites, each with the catalog sentence that corrects it */
  wrong: Partial<Record<Wrong, string>>;
}


export const cLeaks: QuestionGenerator = {
  kind: "c-leaks",
  language: "c",
  difficulties: [1, 2, 3],
  async generate(seed, difficulty, simulate) {
    const { template, program, r, trace } = await drawProgram<LeaksTemplate>("c-leaks", seed, difficulty, simulate, "c");
    const step = trace.steps.length - 1;
    const state = stateAt(trace, step);
    const blocks = Object.entries(trace.objects).filter(([, o]) => isProgramObject(o));
    const kept = [...state.objects.values()].filter((o) => isProgramObject(o.base));
    if (kept.length === 0) throw new QuizError("quiz-template", `c-leaks: every block is freed in\n${program}`);
    const leaked = kept.reduce((sum, o) => sum + o.size, 0);
    const freed = blocks.filter(([id]) => !state.objects.has(id)).reduce((sum, [, o]) => sum + o.size, 0);
    const figures: Record<Wrong, number> = {
      zero: 0,
      all: leaked + freed,
      freed,
      elements: kept.reduce((sum, o) => sum + (o.length ?? o.size), 0),
      pointers: C_POINTER_BYTES * kept.length,
    };
    const params = { bytes: leaked, freed, n: kept.length, items: figures.elements, pointer: C_POINTER_BYTES };
    const drafts: Draft[] = [{ text: String(leaked), correct: true }];
    for (const [wrong, key] of Object.entries(template.wrong) as [Wrong, string][]) {
      drafts.push({ text: String(figures[wrong]), correct: false, why: { key, params } });
    }
    const lines = [...new Set(kept.map((o) => o.base.site.line))].sort((a, b) => a - b);
    return finish(
      {
        kind: "c-leaks",
        language: "c",
        difficulty,
        program,
        prompt: { key: "quiz.cleaks.prompt" },
        decidingStep: step,
        explanation: { key: "quiz.cleaks.explain", params: { n: kept.length, bytes: leaked, count: lines.length, lines: lines.join(", ") } },
      },
      drafts,
      r,
    );
  },
};
