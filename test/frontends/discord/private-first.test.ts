/**
 * Nothing public before the answer is known to be public: work whose answer may turn out a
 * private note (a message's words, a one-line option, a file) is acknowledged privately,
 * and a public answer then comes as a message of its own. Checked on what the local Discord
 * was sent: the acknowledgement's flags and every message shown, "thinking…" included.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NO_LIMITS } from "../../../src/chat/index.js";
import { translator } from "../../../src/i18n/index.js";
import { plain, seenOf, startBot, type Bot } from "./harness.js";
import { CALLBACK, EPHEMERAL, type FakeInteraction, type Outcome } from "./fake/server.js";
import { engine, inlineSimulator } from "../../helpers.js";

const NO_CODE = "No code here: that message reads as ordinary words";

describe("a Discord answer that may turn out private", () => {
  let bot: Bot;
  beforeAll(async () => {
    const python = await engine();
    bot = await startBot({ simulator: inlineSimulator(), limits: NO_LIMITS, parse: (source) => python.parse(source) });
  });
  afterAll(async () => {
    await bot?.stop();
  });

  /** Runs the interaction to its end, and checks it was acknowledged in Discord's 3 seconds. */
  async function settle(i: FakeInteraction): Promise<Outcome> {
    const out = await i.settled();
    expect(bot.fake.late.filter((l) => l.id === i.id)).toEqual([]);
    return out;
  }

  /** Nobody but the asker saw anything: no public "thinking…", no public message, ever. */
  function privateThroughout(i: FakeInteraction, what: string): void {
    expect(i.everPublic, `${what}: shown ${JSON.stringify(i.shown)}`).toBe(false);
    if (i.callbackType === CALLBACK.deferReply || i.callbackType === CALLBACK.reply) expect(i.ackFlags & EPHEMERAL, what).toBe(EPHEMERAL);
  }

  it("answers Simulate memory on ordinary words privately, with no public thinking… first", async () => {
    for (const content of ["hello there, how are you?", "Thanks, that fixed it! See you tomorrow.", "thanks!"]) {
      const i = bot.fake.contextMenu("Simulate memory", content);
      const out = await settle(i);
      privateThroughout(i, content);
      expect(out.ephemeral, content).toBe(true);
      expect(plain(out.message!.content), content).toContain(NO_CODE);
    }
  });

  it("answers words that look a little like code, but are none, the same way", async () => {
    for (const content of ["for each item in my list: print it", "print the list(s) please", "x = what?"]) {
      const i = bot.fake.contextMenu("Simulate memory", content);
      const out = await settle(i);
      privateThroughout(i, content);
      expect(plain(out.message!.content), content).toContain(NO_CODE);
      expect(plain(out.message!.content), content).not.toContain("Python could not read");
    }
  });

  it("still answers a message's code block for everyone, acknowledged publicly", async () => {
    const i = bot.fake.contextMenu("Simulate memory", "Why is this slow?\n```py\nparts = []\nfor n in range(3):\n    parts.append(str(n))\n```");
    const out = await settle(i);
    expect(i.callbackType).toBe(CALLBACK.deferReply);
    expect(i.ackFlags & EPHEMERAL).toBe(0);
    expect(out.ephemeral).toBe(false);
    expect(out.steps.map((s) => s.what)).toEqual(["callback", "edit"]);
    expect(plain(out.message!.content)).toContain("What the program did to memory");
    // a code block that Python cannot read is code all the same: its error is shown to everyone
    const wrong = await settle(bot.fake.contextMenu("Simulate memory", "```py\nx = = 1\n```"));
    expect(wrong.ephemeral).toBe(false);
    expect(plain(wrong.message!.content)).toContain("Python could not read this program");
  });

  it("posts a program written as a message's plain words for everyone, after a private thinking…", async () => {
    const i = bot.fake.contextMenu("Simulate memory", "a = [1, 2]\nb = a");
    const out = await settle(i);
    expect(i.ackFlags & EPHEMERAL).toBe(EPHEMERAL);
    expect(out.ephemeral).toBe(false);
    expect(plain(out.message!.content)).toContain("What the program did to memory");
    // the private placeholder went first (else the follow-up would have taken its place, and stayed private)
    expect(out.steps.map((s) => s.what)).toEqual(["callback", "delete", "followup"]);
    const placeholder = i.original!;
    expect(bot.fake.messages.has(placeholder.id)).toBe(false);
    expect(out.message!.id).not.toBe(placeholder.id);
    expect(bot.fake.messages.get(out.message!.id)).toBe(out.message);
    // what others saw: the answer alone, never a "thinking…"; the asker saw a private one
    expect(i.shown[0]).toEqual({ message: placeholder.id, ephemeral: true, loading: true });
    expect(i.shown.filter((s) => !s.ephemeral)).toEqual([{ message: out.message!.id, ephemeral: false, loading: false }]);
    // its buttons are the asker's: a press changes it in place
    const step = out.message!.components.flatMap((r) => r.components).find((b) => ["◀ Back", "Next ▶"].includes(b.label) && !b.disabled)!;
    const next = await settle(bot.fake.press(out.message!, step.label));
    expect(next.steps[0]).toEqual({ what: "callback", type: CALLBACK.deferUpdate });
    expect(next.ephemeral).toBe(false);
    expect(next.message!.id).toBe(out.message!.id);
  });

  it("tells a program flattened onto the one-line code option privately, before and after", async () => {
    for (const code of ["def f(): x = 1 return x", "x = 1 y = 2"]) {
      const i = bot.fake.slash("run", { code });
      const out = await settle(i);
      privateThroughout(i, code);
      expect(plain(out.message!.content), code).toContain("arrived on one line");
    }
    // one statement on one line cannot be a flattened program: acknowledged for everyone at once
    const i = bot.fake.slash("run", { code: "x = = 1" });
    const mistake = await settle(i);
    expect(i.ackFlags & EPHEMERAL).toBe(0);
    expect(mistake.ephemeral).toBe(false);
    expect(mistake.steps.map((s) => s.what)).toEqual(["callback", "edit"]);
  });

  it("refuses a file it cannot read privately throughout, and posts a readable one for everyone", async () => {
    const gbk = Buffer.from([0xc4, 0xe3, 0xba, 0xc3]);
    const refused = bot.fake.slash("run", { file: { attachment: bot.fake.upload("gbk.py", Buffer.concat([Buffer.from("s = '"), gbk, Buffer.from("'\n")])) } });
    const told = await settle(refused);
    privateThroughout(refused, "a GBK file");
    expect(plain(told.message!.content)).toContain("Save it as UTF-8");
    const good = bot.fake.slash("run", { file: { attachment: bot.fake.upload("good.py", "nums = [1, 2, 3]\n") } });
    const out = await settle(good);
    expect(out.ephemeral).toBe(false);
    expect(good.shown.filter((s) => !s.ephemeral).map((s) => s.message)).toEqual([out.message!.id]);
  });

  it("tells an empty program at once, privately, with nothing to wait for", async () => {
    const form = await settle(bot.fake.slash("run", {}));
    const i = bot.fake.submitModal(form.modal!, { code: "  \n   \n" });
    const out = await settle(i);
    expect(i.callbackType).toBe(CALLBACK.reply);
    privateThroughout(i, "an empty form");
    expect(plain(out.message!.content)).toBe(translator("en").t("chat.run.empty"));
  });
});
