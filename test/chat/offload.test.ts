/**
 * The reply workers: the same replies as in this thread, from Traces this thread never reads;
 * a bounded queue answered "busy"; a worker that stops is replaced and its job answered kindly;
 * what is not a Trace is refused and its sandbox worker retired. Needs the build (worker.js).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { canvasDrawer, createChatCore, NO_LIMITS, noAdvisor, openRunStore, spanText, type Acceptance, type Answer, type Reply, type Simulator } from "../../src/chat/index.js";
import { createReplyPool, inlineReplier, type Job, type Replier, type ReplyPool } from "../../src/chat/offload/index.js";
import { Trace } from "../../src/core/trace.js";
import { trace } from "../helpers.js";
import { traceC } from "../../src/runners/c/run.js";

const who = { userId: "u1", channelId: "c1", locale: "en-US" };
const LOOP = "xs = []\nfor i in range(40):\n    xs.append(str(i))\n";
const host = { now: () => performance.now(), charge: () => true, run: async () => ({ ok: false as const, error: { code: "busy" as const } }) };
const run = { id: "AbCdEfGhIjKl", kind: "run" as const, language: "python" as const, locale: "en" as const, source: LOOP, userId: "u1", createdAt: 0 };

function text(reply: Reply): string {
  return reply.blocks.map((b) => (b.kind === "code" ? b.code : b.kind === "bullets" ? b.items.map(spanText).join("\n") : spanText(b.spans))).join("\n");
}

async function answer(acceptance: Acceptance): Promise<Answer> {
  if (acceptance.kind === "form") throw new Error("a form, not an answer");
  return acceptance.kind === "answer" ? acceptance.answer : acceptance.finish();
}

let loop: Trace;
let json: string;
let pool: ReplyPool;
beforeAll(async () => {
  loop = await trace(LOOP);
  json = JSON.stringify(loop);
  pool = await createReplyPool({ size: 1, advice: false });
}, 60_000);
afterAll(async () => {
  await pool?.close();
});

/** A simulator whose Traces come back sealed, as the sandbox pool hands them on. */
function sealedSimulator(body: () => string, distrust?: () => void): Simulator {
  return { run: async () => ({ ok: true, sealed: { how: "result", json: body(), mb: 256 }, ...(distrust ? { distrust } : {}) }) };
}

describe("reply jobs", () => {
  it("make the same reply in a worker, from the sealed Trace, as in this thread from the read one", async () => {
    const inline = inlineReplier({ drawer: canvasDrawer(), advisor: noAdvisor });
    const jobs: ((held: boolean) => Job)[] = [
      (sealed) => ({ view: "run", trace: { key: `r${sealed}`, held: sealed ? { sealed: { how: "result", json, mb: 256 } } : { trace: loop, notices: [] } }, run, step: 3, placement: "new", locale: "zh-CN" }),
      (sealed) => ({ view: "gif", trace: { key: `r${sealed}` }, locale: "en" }),
    ];
    for (const job of jobs) {
      const there = await pool.serve(job(true), host);
      const here = await inline.serve(job(false), host);
      if (there.kind !== "answer" || here.kind !== "answer") throw new Error(`no answer: ${there.kind}, ${here.kind}`);
      expect(text(there.answer.reply)).toBe(text(here.answer.reply));
      expect(there.answer.reply.buttons).toEqual(here.answer.reply.buttons);
      expect(there.answer.reply.images.map((i) => i.alt)).toEqual(here.answer.reply.images.map((i) => i.alt));
      for (const [i, image] of there.answer.reply.images.entries()) {
        expect(Buffer.isBuffer(image.data)).toBe(true);
        expect(image.data.equals(here.answer.reply.images[i]!.data)).toBe(true);
      }
    }
  });

  it("make a C run's reply in a worker as in this thread, its notes and buttons included", async () => {
    const source = "#include <stdlib.h>\nint main(void) {\n    long *xs = malloc(4 * sizeof(long));\n    free(xs);\n    return 0;\n}\n";
    const c = await traceC(source, { maxSteps: 1000, timeLimitMs: 10_000 });
    const cRun = { ...run, id: "CcCcCcCcCcCc", language: "c" as const, source };
    const job = (key: string): Job => ({ view: "run", trace: { key, held: { trace: c, notices: [] } }, run: cRun, placement: "new", locale: "en", notes: ["said first"] });
    const there = await pool.serve(job("c-there"), host);
    const here = await inlineReplier({ drawer: canvasDrawer(), advisor: noAdvisor }).serve(job("c-here"), host);
    if (there.kind !== "answer" || here.kind !== "answer") throw new Error(`no answer: ${there.kind}, ${here.kind}`);
    expect(text(there.answer.reply)).toBe(text(here.answer.reply));
    expect(text(there.answer.reply)).toContain("Allocated 1 heap block (32 bytes asked for)");
    expect(text(there.answer.reply)).toContain("said first");
    expect(there.answer.reply.images[0]!.data.equals(here.answer.reply.images[0]!.data)).toBe(true);
    expect(there.answer.reply.buttons).toEqual(here.answer.reply.buttons);
  });

  it("leave every Trace unread in this thread when the bot's command layer uses the workers", async () => {
    const parse = vi.spyOn(Trace, "parse");
    try {
      const core = createChatCore({ simulator: sealedSimulator(() => json), drawer: canvasDrawer(), replier: pool, store: openRunStore(":memory:"), limits: NO_LIMITS });
      const got = await answer(core.accept({ kind: "command", command: "run", options: { code: LOOP, step: 2 }, who }));
      expect(text(got.reply)).toContain("Step 2 of");
      expect(got.reply.images).toHaveLength(1);
      const press = got.reply.buttons.flat().find((b) => b.label === "All steps")!;
      const gif = await answer(core.accept({ kind: "button", actionId: press.id, who }));
      expect(gif.reply.images[0]!.name).toBe("memsim-steps.gif");
      expect(parse).not.toHaveBeenCalled();
    } finally {
      parse.mockRestore();
    }
  });

  it("refuse what is not a Trace, retire the sandbox worker that sent it, and say so kindly", async () => {
    const distrust = vi.fn();
    const core = createChatCore({ simulator: sealedSimulator(() => '{"schemaVersion": 2, "steps": "all of them"}', distrust), drawer: canvasDrawer(), replier: pool, store: openRunStore(":memory:"), limits: NO_LIMITS });
    const got = await answer(core.accept({ kind: "command", command: "run", options: { code: "a = 1\n" }, who }));
    expect(text(got.reply)).toMatch(/^The runner stopped unexpectedly/);
    expect(distrust).toHaveBeenCalledTimes(1);
  });
});

