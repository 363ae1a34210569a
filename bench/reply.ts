/**
 * A chat reply's own work, in this process (the inline engine, so no sandbox time, and no
 * advice, whose rewrite runs the Discord figures include): a `/memsim run` reply, and a "Back" press on the same run, for a short and a
 * longer run; and how many times the reply replays its Trace.
 */
import { canvasDrawer, createChatCore, NO_LIMITS, openRunStore, sessionSimulator, type Acceptance, type Reply, type Simulator } from "../src/chat/index.js";
import type { Trace } from "../src/core/trace.js";
import { TraceView } from "../src/core/view.js";
import { createSessionLayer } from "../src/session/index.js";
import { percentile, round } from "./stats.js";

const who = { userId: "bench", channelId: "bench", locale: "en-US" };

async function finish(a: Acceptance): Promise<Reply> {
  if (a.kind === "form") throw new Error("a form, not an answer");
  return (a.kind === "answer" ? a.answer : await a.finish()).reply;
}

const program = (n: number, k: number) => `items = []\nfor i in range(${n}):\n    items.append(i * 1000)\n    total = sum(items[-5:])\nprint(total)\n# ${k}\n`;

export async function benchReply(): Promise<Record<string, unknown>> {
  const layer = createSessionLayer({ engine: "inline" });
  const base = sessionSimulator(layer, { maxSteps: 20_000, timeLimitMs: 60_000 });
  // only the latest run's Trace is kept here: the chat layer's own cache decides what lives on
  let latest: { source: string; trace: Trace } | undefined;
  const simulator: Simulator = {
    async run(source, request) {
      const r = await base.run(source, request);
      if (r.ok && "trace" in r) latest = { source, trace: r.trace };
      return r;
    },
  };
  const core = createChatCore({ simulator, drawer: canvasDrawer(), store: openRunStore(":memory:"), limits: NO_LIMITS });
  const sizes: Record<string, unknown> = {};
  let serial = 0;
  for (const n of [30, 300]) {
    const runs: number[] = [];
    const presses: number[] = [];
    const replays: number[] = [];
    const pressReplays: number[] = [];
    for (let k = 0; k < 13; k++) {
      const code = program(n, ++serial);
      const t0 = performance.now();
      let reply = await finish(core.accept({ kind: "command", command: "run", options: { code }, who }));
      if (k >= 3) runs.push(performance.now() - t0);
      const view = TraceView.of(latest!.trace);
      replays.push(view.replays);
      for (let p = 0; p < 3; p++) {
        const back = reply.buttons.flat().find((b) => b.label.includes("Back"))!;
        const t1 = performance.now();
        reply = await finish(core.accept({ kind: "button", actionId: back.id, who }));
        if (k >= 3) presses.push(performance.now() - t1);
      }
      pressReplays.push(view.replays);
    }
    runs.sort((a, b) => a - b);
    presses.sort((a, b) => a - b);
    sizes[`loop${n}`] = {
      runReply: { medianMs: round(percentile(runs, 50)), p95Ms: round(percentile(runs, 95)) },
      backPress: { medianMs: round(percentile(presses, 50)), p95Ms: round(percentile(presses, 95)) },
      /** replays of the run's own Trace for its reply, and after three presses of Back (each
       * replays once, up to its step, for the one new step's state) */
      replaysForTheReply: Math.max(...replays),
      replaysAfterThreeBacks: Math.max(...pressReplays),
    };
  }
  await layer.close();
  return {
    what: "a /memsim run reply (with advice) and a Back press, through the chat core in this process, the program run inline",
    ...sizes,
    /** measured the same way on this 2-core machine before the memoized view (commit d07dc6a):
     * each reply replayed its Trace for the explanations, the summary, the diagram's state and
     * the alt text's state; with the advisor's figures, 10 replays in all for the words example,
     * rewrites included, and 3 now) */
    before: { loop30: { runReplyMedianMs: 34.8, backPressMedianMs: 19.4 }, loop300: { runReplyMedianMs: 134.2, backPressMedianMs: 30.3 } },
  };
}
