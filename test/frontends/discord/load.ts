/**
 * Other people's acknowledgement times while heavy requests are served: the bot as `memsim
 * start` builds it (the sandbox pool, the reply workers), logged in to the local Discord,
 * which refuses an acknowledgement later than 3 s as Discord does. Heavy cases run three at a
 * time while other users ask `/memsim help` every ~100 ms. Used by the test beside it and by
 * the bench.
 */
import { monitorEventLoopDelay } from "node:perf_hooks";
import { NO_LIMITS, openRunStore } from "../../../src/chat/index.js";
import { createDiscordAdapter } from "../../../src/frontends/discord/index.js";
import { botCore } from "../../../src/frontends/start.js";
import { Trace } from "../../../src/core/trace.js";
import { createSessionLayer } from "../../../src/session/index.js";
import { startFakeDiscord, type FakeInteraction, type FakeUser } from "./fake/server.js";

/** A long run: its "All steps" draws every step it keeps. */
export const LONG_RUN = "xs = []\nfor i in range(1000):\n    xs.append(i * i)\n";
/** 58 characters that make 2,400 globals. */
export const MANY_GLOBALS = 'g = globals()\nfor i in range(2400): g[f"v{i}"] = i\n';
/** A file of 1,000 assignments (about 46 KB). */
export function assignmentsFile(n = 1_000): string {
  const lines: string[] = [];
  for (let i = 0; i < n; i++) lines.push(`value_number_${String(i).padStart(4, "0")} = [${i}, ${i + 1}, "text ${i}"]  # line ${i}`);
  return lines.join("\n") + "\n";
}

export interface AckFigures {
  /** other users' interactions sent, and acknowledged */
  sent: number;
  acked: number;
  /** acknowledgements the local Discord refused (later than 3 s) */
  refused: number;
  /** ms from the interaction's sending to its acknowledgement */
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** ms from when the interaction was due (every `everyMs`) to its acknowledgement: a stalled
   * thread also delays the sending, which this counts */
  dueP99Ms: number;
  dueMaxMs: number;
  /** the main thread's longest event-loop delay while the heavy cases ran, ms */
  loopMaxMs: number;
  loopP99Ms: number;
  /** heavy requests answered (with anything) out of those made */
  heavyAnswered: number;
  heavy: number;
  /** what the heavy requests were answered with, first line each */
  heavyAnswers: string[];
  /** ms from sending each heavy request to its final answer, in the order they were made */
  heavyMs: number[];
  /** Traces with steps parsed and validated on the main thread while the scenario ran (the
   * empty one the host makes for a run stopped before its first step is not counted) */
  mainThreadTraceReads: number;
}

/** Counts the main thread's reads of Traces that have steps, until `stop()`. */
function countTraceReads(): { count(): number; stop(): void } {
  const original = Trace.parse.bind(Trace);
  let reads = 0;
  Trace.parse = ((data: unknown, params?: Parameters<typeof Trace.parse>[1]) => {
    const steps = (data as { steps?: unknown[] } | null)?.steps;
    if (Array.isArray(steps) && steps.length > 0) reads++;
    return original(data, params);
  }) as typeof Trace.parse;
  return { count: () => reads, stop: () => void (Trace.parse = original) };
}

