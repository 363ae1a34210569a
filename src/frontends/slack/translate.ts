/**
 * Between Slack's payloads and the command layer: a slash command, a message shortcut, a
 * modal submitted or a button pressed becomes an `Invocation`, with where its answer goes.
 * Nothing here decides what to answer.
 */
import { MEMSIM } from "../../../commands/memsim.js";
import { codeInMessage, COMMAND_PREFIX, parseTextCommand, tokenize, type ChannelRef, type ChatAttachment, type Invocation, type TextCommand, type Who } from "../../chat/index.js";
import { askedByOf, pressedAction, viewValues } from "./blocks.js";
import { channelIdOf } from "./directory.js";
import { SLACK } from "./names.js";

/** How the adapter reads files: by the address Slack gave, or by name among a channel's files. */
export interface SlackFiles {
  /** the bytes at a file's `url_private_download` (read with the bot's token) */
  download(url: string, maxBytes: number): Promise<Uint8Array>;
  /** the newest file called `name` shared in `channel` (by `user` first), as bytes; throws when there is none */
  byName(channel: string, name: string, user: string, maxBytes: number): Promise<Uint8Array>;
}

/** The largest file read: the chat layer refuses what is over its own limit with a kind word. */
const MAX_READ = 1024 * 1024;

/** Where an answer goes and how it may be sent. */
export interface Where {
  channel: string;
  user: string;
  /** the thread the conversation is in, when it is in one */
  threadTs?: string;
  /** answers ephemeral replies and replaces the message it came with (valid 30 minutes, 5 uses) */
  responseUrl?: string;
  /** opens a modal, for 3 seconds */
  triggerId?: string;
  /** the message whose button was pressed */
  pressed?: { ts: string; threadTs?: string; ephemeral: boolean };
}

/** A payload turned into what the command layer takes, or an answer the text parser gave itself. */
export type Translated = { where: Where } & ({ kind: "invocation"; invocation: Invocation } | { kind: "refused"; command: Extract<TextCommand, { kind: "refused" }> });

