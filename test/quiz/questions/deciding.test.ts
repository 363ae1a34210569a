/** The step each question shows after answering is the one that decides it, and it draws. */
import { beforeAll, describe, expect, it } from "vitest";
import { isProgramObject, stateAt } from "../../../src/core/index.js";
import { renderStepPng } from "../../../src/render/index.js";
import { QUESTION_KINDS } from "../../../src/quiz/questions/index.js";
import { generateMany, type Generated } from "./support.js";

let all: Generated[] = [];
const right = (g: Generated) => g.question.choices.find((c) => c.correct)!.text;
const lineOf = (text: string) => Number(text.split(":")[0]);

beforeAll(async () => {
  all = await generateMany(3);
}, 120_000);

describe("the deciding step", () => {
  it("is where the answer happens", () => {
    for (const g of all) {
      const { question: q, trace } = g;
      const step = trace.steps[q.decidingStep]!;
      const state = stateAt(trace, q.decidingStep);
      switch (q.kind) {
        case "freed":
          expect(step.line).toBe(lineOf(right(g)));
          expect([...state.freed.values()].some((o) => o.base.type === q.prompt.params!.type), q.program).toBe(true);
          break;
        case "copies":
          expect(step.line).toBe(lineOf(right(g)));
          expect([...state.allocated].some((id) => trace.objects[id]!.shape === "sequence"), q.program).toBe(true);
          break;
        case "allocations":
        case "identity":
          expect(step.line).toBe(q.prompt.params!.line);
          break;
        case "stack":
          if (q.prompt.key === "quiz.stack.depth.prompt") expect(state.frames.length).toBe(Number(right(g)));
          else expect(step.line).toBe(q.prompt.params!.line);
          break;
        case "c-leaks": {
          // the run's end: the blocks still there hold the answer's bytes
          expect(q.decidingStep).toBe(trace.steps.length - 1);
          const kept = [...state.objects.values()].filter((o) => isProgramObject(o.base));
          expect(kept.reduce((n, o) => n + o.size, 0)).toBe(Number(right(g)));
          break;
        }
        case "c-blocks":
          expect(step.line).toBe(q.prompt.params!.line);
          expect(step.events.some((e) => e.kind === "alloc" && trace.objects[e.id]!.usable === Number(right(g))), q.program).toBe(true);
          break;
        case "c-struct":
          expect(step.line).toBe(q.program.split("\n").findLastIndex((l) => l.includes("->")) + 1);
          expect([...state.objects.values()].some((o) => o.base.type === `struct ${q.prompt.params!.tag}` && o.size === Number(right(g))), q.program).toBe(true);
          break;
        default:
          expect(q.decidingStep).toBeLessThan(trace.steps.length);
      }
    }
  });

  it("draws as a PNG for every kind", () => {
    for (const kind of QUESTION_KINDS.map((k) => k.kind)) {
      const g = all.find((x) => x.question.kind === kind)!;
      const png = renderStepPng(g.trace, g.question.decidingStep);
      expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
    }
  });
});
