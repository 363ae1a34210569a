/** The console adapter: the contract, and what only a terminal does (paths, numbers, pasting). */
import { PassThrough } from "node:stream";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { NO_LIMITS } from "../../src/chat/index.js";
import { start } from "../../src/frontends/start.js";
import { ConsoleHarness, tempDir } from "./console-harness.js";
import { adapterContract } from "./contract.js";
import { quizContract } from "./quiz-contract.js";
import { CONSOLE_CHANNEL } from "../../src/frontends/console/index.js";
import { inlineSimulator } from "../helpers.js";

adapterContract("console", async ({ simulator, limits }) => new ConsoleHarness(simulator, limits), () => ({ simulator: inlineSimulator(), limits: NO_LIMITS }));

describe("the console", () => {
  it("answers a mistyped command with what to change, and keeps the choices on offer", async () => {
    const h = new ConsoleHarness(inlineSimulator(), NO_LIMITS);
    await h.type("/memsim run", "x = [1, 2]", "y = x", ".");
    expect(await h.type("/memsim dance")).toContain("memsim has no command called dance. The commands are: run, explain, compare, help, quiz.");
    expect(await h.type("/memsim run step:two")).toContain("The option step takes a whole number from 1 to 100,000, not two.");
    expect(await h.type("/memsim explain heap stack locale:zh-CN")).toContain("memsim 看不懂 stack。");
    expect(await h.type("1")).toContain("Step 1 of 2");
    await h.close();
  });

  it("stops when asked, after saying goodbye", async () => {
    const h = new ConsoleHarness(inlineSimulator(), NO_LIMITS);
    await h.type("/memsim help");
    await h.adapter.stop();
    await h.adapter.closed;
    expect(h.printed()).toMatch(/Goodbye\.\n$/);
  });

  it("writes pictures to files whose paths it prints, and offers buttons as numbers", async () => {
    const h = new ConsoleHarness(inlineSimulator(), NO_LIMITS);
    const out = await h.type("/memsim run", "x = [1, 2]", "y = x", ".");
    expect(out).toContain("Your program (Python or C): paste it, then end with a line holding only .");
    expect(out).toMatch(/Picture: \S+001-memsim-step-2\.png \(Memory diagram at step 2 of 2/);
    expect(out).toMatch(/\[1\] ◀ Back\n\s+\[2\] Next ▶ \(not available here\)\n\s+\[3\] All steps/);
    const back = await h.type("1");
    expect(back).toContain("Step 1 of 2");
    expect(await h.type("9")).toContain("There is no choice 9: type one of 1, 2, 3, 4, 5, or a /memsim command.");
    expect(await h.type("hello")).toContain("Type a /memsim command");
    await h.close();
  });

  it("says there is no such file, with the path, when a program file is missing", async () => {
    const h = new ConsoleHarness(inlineSimulator(), NO_LIMITS);
    expect(await h.type("/memsim run /nonexistent/prog.py")).toContain("There is no such file: /nonexistent/prog.py. Check the name; a path that does not start with / starts from ");
    expect(await h.type("/memsim run nowhere/prog.txt locale:zh-CN")).toContain("没有这个文件：nowhere/prog.txt。");
    expect(await h.type(`/memsim run ${h.dir}`)).toContain(`${h.dir} is a folder, not a file. Give the path of a .py or .c file inside it.`);
    expect(h.printed()).not.toMatch(/Attach|附上/);
    await h.close();
  });

  it("starts as a console session when no token is set", async () => {
    const dir = tempDir();
    const stdin = new PassThrough();
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let out = "";
    stdout.on("data", (c) => (out += String(c)));
    stdin.end("/memsim help\n/quit\n");
    const env = { MEMSIM_DB: join(dir, "chat.sqlite"), MEMSIM_OUT_DIR: join(dir, "out"), LANG: "zh_CN.UTF-8" };
    expect(await start([], { env, stdin, stdout, stderr })).toBe(0);
    expect(out).toContain("memsim 控制台");
    expect(out).toContain("/memsim compare");
    expect(out).toContain("再见");
  });
});

quizContract(
  "console",
  async ({ simulator, limits, store }) => {
    let h = new ConsoleHarness(simulator, limits, { quiz: store });
    return {
      channel: CONSOLE_CHANNEL,
      // one person at a console, who manages its one channel
      people: ["console"],
      privateReplies: false,
      quiz: async (command, options) => h.command(`quiz ${command}`, options),
      post: async () => h.latestPost(),
      press: (seen, label) => h.press(seen, label),
      async restart() {
        await h.close();
        const before = h.latestPost();
        h = new ConsoleHarness(simulator, limits, { quiz: store });
        // a new console shows nothing of the old one: its person finds the open question again by its choice letters
        if (before) h.lastPost = before.plain;
      },
      close: () => h.close(),
    };
  },
  () => ({ simulator: inlineSimulator(), limits: NO_LIMITS }),
);
