/**
 * The Discord bot end to end: the real discord.js client logged in to a local Discord
 * (test/frontends/discord/fake), receiving slash commands, modals, button presses and
 * context-menu commands, and answering with attachments.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { DEFAULT_LIMITS, NO_LIMITS, readChannelRef, type ChatCore, type Invocation, type Reply, type SimulationResult, type Simulator } from "../../../src/chat/index.js";
import { createDiscordAdapter } from "../../../src/frontends/discord/index.js";
import { adapterContract } from "../contract.js";
import { DiscordHarness, seenOf, startBot, type Bot } from "./harness.js";
import { CALLBACK, EPHEMERAL, startFakeDiscord, type FakeUser } from "./fake/server.js";
import { inlineSimulator } from "../../helpers.js";
import { HeldSimulator } from "../held.js";

adapterContract("discord", ({ simulator, limits }) => DiscordHarness.create(simulator, limits), () => ({ simulator: inlineSimulator(), limits: NO_LIMITS }));

/** Counts the programs it ran (to see a press after a restart run its program again). */
class CountingSimulator implements Simulator {
  runs = 0;
  languages: string[] = [];
  constructor(private readonly inner: Simulator) {}
  run(source: string, request: Parameters<Simulator["run"]>[1]): Promise<SimulationResult> {
    this.runs++;
    this.languages.push(request.language);
    return this.inner.run(source, request);
  }
}

