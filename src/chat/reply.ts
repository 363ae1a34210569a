/**
 * The one reply model every chat front end shows: text blocks, images, files and buttons.
 * Handlers build these; adapters only translate them (Discord message, Slack blocks,
 * console text). Text is plain: adapters escape it for their own markup.
 */
import type { FormFieldSpec } from "../../commands/memsim.js";
import type { Locale } from "../i18n/index.js";

/** A run of text: plain words, code (shown as code), emphasis, or a person of the platform
 * (shown by name where the platform can, never notifying them). */
export type Span = string | { code: string } | { strong: string } | { user: string };

export type Block =
  /** a heading line */
  | { kind: "title"; spans: Span[] }
  /** a paragraph */
  | { kind: "text"; spans: Span[] }
  | { kind: "bullets"; items: Span[][] }
  /** a block of code or program output, shown verbatim */
  | { kind: "code"; code: string; language?: string }
  /** small print: where sizes come from, notes */
  | { kind: "note"; spans: Span[] };

export interface ReplyImage {
  /** file name with its extension (.png or .gif) */
  name: string;
  data: Buffer;
  /** what the picture shows, for people who cannot see it */
  alt: string;
}

export interface ReplyFile {
  name: string;
  data: Buffer;
  description: string;
}

export interface ReplyButton {
  /** the persisted action id (see customId.ts); the only thing a press sends back */
  id: string;
  label: string;
  style: "primary" | "secondary";
  disabled?: boolean;
}

export interface Reply {
  blocks: Block[];
  images: ReplyImage[];
  files: ReplyFile[];
  /** rows of buttons */
  buttons: ReplyButton[][];
  /** seen only by the person who asked (where the platform can do that) */
  private?: boolean;
  /** the language it is written in (set by the command layer; adapters word their own notes in it) */
  locale?: Locale;
  /** how many of the first `blocks` tell the step shown; the rest tell the whole run (a front
   * end that prints each step anew leaves them out when stepping) */
  stepPart?: number;
  /** the program asked input() for a line it was not given, on this line: a front end that can
   * ask its person for lines may run it again with them */
  wantsInput?: { line: number };
}

/** A form field as the command describes it, with its label and placeholder in the reader's words. */
export type FormField = FormFieldSpec & {
  /** what the field holds already, from the command that opened the form */
  value?: string;
};

/** A form to fill in before the command can run (Discord modal, console prompts). */
export interface Form {
  /** the persisted action id the submission carries */
  id: string;
  title: string;
  fields: FormField[];
  /** the language it is written in (set by the command layer; adapters word their own buttons in it) */
  locale?: Locale;
}

/** Where a reply goes: a new message, or in place of the message whose button was pressed. */
export type Placement = "new" | "update";

/** A finished answer. */
export interface Answer {
  reply: Reply;
  placement: Placement;
}

/**
 * What the command layer tells an adapter right away, before any slow work:
 * show a form, answer now, or acknowledge and wait for `finish`.
 */
export type Acceptance =
  | { kind: "form"; form: Form }
  | { kind: "answer"; answer: Answer }
  | {
      kind: "work";
      /** how to acknowledge: a new (possibly private) message, or an update of the pressed one */
      placement: Placement;
      /** acknowledged privately: the answer is private, or may turn out so; a public answer
       * after a private acknowledgement comes as a new message for everyone */
      private: boolean;
      finish: () => Promise<Answer>;
    };

/** An empty reply to fill in. */
export function reply(blocks: Block[] = [], extra: Partial<Reply> = {}): Reply {
  return { blocks, images: [], files: [], buttons: [], ...extra };
}

/** A short private answer: a kind message that says what to change. */
export function notice(text: Span[] | string, placement: Placement = "new"): Answer {
  const spans = typeof text === "string" ? [text] : text;
  return { reply: reply([{ kind: "text", spans }], { private: true }), placement };
}

/** The plain text of spans (for logs-free length checks and console output). */
export function spanText(spans: Span[]): string {
  return spans.map((s) => (typeof s === "string" ? s : "code" in s ? s.code : "user" in s ? `@${s.user}` : s.strong)).join("");
}

/** A reply as plain text (for the file that holds an answer too long for a message). */
export function plainText(reply: Reply): string {
  const text = reply.blocks.map((b) =>
    b.kind === "code" ? b.code : b.kind === "bullets" ? b.items.map((item) => `- ${spanText(item)}`).join("\n") : spanText(b.spans),
  );
  return text.join("\n\n") + "\n";
}