/** Text as Slack sends it (`&`, `<` and `>` escaped) back as the person typed it. */
export function unescapeSlack(text: string): string {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

/** Who asked, and where: a Slack team is the workspace. */
export function whoOf(user: string, channel: string, team: string | undefined, locale: string | undefined): Who {
  return {
    userId: user,
    channelId: channel,
    ...(team ? { workspaceId: team } : {}),
    channel: { platform: SLACK, ...(team ? { workspace: team } : {}), id: channel },
    ...(locale ? { locale } : {}),
  };
}

const FENCE = /```([\s\S]*?)```/;

/** A language's name on a block's first line of its own (```c), as a block pasted from elsewhere may start. */
const BLOCK_TAG = /^(python3?|py3?|c)[ \t]*\n/i;

/**
 * The code of a Slack code block. Slack's blocks start right after the fence and name no
 * language, but a block pasted from elsewhere may start with one (```python, ```c).
 */
function blockCode(inner: string): { code: string; tag: string } {
  const tag = BLOCK_TAG.exec(inner)?.[1] ?? "";
  const code = inner.slice(tag ? BLOCK_TAG.exec(inner)![0].length : 0).replace(/^[ \t]*\n/, "").replace(/\s+$/, "");
  return { code: code ? code + "\n" : "", tag };
}

/** A block as the chat layer reads it: fenced, with its language's tag, a line break after each fence. */
function typedBlock(inner: string): string {
  const { code, tag } = blockCode(inner);
  return "```" + tag + "\n" + code + "```";
}

/** A message's Slack code blocks as fenced blocks the chat layer reads (a line break after each fence). */
export function fencedAsTyped(text: string): string {
  return text.replace(new RegExp(FENCE.source, "g"), (_, inner: string) => typedBlock(inner));
}

/** Whether every word is an option of `run` (`name:value`) or the name of a program file. */
function onlyOptions(rest: string): boolean {
  const names = MEMSIM.subcommands.find((c) => c.name === "run")?.options.map((o) => o.name) ?? [];
  return tokenize(rest).every((w) => names.includes(w.slice(0, w.indexOf(":"))) || FILE_WORD.test(w));
}

/** A word that names a program file (a C header too, to be told kindly to run the .c file). */
const FILE_WORD = /^[\w.-]+\.(py|c|h)$/i;

/** Whether the words after `run` give a program: a code block, code, or a file's name. */
function givesProgram(rest: string): boolean {
  return FENCE.test(rest) || !onlyOptions(rest) || tokenize(rest).some((w) => FILE_WORD.test(w));
}

/** What a command needs from Slack beyond its payload: the channels by name, who may manage a channel. */
export interface CommandLookups {
  /** public channels by name, when the text names one as `#name` */
  channels?: ReadonlyMap<string, string>;
  mayManage?: Who["mayManage"];
}

/** The options that name a channel (`channel:#study-hall`). */
const CHANNEL_OPTIONS = new Set(MEMSIM.subcommands.flatMap((c) => c.options.filter((o) => o.type === "channel").map((o) => o.name)));

/** Whether a command's text names a channel as `#name` (the channels must then be listed to find it). */
export function namesChannel(text: string): boolean {
  return tokenize(unescapeSlack(text)).some((w) => {
    const colon = w.indexOf(":");
    return colon > 0 && CHANNEL_OPTIONS.has(w.slice(0, colon)) && w[colon + 1] === "#";
  });
}

/** Who asked a command, with what the platform tells of what they may manage. */
function commandWho(user: string, channel: string, team: string | undefined, locale: string | undefined, lookups: CommandLookups): Who {
  return { ...whoOf(user, channel, team, locale), ...(lookups.mayManage ? { mayManage: lookups.mayManage } : {}) };
}

/** The channel a word of a command names, in the workspace it was typed in. */
function channelNamed(team: string | undefined, lookups: CommandLookups): (word: string) => ChannelRef | undefined {
  return (word) => {
    const id = channelIdOf(word, lookups.channels);
    return id ? { platform: SLACK, ...(team ? { workspace: team } : {}), id } : undefined;
  };
}

/** A parsed line as what the adapter acts on. */
function translated(parsed: TextCommand, where: Where): Translated | undefined {
  if (parsed.kind === "invocation") return { kind: "invocation", invocation: parsed.invocation, where };
  if (parsed.kind === "refused") return { kind: "refused", command: parsed, where };
  return undefined;
}

/** A word that holds `code` whole for the text parser (quotes and backslashes escaped). */
function codeWord(code: string): string {
  return `code:"${code.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

/**
 * A slash command's text as a typed `/memsim` line. After `run`, a code block (or words that
 * are no options) is the program: `/memsim run ```x = [1]``` step:1`, `/memsim run x = [1]`.
 */
export function slashLine(text: string): string {
  const typed = unescapeSlack(text).trim();
  const run = /^run(?=\s|$)/.exec(typed);
  if (!run) return `${COMMAND_PREFIX} ${typed}`;
  const rest = typed.slice(run[0].length);
  const fence = FENCE.exec(rest);
  if (fence) {
    // a tagged block stays fenced: its tag says which language it is in
    const { code, tag } = blockCode(fence[1] ?? "");
    const given = tag && code ? typedBlock(fence[1] ?? "") : code;
    const others = rest.slice(0, fence.index) + " " + rest.slice(fence.index + fence[0].length);
    return `${COMMAND_PREFIX} run ${codeWord(given)} ${others.trim()}`.trim();
  }
  if (!rest.trim() || onlyOptions(rest)) return `${COMMAND_PREFIX} run ${rest.trim()}`.trim();
  return `${COMMAND_PREFIX} run ${codeWord(codeInMessage(rest) ?? "")}`;
}

/** A file a slash command names: read from the files shared in the channel. */
function sharedFile(files: SlackFiles, channel: string, user: string, name: string): ChatAttachment {
  return { name, size: 0, read: () => files.byName(channel, name, user, MAX_READ) };
}

export interface SlashPayload {
  text: string;
  user_id: string;
  channel_id: string;
  team_id?: string;
  response_url?: string;
  trigger_id?: string;
}

/** `/memsim …`, parsed from the one command description, as the console parses it. */
export function fromSlash(body: SlashPayload, locale: string | undefined, files: SlackFiles, lookups: CommandLookups = {}): Translated | undefined {
  const who = commandWho(body.user_id, body.channel_id, body.team_id, locale, lookups);
  const where: Where = { channel: body.channel_id, user: body.user_id, ...(body.response_url ? { responseUrl: body.response_url } : {}), ...(body.trigger_id ? { triggerId: body.trigger_id } : {}) };
  const attach = (name: string) => sharedFile(files, body.channel_id, body.user_id, name);
  return translated(parseTextCommand(slashLine(body.text), { who, attach, channel: channelNamed(body.team_id, lookups) }), where);
}

export interface MentionPayload {
  user?: string;
  channel: string;
  team?: string;
  ts: string;
  thread_ts?: string;
  text?: string;
  files?: SlackFileInfo[];
}

/**
 * A message that mentions memsim (`@memsim run` with a .py file attached, or a code block):
 * read as the slash command's text, the message's own files first; answered in its thread.
 */
export function fromMention(event: MentionPayload, locale: string | undefined, files: SlackFiles, lookups: CommandLookups = {}): Translated | undefined {
  if (!event.user) return undefined;
  const user = event.user;
  const attached = attachmentsOf(event.files, files);
  let text = unescapeSlack(event.text ?? "").replace(/<@[A-Z0-9]+(?:\|[^>]*)?>/g, " ").trim();
  const first = text.split(/\s/)[0] ?? "";
  // a program or a file with no command is one to run
  if (!MEMSIM.subcommands.some((c) => c.name === first) && (FENCE.test(text) || attached.length > 0)) text = `run ${text}`;
  // `run` with no program in the words runs the file attached to the message
  const run = /^run(?=\s|$)/.exec(text);
  if (run && attached[0] && !givesProgram(text.slice(run[0].length))) text = `${text} ${attached[0].name}`;
  const who = commandWho(user, event.channel, event.team, locale, lookups);
  const where: Where = { channel: event.channel, user, threadTs: event.thread_ts ?? event.ts };
  const attach = (name: string) => attached.find((a) => a.name === name) ?? sharedFile(files, event.channel, user, name);
  return translated(parseTextCommand(slashLine(text), { who, attach, channel: channelNamed(event.team, lookups) }), where);
}

function attachmentsOf(list: SlackFileInfo[] | undefined, files: SlackFiles): ChatAttachment[] {
  return (list ?? [])
    .filter((f) => f.name && (f.url_private_download ?? f.url_private))
    .map((f) => ({ name: f.name!, size: f.size ?? 0, read: () => files.download((f.url_private_download ?? f.url_private)!, MAX_READ) }));
}

interface SlackFileInfo {
  name?: string;
  size?: number;
  url_private_download?: string;
  url_private?: string;
}

export interface ShortcutPayload {
  user: { id: string };
  channel?: { id: string };
  team?: { id: string } | null;
  response_url?: string;
  trigger_id?: string;
  message: { ts: string; thread_ts?: string; text?: string; files?: SlackFileInfo[] };
}

/** "Simulate memory" on a message: its code block or its .py file; the answer goes in its thread. */
export function fromShortcut(body: ShortcutPayload, locale: string | undefined, files: SlackFiles): Translated | undefined {
  const channel = body.channel?.id;
  if (!channel) return undefined;
  const who = whoOf(body.user.id, channel, body.team?.id, locale);
  const attachments = attachmentsOf(body.message.files, files);
  const where: Where = {
    channel,
    user: body.user.id,
    threadTs: body.message.thread_ts ?? body.message.ts,
    ...(body.response_url ? { responseUrl: body.response_url } : {}),
    ...(body.trigger_id ? { triggerId: body.trigger_id } : {}),
  };
  const message = { content: fencedAsTyped(unescapeSlack(body.message.text ?? "")), attachments };
  return { kind: "invocation", invocation: { kind: "message", action: "simulate", message, who }, where };
}

/** What a modal carries back: the conversation it was opened in. */
export interface ViewMetadata {
  channel: string;
  team?: string;
  threadTs?: string;
  responseUrl?: string;
}

export function viewMetadata(where: Where, team: string | undefined): string {
  const m: ViewMetadata = { channel: where.channel, ...(team ? { team } : {}), ...(where.threadTs ? { threadTs: where.threadTs } : {}), ...(where.responseUrl ? { responseUrl: where.responseUrl } : {}) };
  return JSON.stringify(m);
}

function readMetadata(text: string | undefined): ViewMetadata | undefined {
  try {
    const m = JSON.parse(text ?? "") as Partial<ViewMetadata>;
    return typeof m.channel === "string" ? (m as ViewMetadata) : undefined;
  } catch {
    return undefined;
  }
}

export interface ViewPayload {
  user: { id: string };
  team?: { id: string } | null;
  view: { callback_id: string; private_metadata?: string; state: { values: Record<string, Record<string, { value?: string | null }>> } };
}

/** A modal submitted: the form's values, answered in the conversation it was opened from. */
export function fromView(body: ViewPayload, locale: string | undefined): Translated | undefined {
  const meta = readMetadata(body.view.private_metadata);
  if (!meta) return undefined;
  const who = whoOf(body.user.id, meta.channel, meta.team ?? body.team?.id, locale);
  const where: Where = { channel: meta.channel, user: body.user.id, ...(meta.threadTs ? { threadTs: meta.threadTs } : {}), ...(meta.responseUrl ? { responseUrl: meta.responseUrl } : {}) };
  return { kind: "invocation", invocation: { kind: "form", formId: body.view.callback_id, values: viewValues(body.view), who }, where };
}

export interface ActionPayload {
  user: { id: string };
  team?: { id: string } | null;
  channel?: { id: string };
  container?: { channel_id?: string; message_ts?: string; thread_ts?: string; is_ephemeral?: boolean };
  message?: { ts: string; thread_ts?: string };
  response_url?: string;
  trigger_id?: string;
  actions: { action_id: string; block_id?: string; value?: string }[];
}

/** A button pressed on one of memsim's messages (public, or seen only by the one who pressed it). */
export function fromAction(body: ActionPayload, locale: string | undefined): Translated | undefined {
  const action = body.actions[0];
  const channel = body.channel?.id ?? body.container?.channel_id;
  const ts = body.message?.ts ?? body.container?.message_ts;
  if (!action || !channel || !ts) return undefined;
  const actionId = pressedAction(action);
  if (!actionId) return undefined;
  const ephemeral = body.container?.is_ephemeral === true;
  const threadTs = body.message?.thread_ts ?? body.container?.thread_ts;
  const who = whoOf(body.user.id, channel, body.team?.id, locale);
  const askedBy = askedByOf(action.block_id);
  const where: Where = {
    channel,
    user: body.user.id,
    ...(threadTs ? { threadTs } : {}),
    ...(body.response_url ? { responseUrl: body.response_url } : {}),
    ...(body.trigger_id ? { triggerId: body.trigger_id } : {}),
    pressed: { ts, ...(threadTs ? { threadTs } : {}), ephemeral },
  };
  const invocation: Invocation = { kind: "button", actionId, who, ...(ephemeral ? { onPrivate: true } : {}), ...(askedBy ? { askedBy } : {}) };
  return { kind: "invocation", invocation, where };
}
