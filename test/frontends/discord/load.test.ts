/**
 * Other users are acknowledged within 1 s (Discord allows 3) while heavy requests run three
 * at a time, because the bot's main thread only receives, routes and sends: the local
 * Discord refuses a late acknowledgement as Discord does. Needs the build (the sandbox
 * worker and the reply worker are compiled scripts).
 */
import { describe, expect, it } from "vitest";
import { NO_LIMITS } from "../../../src/chat/index.js";
import { ACK_DEADLINE_MS } from "./fake/server.js";
import { startBot } from "./harness.js";
import { ackUnderLoad } from "./load.js";

describe("the local Discord's 3-second rule", () => {
  it("refuses an acknowledgement that comes more than 3 s after the interaction, as Discord does", async () => {
    const bot = await startBot({ simulator: { run: async () => ({ ok: false, error: { code: "busy" } }) }, limits: NO_LIMITS });
    try {
      const stalled = bot.fake.slash("help");
      // a main thread that cannot turn for longer than Discord waits
      const until = performance.now() + ACK_DEADLINE_MS + 300;
      while (performance.now() < until);
      const after = bot.fake.slash("help");
      await after.acknowledged();
      await bot.adapter.idle();
      expect(bot.fake.late.map((l) => l.id)).toEqual([stalled.id]);
      expect(bot.fake.requests.some((r) => r.path.includes(`/interactions/${stalled.id}/`) && r.status === 404)).toBe(true);
      expect(stalled.ackedAt).toBeUndefined();
      expect(after.ackedAt! - after.sentAt).toBeLessThan(ACK_DEADLINE_MS);
    } finally {
      await bot.stop();
    }
  });
});

describe("acknowledgements under load, through the sandbox pool and the reply workers", () => {
  it("acknowledges every other user's /memsim help within 1 s while heavy cases run three at a time", async () => {
    // other users every 50 ms: enough of them fall within the heavy cases, however fast those are
    const figures = await ackUnderLoad({ everyMs: 50 });
    // every heavy case got its answer (an animation, a reply, or a stop the learner is told about)
    expect(figures.heavyAnswered).toBe(figures.heavy);
    expect(figures.sent).toBeGreaterThan(50);
    expect(figures.refused).toBe(0);
    expect(figures.acked).toBe(figures.sent);
    // the point of the bot's design: Discord allows 3 s, memsim keeps to 1 s, counted from when
    // each interaction was due (a stalled thread would also have sent it late)
    expect(figures.maxMs).toBeLessThan(1_000);
    expect(figures.dueMaxMs).toBeLessThan(1_000);
    expect(figures.loopMaxMs).toBeLessThan(1_000);
    // by construction: the main thread never read a Trace the sandbox sent
    expect(figures.mainThreadTraceReads).toBe(0);
  }, 90_000);
});
