/**
 * The final answer against a failing Discord: it still arrives after a lost connection, a
 * run of server errors or a rate limit; when it cannot arrive within the interaction's
 * window, the learner is told to run the command again and the operator gets a log line.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { canvasDrawer, createChatCore, createLogger, NO_LIMITS, openRunStore, type Simulator } from "../../../src/chat/index.js";
import { createDiscordAdapter, type DiscordAdapter } from "../../../src/frontends/discord/adapter.js";
import { translator } from "../../../src/i18n/index.js";
import { inlineSimulator } from "../../helpers.js";
import { plain } from "./harness.js";
import { EPHEMERAL, startFakeDiscord, type FakeDiscord } from "./fake/server.js";

const ANSWER = /^PATCH \/webhooks\/\d+\/[^/]+\/messages\/@original$/;
const FOLLOW_UP = /^POST \/webhooks\/\d+\/[^/]+$/;
/** quick retries, so that a test sees several within a second */
const RETRY = { firstDelayMs: 40, maxDelayMs: 160, maxAttempts: 100 };

type Line = Record<string, unknown> & { evt?: string };

/** The log line of that event (it is written just after the message it reports on reaches Discord). */
async function logged(lines: Line[], evt: string): Promise<Line> {
  return vi.waitFor(() => {
    const line = lines.findLast((l) => l.evt === evt);
    if (!line) throw new Error(`no "${evt}" in the log`);
    return line;
  });
}

/** A simulator that is always busy: its answer is a private note, after a public "thinking…". */
const busy: Simulator = { run: async () => ({ ok: false, error: { code: "busy" } }) };

async function bot(fake: FakeDiscord, delivery: Parameters<typeof createDiscordAdapter>[0]["delivery"], simulator: Simulator = inlineSimulator()) {
  const lines: Line[] = [];
  const logger = createLogger({ level: "debug", destination: { write: (s: string) => void lines.push(JSON.parse(s) as Line) } });
  const core = createChatCore({ simulator, drawer: canvasDrawer(), store: openRunStore(":memory:"), limits: NO_LIMITS });
  const adapter: DiscordAdapter = createDiscordAdapter({ core, token: fake.token, apiUrl: fake.apiUrl, logger, delivery });
  await adapter.start();
  return { adapter, lines };
}

describe("the final answer, retried", () => {
  let fake: FakeDiscord;
  let adapter: DiscordAdapter;
  let lines: Line[];
  beforeAll(async () => {
    fake = await startFakeDiscord();
    ({ adapter, lines } = await bot(fake, { retry: RETRY, longRateLimitMs: 200 }));
  });
  afterAll(async () => {
    await adapter?.stop();
    await fake?.close();
  });

  const answered = async (code: string) => {
    const out = await fake.slash("run", { code }).settled();
    expect(out.message!.attachments[0]!.filename).toBe("memsim-step-1.png");
    return out;
  };

  it("arrives after its connection is lost, more often than discord.js retries on its own", async () => {
    const before = fake.faults.fired.length;
    fake.failNext(ANSWER, { socket: "reset" }, 5);
    await answered("x = [1, 2, 3]\n");
    expect(fake.faults.fired.length - before).toBe(5);
    const retries = lines.filter((l) => l.evt === "answer-retry");
    expect(retries.length).toBeGreaterThanOrEqual(1);
    // what a lost connection looks like to the bot: undici's closed socket, a reset, or a broken pipe
    for (const r of retries) expect(["UND_ERR_SOCKET", "ECONNRESET", "EPIPE"]).toContain(r.errorCode);
    expect(await logged(lines, "answer-delivered")).toMatchObject({ attempts: retries.length + 1 });
  });

  it("arrives after a run of server errors longer than discord.js's immediate retries", async () => {
    const before = fake.requests.length;
    fake.failNext(ANSWER, { status: 502 }, 6);
    await answered("y = 'hi'\n");
    const statuses = fake.requests.slice(before).filter((r) => r.method === "PATCH").map((r) => r.status);
    expect(statuses).toEqual([502, 502, 502, 502, 502, 502, 200]);
  });

  it("arrives after a long rate limit, having waited as long as Discord asked", async () => {
    fake.failNext(ANSWER, { status: 429, seconds: 1 });
    const i = fake.slash("run", { code: "z = (1, 2)\n" });
    const out = await i.settled();
    const settledAt = Date.now();
    expect(out.message!.attachments[0]!.filename).toBe("memsim-step-1.png");
    const limited = fake.faults.fired.findLast((f) => "status" in f.fault && f.fault.status === 429)!;
    // Discord asked for 1 s (the Retry-After header): the answer cannot have come sooner
    expect(settledAt - limited.at).toBeGreaterThanOrEqual(1_000);
    const retry = lines.findLast((l) => l.evt === "answer-retry")!;
    expect(retry.waitMs as number).toBeGreaterThanOrEqual(1_000);
  });

  it("does not delete twice when a private answer's follow-up must be sent again", async () => {
    // its own Discord: one bot per local Discord, or both would answer
    const own = await startFakeDiscord();
    const other = await bot(own, { retry: RETRY }, busy);
    try {
      // a private answer to a public command: the "thinking…" message is deleted, then the answer follows
      own.failNext(FOLLOW_UP, { status: 503 }, 5);
      const out = await own.slash("run", { code: "x = 1\n" }).settled();
      expect(out.ephemeral).toBe(true);
      expect(plain(out.message!.content)).toBe(translator("en").t("sandbox.busy"));
      expect(out.steps.map((s) => s.what)).toEqual(["callback", "delete", "followup"]);
    } finally {
      await other.adapter.stop();
      await own.close();
    }
  });
});

