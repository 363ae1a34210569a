/**
 * C: what a `malloc` (or `calloc`) really gives on x86-64 Linux with glibc: the usable bytes of the
 * block a line gets (`malloc_usable_size`), as the Trace records the heap block made on that line.
 */
import { C_POINTER_BYTES, drawProgram, finish, QuizError, stepsOfLine, type Draft, type Template } from "../common.js";
import type { QuestionGenerator } from "../types.js";

interface BlocksTemplate extends Template {
  /** the line that asks for the block */
  line: number;
}

/** glibc's size note in front of every block (its chunk's header as the program sees it, on 64-bit). */
const SIZE_NOTE = 8;

/** The smallest power of two at least `n`. */
function powerOfTwo(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

export const cBlocks: QuestionGenerator = {
  kind: "c-blocks",
  language: "c",
  difficulties: [1, 2, 3],
  async generate(seed, difficulty, simulate) {
    const { template, program, r, trace } = await drawProgram<BlocksTemplate>("c-blocks", seed, difficulty, simulate, "c");
    const line = template.line;
    // the first step of the line that makes a heap block, and that block
    const found = stepsOfLine(trace, line)
      .flatMap((i) => trace.steps[i]!.events.flatMap((e) => (e.kind === "alloc" && trace.objects[e.id]!.usable !== undefined ? [{ step: i, id: e.id }] : [])))
      .at(0);
    if (!found) throw new QuizError("quiz-template", `c-blocks: line ${line} makes no heap block in\n${program}`);
    const o = trace.objects[found.id]!;
    const usable = o.usable!;
    const asked = o.size;
    const name = /(\w+)\s*=\s*[cm]alloc\(/.exec(program.split("\n")[line - 1]!)?.[1];
    if (!name) throw new QuizError("quiz-template", `c-blocks: line ${line} names no pointer in\n${program}`);
    const chunk = usable + SIZE_NOTE;
    const drafts: Draft[] = [
      { text: String(usable), correct: true },
      { text: String(asked), correct: false, why: { key: "quiz.why.c.usableExact", params: { asked, usable, note: SIZE_NOTE } } },
      { text: String(chunk), correct: false, why: { key: "quiz.why.c.chunkHeader", params: { chunk, usable, note: SIZE_NOTE } } },
    ];
    // a block of items bigger than a byte: its count of items is no count of bytes
    if (o.length !== undefined && o.length !== asked) drafts.push({ text: String(o.length), correct: false, why: { key: "quiz.why.c.countsElements", params: { items: o.length, bytes: asked } } });
    if (asked > 0) drafts.push({ text: String(powerOfTwo(asked)), correct: false, why: { key: "quiz.why.c.powerOfTwo", params: { asked, usable } } });
    drafts.push({ text: String(C_POINTER_BYTES), correct: false, why: { key: "quiz.why.c.pointerSize", params: { name, pointer: C_POINTER_BYTES } } });
    return finish(
      {
        kind: "c-blocks",
        language: "c",
        difficulty,
        program,
        prompt: { key: "quiz.cblocks.prompt", params: { line, name } },
        decidingStep: found.step,
        explanation: { key: "quiz.cblocks.explain", params: { line, asked, usable, chunk, note: SIZE_NOTE } },
      },
      drafts,
      r,
    );
  },
};
