/** The command layer end to end, without any platform: answers, failures, logs, teaching cards. */
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { TOPICS } from "../../commands/memsim.js";
import { sharedPythonEngine } from "../../src/runners/python/index.js";
import { inlineSimulator } from "../helpers.js";
import {
  canvasDrawer,
  createChatCore,
  createLogger,
  findingsAdvisor,
  NO_LIMITS,
  openRunStore,
  spanText,
  type Acceptance,
  type Answer,
  type ChatCoreOptions,
  type Invocation,
  type Reply,
} from "../../src/chat/index.js";

const who = { userId: "u1", channelId: "c1", locale: "en-US" };

function core(extra: Partial<ChatCoreOptions> = {}) {
  return createChatCore({ simulator: inlineSimulator(), drawer: canvasDrawer(), store: openRunStore(":memory:"), limits: NO_LIMITS, ...extra });
}

async function answer(acceptance: Acceptance): Promise<Answer> {
  if (acceptance.kind === "form") throw new Error("a form, not an answer");
  return acceptance.kind === "answer" ? acceptance.answer : acceptance.finish();
}

function text(reply: Reply): string {
  return reply.blocks.map((b) => (b.kind === "code" ? b.code : b.kind === "bullets" ? b.items.map(spanText).join("\n") : spanText(b.spans))).join("\n");
}

const run = (code: string, options: Record<string, unknown> = {}): Invocation => ({ kind: "command", command: "run", options: { code, ...options }, who });