describe("an answer that cannot arrive within the interaction's window", () => {
  let fake: FakeDiscord;
  beforeAll(async () => {
    fake = await startFakeDiscord();
  });
  afterAll(async () => {
    await fake?.close();
  });

  it("is replaced by a short private note to run the command again, and logged for the operator", async () => {
    // a window of 3 s, the last second of it kept for the note
    const { adapter, lines } = await bot(fake, { windowMs: 3_000, noticeMs: 1_000, retry: RETRY });
    try {
      fake.failNext(ANSWER, { status: 503 }, 1_000);
      const out = await fake.slash("run", { code: "x = 1\n" }).settled(10_000);
      fake.faults.clear();
      expect(out.ephemeral).toBe(true);
      expect(plain(out.message!.content)).toBe(translator("en").t("chat.delivery.late", { minutes: 1 }));
      const failed = await logged(lines, "answer-undelivered");
      expect(failed).toMatchObject({ reason: "deadline", notified: true, status: 503 });
      expect(failed.attempts as number).toBeGreaterThan(1);
    } finally {
      await adapter.stop();
    }
  });

  it("speaks the learner's language", async () => {
    const { adapter } = await bot(fake, { windowMs: 2_000, noticeMs: 1_000, retry: RETRY });
    try {
      fake.failNext(ANSWER, { status: 500 }, 1_000);
      const chinese = { ...fake.alice, id: "1300000000000000077", locale: "zh-CN" };
      const out = await fake.slash("run", { code: "x = 1\n" }, chinese).settled(10_000);
      fake.faults.clear();
      expect(plain(out.message!.content)).toBe(translator("zh-CN").t("chat.delivery.late", { minutes: 1 }));
      expect(out.message!.flags & EPHEMERAL).toBe(EPHEMERAL);
    } finally {
      await adapter.stop();
    }
  });

  it("is waited out no longer than the window when Discord asks for a longer wait", async () => {
    const { adapter, lines } = await bot(fake, { windowMs: 3_000, noticeMs: 1_000, retry: RETRY, longRateLimitMs: 200 });
    try {
      fake.failNext(ANSWER, { status: 429, seconds: 30 });
      const out = await fake.slash("run", { code: "x = 1\n" }).settled(10_000);
      expect(plain(out.message!.content)).toBe(translator("en").t("chat.delivery.late", { minutes: 1 }));
      expect(await logged(lines, "answer-undelivered")).toMatchObject({ reason: "deadline", attempts: 1, notified: true });
    } finally {
      await adapter.stop();
    }
  });

  it("says the answer could not be sent when Discord refuses it for good", async () => {
    const { adapter, lines } = await bot(fake, { retry: RETRY });
    try {
      fake.failNext(ANSWER, { status: 403 });
      const out = await fake.slash("run", { code: "x = 1\n" }).settled(10_000);
      expect(plain(out.message!.content)).toBe(translator("en").t("chat.delivery.failed"));
      expect(await logged(lines, "answer-undelivered")).toMatchObject({ reason: "permanent", attempts: 1, notified: true, status: 403 });
    } finally {
      await adapter.stop();
    }
  });
});
