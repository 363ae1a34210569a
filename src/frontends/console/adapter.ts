/**
 * The console adapter: `/memsim` commands typed in a terminal, parsed by the chat layer and
 * answered by the same command layer as Discord. Pictures and files are written to a folder
 * and their paths printed; buttons become choices that keep one number on every screen; a
 * form becomes prompts (paste,
 * then a line with ".").
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { basename, join, relative, resolve } from "node:path";
import { createInterface, type Interface } from "node:readline";
import {
  decodeAction,
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
  type ReplyButton,
  type Who,
} from "../../chat/index.js";
import { chosenLocale } from "../../chat/core.js";
import { notice } from "../../chat/reply.js";
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

/**
 * The number each kind of choice keeps on every screen, by the action its button carries and
 * its place among the reply's buttons of that action (◀ comes before ▶): 1 is always ◀ Back,
 * 5 always the other language. Actions not listed here get numbers after these.
 */
const CHOICE_NUMBERS: Readonly<Record<string, number>> = {
  "step#0": 1,
  "step#1": 2,
  "gif#0": 3,
  "more#0": 4,
  "lang#0": 5,
  "compare#0": 5,
  "card#0": 5,
  "page#0": 6,
  "page#1": 7,
  "open#0": 8,
  "open#1": 9,
  "example#0": 10,
};

/** A reply's buttons with the numbers they keep. */
export function numberedChoices(buttons: readonly ReplyButton[]): [number, ReplyButton][] {
  const seen = new Map<string, number>();
  let extra = Math.max(...Object.values(CHOICE_NUMBERS));
  return buttons.map((b) => {
    const name = decodeAction(b.id)?.do ?? "";
    const nth = seen.get(name) ?? 0;
    seen.set(name, nth + 1);
    return [CHOICE_NUMBERS[`${name}#${nth}`] ?? ++extra, b];
  });
}

/** The highest number that starts a file name in the folder (`012-memsim-step-3.png`), 0 when none does. */
export function highestNumber(dir: string): number {
  let names: string[] = [];
  try {
    names = readdirSync(dir);
  } catch {
    // no folder yet: nothing written before
  }
  return names.reduce((high, name) => Math.max(high, Number(/^(\d+)-/.exec(name)?.[1] ?? 0)), 0);
}

/** A program file named on the command line, read when the command runs. */
function fileAttachment(path: string): ChatAttachment {
  let size = 0;
  try {
    size = statSync(path).size;
  } catch {
    // a file that vanishes before it is read is reported by the command layer
  }
  return { name: basename(path), size, read: async () => readFileSync(path) };     // bytes: the chat layer reads them as CPython would
}

/** Why a path named as a program cannot be one: no such file, or a folder. */
function pathProblem(path: string): "chat.console.noFile" | "chat.console.folder" | undefined {
  try {
    return statSync(path).isDirectory() ? "chat.console.folder" : undefined;
  } catch {
    return "chat.console.noFile";
  }
}

/** Whether the invocation runs a program from a command or the run form (it can be run again with input). */
function runsProgram(invocation: Invocation): boolean {
  if (invocation.kind === "command") return invocation.command === "run";
  return invocation.kind === "form" && decodeAction(invocation.formId)?.do === "form-run";
}

/** The invocation again, with the lines input() reads. */
function withInput(invocation: Invocation, lines: string[]): Invocation {
  const stdin = lines.join("\n");
  if (invocation.kind === "command") return { ...invocation, options: { ...invocation.options, stdin } };
  if (invocation.kind === "form") return { ...invocation, values: { ...invocation.values, stdin } };
  return invocation;
}

