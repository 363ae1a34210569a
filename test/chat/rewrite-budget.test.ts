/**
 * The advisor's rewrite runs for a chat request: each is charged to the person's and the
 * channel's cooldowns, and together they take at most twice the time the program's own run
 * took. Runs "take" time on a fake clock the simulator moves on; no wall-clock time is read.
 */
import { beforeAll, describe, expect, it } from "vitest";
import {
  createChatCore,
  DEFAULT_LIMITS,
  findingsAdvisor,
  NO_LIMITS,
  openRunStore,
  sessionSimulator,
  CHAT_SIMULATION_LIMITS,
  type SessionsLike,
  spanText,
  type Acceptance,
  type Advisor,
  type Answer,
  type Drawer,
  type LimitSettings,
  type Reply,
  type Simulator,
  type Who,
} from "../../src/chat/index.js";
import { Limits, REWRITE_TIME_FACTOR, rewriteBudgetMs } from "../../src/chat/limits.js";
import type { PythonEngine } from "../../src/runners/python/index.js";
import { engine } from "../helpers.js";

/** A program with several rewrites (slice copies, range(len(…)), += on a string). */
const SOURCE = [
  "def total_of(xs):",
  "    if not xs:",
  "        return 0",
  "    return xs[0] + total_of(xs[1:])",
  "nums = list(range(30))",
  "for i in range(len(nums)):",
  "    nums[i] = nums[i] * 2",
  "text = ''",
  "for n in nums[1:]:",
  "    text += str(n)",
  "print(total_of(nums[:20]), len(text))",
].join("\n");

const alice: Who = { userId: "alice", channelId: "study", locale: "en-US" };
const bob: Who = { userId: "bob", channelId: "study", locale: "en-US" };

const noPictures: Drawer = { step: async () => Buffer.alloc(0), animation: async () => ({ gif: Buffer.alloc(0) }) };

interface Call {
  source: string;
  timeLimitMs: number | undefined;
  /** ms it took on the fake clock: its cost, or its time limit if that came first */
  ms: number;
}

let e: PythonEngine;
beforeAll(async () => {
  e = await engine();
});

/**
 * A command layer whose simulator runs the real engine but takes `cost(source)` ms of a fake
 * clock per run, stopping a run at the time limit it is given as the sandbox does.
 */
function bot(limits: LimitSettings, cost: (source: string) => number, options: { advisor?: "none" } = {}) {
  let clock = 1_000_000;
  const calls: Call[] = [];
  const simulator: Simulator = {
    async run(source, request) {
      const wanted = cost(source);
      const limit = request.timeLimitMs ?? Number.POSITIVE_INFINITY;
      const ms = Math.min(wanted, limit);
      clock += ms;
      calls.push({ source, timeLimitMs: request.timeLimitMs, ms });
      const trace = e.run(source);
      return { ok: true, trace: wanted > limit ? { ...trace, outcome: { status: "limit", limit: "time", max: limit / 1000 } } : trace, notices: [] };
    },
  };
  const advisor: Advisor | undefined = options.advisor === "none" ? undefined : findingsAdvisor(simulator, (s) => e.parse(s));
  const core = createChatCore({
    simulator,
    drawer: noPictures,
    store: openRunStore(":memory:"),
    ...(advisor ? { advisor } : {}),
    limits,
    now: () => clock,
    clock: () => clock,
  });
  return {
    core,
    calls,
    /** the advisor's runs: every run but the learner's own */
    rewrites: () => calls.filter((c) => c.source !== SOURCE),
    wait(ms: number) {
      clock += ms;
    },
  };
}

async function answer(acceptance: Acceptance): Promise<Answer> {
  if (acceptance.kind === "form") throw new Error("a form, not an answer");
  return acceptance.kind === "answer" ? acceptance.answer : acceptance.finish();
}

function text(reply: Reply): string {
  return reply.blocks.map((b) => (b.kind === "code" ? b.code : b.kind === "bullets" ? b.items.map(spanText).join("\n") : spanText(b.spans))).join("\n");
}

