/**
 * A `Reply` as a Slack message (Block Kit sections, notes as context, a row of buttons per
 * actions block, files to upload), and a `Form` as a modal. Nothing here decides what to answer.
 */
import type { ActionsBlock, Button, ContextBlock, InputBlock, KnownBlock, ModalView, SectionBlock } from "@slack/types";
import { plainText as sharedPlainText, type Block, type Form, type Reply, type Span } from "../../chat/index.js";
import { MemsimError } from "../../core/errors.js";
import { translator } from "../../i18n/index.js";
import { codeBlock, escapeMrkdwn, spansToMrkdwn } from "./mrkdwn.js";
import { BUTTON_ACTION } from "./names.js";

/** Slack's limits (Block Kit reference): a text object in a section or context, blocks in a message. */
export const SECTION_CHARS = 3000;
export const MESSAGE_BLOCKS = 50;
/** Slack refuses messages whose blocks are much longer than this (msg_blocks_too_long), below its documented figures. */
export const MESSAGE_CHARS = 12_000;
const ACTIONS_ELEMENTS = 25;
const BUTTON_LABEL = 75;
const BUTTON_VALUE = 2000;
const ALT_TEXT = 1000;
const MODAL_TITLE = 24;
const MODAL_BUTTON = 24;
const INPUT_LABEL = 2000;
const INPUT_CHARS = 3000;
const PLACEHOLDER = 150;
const PRIVATE_METADATA = 3000;
const ANSWER_FILE = "memsim-answer.txt";
const ROW_BLOCK = "memsim-row:";
/** block_id, action_id and callback_id */
const ID_CHARS = 255;

export interface SlackUpload {
  name: string;
  data: Buffer;
  title: string;
  altText?: string;
}

export interface SlackMessage {
  /** plain fallback (notifications, screen readers), escaped too, ≤ 3,000 chars */
  text: string;
  /** sections (mrkdwn), context for notes, actions rows of buttons */
  blocks: KnownBlock[];
  /** reply.images (altText = image.alt) then reply.files, then the overflow text file if any */
  uploads: SlackUpload[];
}

/** A button or form that Slack's limits cannot hold: memsim's own mistake, never the learner's. */
export class SlackLimitError extends MemsimError {
  constructor(message: string) {
    super("slack-limit", message);
    this.name = "SlackLimitError";
  }
}

type Piece = { kind: "section" | "context"; text: string; title?: boolean };

/** Text cut at line ends (then spaces, then anywhere but inside an entity) into parts of at most `limit`. */
export function splitText(text: string, limit = SECTION_CHARS): string[] {
  if (text.length <= limit) return [text];
  const parts: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    let at = rest.lastIndexOf("\n", limit);
    if (at <= 0) at = rest.lastIndexOf(" ", limit);
    if (at <= 0) {
      at = limit;
      const amp = rest.lastIndexOf("&", at);
      if (amp > at - 5 && amp > 0) at = amp;
      else if (/[\ud800-\udbff]/.test(rest[at - 1]!)) at -= 1;
    }
    parts.push(rest.slice(0, at));
    rest = rest.slice(rest[at] === "\n" || rest[at] === " " ? at + 1 : at);
  }
  if (rest) parts.push(rest);
  return parts;
}

/** What a fence adds around code: ``` and a line end on each side, and a zero-width space at either end. */
const FENCES = 10;

/** Code as fenced parts of at most `limit` characters each, cut at line ends. */
export function codeParts(code: string, limit = SECTION_CHARS): string[] {
  const whole = codeBlock(code);
  if (whole.length <= limit) return [whole];
  const parts: string[] = [];
  let chunk: string | undefined;
  for (const line of code.split("\n")) {
    const joined = chunk === undefined ? line : `${chunk}\n${line}`;
    if (codeBlock(joined).length <= limit) {
      chunk = joined;
      continue;
    }
    if (chunk !== undefined) parts.push(codeBlock(chunk));
    chunk = undefined;
    let rest = line;
    // a line too long for one part is cut where its escaped text still fits
    while (codeBlock(rest).length > limit) {
      let n = Math.min(rest.length, limit);
      for (let size = codeBlock(rest.slice(0, n)).length; size > limit; size = codeBlock(rest.slice(0, n)).length) {
        n = Math.max(1, Math.min(n - 1, Math.floor((n * (limit - FENCES)) / size)));
      }
      // never half of a character outside the Basic Multilingual Plane
      if (n > 1 && /[\ud800-\udbff]/.test(rest[n - 1]!)) n -= 1;
      parts.push(codeBlock(rest.slice(0, n)));
      rest = rest.slice(n);
    }
    chunk = rest;
  }
  if (chunk !== undefined) parts.push(codeBlock(chunk));
  return parts;
}

