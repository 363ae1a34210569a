/**
 * The quiz: the time to generate a day's question (its program and every choice's answer run
 * through the simulator, in this process's interpreters, Python's or C's), and to record an answer in a file
 * database (one transaction each, as 50 people answering would).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateDaily, QUESTION_KINDS } from "../src/quiz/questions/index.js";
import { openQuizStore } from "../src/quiz/store/index.js";
import { traceC } from "../src/runners/c/run.js";
import { sharedPythonEngine } from "../src/runners/python/index.js";
import type { Language } from "../src/core/trace.js";
import { openStorage } from "../src/storage/index.js";
import { percentile, round } from "./stats.js";
import { canvasDrawer, createChatCore, encodeAction, NO_LIMITS, openRunStore, sessionSimulator } from "../src/chat/index.js";
import { toPayload } from "../src/frontends/discord/translate.js";
import { simulatedClock } from "../src/quiz/schedule/index.js";
import { createSessionLayer } from "../src/session/index.js";

function figures(times: number[]): { medianMs: number; p95Ms: number; runs: number } {
  const sorted = [...times].sort((a, b) => a - b);
  return { medianMs: round(percentile(sorted, 50)), p95Ms: round(percentile(sorted, 95)), runs: sorted.length };
}

export async function benchQuiz(options: { days?: number; answers?: number } = {}): Promise<Record<string, unknown>> {
  const days = options.days ?? 30;
  const answers = options.answers ?? 500;
  const engine = await sharedPythonEngine();
  const simulate = async (program: string, language: Language) => (language === "c" ? traceC(program) : engine.run(program));
  // warm: the engine and the generators' first run
  await generateDaily("2026-01-01", "warm", simulate);
  const generate: number[] = [];
  const byKind: Record<string, number[]> = {};
  const start = Date.UTC(2026, 0, 2);
  for (let d = 0; d < days; d++) {
    const date = new Date(start + d * 86_400_000).toISOString().slice(0, 10);
    const t0 = performance.now();
    const question = await generateDaily(date, "bench-channel", simulate);
    const ms = performance.now() - t0;
    generate.push(ms);
    (byKind[question.kind] ??= []).push(ms);
  }
  const dir = mkdtempSync(join(tmpdir(), "memsim-bench-quiz-"));
  const storage = openStorage(join(dir, "quiz.sqlite"));
  const record: number[] = [];
  try {
    const store = openQuizStore(storage);
    const channel = { platform: "discord", workspace: "bench", id: "quiz" };
    store.setSchedule({ channel, time: "09:00", zone: "UTC", setBy: "bench" });
    const question = await generateDaily("2026-02-01", "bench-channel", simulate);
    store.claimPost(channel, "2026-02-01");
    const post = store.markPosted(channel, "2026-02-01", { question, message: { channel, id: "m1" } });
    const choice = question.choices[0]!.id;
    for (let i = 0; i < answers; i++) {
      const t0 = performance.now();
      store.recordAnswer(post.id, `user-${i}`, choice);
      record.push(performance.now() - t0);
    }
  } finally {
    storage.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return {
    what: "a day's question generated (its program and choices run in this process's interpreter), and an answer recorded in a file database",
    kinds: QUESTION_KINDS.length,
    generate: { ...figures(generate), byKind: Object.fromEntries(Object.entries(byKind).map(([k, t]) => [k, figures(t)])) },
    recordAnswer: figures(record),
    ...(await benchPost(Math.min(days, 20))),
  };
}

/**
 * Posting through the command layer, as the bot does: `/memsim quiz now` for a new day each time
 * (the question made, the day before's closed and its post edited, the post made as Discord's
 * message payload), then one person's press answered with the deciding step's diagram.
 */
async function benchPost(days: number): Promise<Record<string, unknown>> {
  const storage = openStorage(":memory:");
  try {
    const clock = simulatedClock(Date.UTC(2026, 2, 1, 12));
    const store = openQuizStore(storage, { now: clock.now });
    const layer = createSessionLayer({ engine: "inline" });
    const core = createChatCore({ simulator: sessionSimulator(layer), drawer: canvasDrawer(), store: openRunStore(":memory:"), limits: NO_LIMITS, quiz: { store, clock } });
    const channel = { platform: "discord", workspace: "bench", id: "quiz" };
    let sent = 0;
    core.quiz!.connect({
      post: async (c, reply) => {
        toPayload(reply);
        return { channel: c, id: String(++sent) };
      },
      edit: async (_m, reply) => void toPayload(reply),
    });
    const post: number[] = [];
    const press: number[] = [];
    for (let d = 0; d <= days; d++) {
      const t0 = performance.now();
      const done = await core.quiz!.postNow(channel);
      const ms = performance.now() - t0;
      if (done.kind !== "posted") throw new Error(`day ${d} was not posted`);
      const question = store.openPost(channel)!.question!;
      const who = { userId: `u${d}`, channelId: channel.id, channel };
      const t1 = performance.now();
      const acceptance = core.accept({ kind: "button", actionId: encodeAction({ do: "quiz", post: done.post.id, choice: question.choices[0]!.id, locale: undefined }), who });
      if (acceptance.kind !== "work") throw new Error("a press was not taken as work");
      const answer = await acceptance.finish();
      if (answer.reply.images.length !== 1) throw new Error("the answer came without its diagram");
      const pressMs = performance.now() - t1;
      // the first day warms the interpreter and the drawer
      if (d > 0) {
        post.push(ms);
        press.push(pressMs);
      }
      await clock.advance(86_400_000);
    }
    return {
      post: { ...figures(post), what: "/memsim quiz now for a new day: the question made, the day before's closed and edited, the post's Discord payload" },
      press: { ...figures(press), what: "one person's press: the answer recorded, the program's Trace (cached after the first press) and the deciding step's diagram" },
    };
  } finally {
    storage.close();
  }
}