describe("the command layer", () => {
  it("logs JSON lines that say what happened, without the program or any token", async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(...String(chunk).trim().split("\n"));
        done();
      },
    });
    const c = core({ logger: createLogger({ destination: sink }) });
    await answer(c.accept(run("secret_name = 'hunter2-token-MTEx.abc.def'\n")));
    const events = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(events.map((e) => e.evt)).toEqual(["invocation", "answered"]);
    expect(events[0]).toMatchObject({ kind: "command", name: "run", user: "u1", channel: "c1", result: "work" });
    expect(lines.join("\n")).not.toMatch(/secret_name|hunter2|MTEx/);
  });

  it("turns its own failures into a kind answer with an error code, never a stack", async () => {
    const broken = { step: async () => Promise.reject(new TypeError("boom at draw.ts:12")), animation: async () => Promise.reject(new Error("x")) };
    const got = await answer(core({ drawer: broken }).accept(run("a = 1\n")));
    expect(got.reply.private).toBe(true);
    expect(text(got.reply)).toBe("Something went wrong inside memsim (error code internal). It is not your program's fault: try again in a moment.");
  });

  it("passes on the sandbox's busy message privately", async () => {
    const busy = { run: async () => ({ ok: false as const, error: { code: "busy" as const } }) };
    const got = await answer(core({ simulator: busy }).accept(run("a = 1\n")));
    expect(got.reply.private).toBe(true);
    expect(text(got.reply)).toBe("memsim is busy right now. Try again in a moment.");
  });

  it("gives up kindly on an answer that takes too long", async () => {
    const never = { run: () => new Promise<never>(() => {}) };
    const got = await answer(core({ simulator: never, workTimeoutMs: 20 }).accept(run("a = 1\n")));
    expect(text(got.reply)).toContain("This took too long to answer");
  });

  it("shows the step asked for, and says when the program has fewer", async () => {
    const c = core();
    const second = await answer(c.accept(run("a = [1]\nb = [2]\nc = [3]\n", { step: 2 })));
    expect(text(second.reply)).toContain("Step 2 of 3 · line 2:");
    const far = await answer(c.accept(run("a = [1]\n", { step: 9 })));
    expect(text(far.reply)).toContain("The program has only 1 step, so this shows step 1 instead of 9.");
    const three = await answer(c.accept(run("a = [1]\nb = [2]\nc = [3]\n", { step: 9 })));
    expect(text(three.reply)).toContain("The program has only 3 steps, so this shows step 3 instead of 9.");
  });

  it("says what to change when the program needs what memsim's Python lacks, or input it cannot get", async () => {
    const c = core();
    const thread = await answer(c.accept(run("import threading\nthreading.Thread(target=print).start()\n")));
    expect(text(thread.reply)).toContain("Line 2 starts a thread. memsim runs your program in a single thread");
    const input = await answer(c.accept(run("name = input()\nprint(name)\n")));
    expect(text(input.reply)).toContain("Write the value into the program instead");
  });

  it("opens the form when no code is given, and runs what is submitted", async () => {
    const c = core();
    const form = c.accept({ kind: "command", command: "run", options: { locale: "zh-CN", step: 1 }, who });
    expect(form.kind).toBe("form");
    if (form.kind !== "form") return;
    expect(form.form.title).toBe("用 memsim 运行程序");
    const got = await answer(c.accept({ kind: "form", formId: form.form.id, values: { code: "x = [1, 2]\ny = x\n" }, who }));
    expect(text(got.reply)).toContain("第 1 步，共 2 步");
  });

  it("runs a .py file attached to a message", async () => {
    const file = { name: "demo.py", size: 12, read: async () => "nums = [5]\n" };
    const got = await answer(core().accept({ kind: "message", action: "simulate", message: { content: "see attached", attachments: [file] }, who }));
    expect(text(got.reply)).toContain("Step 1 of 1");
  });

  it("compares two snippets and refuses one Python cannot read", async () => {
    const c = core();
    const ok = await answer(c.accept({ kind: "command", command: "compare", options: { before: "a = list(range(50))\nb = a[10:40]\n", after: "a = list(range(50))\n" }, who }));
    expect(text(ok.reply)).toMatch(/At its peak the after version holds [\d,]+ bytes less \(\d+% less\)\./);
    expect(ok.reply.images.map((i) => i.name)).toEqual(["memsim-before.png", "memsim-after.png"]);
    const bad = await answer(c.accept({ kind: "command", command: "compare", options: { before: "a = 1\n", after: "a = = 1\n" }, who }));
    expect(bad.reply.private).toBe(true);
    expect(text(bad.reply)).toContain("Python could not read the program marked After:");
    const half = await answer(c.accept({ kind: "command", command: "compare", options: { before: "a = 1\n" }, who }));
    expect(text(half.reply)).toBe("Give both programs, before and after (or choose a practice).");
  });

  it("draws a teaching card for every topic, in both languages", async () => {
    const c = core();
    for (const topic of TOPICS) {
      for (const locale of ["en", "zh-CN"] as const) {
        const got = await answer(c.accept({ kind: "command", command: "explain", options: { topic, locale }, who }));
        const body = text(got.reply);
        expect(got.reply.images[0]!.data.subarray(1, 4).toString("latin1"), topic).toBe("PNG");
        expect(body, topic).toMatch(locale === "en" ? /The diagram shows step \d+ of \d+/ : /示意图显示第 \d+ 步/);
        expect(got.reply.buttons[0]!.map((b) => b.label)).toEqual(locale === "en" ? ["Run this example", "Run in 中文"] : ["运行这个示例", "用 English 运行"]);
      }
    }
  });

  it("measures the point each card makes on its live example", async () => {
    const c = core();
    const card = async (topic: string) => text((await answer(c.accept({ kind: "command", command: "explain", options: { topic }, who }))).reply);
    expect(await card("generators")).toMatch(/The list of 1,000 numbers takes 8,056 bytes; the generator takes \d+ bytes/);
    expect(await card("call-stack")).toContain("At its deepest, the stack held 5 frames.");
    expect(await card("gc")).toMatch(/2 objects \(\d+ bytes\) were freed while it ran/);
  });

  it("adds the top advice with its measured saving and the checked rewrite", async () => {
    const engine = await sharedPythonEngine();
    const simulator = inlineSimulator();
    const c = core({ simulator, advisor: findingsAdvisor(simulator, (source) => engine.parse(source)) });
    const code = 'words = ["a", "bb", "ccc", "dddd"]\ntext = ""\nfor w in words:\n    text += w\nprint(text)\n';
    const got = await answer(c.accept(run(code)));
    const body = text(got.reply);
    expect(body).toContain("Best practice for this program");
    expect(body).toMatch(/Line 4: /);
    expect(got.reply.blocks.some((b) => b.kind === "code" && b.language === "diff" && b.code.includes("join"))).toBe(true);
    expect(body).toMatch(/Both versions ran and printed the same output/);
  });
});
