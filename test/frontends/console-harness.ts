/** Drives the console adapter through its input and reads what it prints, for tests. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterAll } from "vitest";
import { canvasDrawer, createChatCore, openRunStore, type ChannelRef, type LimitSettings, type PostedRef, type Reply, type Simulator } from "../../src/chat/index.js";
import { CONSOLE_CHANNEL, createConsoleAdapter, type ConsoleAdapter } from "../../src/frontends/console/index.js";
import type { Harness, Seen } from "./contract.js";
import type { QuizStore } from "../../src/quiz/store/index.js";

const dirs: string[] = [];
export function tempDir(): string {
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
/** a choice listed but not on offer at this step */
const UNAVAILABLE = / \(not available here\)$|（此处不可用）$/;

/** Drives a console session through its input, reading its output up to each prompt. */
export class ConsoleHarness implements Harness {
  readonly privateReplies = false;
  private input = new PassThrough();
  private output = new PassThrough();
  private text = "";
  private prompts = 0;
  private waiters: (() => void)[] = [];
  readonly adapter: ConsoleAdapter;
  readonly channel: ChannelRef = CONSOLE_CHANNEL;
  readonly dir = tempDir();

  /** `outDir`: where pictures go (default: a folder of its own) */
  /** the text of the latest post made with no command (or its latest edit) */
  lastPost: string | undefined;

  /** `quiz`: the daily quiz's store (the quiz then posts into this console) */
  constructor(simulator: Simulator, limits: LimitSettings, options: { outDir?: string; locale?: "en" | "zh-CN"; quiz?: QuizStore } = {}) {
    const core = createChatCore({ simulator, drawer: canvasDrawer(), store: openRunStore(":memory:"), limits, ...(options.quiz ? { quiz: { store: options.quiz } } : {}) });
    this.output.on("data", (chunk) => (this.text += String(chunk)));
    this.adapter = createConsoleAdapter({
      core,
      input: this.input,
      output: this.output,
      outDir: options.outDir ?? join(this.dir, "out"),
      locale: options.locale ?? "en",
      color: false,
      onPrompt: () => {
        this.prompts++;
        for (const w of this.waiters.splice(0)) w();
      },
    });
    void this.adapter.start();
    // what the quiz posts or edits is noted as the channel's latest post
    const noted = async <T>(act: () => Promise<T>): Promise<T> => {
      const from = this.text.length;
      const done = await act();
      this.lastPost = this.text.slice(from);
      return done;
    };
    core.quiz?.connect({ post: (c, r) => noted(() => this.adapter.post(c, r)), edit: (m, r) => noted(() => this.adapter.edit(m, r)) });
  }

  /** The latest post as a reply seen (its choices numbered as the console numbers them). */
  latestPost(): Seen | undefined {
    return this.lastPost === undefined ? undefined : this.seen(this.lastPost);
  }

  /** Posts while the console waits for a command, and returns what it printed before asking again. */
  async post(reply: Reply): Promise<{ seen: Seen; posted: PostedRef }> {
    await this.until(() => this.prompts > 0);
    const mark = this.prompts;
    const from = this.text.length;
    const posted = await this.adapter.post(this.channel, reply);
    await this.until(() => this.prompts > mark);
    return { seen: this.seen(this.text.slice(from)), posted };
  }

  /** Everything the console printed so far. */
  printed(): string {
    return this.text;
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
    const numbers: Record<string, number> = {};
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
      if (choice && !UNAVAILABLE.test(choice[2]!)) {
        buttons.push(choice[2]!);
        numbers[choice[2]!] = Number(choice[1]);
      }
    }
    return { plain: out, images, files, buttons, private: false, ref: numbers };
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
    const n = (seen.ref as Record<string, number>)[label];
    if (n === undefined) throw new Error(`no choice "${label}" in ${JSON.stringify(seen.ref)}`);
    return this.seen(await this.type(String(n)));
  }

  async close(): Promise<void> {
    this.input.end();
    await this.adapter.closed;
  }
}

