/** `/memsim run`, its form, and every other way a program gets run (message action, examples). */
import { FORMS, MAX_CODE_CHARS, MAX_FILE_BYTES, MAX_STDIN_CHARS, type ProgramLanguage } from "../../../commands/memsim.js";
import { encodeAction, type ActionOf } from "../actions.js";
import { simulationWork, type Context, type Plan } from "../context.js";
import type { ChatAttachment, ChatMessage } from "../invocation.js";
import type { ParsedOptions } from "../options.js";
import { notice, type Answer, type Form } from "../reply.js";
import { codeInMessage, programInMessage } from "../views/text.js";
import { chooseLanguage, languageOfFile, type ChosenLanguage } from "../language.js";
import type { ProgramFrom } from "../offload/jobs.js";
import { noticeText } from "../../session/notices.js";
import { sourceText } from "../source-text.js";
import { flattenedCandidate } from "../flattened.js";

/** Where the program comes from: text at hand, or a file still to be read. */
type Source = string | (() => Promise<string | Answer>);

/** The language to run in: known, or chosen once the program's text (as given, fences and all) is at hand. */
type LanguageOf = ProgramLanguage | ((given: string) => ChosenLanguage);

/**
 * The language of a program given as text or as a file: its file's ending or code block's tag,
 * else the language option (`asked`), else what the text plainly is.
 */
export function languageOf(ctx: Context, asked: ProgramLanguage | undefined, file?: string): (given: string) => ChosenLanguage {
  return (given) => {
    const found = file === undefined ? programInMessage(given) : undefined;
    const mark = file !== undefined ? { file } : found?.tag ? { tag: found.tag } : undefined;
    return chooseLanguage(ctx.tr, asked, mark, found?.code ?? given);
  };
}

/** A form's words in the asker's language. */
export function formFor(ctx: Context, spec: (typeof FORMS)[keyof typeof FORMS], id: string, values: Record<string, string | undefined> = {}): Form {
  return {
    id,
    title: ctx.tr.t(spec.title),
    fields: spec.fields.map((f) => ({
      ...f,
      label: ctx.tr.t(f.label),
      placeholder: ctx.tr.t(f.placeholder),
      ...(values[f.id] ? { value: values[f.id]!.slice(0, f.maxLength) } : {}),
    })),
  };
}

/** Code as people paste it: a fenced block is unwrapped, Windows line ends are made plain. */
export function cleanSource(text: string): string {
  const unfenced = text.includes("```") ? (codeInMessage(text) ?? "") : text;
  return unfenced.replace(/\r\n?/g, "\n");
}

/** The lines `input()` reads: one per line of the text; a typed \n starts a line too (a one-line option cannot hold a real one). */
export function stdinLines(text: string | undefined): string[] | undefined {
  if (text === undefined || text === "") return undefined;
  const lines = text.replace(/\r\n?/g, "\n").split(/\n|\\n/);
  if (lines.length > 1 && lines.at(-1) === "") lines.pop();
  return lines;
}

function fileText(ctx: Context, name: string, got: Uint8Array | string): string | Answer {
  const read = sourceText(ctx.tr, name, got);
  return "text" in read ? read.text : notice(read.refusal);
}

async function readFile(ctx: Context, file: ChatAttachment): Promise<string | Answer> {
  let got: Uint8Array | string;
  try {
    got = await file.read();
  } catch {
    return notice(ctx.tr.t("chat.run.fileUnreadable", { name: file.name }));
  }
  const text = fileText(ctx, file.name, got);
  if (typeof text !== "string") return text;
  if (Buffer.byteLength(text) > MAX_FILE_BYTES) return notice(ctx.tr.t("chat.invalid.fileSize", { option: "file", name: file.name, max: ctx.tr.bytes(MAX_FILE_BYTES) }));
  return text;
}

/**
 * Runs a program and answers with its reply (a new message, public). `step` is 1-based;
 * `label` names where the program came from (a topic's example, a comparison side).
 */
