/**
 * A run reply reads its Trace through one memoized view: the step's sentences, the summary,
 * the diagram's state, its alt text and the advisor's figures come from one replay, and a
 * button press on the same run (another step, the other language) replays only for what is new.
 */
import { describe, expect, it } from "vitest";
import {
  canvasDrawer,
  createChatCore,
  findingsAdvisor,
  NO_LIMITS,
  openRunStore,
  type Acceptance,
  type Answer,
  type Invocation,
  type Simulator,
} from "../../src/chat/index.js";
import type { Trace } from "../../src/core/trace.js";
import { TraceView } from "../../src/core/view.js";
import { sharedPythonEngine } from "../../src/runners/python/index.js";
import { inlineSimulator } from "../helpers.js";

const who = { userId: "u1", channelId: "c1", locale: "en-US" };

async function answer(acceptance: Acceptance): Promise<Answer> {
  if (acceptance.kind === "form") throw new Error("a form, not an answer");
  return acceptance.kind === "answer" ? acceptance.answer : acceptance.finish();
}

describe("a run reply", () => {
  it("replays its Trace once, and a press of Back once more for the new step only", async () => {
    const program = "words = ['memory', 'is']\nsentence = ''\nfor w in words:\n    sentence += w + ' '\nprint(sentence)\n";
    const seen: Trace[] = [];
    const inner = inlineSimulator();
    const simulator: Simulator = {
      async run(source, request) {
        const r = await inner.run(source, request);
        if (r.ok && "trace" in r && source === program) seen.push(r.trace);
        return r;
      },
    };
    const engine = await sharedPythonEngine();
    const core = createChatCore({
      simulator,
      advisor: findingsAdvisor(simulator, (s) => engine.parse(s)),
      drawer: canvasDrawer(),
      store: openRunStore(":memory:"),
      limits: NO_LIMITS,
    });
    const invocation: Invocation = { kind: "command", command: "run", options: { code: program }, who };
    const got = await answer(core.accept(invocation));
    expect(got.reply.images).toHaveLength(1);
    expect(seen).toHaveLength(1);
    const view = TraceView.of(seen[0]!);
    expect(view.replays).toBe(1);
    const back = got.reply.buttons.flat().find((b) => /Back/.test(b.label));
    expect(back).toBeDefined();
    await answer(core.accept({ kind: "button", actionId: back!.id, who }));
    // the sentences and summary are known; only the earlier step's state is new
    expect(view.replays).toBe(2);
  }, 60_000);
});