function pieces(b: Block): Piece[] {
  switch (b.kind) {
    case "title":
      return splitText(spansToMrkdwn(b.spans, { strong: true })).map((text) => ({ kind: "section", text, title: true }));
    case "text":
      return splitText(spansToMrkdwn(b.spans)).map((text) => ({ kind: "section", text }));
    case "bullets":
      return splitText(b.items.map((item) => `• ${spansToMrkdwn(item)}`).join("\n")).map((text) => ({ kind: "section", text }));
    case "code":
      return codeParts(b.code).map((text) => ({ kind: "section", text }));
    case "note":
      return splitText(spansToMrkdwn(b.spans)).map((text) => ({ kind: "context", text }));
  }
}

/** Consecutive section pieces share one section while it fits; a title starts a new one. */
function grouped(list: Piece[]): Piece[] {
  const out: Piece[] = [];
  for (const p of list) {
    const last = out.at(-1);
    if (last && last.kind === "section" && p.kind === "section" && !p.title && last.text.length + 1 + p.text.length <= SECTION_CHARS) {
      last.text = `${last.text}\n${p.text}`;
    } else out.push({ ...p });
  }
  return out;
}

function textBlock(p: Piece): SectionBlock | ContextBlock {
  // verbatim: Slack links no channel names, addresses or mentions of its own accord
  const text = { type: "mrkdwn" as const, text: p.text, verbatim: true };
  return p.kind === "section" ? { type: "section", text } : { type: "context", elements: [text] };
}

/** One actions block per row of buttons that can be pressed (Slack buttons cannot be shown disabled). */
function actionRows(reply: Reply, askedBy: string | undefined): ActionsBlock[] {
  const rows: ActionsBlock[] = [];
  reply.buttons.forEach((row, r) => {
    const elements: Button[] = [];
    row.forEach((b, c) => {
      if (b.disabled || elements.length >= ACTIONS_ELEMENTS) return;
      if (b.id.length > BUTTON_VALUE) throw new SlackLimitError(`a button's action id is longer than Slack's ${BUTTON_VALUE} characters`);
      elements.push({
        type: "button",
        text: { type: "plain_text", text: b.label.slice(0, BUTTON_LABEL), emoji: true },
        action_id: `memsim-button:${r}:${c}`,
        value: b.id,
        ...(b.style === "primary" ? { style: "primary" as const } : {}),
      });
    });
    if (elements.length) rows.push({ type: "actions", block_id: `${ROW_BLOCK}${r}${askedBy ? `:${askedBy}` : ""}`.slice(0, ID_CHARS), elements });
  });
  return rows;
}

/** Marks a person in the fallback until it is escaped; the reply's own text never keeps this character. */
const PERSON = "\uE000";
const SLACK_USER = /^[UW][A-Z0-9]{2,20}$/;

/** The reply with each person a marked id, so the fallback names them as Slack does (`<@U…>`), not by a bare id. */
function peopleMarked(reply: Reply): Reply {
  const clean = (t: string) => t.replaceAll(PERSON, "");
  const spans = (list: Span[]): Span[] =>
    list.map((sp) => (typeof sp === "string" ? clean(sp) : "user" in sp ? (SLACK_USER.test(sp.user) ? `${PERSON}${sp.user}${PERSON}` : sp) : "code" in sp ? { code: clean(sp.code) } : { strong: clean(sp.strong) }));
  const blocks = reply.blocks.map((b): Block => (b.kind === "code" ? { ...b, code: clean(b.code) } : b.kind === "bullets" ? { ...b, items: b.items.map(spans) } : { ...b, spans: spans(b.spans) }));
  return { ...reply, blocks };
}

/** The fallback text: the whole reply as plain words (or what its files show), escaped, cut at a line end. */
function fallback(reply: Reply): string {
  return fallbackLines(peopleMarked(reply)).replace(new RegExp(`${PERSON}([A-Z0-9]+)${PERSON}`, "g"), "<@$1>").replaceAll(PERSON, "");
}

function fallbackLines(reply: Reply): string {
  const words = sharedPlainText(reply).trim() || [...reply.images.map((i) => i.alt), ...reply.files.map((f) => f.description)].join("\n");
  let text = "";
  for (const line of escapeMrkdwn(words).split("\n")) {
    const next = text ? `${text}\n${line}` : line;
    if (next.length <= SECTION_CHARS - 1) {
      text = next;
      continue;
    }
    if (text) return `${text}\n…`;
    // one line longer than the whole: cut it, never inside an entity or a character
    return `${line.slice(0, SECTION_CHARS - 1).replace(/&[a-z]*$|[\ud800-\udbff]$/, "")}…`;
  }
  return text;
}