describe("the Discord bot", () => {
  let bot: Bot;
  beforeAll(async () => {
    bot = await startBot({ simulator: inlineSimulator(), limits: NO_LIMITS });
  });
  afterAll(async () => {
    await bot?.stop();
  });

  it("acknowledges within Discord's 3 seconds: the defer goes out before a slow simulation ends", async () => {
    const held = new HeldSimulator(inlineSimulator());
    const slow = await startBot({ simulator: held, limits: NO_LIMITS });
    try {
      const i = slow.fake.slash("run", { code: "x = [1, 2, 3]\n" });
      await held.started;
      // the simulation has begun and cannot end until released: the defer is already out
      expect(i.callbackType).toBe(CALLBACK.deferReply);
      expect(i.outcome()).toBeUndefined();
      held.release();
      const out = await i.settled();
      expect(held.finished).toBe(1);
      expect(out.steps.map((s) => s.what)).toEqual(["callback", "edit"]);
      expect(out.message!.attachments[0]!.filename).toBe("memsim-step-1.png");
    } finally {
      held.release();
      await slow.stop();
    }
  });

  it("waits out a rate limit and still answers (discord.js retries after Discord's 429)", async () => {
    const before = bot.fake.requests.length;
    bot.fake.rateLimitNext(/^PATCH \/webhooks\/\d+\/[^/]+\/messages\/@original$/, 0.3);
    const out = await bot.fake.slash("run", { code: "x = [1, 2, 3]\n" }).settled();
    expect(out.message!.attachments[0]!.filename).toBe("memsim-step-1.png");
    const edits = bot.fake.requests.slice(before).filter((r) => r.method === "PATCH").map((r) => r.status);
    expect(edits).toEqual([429, 200]);
  });

  it("resumes its gateway session after a dropped connection, and misses nothing sent meanwhile", async () => {
    const identifies = bot.fake.gatewayLog.identifies;
    const resumes = bot.fake.gatewayLog.resumes;
    bot.fake.dropGateway();
    // a command sent while the connection is down waits for the resume
    const i = bot.fake.slash("run", { code: "y = 'hi'\n" });
    await vi.waitFor(() => expect(bot.fake.gatewayLog.resumes).toBe(resumes + 1), { timeout: 15_000, interval: 50 });
    const out = await i.settled();
    expect(out.message!.content).toContain("y");
    expect(bot.fake.gatewayLog.identifies).toBe(identifies);
  });

  it("runs the code block of a message from its context menu", async () => {
    const content = "Why is this slow?\n```py\nparts = []\nfor i in range(3):\n    parts.append(str(i))\n```\nthanks!";
    const seen = seenOf(await bot.fake.contextMenu("Simulate memory", content).settled());
    expect(seen.plain).toContain("What the program did to memory");
    expect(seen.images[0]!.alt).toContain("parts");
    const none = await bot.fake.contextMenu("Simulate memory", "```js\nconsole.log(1)\n```").settled();
    expect(none.ephemeral).toBe(true);
    expect(none.message!.content).toContain("holds no Python or C code");
    const c = seenOf(await bot.fake.contextMenu("Simulate memory", "Does this leak?\n```c\n#include <stdlib.h>\nint main(void) {\n    int *p = malloc(12);\n    return 0;\n}\n```").settled());
    expect(c.plain).toContain("Allocated 1 heap block (12 bytes asked for)");
  });

  it("runs pasted code as C when the language option says c, and says which language won when the block says otherwise", async () => {
    const asked = seenOf(await bot.fake.slash("run", { code: "int main(void) {\n    int x = 7;\n    return x;\n}\n", language: "c" }).settled());
    expect(asked.plain).toContain("exit status");
    expect(asked.plain).not.toContain("ran it as");
    const marked = seenOf(await bot.fake.slash("run", { code: "```c\nint main(void) {\n    return 0;\n}\n```", language: "python" }).settled());
    expect(marked.plain).toContain("The code block is marked as C, so memsim ran it as C, not as Python as the language option says.");
    const guessed = seenOf(await bot.fake.slash("run", { code: "#include <stdio.h>\nint main(void) {\n    printf(\"hi\\n\");\n    return 0;\n}\n" }).settled());
    expect(guessed.plain).toContain("this program reads as C");
    expect(guessed.plain).toContain("hi");
    const bad = seenOf(await bot.fake.slash("run", { code: "int main(void) {\n    return y;\n}\n", language: "c" }).settled());
    expect(bad.plain).toContain("This C program does not compile");
    expect(bad.plain).toContain("The compiler could not read line 2");
    expect(bad.plain).not.toContain("Python");
    // compare measures Python's practices: a C side is refused kindly
    const compared = await bot.fake.slash("compare", { before: "```c\nint main(void) { return 0; }\n```", after: "x = 1\n" }).settled();
    expect(compared.ephemeral).toBe(true);
    expect(compared.message!.content).toContain("Compare measures Python programs, and the program marked Before looks like C.");
  });

  it("opens a two-field modal for /memsim compare and compares what is pasted", async () => {
    const form = await bot.fake.slash("compare", { locale: "zh-CN" }).settled();
    expect(form.steps[0]).toEqual({ what: "callback", type: CALLBACK.modal });
    expect(form.modal!.title).toBe("比较两个程序");
    expect((form.modal!.components as { label: string }[]).map((c) => c.label)).toEqual(["修改前", "修改后"]);
    const before = "s = ''\nfor c in 'abcdef':\n    s += c\n";
    const after = "s = ''.join('abcdef')\n";
    const out = seenOf(await bot.fake.submitModal(form.modal!, { before, after }).settled());
    expect(out.plain).toContain("实测差别");
    expect(out.images.map((i) => i.alt.slice(0, 4))).toEqual(["修改前：", "修改后："]);
  });

  it("answers a Chinese Discord user in Chinese unless the command says otherwise", async () => {
    const li: FakeUser = { id: "1300000000000000002", username: "li", locale: "zh-CN" };
    const zh = seenOf(await bot.fake.slash("run", { code: "a = [1]\n" }, li).settled());
    expect(zh.plain).toContain("程序对内存做了什么");
    const en = seenOf(await bot.fake.slash("run", { code: "a = [1]\n", locale: "en" }, li).settled());
    expect(en.plain).toContain("What the program did to memory");
  });

  it("keeps mentions silent and output fences from breaking the reply", async () => {
    const code = 'print("@everyone look <@1300000000000000002>")\nprint("```")\nprint("**not bold** _x_")\n';
    const out = await bot.fake.slash("run", { code }).settled();
    const content = out.message!.content;
    expect(out.message!.allowed_mentions).toEqual({ parse: [] });
    expect(content.split("```").length % 2).toBe(1);
    expect(content).toMatch(/```text\n@everyone look <@1300000000000000002>\n`\u200b``\n\*\*not bold\*\* _x_\n```/);
    expect(bot.fake.mentionsDisabledEverywhere()).toBe(true);
  });

  it("puts long output into an attachment, never a wall of text", async () => {
    const out = await bot.fake.slash("run", { code: "for i in range(300):\n    print('line', i)\n" }).settled();
    const m = out.message!;
    expect(m.content.length).toBeLessThanOrEqual(2000);
    const file = m.attachments.find((a) => a.filename === "output.txt")!;
    expect(file.data.toString("utf8").split("\n")).toHaveLength(301);
    expect(plainLines(m.content)).toContain("The output has 300 lines; all of it is in output.txt.");
  });

  it("refuses a file that is not a program, saying what to attach", async () => {
    const attachment = bot.fake.upload("notes.txt", "hello");
    const out = await bot.fake.slash("run", { file: { attachment } }).settled();
    expect(out.ephemeral).toBe(true);
    expect(out.message!.content).toContain("attach a file whose name ends in .py or .c");
    const h = bot.fake.upload("list.h", "struct node { int value; };\n", "text/x-c");
    const said = await bot.fake.slash("run", { file: { attachment: h } }).settled();
    expect(said.ephemeral).toBe(true);
    expect(said.message!.content).toContain("list.h is a C header, not a program memsim can run. Run the C program itself (.c)");
  });

  it("checks options even when Discord did not (a crafted payload)", async () => {
    const out = await bot.fake.slash("explain", { topic: "malloc" }).settled();
    expect(out.steps[0]).toEqual({ what: "callback", type: CALLBACK.reply });
    expect(out.message!.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(out.message!.content).toContain("The option topic can be one of: stack, heap");
  });

  it("pages through the full step list in place", async () => {
    const long = await bot.fake.slash("run", { code: "total = 0\nfor i in range(30):\n    total += i * i\n" }).settled();
    const more = await bot.fake.press(long.message!, "Explain more").settled();
    expect(more.ephemeral).toBe(true);
    expect(plainLines(more.message!.content)).toMatch(/Every step, page 1 of (\d+)/);
    expect(more.message!.attachments.map((a) => a.filename)).toEqual(["memsim-steps-en.txt"]);
    const page2 = await bot.fake.press(more.message!, "Page ▶").settled();
    expect(page2.steps[0]).toEqual({ what: "callback", type: CALLBACK.deferUpdate });
    expect(page2.message!.id).toBe(more.message!.id);
    expect(plainLines(page2.message!.content)).toMatch(/page 2 of/);
  });

  it("tells a button of a forgotten run to run it again", async () => {
    const seen = seenOf(await bot.fake.slash("run", { code: "a = 1\nb = [a]\n" }).settled());
    const message = seen.ref as Parameters<typeof bot.fake.press>[0];
    const forged = { ...message, components: [{ type: 1, components: [{ type: 2, custom_id: "ms1:step:AAAAAAAAAAAA:0:en", label: "old", style: 2 }] }] };
    const out = await bot.fake.press(forged, "old").settled();
    expect(out.ephemeral).toBe(true);
    expect(out.message!.content).toContain("This run is no longer stored");
  });

  it("posts to a channel with no command: an ordinary public message, its picture described, mentions off", async () => {
    const channel = { platform: "discord", workspace: bot.fake.place.guildId, id: bot.fake.place.channelId };
    const picture = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const reply: Reply = {
      blocks: [{ kind: "text", spans: ["@everyone: which line copies the list?"] }],
      images: [{ name: "memsim-question.png", data: picture, alt: "Two names on one list" }],
      files: [],
      buttons: [],
      private: true,
    };
    const before = bot.fake.requests.length;
    const posted = await bot.adapter.post(channel, reply);
    const message = bot.fake.posted.find((m) => m.id === posted.id)!;
    expect(message.channel_id).toBe(channel.id);
    expect(message.interaction_id).toBeUndefined();
    expect(message.flags & EPHEMERAL).toBe(0);
    expect(message.attachments.map((a) => [a.filename, a.description, a.data.equals(picture)])).toEqual([["memsim-question.png", "Two names on one list", true]]);
    expect(message.allowed_mentions).toEqual({ parse: [] });
    expect(bot.fake.requests.slice(before).map((r) => `${r.method} ${r.path} ${r.status}`)).toContain(`POST /api/v10/channels/${channel.id}/messages 200`);
    await expect(bot.adapter.post({ ...channel, id: "1299999999999999999" }, reply)).rejects.toMatchObject({ name: "PostError", code: "post-channel" });
  });

  it("never sends anything Discord would refuse, nor calls an endpoint it lacks", () => {
    expect(bot.fake.rejected).toEqual([]);
    expect(bot.fake.unhandled).toEqual([]);
  });
});

function plainLines(content: string): string {
  return content.replace(/^-# /gm, "").replace(/\\(.)/g, "$1").replace(/\*\*/g, "");
}

describe("where a command came from", () => {
  it("is told to the chat layer as a workspace and a channel reference that a later post can use", async () => {
    const fake = await startFakeDiscord();
    const seen: Invocation[] = [];
    const core: ChatCore = {
      accept(invocation) {
        seen.push(invocation);
        return { kind: "answer", answer: { reply: { blocks: [{ kind: "text", spans: ["noted"] }], images: [], files: [], buttons: [] }, placement: "new" } };
      },
    };
    const adapter = createDiscordAdapter({ core, token: fake.token, apiUrl: fake.apiUrl });
    await adapter.start();
    try {
      await fake.slash("help").settled();
      const who = seen[0]!.who;
      expect(who).toMatchObject({ userId: fake.alice.id, channelId: fake.place.channelId, workspaceId: fake.place.guildId });
      expect(who.channel).toEqual({ platform: "discord", workspace: fake.place.guildId, id: fake.place.channelId });
      // stored as JSON (as a subscription would be), read back, and posted to
      const stored = readChannelRef(JSON.stringify(who.channel))!;
      const posted = await adapter.post(stored, { blocks: [{ kind: "text", spans: ["a question for today"] }], images: [], files: [], buttons: [] });
      expect(fake.posted.map((m) => [m.id, m.channel_id, m.content])).toEqual([[posted.id, fake.place.channelId, "a question for today"]]);
    } finally {
      await adapter.stop();
      await fake.close();
    }
  });
});

describe("buttons after a restart", () => {
  const dir = mkdtempSync(join(tmpdir(), "memsim-restart-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("still step through a run, from its persisted id alone", async () => {
    const dbPath = join(dir, "chat.sqlite");
    const { startFakeDiscord } = await import("./fake/server.js");
    const fake = await startFakeDiscord();
    const first = await import("../../../src/chat/index.js");
    const before = await startBot({ simulator: inlineSimulator(), store: first.openRunStore(dbPath), limits: NO_LIMITS }, fake);
    const reply = await fake.slash("run", { code: "xs = [1, 2, 3]\nys = xs[1:]\nzs = ys + xs\n" }).settled();
    // a C program known as C only by its code block's tag
    const cReply = await fake.slash("run", { code: "```c\n#include <stdlib.h>\nint main(void) {\n    char *s = malloc(24);\n    free(s);\n    return 0;\n}\n```" }).settled();
    await before.stop();

    // a fresh module graph: nothing held in memory survives, as after a process restart
    vi.resetModules();
    const chat = await import("../../../src/chat/index.js");
    const counting = new CountingSimulator(inlineSimulator());
    const after = await startBot({ simulator: counting, store: chat.openRunStore(dbPath), limits: NO_LIMITS }, fake);
    try {
      const back = await fake.press(reply.message!, "◀ Back").settled();
      expect(back.steps[0]).toEqual({ what: "callback", type: CALLBACK.deferUpdate });
      expect(plainLines(back.message!.content)).toContain("Step 2 of 3");
      expect(counting.runs).toBe(1);
      const again = await fake.press(back.message!, "◀ Back").settled();
      expect(plainLines(again.message!.content)).toContain("Step 1 of 3");
      expect(counting.runs).toBe(1);
      // the stored run kept its language: run again as C, not as Python
      const cBack = await fake.press(cReply.message!, "◀ Back").settled();
      // (it opened on main's return, the last step with main's frame on the stack)
      expect(plainLines(cBack.message!.content)).toContain("Step 4 of 6 · line 4: `free(s);`");
      expect(counting.languages).toEqual(["python", "c"]);
      expect(fake.gatewayLog.identifies).toBe(2);
    } finally {
      await after.stop();
      await fake.close();
    }
  });
});

describe("fair use", () => {
  it("answers a flood of 20 commands from one user: one runs, the rest are told to wait", async () => {
    const frozen = () => 1_000_000;
    const bot = await startBot({ simulator: inlineSimulator(), limits: DEFAULT_LIMITS, now: frozen });
    try {
      const interactions = Array.from({ length: 20 }, (_, n) => bot.fake.slash("run", { code: `n = ${n}\nitems = [n] * 3\n` }));
      const outcomes = await Promise.all(interactions.map((i) => i.settled()));
      const ran = outcomes.filter((o) => o.message!.attachments.length > 0);
      const told = outcomes.filter((o) => o.ephemeral);
      expect(ran.length).toBeGreaterThanOrEqual(1);
      expect(ran.length).toBeLessThanOrEqual(DEFAULT_LIMITS.userBurst);
      expect(told).toHaveLength(20 - ran.length);
      const cooldowns = told.filter((o) => /You are going fast: try again in \d+ s\./.test(o.message!.content));
      const running = told.filter((o) => o.message!.content.includes("Your previous program is still running"));
      expect(cooldowns.length + running.length).toBe(told.length);
      expect(running.length).toBeGreaterThan(0);
      // a refusal is an immediate private reply, never a deferred one
      for (const o of told) expect(o.steps[0]).toEqual({ what: "callback", type: CALLBACK.reply });
    } finally {
      await bot.stop();
    }
  });

  it("cools a user down after a burst of runs, one after another", async () => {
    const frozen = () => 2_000_000;
    const bot = await startBot({ simulator: inlineSimulator(), limits: DEFAULT_LIMITS, now: frozen });
    try {
      const outcomes = [];
      for (let n = 0; n < DEFAULT_LIMITS.userBurst + 2; n++) outcomes.push(await bot.fake.slash("run", { code: `k = ${n}\n` }).settled());
      expect(outcomes.map((o) => o.ephemeral)).toEqual([...Array(DEFAULT_LIMITS.userBurst).fill(false), true, true]);
      expect(outcomes.at(-1)!.message!.content).toBe("You are going fast: try again in 5 s.");
    } finally {
      await bot.stop();
    }
  });

  it("limits a busy channel across users", async () => {
    const frozen = () => 5_000_000;
    const bot = await startBot({ simulator: inlineSimulator(), limits: { ...DEFAULT_LIMITS, channelBurst: 2 }, now: frozen });
    try {
      const users = [1, 2, 3].map((n) => ({ id: `14000000000000000${n}`, username: `u${n}`, locale: "en-US" }));
      const outcomes = [];
      for (const u of users) outcomes.push(await bot.fake.slash("run", { code: "a = [1]\n" }, u).settled());
      expect(outcomes.map((o) => o.ephemeral)).toEqual([false, false, true]);
      expect(outcomes[2]!.message!.content).toContain("memsim is busy in this channel right now");
    } finally {
      await bot.stop();
    }
  });
});
