/**
 * The console adapter: `/memsim` commands typed in a terminal, parsed by the chat layer and
 * answered by the same command layer as Discord. Pictures and files are written to a folder
 * and their paths printed; buttons become numbered choices; a form becomes prompts (paste,
 * then a line with ".").
 */
import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { basename, join, relative, resolve } from "node:path";
import { createInterface, type Interface } from "node:readline";
import {
  parseTextCommand,
  requirePlatform,
  type Acceptance,
  type Answer,
  type ChannelRef,
  type ChatAdapter,
  type ChatAttachment,
  type ChatCore,
  type Form,
  type Invocation,
  type Reply,
  type ReplyButton,
  type Who,
} from "../../chat/index.js";
import { translator, type Locale, type Translator } from "../../i18n/index.js";
import { ANSI, PLAIN, safe, toTerminal, type Style } from "./render.js";

export interface ConsoleAdapterOptions {
  core: ChatCore;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** where pictures and files are written */
  outDir: string;
  locale: Locale;
  /** colour and bold (default: when the output is a terminal) */
  color?: boolean;
  /** called each time the console waits for a command (tests wait on it) */
  onPrompt?: () => void;
}

/** A console session: it reads commands from `start()` until the input ends, `/quit`, or `stop()`. */
export type ConsoleAdapter = ChatAdapter;

/** The console's one channel: the terminal it prints to. */
export const CONSOLE_CHANNEL: ChannelRef = { platform: "console", id: "console" };

/** The line that ends a pasted program. */
export const END_OF_PASTE = ".";

/** A program file named on the command line, read when the command runs. */
function fileAttachment(path: string): ChatAttachment {
  let size = 0;
  try {
    size = statSync(path).size;
  } catch {
    // a missing file is reported when it is read, in the learner's words
  }
  return { name: basename(path), size, read: async () => readFileSync(path, "utf8") };
}

export function createConsoleAdapter(options: ConsoleAdapterOptions): ConsoleAdapter {
  const tr: Translator = translator(options.locale);
  const style: Style = (options.color ?? (options.output as NodeJS.WriteStream).isTTY === true) ? ANSI : PLAIN;
  const who: Who = { userId: "console", channelId: CONSOLE_CHANNEL.id, locale: options.locale, channel: CONSOLE_CHANNEL };
  let rl: Interface | undefined;
  let lines: AsyncIterator<string> | undefined;
  let loop: Promise<void> | undefined;
  let markClosed!: () => void;
  const closed = new Promise<void>((resolve) => (markClosed = resolve));
  let choices: ReplyButton[] = [];
  let written = 0;
  let posted = 0;
  /** the prompt is showing: the console waits for a command */
  let waiting = false;

  const write = (text: string) => options.output.write(text.endsWith("\n") ? text : `${text}\n`);
  const prompt = () => {
    options.output.write("memsim> ");
    options.onPrompt?.();
  };
  const nextLine = async (): Promise<string | undefined> => {
    const r = await lines?.next();
    return !r || r.done ? undefined : r.value;
  };
  const shown = (path: string) => {
    const rel = relative(process.cwd(), path);
    return rel.startsWith("..") ? path : rel;
  };

  function save(name: string, data: Buffer): string {
    mkdirSync(options.outDir, { recursive: true });
    written += 1;
    const path = resolve(join(options.outDir, `${String(written).padStart(3, "0")}-${basename(name)}`));
    writeFileSync(path, data);
    return path;
  }

  /** Prints a reply; `offer`: its buttons become the numbered choices (a refusal keeps the ones before). */
  function show(r: Reply, offer = true): void {
    // the console's own words follow the reply's language (a command may ask for another)
    const tr = translator(r.locale ?? options.locale);
    write("");
    if (r.blocks.length) write(toTerminal(r.blocks, style));
    for (const img of r.images) write(style.dim(tr.t("chat.console.picture", { path: shown(save(img.name, img.data)), alt: safe(img.alt) })));
    for (const f of r.files) write(style.dim(tr.t("chat.console.file", { path: shown(save(f.name, f.data)), description: safe(f.description) })));
    if (offer) {
      choices = r.buttons.flat().filter((b) => !b.disabled);
      if (choices.length) {
        write(tr.t("chat.console.choices"));
        write(choices.map((b, i) => `  [${i + 1}] ${b.label}`).join("\n"));
      }
    }
    write("");
  }

  async function fill(form: Form): Promise<Invocation | undefined> {
    write(style.bold(form.title));
    const values: Record<string, string> = {};
    for (const field of form.fields) {
      write(field.multiline ? tr.t("chat.console.paste", { label: field.label, end: END_OF_PASTE }) : `${field.label}:`);
      const got: string[] = [];
      for (;;) {
        const line = await nextLine();
        if (line === undefined) return undefined;
        if (!field.multiline) {
          got.push(line);
          break;
        }
        if (line.trim() === END_OF_PASTE) break;
        got.push(line);
      }
      values[field.id] = got.join("\n");
    }
    return { kind: "form", formId: form.id, values, who };
  }

  async function act(invocation: Invocation): Promise<void> {
    const acceptance: Acceptance = options.core.accept(invocation);
    if (acceptance.kind === "form") {
      const submitted = await fill(acceptance.form);
      if (submitted) await act(submitted);
      return;
    }
    if (acceptance.kind === "answer") return show(acceptance.answer.reply);
    write(style.dim(tr.t("chat.console.working")));
    const answer: Answer = await acceptance.finish();
    show(answer.reply);
  }

  async function handle(line: string): Promise<void> {
    const parsed = parseTextCommand(line, { who, fallbackLocale: options.locale, choices, attach: fileAttachment });
    if (parsed.kind === "none") return void write(tr.t("chat.console.unknown"));
    if (parsed.kind === "refused") return show(parsed.answer.reply, false);
    return act(parsed.invocation);
  }

  async function read(): Promise<void> {
    write(tr.t("chat.console.welcome", { end: END_OF_PASTE }));
    for (;;) {
      prompt();
      waiting = true;
      const line = await nextLine();
      waiting = false;
      if (line === undefined) break;
      const text = line.trim();
      if (!text) continue;
      if (text === "/quit" || text === "/exit") break;
      await handle(text);
    }
    write(tr.t("chat.console.bye"));
    rl?.close();
  }

  return {
    platform: CONSOLE_CHANNEL.platform,
    closed,
    async start() {
      if (loop) return;
      rl = createInterface({ input: options.input, crlfDelay: Infinity, terminal: false });
      lines = rl[Symbol.asyncIterator]();
      loop = read().finally(markClosed);
    },
    async stop() {
      // closing the reader ends the loop once the command under way has been answered
      if (!loop) return markClosed();
      rl?.close();
      await loop;
    },
    async post(channel, reply) {
      requirePlatform(channel, CONSOLE_CHANNEL.platform);
      show(reply);
      posted += 1;
      if (waiting) prompt();
      return { channel, id: String(posted) };
    },
  };
}