/** A reply as a Slack message; `askedBy` (a user id) is kept in the buttons' block_id. */
export function toMessage(reply: Reply, options: { askedBy?: string } = {}): SlackMessage {
  const tr = translator(reply.locale ?? "en");
  const rows = actionRows(reply, options.askedBy);
  const content = grouped(reply.blocks.flatMap(pieces)).map(textBlock);
  const uploads: SlackUpload[] = [
    ...reply.images.map((img) => ({ name: img.name, data: img.data, title: img.name, altText: img.alt.slice(0, ALT_TEXT) })),
    ...reply.files.map((f) => ({ name: f.name, data: f.data, title: f.description })),
  ];
  const size = (blocks: KnownBlock[]) => JSON.stringify(blocks).length;
  let blocks: KnownBlock[] = [...content, ...rows];
  if (blocks.length > MESSAGE_BLOCKS || size(blocks) > MESSAGE_CHARS) {
    const note = textBlock({ kind: "context", text: escapeMrkdwn(tr.t("chat.reply.cut")) });
    const kept: KnownBlock[] = [];
    for (const b of content) {
      const next = [...kept, b, note, ...rows];
      if (next.length > MESSAGE_BLOCKS || size(next) > MESSAGE_CHARS) break;
      kept.push(b);
    }
    blocks = [...kept, note, ...rows];
    uploads.push({ name: ANSWER_FILE, data: Buffer.from(sharedPlainText(reply), "utf8"), title: tr.t("chat.file.reply") });
  }
  return { text: fallback(reply), blocks, uploads };
}

/** The persisted action id a pressed button carries (its `value`). */
export function pressedAction(action: { action_id: string; value?: string }): string | undefined {
  return BUTTON_ACTION.test(action.action_id) ? action.value : undefined;
}

/** The person a message's buttons answered, read back from the actions block's block_id (askedBy set there). */
export function askedByOf(blockId: string | undefined): string | undefined {
  const m = blockId === undefined ? null : /^memsim-row:\d+:(.+)$/.exec(blockId);
  return m ? m[1] : undefined;
}

/** Words cut to `limit` characters at a word's end where one is near, with an ellipsis. */
function fit(text: string, limit: number): string {
  const chars = [...text];
  if (chars.length <= limit) return text;
  const head = chars.slice(0, limit - 1).join("");
  const space = head.lastIndexOf(" ");
  return `${(space > limit / 2 ? head.slice(0, space) : head).trimEnd()}…`;
}

/** A form as a Slack modal: one multi-line (or one-line) text input per field. */
export function toView(form: Form, privateMetadata: string): ModalView {
  if (privateMetadata.length > PRIVATE_METADATA) throw new SlackLimitError(`private_metadata is longer than Slack's ${PRIVATE_METADATA} characters`);
  if (form.id.length > ID_CHARS) throw new SlackLimitError(`a form's id is longer than Slack's ${ID_CHARS} characters for a callback_id`);
  const tr = translator(form.locale ?? "en");
  const blocks: InputBlock[] = form.fields.map((f) => {
    const max = Math.min(f.maxLength, INPUT_CHARS);
    return {
      type: "input",
      block_id: f.id,
      optional: !f.required,
      label: { type: "plain_text", text: fit(f.label, INPUT_LABEL) },
      element: {
        type: "plain_text_input",
        action_id: f.id,
        multiline: f.multiline,
        max_length: max,
        ...(f.value ? { initial_value: f.value.slice(0, max) } : {}),
        ...(f.placeholder ? { placeholder: { type: "plain_text" as const, text: fit(f.placeholder, PLACEHOLDER) } } : {}),
      },
    };
  });
  return {
    type: "modal",
    callback_id: form.id,
    title: { type: "plain_text", text: fit(form.title, MODAL_TITLE) },
    submit: { type: "plain_text", text: fit(tr.t("chat.form.submit"), MODAL_BUTTON) },
    close: { type: "plain_text", text: fit(tr.t("chat.form.close"), MODAL_BUTTON) },
    private_metadata: privateMetadata,
    blocks,
  };
}

/** What was typed in a submitted modal, by field id (an empty field reads as ""). */
export function viewValues(view: { state: { values: Record<string, Record<string, { value?: string | null }>> } }): Record<string, string> {
  const values: Record<string, string> = {};
  for (const block of Object.values(view.state.values)) {
    for (const [id, element] of Object.entries(block)) values[id] = element.value ?? "";
  }
  return values;
}

/** The reply as plain text, for the file that holds an answer too long for a message. */
export const plainText = sharedPlainText;
