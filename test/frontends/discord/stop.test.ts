/**
 * The Discord adapter's stop: no new interactions are taken, work under way gets a bounded
 * grace, then it is cut off, and what could not be answered is logged for the operator.
 */
import { describe, expect, it, vi } from "vitest";
import { canvasDrawer, createChatCore, createLogger, NO_LIMITS, openRunStore, type Simulator } from "../../../src/chat/index.js";
import { createDiscordAdapter } from "../../../src/frontends/discord/adapter.js";
import { inlineSimulator } from "../../helpers.js";
import { CALLBACK, startFakeDiscord } from "./fake/server.js";

describe("stopping the Discord adapter", () => {
  it("takes no new interaction, and does not wait for work that never ends", async () => {
    const inner = inlineSimulator();
    let begin!: () => void;
    const started = new Promise<void>((resolve) => (begin = resolve));
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    // a simulation that runs until the test lets it go
    const held: Simulator = {
      run: async (source, request) => {
        begin();
        await gate;
        return inner.run(source, request);
      },
    };
    const fake = await startFakeDiscord();
    const lines: Record<string, unknown>[] = [];
    const logger = createLogger({ level: "debug", destination: { write: (s: string) => void lines.push(JSON.parse(s) as Record<string, unknown>) } });
    const core = createChatCore({ simulator: held, drawer: canvasDrawer(), store: openRunStore(":memory:"), limits: NO_LIMITS });
    const adapter = createDiscordAdapter({ core, token: fake.token, apiUrl: fake.apiUrl, logger, stopGraceMs: 500 });
    try {
      await adapter.start();
      const working = fake.slash("run", { code: "x = [1, 2, 3]\n" });
      await started;
      expect(working.callbackType).toBe(CALLBACK.deferReply);

      const stopped = adapter.stop();
      const late = fake.slash("help");
      await stopped;
      expect(lines.find((l) => l.evt === "stop-cut-off")).toMatchObject({ unfinished: 1, graceMs: 500 });
      expect(lines.find((l) => l.evt === "interaction-ignored")).toMatchObject({ interaction: late.id });
      expect(late.callbackType).toBeUndefined();

      // the work ends after the stop: its answer is not sent, and the operator is told
      release();
      await vi.waitFor(() => expect(lines.find((l) => l.evt === "answer-undelivered")).toMatchObject({ interaction: working.id, reason: "stopped" }), { timeout: 30_000, interval: 50 });
      expect(working.steps.map((s) => s.what)).toEqual(["callback"]);
    } finally {
      release();
      await fake.close();
    }
  });
});
