/** Teaching cards whose words say a frame holds names only draw every value as a heap object. */
import { describe, expect, it } from "vitest";
import { TOPICS } from "../../commands/memsim.js";
import { canvasDrawer, createChatCore, NO_LIMITS, openRunStore, TOPIC_CARDS, type Drawer } from "../../src/chat/index.js";
import { pickStep } from "../../src/chat/topics.js";
import { layoutStep } from "../../src/render/index.js";
import { trace, inlineSimulator } from "../helpers.js";

const who = { userId: "u1", channelId: "c1", locale: "en-US" };

describe("teaching cards", () => {
  it("draw the stack, heap and private-heap examples with no value inside a frame", async () => {
    const heapCards = TOPICS.filter((t) => TOPIC_CARDS[t].values === "heap");
    expect([...heapCards].sort()).toEqual(["heap", "private-heap", "stack"]);
    for (const topic of heapCards) {
      const t = await trace(TOPIC_CARDS[topic].program);
      const layout = layoutStep(t, pickStep(t, TOPIC_CARDS[topic].pick), { inlineScalars: false });
      const frameSlots = layout.slots.filter((s) => s.owner.startsWith("frame:"));
      expect(frameSlots.length, topic).toBeGreaterThan(0);
      // every name points to an object drawn on the heap
      for (const s of frameSlots) expect(s.target, `${topic} ${s.id}`).toBeDefined();
    }
  });

  it("ask the drawer for every value on the heap only on those cards", async () => {
    const asked = new Map<string, boolean | undefined>();
    const real = canvasDrawer();
    const drawer: Drawer = {
      async step(t, index, options) {
        asked.set(t.source, options.inlineScalars);
        return real.step(t, index, options);
      },
      animation: (t, options) => real.animation(t, options),
    };
    const core = createChatCore({ simulator: inlineSimulator(), drawer, store: openRunStore(":memory:"), limits: NO_LIMITS });
    for (const topic of ["heap", "stack", "slicing"] as const) {
      const got = core.accept({ kind: "command", command: "explain", options: { topic }, who });
      if (got.kind === "form") throw new Error("a form, not an answer");
      if (got.kind !== "answer") await got.finish();
      const program = TOPIC_CARDS[topic].program;
      expect(asked.get(program) ?? asked.get(program.replace(/\n+$/, "")), topic).toBe(topic === "slicing" ? undefined : false);
    }
  });
});