describe("the reply queue", () => {
  it("is bounded: a job past it is answered busy at once, in the reader's language", async () => {
    const small = await createReplyPool({ size: 1, perWorker: 1, maxQueue: 1, advice: false });
    try {
      const gif = (n: number): Job => ({ view: "gif", trace: { key: `g${n}`, held: { sealed: { how: "result", json, mb: 256 } } }, locale: "en" });
      const kinds = (await Promise.all([1, 2, 3].map((n) => small.serve(gif(n), host)))).map((d) => d.kind);
      expect(kinds).toEqual(["answer", "answer", "busy"]);
    } finally {
      await small.close();
    }
    const full: Replier = { inline: false, serve: async () => ({ kind: "busy" }), close: async () => undefined };
    const core = createChatCore({ simulator: sealedSimulator(() => json), drawer: canvasDrawer(), replier: full, store: openRunStore(":memory:"), limits: NO_LIMITS });
    const en = await answer(core.accept({ kind: "command", command: "run", options: { code: LOOP }, who }));
    const zh = await answer(core.accept({ kind: "command", command: "run", options: { code: LOOP, locale: "zh-CN" }, who }));
    expect(text(en.reply)).toBe("memsim is busy preparing other answers right now. Try again in a moment.");
    expect(text(zh.reply)).toBe("memsim 正在忙着准备别人的回答。请稍后再试。");
    expect(en.reply.private).toBe(true);
  });

  it("replaces a worker that stops (here: out of memory) and answers its job kindly", async () => {
    const tight = await createReplyPool({ size: 1, advice: false, resourceLimits: { maxOldGenerationSizeMb: 48 } });
    try {
      // far more objects than the worker's heap may hold
      const huge = `[${"[1,2,3,4],".repeat(1_500_000)}[]]`;
      const stopped = await tight.serve({ view: "gif", trace: { key: "huge", held: { sealed: { how: "result", json: huge, mb: 256 } } }, locale: "en" }, host);
      expect(stopped.kind).toBe("stopped");
      const next = await tight.serve({ view: "gif", trace: { key: "fine", held: { sealed: { how: "result", json, mb: 256 } } }, locale: "en" }, host);
      expect(next.kind).toBe("answer");
      expect(tight.stats()).toMatchObject({ workers: 1, replaced: 1 });
    } finally {
      await tight.close();
    }
    const gone: Replier = { inline: false, serve: async () => ({ kind: "stopped" }), close: async () => undefined };
    const core = createChatCore({ simulator: sealedSimulator(() => json), drawer: canvasDrawer(), replier: gone, store: openRunStore(":memory:"), limits: NO_LIMITS });
    const got = await answer(core.accept({ kind: "command", command: "run", options: { code: LOOP, locale: "zh-CN" }, who }));
    expect(text(got.reply)).toBe("memsim 在准备这个回答时停了下来。这不是你的程序的错：请稍后再试。");
  }, 60_000);
});