export interface AckOptions {
  /** the sandbox pool's workers (default 2) */
  poolSize?: number;
  /** reply workers (default: the bot's own choice); 0: in this thread, as the console does */
  replyWorkers?: number;
  /** ms between other users' `/memsim help` (default 100) */
  everyMs?: number;
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

const round = (ms: number) => Math.round(ms * 10) / 10;

/** Runs the scenario once and returns the figures (about 20-40 s on two cores). */
export async function ackUnderLoad(options: AckOptions = {}): Promise<AckFigures> {
  const fake = await startFakeDiscord();
  const layer = createSessionLayer({ engine: "pool", sandbox: { size: options.poolSize ?? 2 }, limits: { maxSteps: 5_000, timeLimitMs: 5_000 } });
  const store = openRunStore(":memory:");
  const built = await botCore(layer, store, { limits: NO_LIMITS, ...(options.replyWorkers !== undefined ? { replyWorkers: options.replyWorkers } : {}) });
  const adapter = createDiscordAdapter({ core: built.core, token: fake.token, apiUrl: fake.apiUrl });
  const reads = countTraceReads();
  const user = (n: number, name: string): FakeUser => ({ id: `14${String(n).padStart(17, "0")}`, username: `${name}${n}`, locale: "en-US" });
  try {
    await layer.warm("python");
    await adapter.start();
    // the long run the "All steps" presses are made on
    const first = await fake.slash("run", { code: LONG_RUN }, user(1, "heavy")).settled(60_000);
    const runMessage = first.message!;

    const heavyCases: (() => FakeInteraction)[] = [
      () => fake.press(runMessage, "All steps", user(1, "heavy")),
      () => fake.press(runMessage, "All steps", user(2, "heavy")),
      () => fake.slash("run", { code: MANY_GLOBALS }, user(3, "heavy")),
      () => fake.slash("run", { file: { attachment: fake.upload("assignments.py", assignmentsFile()) } }, user(4, "heavy")),
      () => fake.press(runMessage, "All steps", user(5, "heavy")),
    ];
    const loop = monitorEventLoopDelay({ resolution: 10 });
    const helps: { at: number; i: FakeInteraction }[] = [];
    const everyMs = options.everyMs ?? 100;
    const start = performance.now();
    // every interaction due by now is sent, so a stalled thread sends late and that counts
    const sender = setInterval(() => {
      while (start + helps.length * everyMs <= performance.now()) {
        const at = start + helps.length * everyMs;
        helps.push({ at, i: fake.slash("help", {}, user(100 + (helps.length % 7), "other")) });
      }
    }, everyMs / 4);
    loop.enable();
    const answers: string[] = [];
    const heavyMs: number[] = [];
    let answered = 0;
    try {
      // three at a time: each lane takes the next case when its last one is answered
      let next = 0;
      const lane = async () => {
        while (next < heavyCases.length) {
          const index = next++;
          const sentAt = performance.now();
          const made = heavyCases[index]!();
          const out = await made.settled(120_000).catch(() => undefined);
          if (out?.message) {
            answered++;
            answers.push(out.message.content.split("\n")[0]!.slice(0, 120));
            heavyMs[index] = round(performance.now() - sentAt);
          }
        }
      };
      await Promise.all([lane(), lane(), lane()]);
    } finally {
      clearInterval(sender);
      loop.disable();
    }
    await Promise.all(helps.map((h) => h.i.acknowledged(10_000).catch(() => undefined)));
    const acked = helps.filter((h) => h.i.ackedAt !== undefined);
    const times = acked.map((h) => h.i.ackedAt! - h.i.sentAt).sort((a, b) => a - b);
    const late = acked.map((h) => h.i.ackedAt! - h.at).sort((a, b) => a - b);
    await adapter.idle();
    return {
      sent: helps.length,
      acked: times.length,
      refused: fake.late.length,
      p50Ms: round(percentile(times, 50)),
      p99Ms: round(percentile(times, 99)),
      maxMs: round(times.at(-1) ?? 0),
      dueP99Ms: round(percentile(late, 99)),
      dueMaxMs: round(late.at(-1) ?? 0),
      loopMaxMs: round(loop.max / 1e6),
      loopP99Ms: round(loop.percentile(99) / 1e6),
      heavyAnswered: answered,
      heavy: heavyCases.length,
      heavyAnswers: answers,
      heavyMs,
      mainThreadTraceReads: reads.count(),
    };
  } finally {
    reads.stop();
    await adapter.stop().catch(() => undefined);
    await built.close();
    await layer.close();
    store.close();
    await fake.close();
  }
}

/** Each heavy program's `/memsim run` alone through the local Discord, as the bot serves it:
 * ms from sending to the final answer (median of `runs`), with the answer's first line. */
export async function soloReplies(runs = 3): Promise<Record<string, { medianMs: number; allMs: number[]; answer: string }>> {
  const fake = await startFakeDiscord();
  const layer = createSessionLayer({ engine: "pool", sandbox: { size: 2 }, limits: { maxSteps: 5_000, timeLimitMs: 5_000 } });
  const store = openRunStore(":memory:");
  const built = await botCore(layer, store, { limits: NO_LIMITS });
  const adapter = createDiscordAdapter({ core: built.core, token: fake.token, apiUrl: fake.apiUrl });
  const user: FakeUser = { id: "14000000000000000099", username: "solo", locale: "en-US" };
  // a comment that differs on each run: no answer is served from the cache of an earlier one
  let n = 0;
  const cases: Record<string, () => FakeInteraction> = {
    "2,400 globals": () => fake.slash("run", { code: `${MANY_GLOBALS}# run ${++n}\n` }, user),
    "1,000 assignments (46 KB file)": () => fake.slash("run", { file: { attachment: fake.upload("assignments.py", `${assignmentsFile()}# run ${++n}\n`) } }, user),
  };
  const out: Record<string, { medianMs: number; allMs: number[]; answer: string }> = {};
  try {
    await layer.warm("python");
    await adapter.start();
    // one run first: the reply workers load what they need once
    await fake.slash("run", { code: "x = [1, 2]\n" }, user).settled(60_000);
    for (const [name, make] of Object.entries(cases)) {
      const all: number[] = [];
      let answer = "";
      for (let i = 0; i < runs; i++) {
        const sentAt = performance.now();
        const done = await make().settled(120_000);
        all.push(round(performance.now() - sentAt));
        answer = done.message?.content.split("\n")[0]!.slice(0, 120) ?? "(no answer)";
      }
      const sorted = [...all].sort((a, b) => a - b);
      out[name] = { medianMs: sorted[Math.floor(sorted.length / 2)]!, allMs: all, answer };
    }
    return out;
  } finally {
    await adapter.stop().catch(() => undefined);
    await built.close();
    await layer.close();
    store.close();
    await fake.close();
  }
}
