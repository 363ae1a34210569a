/**
 * The Slack app end to end: the real Bolt app (its Socket Mode client, its HTTP receiver and its
 * Web API client) connected to a local Slack (test/frontends/slack/fake), receiving slash
 * commands, the message shortcut, modals and button presses, and answering with Block Kit
 * messages and uploaded files.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { canvasDrawer, DEFAULT_LIMITS, NO_LIMITS, openRunStore, type Drawer } from "../../../src/chat/index.js";
import { adapterContract } from "../contract.js";
import { inlineSimulator } from "../../helpers.js";
import { HeldSimulator } from "../held.js";
import { createSlackAdapter } from "../../../src/frontends/slack/index.js";
import { pings, startFakeSlack, type FakeSlack } from "./fake/server.js";
import { blockTexts, mark, seenSince, SlackHarness, startSlackBot, type SlackBot } from "./harness.js";

adapterContract("slack", ({ simulator, limits }) => SlackHarness.create(simulator, limits), () => ({ simulator: inlineSimulator(), limits: NO_LIMITS }));

const PROGRAM = "nums = [1, 2, 3]\ncopy = nums[:]\n";

describe("the Slack app over Socket Mode", () => {
  let bot: SlackBot;
  let h: SlackHarness;
  beforeAll(async () => {
    bot = await startSlackBot({ simulator: inlineSimulator(), limits: NO_LIMITS });
    h = new SlackHarness(bot);
  });
  afterAll(async () => {
    await bot?.stop();
  });

  it("acknowledges at once: the ack is back before a slow simulation ends", async () => {
    const held = new HeldSimulator(inlineSimulator());
    const slow = await startSlackBot({ simulator: held, limits: NO_LIMITS });
    try {
      const since = mark(slow.fake);
      // a code block as Slack's composer makes it: the code right after the fence
      await slow.fake.slash(`run \`\`\`${PROGRAM}\`\`\``, slow.fake.users.alice);
      await held.started;
      // acked, the simulation begun and held: nothing is posted yet
      expect(slow.fake.messages.length).toBe(since.messages);
      held.release();
      await slow.adapter.idle();
      const seen = seenSince(slow.fake, since, slow.fake.users.alice);
      expect(seen.plain).toContain("Step 2 of 2");
    } finally {
      held.release();
      await slow.stop();
    }
  });

  it("uploads the PNG that was rendered, byte for byte, with its alt text, right after the message", async () => {
    const rendered: Buffer[] = [];
    const inner = canvasDrawer();
    const drawer: Drawer = { ...inner, step: async (...args) => { const png = await inner.step(...args); rendered.push(png); return png; } };
    const own = await startSlackBot({ simulator: inlineSimulator(), limits: NO_LIMITS, drawer });
    try {
      const seen = await new SlackHarness(own).run(PROGRAM);
      expect(rendered).toHaveLength(1);
      expect(seen.images).toHaveLength(1);
      expect(seen.images[0]!.data.equals(rendered[0]!)).toBe(true);
      const upload = own.fake.calls.filter((c) => c.method === "files.getUploadURLExternal").at(-1)!;
      expect(upload.args.alt_text).toBe(seen.images[0]!.alt);
      const file = own.fake.files.at(-1)!;
      const message = seen.ref as { ts: string };
      expect(file.channel).toBe(own.fake.channel);
      expect(file.threadTs).toBeUndefined();
      expect(Number(file.messageTs)).toBeGreaterThan(Number(message.ts));
    } finally {
      await own.stop();
    }
  });

  it("puts a step's diagram into the thread of the message it updates", async () => {
    const opened = await h.run(PROGRAM);
    const message = opened.ref as { ts: string };
    const back = await h.press(opened, "◀ Back");
    expect(back.ref).toBe(opened.ref);
    expect(back.plain).toContain("Step 1 of 2");
    expect(bot.fake.files.at(-1)!.threadTs).toBe(message.ts);
  });

  it("speaks each person's Slack language, asking Slack once", async () => {
    const zh = new SlackHarness(bot, bot.fake.users.bob);
    const before = bot.fake.calls.filter((c) => c.method === "users.info" && c.args.user === bot.fake.users.bob.id).length;
    const first = await zh.run(PROGRAM);
    const second = await zh.command("help");
    expect(first.plain).toContain("程序对内存做了什么");
    expect(second.plain).toContain("/memsim run");
    expect(second.plain).toMatch(/\p{Script=Han}/u);
    const asked = bot.fake.calls.filter((c) => c.method === "users.info" && c.args.user === bot.fake.users.bob.id);
    expect(asked.length - before).toBeLessThanOrEqual(1);
    expect(asked.at(-1)?.args.include_locale).toBeTruthy();
  });

  it("never pings: mentions in a program and its output are shown as text", async () => {
    const program = "note = '<!channel> <!here> <@U0ALICE> <!subteam^S0TEAM>'\nprint(note)\n";
    const seen = await h.run(program);
    expect(seen.plain).toContain("<!channel> <!here> <@U0ALICE> <!subteam^S0TEAM>");
    const sent = bot.fake.messages.filter((m) => m.user === bot.fake.botUserId);
    expect(sent.length).toBeGreaterThan(0);
    for (const m of sent) {
      expect(pings(m)).toEqual([]);
      for (const text of [m.text, ...blockTexts(m.blocks)]) expect(text).not.toMatch(/<!channel>|<!here>|<@U0ALICE>|<!subteam/);
    }
    // the same words in a message to the app's own Slack would ping: the check can fail
    expect(pings({ ...sent[0]!, text: "<!here>", blocks: [] }).length).toBe(1);
  });

  it("runs the code block of a message from the shortcut, answering in its thread", async () => {
    const message = bot.fake.postAsUser(bot.fake.users.alice, "what does this do?\n```\nxs = [0] * 3\nys = xs\n```");
    const seen = await h.act(() => bot.fake.shortcut(message, bot.fake.users.alice));
    expect(seen.plain).toContain("What the program did to memory");
    expect((seen.ref as { threadTs?: string }).threadTs).toBe(message.ts);
  });

  it("runs the .py file of a message from the shortcut", async () => {
    const message = bot.fake.postAsUser(bot.fake.users.alice, "my homework", [{ name: "hw.py", content: "pair = (1, [2, 3])\n" }]);
    const seen = await h.act(() => bot.fake.shortcut(message, bot.fake.users.alice));
    expect(seen.plain).toContain("Step 1 of 1");
  });

  it("runs the .py file attached to a message that mentions it, answering in that message's thread", async () => {
    const message = bot.fake.postAsUser(bot.fake.users.alice, `<@${bot.fake.botUserId}> run step:1`, [{ name: "lists.py", content: "a = [1]\nb = a + [2]\n" }]);
    const seen = await h.act(() => bot.fake.mentionEvent(message));
    expect(seen.plain).toContain("Step 1 of 2");
    expect((seen.ref as { threadTs?: string }).threadTs).toBe(message.ts);
    const bare = bot.fake.postAsUser(bot.fake.users.alice, `<@${bot.fake.botUserId}> \`\`\`t = (1, 2)\`\`\``);
    expect((await h.act(() => bot.fake.mentionEvent(bare))).plain).toContain("Step 1 of 1");
    const empty = bot.fake.postAsUser(bot.fake.users.alice, `<@${bot.fake.botUserId}> run`);
    const told = await h.act(() => bot.fake.mentionEvent(empty));
    expect(told.private).toBe(true);
    expect(told.plain).toContain("attach its .py or .c file");
    const c = bot.fake.postAsUser(bot.fake.users.alice, `<@${bot.fake.botUserId}> run`, [{ name: "one.c", content: "#include <stdlib.h>\nint main(void) {\n    char *p = malloc(10);\n    free(p);\n    return 0;\n}\n" }]);
    expect((await h.act(() => bot.fake.mentionEvent(c))).plain).toContain("Allocated 1 heap block (10 bytes asked for)");
  });

  it("takes a program typed right after run, and refuses a wrong option as the console does", async () => {
    const typed = await h.act(() => bot.fake.slash("run x = [1, 2] + [3]", bot.fake.users.alice));
    expect(typed.plain).toContain("Step 1 of 1");
    const wrong = await h.act(() => bot.fake.slash("run step:zero ```x = 1```", bot.fake.users.alice));
    expect(wrong.private).toBe(true);
    expect(wrong.plain).toContain("step takes a whole number");
    const unknown = await h.act(() => bot.fake.slash("frobnicate", bot.fake.users.alice));
    expect(unknown.private).toBe(true);
    expect(unknown.plain).toContain("run, explain, compare, help, quiz");
  });

  it("tells kindly when a named file is not in the channel", async () => {
    const seen = await h.act(() => bot.fake.slash("run missing.py", bot.fake.users.alice));
    expect(seen.private).toBe(true);
    expect(seen.plain).toContain("Share the file here first");
  });

  it("splits what a section cannot hold, and moves what a message cannot hold into a text file", async () => {
    const lines = Array.from({ length: 1500 }, (_, i) => `line ${i} of a long output`).join("\n");
    const { seen } = await h.post({ blocks: [{ kind: "title", spans: ["A long answer"] }, { kind: "code", code: lines }], images: [], files: [], buttons: [], locale: "en" });
    const text = seen.files.find((f) => f.name === "memsim-answer.txt");
    expect(text).toBeDefined();
    expect(text!.data.toString("utf8")).toContain("line 1499 of a long output");
    expect(seen.plain).toContain("line 0 of a long output");
    const message = seen.ref as { blocks: { type: string; text?: { text: string } }[] };
    expect(message.blocks.filter((b) => b.type === "section").length).toBeGreaterThan(1);
    for (const b of message.blocks) if (b.text) expect(b.text.text.length).toBeLessThanOrEqual(3000);
  });
});

describe("the Slack app's fair use", () => {
  it("tells the cooldown only to the person who asked", async () => {
    const bot = await startSlackBot({ simulator: inlineSimulator(), limits: { ...DEFAULT_LIMITS, userBurst: 1, userRefillMs: 600_000 } });
    try {
      const h = new SlackHarness(bot);
      const first = await h.run(PROGRAM);
      expect(first.private).toBe(false);
      const second = await h.run(PROGRAM);
      expect(second.private).toBe(true);
      expect(second.plain).toMatch(/\d+ s/);
    } finally {
      await bot.stop();
    }
  });
});

describe("the Slack app after a restart", () => {
  it("keeps the buttons of its earlier messages working", async () => {
    const dir = mkdtempSync(join(tmpdir(), "memsim-slack-"));
    const fake = await startFakeSlack();
    try {
      const first = await startSlackBot({ simulator: inlineSimulator(), limits: NO_LIMITS }, { fake, store: openRunStore(join(dir, "runs.sqlite")) });
      const opened = await new SlackHarness(first).run(PROGRAM);
      await first.stop();
      first.store.close();
      const second = await startSlackBot({ simulator: inlineSimulator(), limits: NO_LIMITS }, { fake, store: openRunStore(join(dir, "runs.sqlite")) });
      try {
        const back = await new SlackHarness(second).press(opened, "◀ Back");
        expect(back.plain).toContain("Step 1 of 2");
      } finally {
        await second.stop();
        second.store.close();
      }
    } finally {
      await fake.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("the Slack app over HTTP", () => {
  let bot: SlackBot;
  let fake: FakeSlack;
  let url: string;
  beforeAll(async () => {
    bot = await startSlackBot({ simulator: inlineSimulator(), limits: NO_LIMITS }, { receiver: "http" });
    fake = bot.fake;
    url = `http://127.0.0.1:${bot.adapter.port}/slack/events`;
  });
  afterAll(async () => {
    await bot?.stop();
  });

  it("answers signed slash commands, modals and presses", async () => {
    const h = new SlackHarness(bot);
    const seen = await h.run(PROGRAM);
    expect(seen.plain).toContain("Step 2 of 2");
    const back = await h.press(seen, "◀ Back");
    expect(back.plain).toContain("Step 1 of 2");
    const formed = await h.runForm(PROGRAM);
    expect(formed.plain).toContain("Step 2 of 2");
    const message = fake.postAsUser(fake.users.alice, "```\nq = [[]] * 2\n```");
    const short = await h.act(() => fake.shortcut(message, fake.users.alice));
    expect(short.plain).toContain("What the program did to memory");
  });

  it("refuses a wrong signature and a stale one, and runs nothing for them", async () => {
    const body = new URLSearchParams({ command: "/memsim", text: "help", user_id: fake.users.alice.id, channel_id: fake.channel, team_id: fake.teamId, response_url: "http://127.0.0.1:9/none", trigger_id: "1.2.3" }).toString();
    const type = "application/x-www-form-urlencoded";
    const before = fake.calls.length;
    const wrong = await fake.signedPost(url, body, type, { secret: "0123456789abcdef0123456789abcdef" });
    expect(wrong.status).toBe(401);
    const stale = await fake.signedPost(url, body, type, { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
    expect(stale.status).toBe(401);
    await bot.adapter.idle();
    expect(fake.calls.slice(before).filter((c) => c.method.startsWith("chat."))).toEqual([]);
    // the same request, signed now and with the right secret, is answered
    const fresh = await fake.signedPost(url, body, type);
    expect(fresh.status).toBe(200);
    // a button press, a modal and a shortcut are checked the same way
    const interactive = [
      { type: "block_actions", user: { id: fake.users.alice.id }, actions: [{ action_id: "memsim-button:0:0", value: "ms1:gif:abcdef:en" }], container: { channel_id: fake.channel, message_ts: "1.2" } },
      { type: "view_submission", user: { id: fake.users.alice.id }, view: { callback_id: "ms1:form-run:::python", private_metadata: JSON.stringify({ channel: fake.channel }), state: { values: { code: { code: { value: "x = 1" } } } } } },
      { type: "message_action", callback_id: "memsim_simulate", user: { id: fake.users.alice.id }, channel: { id: fake.channel }, message: { ts: "1.2", text: "```x = 1```" } },
    ];
    for (const payload of interactive) {
      const form = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
      expect((await fake.signedPost(url, form, type, { secret: "0123456789abcdef0123456789abcdef" })).status).toBe(401);
      expect((await fake.signedPost(url, form, type, { timestamp: Math.floor(Date.now() / 1000) - 301 })).status).toBe(401);
    }
    await bot.adapter.idle();
    expect(fake.calls.slice(before).filter((c) => c.method.startsWith("chat.") || c.method.startsWith("files.")).length).toBe(1);
  });
});

describe("the Slack app's private answers", () => {
  it("turns the page of an ephemeral answer in place, through its response_url", async () => {
    const bot = await startSlackBot({ simulator: inlineSimulator(), limits: NO_LIMITS });
    try {
      const h = new SlackHarness(bot);
      const run = await h.run("total = 0\nfor i in range(40):\n    total += i\n");
      const more = await h.press(run, "Explain more");
      expect(more.private).toBe(true);
      expect(more.plain).toMatch(/Every step, page 1 of \d+/);
      const responses = bot.fake.responses.length;
      const next = await h.press(more, "Page ▶");
      expect(next.ref).toBe(more.ref);
      expect(next.private).toBe(true);
      expect(next.plain).toMatch(/Every step, page 2 of \d+/);
      expect(bot.fake.responses.slice(responses).map((r) => r.body.replace_original)).toEqual([true]);
      // its pictures, when it has some, come in a direct message: the animation of all steps
      const gif = await h.press(run, "All steps");
      const file = bot.fake.files.at(-1)!;
      expect(gif.images[0]!.name).toMatch(/\.gif$/);
      expect(file.channel).toMatch(/^D/);
      expect(gif.plain).toContain("in your direct messages with memsim");
    } finally {
      await bot.stop();
    }
  });

  it("answers another person at once while one simulation is held", async () => {
    const held = new HeldSimulator(inlineSimulator());
    const bot = await startSlackBot({ simulator: held, limits: NO_LIMITS });
    try {
      const since = mark(bot.fake);
      await bot.fake.slash(`run \`\`\`${PROGRAM}\`\`\``, bot.fake.users.alice);
      await held.started;
      // help needs no simulation: bob's answer comes while alice's run is still held
      await bot.fake.slash("help", bot.fake.users.bob);
      await vi.waitFor(() => expect(bot.fake.messages.slice(since.messages).some((m) => m.ephemeral?.user === bot.fake.users.bob.id)).toBe(true), { timeout: 10_000, interval: 20 });
      expect(bot.fake.messages.slice(since.messages).some((m) => m.ephemeral === undefined && m.user === bot.fake.botUserId)).toBe(false);
      held.release();
      await bot.adapter.idle();
    } finally {
      held.release();
      await bot.stop();
    }
  });
});

describe("the Slack app's start", () => {
  it("names the token Slack refused, and never shows it", async () => {
    const fake = await startFakeSlack();
    try {
      const core = { accept: () => { throw new Error("nothing comes in") } };
      const badBot = createSlackAdapter({ core, botToken: "xoxb-not-the-one", apiUrl: fake.apiUrl, receiver: { kind: "socket", appToken: fake.appToken } });
      await expect(badBot.start()).rejects.toThrow(/^Slack refused SLACK_BOT_TOKEN \(invalid_auth\): check that it is the Bot User OAuth Token/);
      const badApp = createSlackAdapter({ core, botToken: fake.botToken, apiUrl: fake.apiUrl, receiver: { kind: "socket", appToken: "xapp-not-the-one" } });
      const error = await badApp.start().then(() => undefined, (e: Error) => e);
      expect(error?.message).toMatch(/^Slack refused SLACK_APP_TOKEN \(invalid_auth\)/);
      expect(error?.message).not.toContain("xapp-not-the-one");
      await badApp.stop();
    } finally {
      await fake.close();
    }
  });
});
