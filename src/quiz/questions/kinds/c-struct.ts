/**
 * C: what `sizeof` gives for a struct on x86-64 Linux (gcc), padding included: the size the Trace
 * gives the heap block the program asks for one struct with `malloc(sizeof(struct …))`. The wrong figures (the members' sizes added up, no padding
 * at the tail…) and the size with the members listed widest first come from the struct's layout
 * as the C runner reads the program.
 */
import { isLayoutError, mustAlignOf, recordLayout, type RecordLayout } from "../../../runners/c/memory/layout.js";
import { parseC } from "../../../runners/c/parse/index.js";
import { pointerTo, type Member, type RecordType } from "../../../runners/c/types.js";
import { C_POINTER_BYTES, drawProgram, finish, QuizError, refOf, stateAt, stepsOfLine, type Draft, type Template } from "../common.js";
import type { QuestionGenerator } from "../types.js";

interface StructTemplate extends Template {
  /** the line after which the struct is shown, its members set */
  line: number;
}


/** The layout of the program's one struct, as the C runner lays it out. */
async function layoutOf(program: string, tag: string): Promise<{ type: RecordType; layout: RecordLayout }> {
  const { unit } = await parseC(program);
  for (const item of unit.items) {
    if (item.kind !== "record" || item.type.tag !== tag) continue;
    const layout = recordLayout(item.type);
    if (!isLayoutError(layout)) return { type: item.type, layout };
  }
  throw new QuizError("quiz-template", `c-struct: no layout for struct ${tag} in\n${program}`);
}

/** The size of the struct with other members (reordered, or retyped) as the C runner lays it out. */
function sizeWith(type: RecordType, members: Member[]): number {
  const layout = recordLayout({ ...type, members });
  if (isLayoutError(layout)) throw new QuizError("quiz-template", `c-struct: no layout for a variant of struct ${type.tag ?? ""}`);
  return layout.size;
}

/** The same members listed from the most strictly aligned to the least (a stable order otherwise). */
function widestFirst(type: RecordType): number {
  return sizeWith(type, [...(type.members ?? [])].sort((a, b) => mustAlignOf(b.type) - mustAlignOf(a.type)));
}

/** The struct as if each array member were a pointer to its first element (an array is no pointer). */
function arraysAsPointers(type: RecordType): number {
  return sizeWith(type, (type.members ?? []).map((m) => (m.type.kind === "array" ? { ...m, type: pointerTo(m.type.of) } : m)));
}

export const cStruct: QuestionGenerator = {
  kind: "c-struct",
  language: "c",
  difficulties: [1, 2, 3],
  async generate(seed, difficulty, simulate) {
    const { template, program, values, r, trace } = await drawProgram<StructTemplate>("c-struct", seed, difficulty, simulate, "c");
    const tag = values.s!;
    const step = stepsOfLine(trace, template.line).at(-1);
    const declared = /struct \w+ \*(\w+) = malloc\(sizeof\(struct \w+\)\);/.exec(program)?.[1];
    const state = step === undefined ? undefined : stateAt(trace, step);
    const ref = state && declared ? refOf(state, declared) : undefined;
    const o = ref ? state!.objects.get(ref) : undefined;
    if (step === undefined || !declared || !o) throw new QuizError("quiz-template", `c-struct: no struct block shown at line ${template.line} in\n${program}`);
    const size = o.size;
    const { type, layout } = await layoutOf(program, tag);
    const sum = layout.members.reduce((n, m) => n + m.size, 0);
    const last = layout.members.at(-1)!;
    const end = last.offset + last.size;
    const sorted = widestFirst(type);
    const drafts: Draft[] = [
      { text: String(size), correct: true },
      { text: String(sum), correct: false, why: { key: "quiz.why.c.noPadding", params: { sum, size, padding: size - sum } } },
      { text: String(end), correct: false, why: { key: "quiz.why.c.noTailPadding", params: { end, size, align: layout.align } } },
    ];
    if (layout.members.every((m) => m.type.kind !== "array")) {
      const words = C_POINTER_BYTES * layout.members.length;
      drafts.push({ text: String(words), correct: false, why: { key: "quiz.why.c.wordPerMember", params: { word: C_POINTER_BYTES } } });
    } else {
      drafts.push({ text: String(arraysAsPointers(type)), correct: false, why: { key: "quiz.why.c.arrayMemberPointer", params: { pointer: C_POINTER_BYTES } } });
    }
    // a struct is rounded up to its own strictest alignment, not always to a word
    const toWord = Math.ceil(end / C_POINTER_BYTES) * C_POINTER_BYTES;
    if (layout.align < C_POINTER_BYTES) drafts.push({ text: String(toWord), correct: false, why: { key: "quiz.why.c.roundToWord", params: { word: C_POINTER_BYTES, align: layout.align, size } } });
    if (sorted < size) drafts.push({ text: String(sorted), correct: false, why: { key: "quiz.why.c.compilerReorders", params: { sorted, size } } });
    return finish(
      {
        kind: "c-struct",
        language: "c",
        difficulty,
        program,
        prompt: { key: "quiz.cstruct.prompt", params: { tag } },
        decidingStep: step,
        explanation: { key: "quiz.cstruct.explain", params: { tag, size, sum, padding: size - sum, align: layout.align, sorted, saved: size - sorted } },
      },
      drafts,
      r,
    );
  },
};