const run = (who: Who, code = SOURCE) => ({ kind: "command" as const, command: "run" as const, options: { code }, who });
const refused = (a: Acceptance) => a.kind === "answer" && /try again in \d+ s/.test(text(a.answer.reply));

/** Rewrites the advisor runs for SOURCE when nothing limits it (the console's settings). */
async function allRewrites(): Promise<number> {
  const b = bot(NO_LIMITS, () => 10);
  await answer(b.core.accept(run(alice)));
  return b.rewrites().length;
}

describe("the advisor's rewrites in chat", () => {
  it("runs every rewrite when nothing limits it (the console)", async () => {
    expect(await allRewrites()).toBeGreaterThanOrEqual(4);
  });

  it("charges each rewrite run to the person: after one request, the next is refused, where one charge would allow two more", async () => {
    // the original takes 100 ms and a rewrite 1 ms: time is no limit here, the cooldown is
    const b = bot(DEFAULT_LIMITS, (s) => (s === SOURCE ? 100 : 1));
    const first = await answer(b.core.accept(run(alice)));
    // the run took one of alice's 3 runs, the rewrites the other 2
    expect(b.rewrites()).toHaveLength(DEFAULT_LIMITS.userBurst - 1);
    expect(text(first.reply)).toContain("Best practice for this program");
    expect(text(first.reply)).toMatch(
      new RegExp(`memsim ran 2 of the ${await allRewrites()} rewrites it had for this program: each rewrite counts as a run, like your own, and your runs \\(or this channel's\\) are used up for now`),
    );
    const second = b.core.accept(run(alice, "x = 1\n"));
    expect(refused(second)).toBe(true);
    expect(text((second as Extract<Acceptance, { kind: "answer" }>).answer.reply)).toBe("You are going fast: try again in 5 s.");

    // the same requests with no advisor: one charge each, so a burst of 3 is allowed
    const plain = bot(DEFAULT_LIMITS, (s) => (s === SOURCE ? 100 : 1), { advisor: "none" });
    await answer(plain.core.accept(run(alice)));
    const again = plain.core.accept(run(alice, "x = 1\n"));
    expect(refused(again)).toBe(false);
    await answer(again);
    expect(refused(plain.core.accept(run(alice, "x = 2\n")))).toBe(false);
  });

  it("charges each rewrite run to the channel too", async () => {
    const limits = { ...DEFAULT_LIMITS, userBurst: 100, channelBurst: 4 };
    const b = bot(limits, (s) => (s === SOURCE ? 100 : 1));
    await answer(b.core.accept(run(alice)));
    expect(b.rewrites()).toHaveLength(limits.channelBurst - 1);
    const other = b.core.accept(run(bob, "x = 1\n"));
    expect(other.kind === "answer" && text(other.answer.reply)).toContain("memsim is busy in this channel right now");
  });

  it("keeps a program's rewrites within twice its own run: long rewrites are stopped at the budget", async () => {
    const original = 50;
    const budget = 2 * original;
    // each rewrite would take ten times the program's own run
    const b = bot({ ...NO_LIMITS, rewriteFloorMs: 0 }, (s) => (s === SOURCE ? original : 10 * original));
    const got = await answer(b.core.accept(run(alice)));
    const rewrites = b.rewrites();
    // the first is given the whole budget as its time limit and stopped there; no other starts
    expect(rewrites).toHaveLength(1);
    expect(rewrites[0]!.timeLimitMs).toBe(budget);
    expect(rewrites.reduce((n, c) => n + c.ms, 0)).toBeLessThanOrEqual(budget);
    expect(text(got.reply)).toMatch(/memsim ran 1 of the \d+ rewrites it had for this program before the time it gives rewrites ran out/);
  });

  it("gives each rewrite only what is left of the budget, and stops when it is spent", async () => {
    const original = 100;
    const budget = 2 * original;
    const b = bot({ ...NO_LIMITS, rewriteFloorMs: 0 }, (s) => (s === SOURCE ? original : 70));
    await answer(b.core.accept(run(alice)));
    const rewrites = b.rewrites();
    expect(rewrites.map((c) => c.ms)).toEqual([70, 70, 60]);
    let spent = 0;
    for (const c of rewrites) {
      expect(c.timeLimitMs).toBe(budget - spent);
      spent += c.ms;
    }
    expect(spent).toBeLessThanOrEqual(budget);
  });

  it("says so in Chinese when advice is cut short", async () => {
    const b = bot({ ...NO_LIMITS, rewriteFloorMs: 0 }, (s) => (s === SOURCE ? 50 : 500));
    const got = await answer(b.core.accept(run({ ...alice, locale: "zh-CN" })));
    expect(text(got.reply)).toMatch(/memsim 为这个程序准备了 \d+ 个改写，在留给改写的时间（你的程序本身运行时间的两倍）用完之前只运行了其中 1 个/);
  });

  it("goes on where it stopped when the person asks again after the cooldown, without running a rewrite twice", async () => {
    const b = bot(DEFAULT_LIMITS, (s) => (s === SOURCE ? 100 : 1));
    await answer(b.core.accept(run(alice)));
    const firstRound = b.rewrites().map((c) => c.source);
    expect(firstRound).toHaveLength(2);
    b.wait(DEFAULT_LIMITS.userBurst * DEFAULT_LIMITS.userRefillMs);
    await answer(b.core.accept(run(alice)));
    const secondRound = b.rewrites().slice(firstRound.length).map((c) => c.source);
    expect(secondRound).toHaveLength(2);
    expect(secondRound.filter((s) => firstRound.includes(s))).toEqual([]);
  });
});