export function createConsoleAdapter(options: ConsoleAdapterOptions): ConsoleAdapter {
  const style: Style = (options.color ?? (options.output as NodeJS.WriteStream).isTTY === true) ? ANSI : PLAIN;
  // the one person at a console manages its one channel
  const mayManage = async (channel: ChannelRef) => channel.platform === CONSOLE_CHANNEL.platform && channel.id === CONSOLE_CHANNEL.id;
  const who: Who = { userId: "console", channelId: CONSOLE_CHANNEL.id, locale: options.locale, channel: CONSOLE_CHANNEL, mayManage };
  let rl: Interface | undefined;
  let lines: AsyncIterator<string> | undefined;
  let loop: Promise<void> | undefined;
  let markClosed!: () => void;
  const closed = new Promise<void>((resolve) => (markClosed = resolve));
  /** the choices on offer, by the number each keeps */
  const choices = new Map<number, ReplyButton>();
  /** the language of the last reply: the console's own words follow it */
  let locale: Locale = options.locale;
  let written: number | undefined;
  let posted = 0;
  /** the prompt is showing: the console waits for a command */
  let waiting = false;

  const tr = (): Translator => translator(locale);
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

  /** Writes a picture or file under the next free number: earlier sessions' files are kept. */
  function save(name: string, data: Buffer): string {
    mkdirSync(options.outDir, { recursive: true });
    written ??= highestNumber(options.outDir);
    for (;;) {
      written += 1;
      const path = resolve(join(options.outDir, `${String(written).padStart(3, "0")}-${basename(name)}`));
      try {
        writeFileSync(path, data, { flag: "wx" });
        return path;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      }
    }
  }

  function listChoices(): void {
    if (!choices.size) return;
    const t = tr();
    write(t.t("chat.console.choices"));
    const sorted = [...choices].sort(([a], [b]) => a - b);
    write(sorted.map(([n, b]) => `  [${n}] ${b.disabled ? t.t("chat.console.unavailable", { label: b.label }) : b.label}`).join("\n"));
  }

  /**
   * Prints an answer. A refusal (`offer` false) leaves the choices as they were; a new public
   * reply (a run, a card) starts them afresh; any other reply adds its own (the step list's
   * pages beside the run's steps). `brief`: only the step's part (a step of the run on screen).
   */
  function show(answer: Answer, how: { offer?: boolean; brief?: boolean } = {}): void {
    const r = answer.reply;
    locale = r.locale ?? locale;
    const t = tr();
    const blocks = how.brief && r.stepPart !== undefined ? r.blocks.slice(0, r.stepPart) : r.blocks;
    write("");
    if (blocks.length) write(toTerminal(blocks, style));
    for (const img of r.images) write(style.dim(t.t("chat.console.picture", { path: shown(save(img.name, img.data)), alt: safe(img.alt) })));
    for (const f of r.files) write(style.dim(t.t("chat.console.file", { path: shown(save(f.name, f.data)), description: safe(f.description) })));
    const buttons = r.buttons.flat();
    if ((how.offer ?? true) && buttons.length) {
      if (answer.placement === "new" && !r.private) choices.clear();
      for (const [n, b] of numberedChoices(buttons)) choices.set(n, b);
      listChoices();
    }
    write("");
  }

  /** Asks for a form's fields; an optional one is filled from the command's option of its name, or left out. */
  async function fill(form: Form, given: Record<string, unknown>): Promise<Invocation | undefined> {
    write(style.bold(form.title));
    const values: Record<string, string> = {};
    for (const field of form.fields) {
      if (!field.required) {
        if (typeof given[field.id] === "string") values[field.id] = given[field.id] as string;
        continue;
      }
      write(field.multiline ? tr().t("chat.console.paste", { label: field.label, end: END_OF_PASTE }) : `${field.label}:`);
      const got = field.multiline ? await pasted() : await nextLine().then((l) => (l === undefined ? undefined : [l]));
      if (got === undefined) return undefined;
      values[field.id] = got.join("\n");
    }
    return { kind: "form", formId: form.id, values, who };
  }

  /** Lines up to one holding only END_OF_PASTE (undefined: the input ended first). */
  async function pasted(): Promise<string[] | undefined> {
    const got: string[] = [];
    for (;;) {
      const line = await nextLine();
      if (line === undefined) return undefined;
      if (line.trim() === END_OF_PASTE) return got;
      got.push(line);
    }
  }

  async function act(invocation: Invocation): Promise<void> {
    const acceptance: Acceptance = options.core.accept(invocation);
    if (acceptance.kind === "form") {
      const submitted = await fill(acceptance.form, invocation.kind === "command" ? invocation.options : {});
      if (submitted) await act(submitted);
      return;
    }
    if (acceptance.kind === "answer") return show(acceptance.answer);
    write(style.dim(tr().t("chat.console.working")));
    const answer: Answer = await acceptance.finish();
    const wanted = answer.reply.wantsInput;
    if (wanted && runsProgram(invocation)) {
      // the program reads input it was not given: ask for the lines, and run it again with them
      locale = answer.reply.locale ?? locale;
      write("");
      write(tr().t("chat.console.stdin", { line: wanted.line, end: END_OF_PASTE }));
      const given = await pasted();
      if (given?.length) return act(withInput(invocation, given));
    }
    const action = invocation.kind === "button" ? decodeAction(invocation.actionId) : undefined;
    show(answer, { brief: action?.do === "step" });
  }

  /** A choice typed by its number: pressed, or told what can be typed instead. */
  async function choose(n: number): Promise<void> {
    const t = tr();
    const button = choices.get(n);
    const refuse = (text: string) => show(notice(text), { offer: false });
    if (!choices.size) return refuse(t.t("chat.console.noChoices"));
    if (!button) return refuse(t.t("chat.console.noChoice", { n, numbers: [...choices.keys()].sort((x, y) => x - y).join(", ") }));
    if (button.disabled) return refuse(t.t("chat.console.choiceOff", { label: button.label }));
    return act({ kind: "button", actionId: button.id, who });
  }

  async function handle(line: string): Promise<void> {
    if (/^\d+$/.test(line)) return choose(Number(line));
    let problem: { key: string; path: string } | undefined;
    const attach = (word: string) => {
      const path = resolve(word);
      const why = pathProblem(path);
      if (why) problem ??= { key: why, path: word };
      return fileAttachment(path);
    };
    // the console's one channel is its only one, by any of its names
    const channel = (word: string) => (/^#?console$/i.test(word) ? CONSOLE_CHANNEL : undefined);
    const parsed = parseTextCommand(line, { who, fallbackLocale: options.locale, attach, channel });
    if (parsed.kind === "none") return void write(tr().t("chat.console.unknown"));
    // a path that names no file is told first: the checks of its name would only confuse
    if (problem) {
      const t = translator(parsed.kind === "refused" ? (parsed.answer.reply.locale ?? locale) : chosenLocale(parsed.invocation.kind === "command" ? parsed.invocation.options.locale : undefined, undefined, locale));
      return show(notice(t.t(problem.key, { path: problem.path, folder: process.cwd() })), { offer: false });
    }
    if (parsed.kind === "refused") return show(parsed.answer, { offer: false });
    return act(parsed.invocation);
  }

  async function read(): Promise<void> {
    write(tr().t("chat.console.welcome", { end: END_OF_PASTE }));
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
    write(tr().t("chat.console.bye"));
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
      show({ reply, placement: "new" });
      posted += 1;
      if (waiting) prompt();
      return { channel, id: String(posted) };
    },
    async edit(message, reply) {
      requirePlatform(message.channel, CONSOLE_CHANNEL.platform);
      // a terminal cannot change what it printed: the message comes again, as it is now
      show({ reply, placement: "update" });
      if (waiting) prompt();
    },
  };
}
