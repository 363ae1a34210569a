/**
 * What a newcomer meets first in the Discord bot, through the real discord.js client and the
 * local Discord: help with the limits in force, presses on someone else's reply, program
 * files in the encodings people save them in, messages with no code, one-line programs.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_LIMITS } from "../../../src/chat/index.js";
import { seenOf, startBot, type Bot } from "./harness.js";
import type { FakeUser } from "./fake/server.js";
import { engine, inlineSimulator } from "../../helpers.js";

const bob: FakeUser = { id: "1300000000000000077", username: "bob", locale: "en-US" };

describe("the Discord bot, as a newcomer meets it", () => {
  let bot: Bot;
  beforeAll(async () => {
    // limits other than the defaults, as an operator sets them
    const python = await engine();
    bot = await startBot({
      simulator: inlineSimulator({ maxSteps: 700, timeLimitMs: 2_500 }),
      limits: { ...DEFAULT_LIMITS, userBurst: 40, channelBurst: 100, userRefillMs: 12_000 },
      parse: (source) => python.parse(source),
    });
  });
  afterAll(async () => {
    await bot?.stop();
  });

  it("tells the limits it runs with in /memsim help, not the defaults", async () => {
    const seen = seenOf(await bot.fake.slash("help").settled());
    expect(seen.private).toBe(true);
    expect(seen.plain).toContain("run for at most 700 steps or 2.5 s");
    expect(seen.plain).toContain("You can start 40 runs in a row; after that, one more every 12 s.");
    expect(seen.plain).not.toContain("5000");
    expect(seen.plain).not.toContain("5,000");
  });

  it("gives someone else's press a private copy at the new step and leaves the asker's reply as it was", async () => {
    const asked = await bot.fake.slash("run", { code: "a = [1]\nb = [2]\nc = [3]\n" }).settled();
    const shared = asked.message!;
    const before = { content: shared.content, edits: shared.edits };
    expect(seenOf(asked).plain).toContain("Step 3 of 3");

    const copy = await bot.fake.press(shared, "◀ Back", bob).settled();
    expect(copy.ephemeral).toBe(true);
    expect(copy.message!.id).not.toBe(shared.id);
    expect(seenOf(copy).plain).toContain("Step 2 of 3");
    expect(bot.fake.messages.get(shared.id)!.content).toBe(before.content);
    expect(bot.fake.messages.get(shared.id)!.edits).toBe(before.edits);

    // the language button too
    const chinese = await bot.fake.press(shared, "Run in 中文", bob).settled();
    expect(chinese.ephemeral).toBe(true);
    expect(seenOf(chinese).plain).toContain("第 3 步");
    expect(bot.fake.messages.get(shared.id)!.content).toBe(before.content);

    // on the private copy, the presser steps in place
    const back = await bot.fake.press(copy.message!, "◀ Back", bob).settled();
    expect(back.message!.id).toBe(copy.message!.id);
    expect(seenOf(back).plain).toContain("Step 1 of 3");

    // the asker still steps their own reply in place
    const own = await bot.fake.press(shared, "◀ Back").settled();
    expect(own.message!.id).toBe(shared.id);
    expect(own.ephemeral).toBe(false);
    expect(seenOf(own).plain).toContain("Step 2 of 3");
  });

  it("gives someone else's press of a teaching card's language button a private copy, and leaves the card as it was", async () => {
    const card = await bot.fake.slash("explain", { topic: "stack" }).settled();
    const shared = card.message!;
    const before = shared.content;
    const label = shared.components.flatMap((r) => r.components).map((b) => b.label).find((l) => l.includes("中文"))!;
    const copy = await bot.fake.press(shared, label, bob).settled();
    expect(copy.ephemeral).toBe(true);
    expect(copy.message!.id).not.toBe(shared.id);
    expect(copy.message!.content).toMatch(/[\u4e00-\u9fff]/);
    expect(bot.fake.messages.get(shared.id)!.content).toBe(before);
    // the one who asked switches their own card in place
    const own = await bot.fake.press(shared, label).settled();
    expect(own.message!.id).toBe(shared.id);
    expect(own.ephemeral).toBe(false);
  });

  it("runs a .py file saved as UTF-8 with a byte-order mark as CPython does, ignoring the mark", async () => {
    const attachment = bot.fake.upload("bom.py", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("word = 'héllo'\nprint(word)\n", "utf8")]));
    const seen = seenOf(await bot.fake.slash("run", { file: { attachment } }).settled());
    expect(seen.private).toBe(false);
    // it ran both lines; the reply opens on the one that changed memory
    expect(seen.plain).toContain("Step 1 of 2 · line 1: word = 'héllo'");
    expect(seen.plain).toContain("Output\nhéllo");
    expect(seen.plain).not.toMatch(/U\+FEFF|could not read/);
  });

  // "s = '你好'" saved by Chinese Windows: GBK bytes
  const gbk = Buffer.concat([Buffer.from("s = '"), Buffer.from([0xc4, 0xe3, 0xba, 0xc3]), Buffer.from("'\nprint(s)\n")]);

  it("refuses a GBK file as Python would, privately, saying to save it as UTF-8", async () => {
    const attachment = bot.fake.upload("gbk.py", gbk);
    const out = await bot.fake.slash("run", { file: { attachment } }).settled();
    expect(out.ephemeral).toBe(true);
    expect(seenOf(out).plain).toContain("gbk.py is saved as GBK (GB18030), the usual choice of Chinese Windows");
    expect(seenOf(out).plain).toContain("Save it as UTF-8");
  });

  it("tells a UTF-16 file (Notepad's \"Unicode\") from a file that is no text at all", async () => {
    const utf16 = bot.fake.upload("unicode.py", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("x = 1\n", "utf16le")]));
    const told = await bot.fake.slash("run", { file: { attachment: utf16 } }).settled();
    expect(told.ephemeral).toBe(true);
    expect(seenOf(told).plain).toContain("unicode.py is saved as UTF-16");
    const picture = bot.fake.upload("picture.py", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0xff, 0x10]));
    const binary = await bot.fake.slash("run", { file: { attachment: picture } }).settled();
    expect(binary.ephemeral).toBe(true);
    expect(seenOf(binary).plain).toContain("picture.py is not a text file");
  });

  it("reads a GBK file that declares its encoding, as Python does", async () => {
    const attachment = bot.fake.upload("declared.py", Buffer.concat([Buffer.from("# -*- coding: gbk -*-\n"), gbk]));
    const seen = seenOf(await bot.fake.slash("run", { file: { attachment } }).settled());
    expect(seen.private).toBe(false);
    expect(seen.plain).toContain("你好");
  });

  it("answers Simulate memory on a message of ordinary words privately: no code here, and what to do", async () => {
    for (const content of ["Thanks, that fixed it! See you tomorrow.", "thanks!"]) {
      const out = await bot.fake.contextMenu("Simulate memory", content).settled();
      expect(out.ephemeral, content).toBe(true);
      expect(seenOf(out).plain, content).toContain("No code here: that message reads as ordinary words");
      expect(seenOf(out).plain).toContain("/memsim run");
      expect(seenOf(out).plain).not.toContain("Python could not read");
    }
    // what nobody else could see: no public message was left behind
    expect([...bot.fake.messages.values()].filter((m) => m.content.includes("Python could not read"))).toHaveLength(0);
    // plain text that is a program still runs, for everyone
    const code = await bot.fake.contextMenu("Simulate memory", "nums = [1, 2, 3]").settled();
    expect(code.ephemeral).toBe(false);
    expect(seenOf(code).plain).toContain("Step 1 of 1");
  });

  it("tells a program flattened onto the one-line code option to use the form or a file", async () => {
    const out = await bot.fake.slash("run", { code: "def f(): x = 1 return x" }).settled();
    expect(out.ephemeral).toBe(true);
    expect(seenOf(out).plain).toContain("arrived on one line");
    expect(seenOf(out).plain).toContain("code left empty to get a form");
    expect(seenOf(out).plain).toContain("attach the program as a .py file");
    // a plain mistake on one line is still shown as Python's error
    const mistake = seenOf(await bot.fake.slash("run", { code: "x = = 1" }).settled());
    expect(mistake.private).toBe(false);
    expect(mistake.plain).toContain("Python could not read this program");
    expect(mistake.plain).not.toContain("arrived on one line");
  });
});
