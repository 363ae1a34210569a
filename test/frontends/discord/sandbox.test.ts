/**
 * Hostile programs through the Discord bot, run the way the bot runs them: in the sandbox
 * pool's isolated workers (needs the build: `npm run build` makes the worker script).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NO_LIMITS, sessionSimulator } from "../../../src/chat/index.js";
import { createSessionLayer, type SessionLayer } from "../../../src/session/index.js";
import { seenOf, startBot, type Bot } from "./harness.js";

describe("hostile programs, through the sandbox pool", () => {
  let pool: SessionLayer;
  let bot: Bot;
  beforeAll(async () => {
    // the bot's own way: the session layer over the sandbox pool
    pool = createSessionLayer({ engine: "pool", sandbox: { size: 1, maxQueue: 1 } });
    await pool.warm("python");
    bot = await startBot({ simulator: sessionSimulator(pool, { maxSteps: 5_000, timeLimitMs: 1_500 }), limits: NO_LIMITS });
  }, 120_000);
  afterAll(async () => {
    await bot?.stop();
    await pool?.close();
  });

  it("answers a program that reaches for the host with Python's own error, and keeps serving", async () => {
    const code = "import js\njs.process.exit(3)\n";
    const seen = seenOf(await bot.fake.slash("run", { code }).settled());
    expect(seen.plain).toMatch(/ModuleNotFoundError on line 1: No module named 'js'/);
    expect(seen.images).toHaveLength(1);
    const next = seenOf(await bot.fake.slash("run", { code: "ok = [1, 2]\n" }).settled());
    expect(next.plain).toContain("Step 1 of 1");
  });

  it("refuses to start another process with the same sentence as the CLI and the console", async () => {
    const seen = seenOf(await bot.fake.slash("run", { code: 'import os\nos.system("echo hi")\n' }).settled());
    expect(seen.plain).toMatch(/PermissionError on line 2/);
    expect(seen.plain).toMatch(/cannot start others/);
  });

  it("stops an endless loop at the time limit and says so", async () => {
    // each turn of this loop takes long enough that time, not the step limit, runs out first
    const seen = seenOf(await bot.fake.slash("run", { code: "n = 0\nwhile True:\n    n += sum(range(200000))\n" }).settled());
    expect(seen.plain).toMatch(/Stopped after 1\.5 s, the time limit, at line [23] \([\d,]+ steps kept\)\. Does a loop run forever\?/);
    expect(seen.images).toHaveLength(1);
  });

  it("tells a stop inside one long call once, and draws it as stopped during that line", async () => {
    const seen = seenOf(await bot.fake.slash("run", { code: "x = 1\ny = sum(range(10**12))\nprint(y)\n" }).settled());
    expect(seen.plain.match(/Stopped after 1\.5 s/g)).toHaveLength(1);
    expect(seen.plain).toContain("the program was still running line 2");
    expect(seen.images).toHaveLength(1);
    expect(seen.images[0]!.alt).toContain("stopped during line 2");
  });

  it("says clearly when every runner is busy", async () => {
    const users = [1, 2, 3].map((n) => ({ id: `15000000000000000${n}`, username: `v${n}`, locale: "en-US" }));
    // three programs (one program asked for at once by several people runs once, for all of them)
    const loops = users.map((u, n) => bot.fake.slash("run", { code: `n = ${n}\nwhile True:\n    pass\n` }, u));
    const outcomes = await Promise.all(loops.map((i) => i.settled()));
    const busy = outcomes.filter((o) => o.message!.content.includes("memsim is busy right now. Try again in a moment."));
    expect(busy.length).toBeGreaterThanOrEqual(1);
    for (const o of busy) expect(o.ephemeral).toBe(true);
  });
});
