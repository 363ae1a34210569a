/**
 * The console adapter: `/memsim` commands typed in a terminal, through the same command
 * layer as Discord. Pictures and files are written to a folder and their paths printed;
 * buttons become numbered choices; a form becomes prompts (paste, then a line with ".").
 */
import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { basename, join, relative, resolve } from "node:path";
import { createInterface } from "node:readline";
import { SUBCOMMANDS, type SubcommandName } from "../../../commands/memsim.js";
import type { Acceptance, Answer, ChatAttachment, ChatCore, Form, Invocation, ReplyButton, Who } from "../../chat/index.js";
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

export interface ConsoleAdapter {
  /** Reads commands until the input ends or `/quit`. */
  run(): Promise<void>;
}

/** The line that ends a pasted program. */
export const END_OF_PASTE = ".";

/** Words of a command line; quotes keep spaces inside one word. */
export function tokenize(line: string): string[] {
  const out: string[] = [];
  const re = /(\S+?):(?:"((?:[^"\\]|\\.)*)"|'([^']*)')|"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g;
  const unescape = (t: string) => t.replace(/\\(.)/g, "$1");
  for (let m = re.exec(line); m; m = re.exec(line)) {
    if (m[1] !== undefined) out.push(`${m[1]}:${m[2] !== undefined ? unescape(m[2]) : m[3]}`);
    else out.push(m[4] !== undefined ? unescape(m[4]) : (m[5] ?? m[6] ?? ""));
  }
  return out;
}

function fileAttachment(path: string): ChatAttachment {
  let size = 0;
  try {
    size = statSync(path).size;
  } catch {
    // a missing file is reported when it is read, in the learner's words
  }
  return { name: basename(path), size, read: async () => readFileSync(path, "utf8") };
}

/** The invocation a typed command stands for, or undefined when it is not a /memsim command. */
export function parseCommand(line: string, who: Who): Invocation | undefined {
  const [head, sub, ...rest] = tokenize(line);
  if (head !== "/memsim" || !sub || !(SUBCOMMANDS as string[]).includes(sub)) return undefined;
  const options: Record<string, unknown> = {};
  const positional = { run: "file", explain: "topic", compare: "practice", help: undefined }[sub as SubcommandName];
  for (const token of rest) {
    const colon = token.indexOf(":");
    if (colon > 0 && /^[a-z]+$/.test(token.slice(0, colon))) options[token.slice(0, colon)] = token.slice(colon + 1);
    else if (positional) options[positional] = token;
    else options[token] = "";
  }
  if (sub === "run" && typeof options.file === "string") options.file = fileAttachment(options.file);
  return { kind: "command", command: sub as SubcommandName, options, who };
}

export function createConsoleAdapter(options: ConsoleAdapterOptions): ConsoleAdapter {
  const tr: Translator = translator(options.locale);
  const style: Style = (options.color ?? (options.output as NodeJS.WriteStream).isTTY === true) ? ANSI : PLAIN;
  const who: Who = { userId: "console", channelId: "console", locale: options.locale };
  const rl = createInterface({ input: options.input, crlfDelay: Infinity, terminal: false });
  const lines = rl[Symbol.asyncIterator]();
  let choices: ReplyButton[] = [];
  let written = 0;

  const write = (text: string) => options.output.write(text.endsWith("\n") ? text : `${text}\n`);
  const nextLine = async (): Promise<string | undefined> => {
    const r = await lines.next();
    return r.done ? undefined : r.value;
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

  function show(answer: Answer): void {
    const r = answer.reply;
    // the console's own words follow the reply's language (a command may ask for another)
    const tr = translator(r.locale ?? options.locale);
    write("");
    if (r.blocks.length) write(toTerminal(r.blocks, style));
    for (const img of r.images) write(style.dim(tr.t("chat.console.picture", { path: shown(save(img.name, img.data)), alt: safe(img.alt) })));
    for (const f of r.files) write(style.dim(tr.t("chat.console.file", { path: shown(save(f.name, f.data)), description: safe(f.description) })));
    choices = r.buttons.flat().filter((b) => !b.disabled);
    if (choices.length) {
      write(tr.t("chat.console.choices"));
      write(choices.map((b, i) => `  [${i + 1}] ${b.label}`).join("\n"));
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
    if (acceptance.kind === "answer") return show(acceptance.answer);
    write(style.dim(tr.t("chat.console.working")));
    show(await acceptance.finish());
  }

  async function handle(line: string): Promise<void> {
    const number = /^\d+$/.test(line) ? Number(line) : undefined;
    if (number !== undefined) {
      const button = choices[number - 1];
      if (!button) return void write(tr.t("chat.console.noChoice", { max: choices.length }));
      return act({ kind: "button", actionId: button.id, who });
    }
    const invocation = parseCommand(line, who);
    if (!invocation) return void write(tr.t("chat.console.unknown"));
    return act(invocation);
  }

  return {
    async run() {
      write(tr.t("chat.console.welcome", { end: END_OF_PASTE }));
      for (;;) {
        options.output.write("memsim> ");
        options.onPrompt?.();
        const line = await nextLine();
        if (line === undefined) break;
        const text = line.trim();
        if (!text) continue;
        if (text === "/quit" || text === "/exit") break;
        await handle(text);
      }
      write(tr.t("chat.console.bye"));
      rl.close();
    },
  };
}