describe("the charge and the budget, in figures", () => {
  it("charges a run to both buckets, and refuses without taking when either is empty", () => {
    const now = 0;
    const limits = new Limits({ ...DEFAULT_LIMITS, userBurst: 2, channelBurst: 3 }, () => now);
    expect(limits.take("simulate", "u", "c")).toEqual({ ok: true });
    expect(limits.charge("u", "c")).toBe(true);
    // u is empty now; the refusal takes nothing from the channel
    expect(limits.charge("u", "c")).toBe(false);
    expect(limits.charge("v", "c")).toBe(true);
    expect(limits.charge("w", "c")).toBe(false);
    expect(limits.take("simulate", "u", "c")).toMatchObject({ ok: false, scope: "user" });
  });

  it("is twice the run's time, or the operator's floor when that is more", () => {
    expect(REWRITE_TIME_FACTOR).toBe(2);
    expect(rewriteBudgetMs(340, DEFAULT_LIMITS)).toBe(680);
    expect(rewriteBudgetMs(3, { rewriteFloorMs: 0 })).toBe(6);
    expect(rewriteBudgetMs(3, { rewriteFloorMs: 50 })).toBe(50);
    expect(rewriteBudgetMs(340, { rewriteFloorMs: 50 })).toBe(680);
    expect(rewriteBudgetMs(3, {})).toBe(6);
    expect(rewriteBudgetMs(3, NO_LIMITS)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe("the session simulator", () => {
  it("gives a rewrite the smaller of its own time limit and what is left of the budget", async () => {
    const asked: (number | undefined)[] = [];
    const layer: SessionsLike = {
      async simulate(source, options) {
        asked.push(options.limits?.timeLimitMs);
        return { ok: true, trace: (await engine()).run(source), notices: [] };
      },
    };
    const sim = sessionSimulator(layer);
    await sim.run("a = 1\n", { language: "python" });
    await sim.run("a = 1\n", { language: "python", timeLimitMs: 80 });
    await sim.run("a = 1\n", { language: "python", timeLimitMs: 60_000 });
    expect(asked).toEqual([CHAT_SIMULATION_LIMITS.timeLimitMs, 80, CHAT_SIMULATION_LIMITS.timeLimitMs]);
  });
});