export function planRun(ctx: Context, source: Source, languageOf: LanguageOf, step?: number, label?: string, stdin?: string[], from?: ProgramFrom): Plan {
  const given = typeof source === "string" ? cleanSource(source) : undefined;
  // told at once, before anything is shown in the channel
  if (given !== undefined && !given.trim()) return { kind: "answer", answer: notice(ctx.tr.t("chat.run.empty")) };
  // answers that may turn out a private note: a file may be refused, words may be no program,
  // one line may be a program flattened by the option
  const unsure = given === undefined || from === "text" || (from === "option" && flattenedCandidate(given) !== undefined);
  return simulationWork(async () => {
    const got = typeof source === "string" ? source : await source();
    if (typeof got !== "string") return got;
    const text = given ?? cleanSource(got);
    if (!text.trim()) return notice(ctx.tr.t("chat.run.empty"));
    const { language, note } = typeof languageOf === "string" ? { language: languageOf, note: undefined } : languageOf(got);
    const result = await ctx.simulate(text, language, stdin);
    if (!result.ok) return notice(noticeText(result.error, ctx.tr));
    const { store } = ctx.services;
    const run = store.save({ kind: "run", language, locale: ctx.locale, source: text, userId: ctx.who.userId, ...(label ? { label } : {}), ...(stdin ? { stdin } : {}) });
    return ctx.reply({ view: "run", trace: result.handle, run, ...(step !== undefined ? { step: step - 1, asked: step } : {}), ...(from ? { from } : {}), ...(note ? { notes: [note] } : {}), placement: "new" });
  }, unsure);
}

/** `/memsim run`: code from the option or a file, or a form when neither was given. */
export function runCommand(ctx: Context, options: ParsedOptions): Plan {
  const language = options.language as ProgramLanguage | undefined;
  const step = options.step as number | undefined;
  const code = options.code as string | undefined;
  const file = options.file as ChatAttachment | undefined;
  const stdin = stdinLines(options.stdin as string | undefined);
  if (code !== undefined && file !== undefined) return { kind: "answer", answer: notice(ctx.tr.t("chat.run.codeAndFile")) };
  if (code === undefined && file === undefined) {
    const explicit = options.locale as "en" | "zh-CN" | undefined;
    const id = encodeAction({ do: "form-run", locale: explicit, step, language });
    // input() lines given with the command are in the form's field already, one to a line
    const given = (options.stdin as string | undefined)?.replace(/\\n/g, "\n");
    return { kind: "form", form: formFor(ctx, FORMS.run, id, { stdin: given }) };
  }
  // Discord's one-line option turns a program's line breaks into spaces
  if (code !== undefined) return planRun(ctx, code, languageOf(ctx, language), step, undefined, stdin, code.includes("\n") ? undefined : "option");
  return planRun(ctx, () => readFile(ctx, file!), languageOf(ctx, language, file!.name), step, undefined, stdin);
}

/** The run form, submitted. */
export function runForm(ctx: Context, action: ActionOf<"form-run">, values: Record<string, string>): Plan {
  const code = values.code ?? "";
  if (code.length > MAX_CODE_CHARS) return { kind: "answer", answer: notice(ctx.tr.t("chat.invalid.tooLong", { option: "code", max: MAX_CODE_CHARS, length: code.length })) };
  const input = values.stdin ?? "";
  if (input.length > MAX_STDIN_CHARS) return { kind: "answer", answer: notice(ctx.tr.t("chat.run.stdinTooLong", { max: MAX_STDIN_CHARS, length: input.length })) };
  return planRun(ctx, code, languageOf(ctx, action.language), action.step, undefined, stdinLines(values.stdin));
}

/** "Simulate memory" on a message: its code block, else a .py or .c file on it, else its plain text. */
export function simulateMessage(ctx: Context, message: ChatMessage): Plan {
  const file = message.attachments.find((a) => languageOfFile(a.name) !== undefined);
  const fenced = message.content.includes("```");
  const fromFile = (f: ChatAttachment) => planRun(ctx, () => readFile(ctx, f), languageOf(ctx, undefined, f.name));
  if (file && !fenced) return fromFile(file);
  const found = programInMessage(message.content);
  if (found === undefined) return file ? fromFile(file) : { kind: "answer", answer: notice(ctx.tr.t("chat.message.noCode")) };
  const code = found.code;
  if (code.length > MAX_CODE_CHARS) return { kind: "answer", answer: notice(ctx.tr.t("chat.invalid.tooLong", { option: "code", max: MAX_CODE_CHARS, length: code.length })) };
  // a message's own words, neither fenced nor marked as code, may be no program at all
  const marked = fenced || /^`[^`]+`$/.test(message.content.trim());
  if (!marked && /^[\p{L}_][\p{L}\p{N}_]*[.!?]*$/u.test(message.content.trim())) return { kind: "answer", answer: notice(ctx.tr.t("chat.message.noCodeText")) };
  const language = chooseLanguage(ctx.tr, undefined, found.tag ? { tag: found.tag } : undefined, code);
  return planRun(ctx, code, () => language, undefined, undefined, undefined, marked ? undefined : "text");
}

/** "Run this example" on a teaching card. */
export function runExample(ctx: Context, source: string, label: string): Plan {
  return planRun(ctx, source, "python", undefined, label);
}
