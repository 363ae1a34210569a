/** The console adapter: the contract, and what only a terminal does (paths, numbers, pasting). */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { canvasDrawer, createChatCore, engineSimulator, NO_LIMITS, openRunStore, type LimitSettings, type Simulator } from "../../src/chat/index.js";
import { createConsoleAdapter, parseCommand, tokenize } from "../../src/frontends/console/index.js";
import { start } from "../../src/frontends/start.js";
import { adapterContract, type Harness, type Seen } from "./contract.js";

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "memsim-console-"));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const IMAGE = /^(?:Picture: (\S+) \((.*)\)|图片：(\S+?)（(.*)）)$/;
const FILE = /^(?:File: |文件：)(\S+)/;
const CHOICE = /^\s+\[(\d+)\] (.+)$/;

/** Drives a console session through its input, reading its output up to each prompt. */
export class ConsoleHarness implements Harness {
  readonly privateReplies = false;
  private input = new PassThrough();
  private output = new PassThrough();
  private text = "";
  private prompts = 0;
  private waiters: (() => void)[] = [];
  private done: Promise<void>;
  readonly dir = tempDir();

  constructor(simulator: Simulator, limits: LimitSettings) {
    const core = createChatCore({ simulator, drawer: canvasDrawer(), store: openRunStore(":memory:"), limits });
    this.output.on("data", (chunk) => (this.text += String(chunk)));
    const adapter = createConsoleAdapter({
      core,
      input: this.input,
      output: this.output,
      outDir: join(this.dir, "out"),
      locale: "en",
      color: false,
      onPrompt: () => {
        this.prompts++;
        for (const w of this.waiters.splice(0)) w();
      },
    });
    this.done = adapter.run();
  }

  /** Types lines and returns what the console printed before it asked for the next command. */
  async type(...lines: string[]): Promise<string> {
    await this.until(() => this.prompts > 0);
    const mark = this.prompts;
    const from = this.text.length;
    this.input.write(lines.map((l) => `${l}\n`).join(""));
    await this.until(() => this.prompts > mark);
    return this.text.slice(from);
  }

  private until(done: () => boolean): Promise<void> {
    if (done()) return Promise.resolve();
    return new Promise((resolve) => {
      const check = () => (done() ? resolve() : this.waiters.push(check));
      this.waiters.push(check);
    });
  }

  private seen(out: string): Seen {
    const lines = out.split("\n");
    const images: Seen["images"] = [];
    const files: Seen["files"] = [];
    const buttons: string[] = [];
    for (const line of lines) {
      const img = IMAGE.exec(line);
      if (img) {
        const path = img[1] ?? img[3]!;
        images.push({ name: path.replace(/^.*\/\d{3}-/, ""), alt: img[2] ?? img[4]!, data: readFileSync(path) });
        continue;
      }
      const file = FILE.exec(line);
      if (file) files.push({ name: file[1]!.replace(/^.*\/\d{3}-/, ""), data: readFileSync(file[1]!) });
      const choice = CHOICE.exec(line);
      if (choice) buttons.push(choice[2]!);
    }
    return { plain: out, images, files, buttons, private: false, ref: buttons };
  }

  async run(code: string, options: { locale?: string; step?: number } = {}): Promise<Seen> {
    const opts = Object.entries(options).map(([k, v]) => `${k}:${v}`);
    return this.seen(await this.type(["/memsim run", ...opts].join(" "), ...code.replace(/\n$/, "").split("\n"), "."));
  }

  runForm(code: string): Promise<Seen> {
    return this.run(code);
  }

  async runFile(name: string, content: string): Promise<Seen> {
    const path = join(this.dir, name);
    writeFileSync(path, content);
    return this.seen(await this.type(`/memsim run ${path}`));
  }

  async command(sub: string, options: Record<string, string | number> = {}): Promise<Seen> {
    const opts = Object.entries(options).map(([k, v]) => `${k}:${v}`);
    return this.seen(await this.type([`/memsim ${sub}`, ...opts].join(" ")));
  }

  async press(seen: Seen, label: string): Promise<Seen> {
    const index = (seen.ref as string[]).indexOf(label);
    if (index < 0) throw new Error(`no choice "${label}" in ${JSON.stringify(seen.ref)}`);
    return this.seen(await this.type(String(index + 1)));
  }

  async close(): Promise<void> {
    this.input.end();
    await this.done;
  }
}

adapterContract("console", async ({ simulator, limits }) => new ConsoleHarness(simulator, limits), () => ({ simulator: engineSimulator(), limits: NO_LIMITS }));

describe("the console", () => {
  it("reads options written as name:value, with quotes for spaces", () => {
    expect(tokenize('/memsim compare before:"a = 1" after:\'b\' locale:zh-CN')).toEqual(["/memsim", "compare", "before:a = 1", "after:b", "locale:zh-CN"]);
    const inv = parseCommand("/memsim explain heap locale:zh-CN", { userId: "u", channelId: "c" });
    expect(inv).toMatchObject({ kind: "command", command: "explain", options: { topic: "heap", locale: "zh-CN" } });
    expect(parseCommand("/memsim dance", { userId: "u", channelId: "c" })).toBeUndefined();
  });

  it("writes pictures to files whose paths it prints, and offers buttons as numbers", async () => {
    const h = new ConsoleHarness(engineSimulator(), NO_LIMITS);
    const out = await h.type("/memsim run", "x = [1, 2]", "y = x", ".");
    expect(out).toContain("Your Python program: paste it, then end with a line holding only .");
    expect(out).toMatch(/Picture: \S+001-memsim-step-2\.png \(Memory diagram at step 2 of 2/);
    expect(out).toMatch(/\[1\] ◀ Back\n\s+\[2\] All steps/);
    const back = await h.type("1");
    expect(back).toContain("Step 1 of 2");
    expect(await h.type("9")).toContain("There is no such choice: type a number from 1 to");
    expect(await h.type("hello")).toContain("Type a /memsim command");
    await h.close();
  });

  it("says kindly when a program file is missing", async () => {
    const h = new ConsoleHarness(engineSimulator(), NO_LIMITS);
    const out = await h.type("/memsim run /nonexistent/prog.py");
    expect(out).toContain("memsim could not read prog.py");
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
