/**
 * Payloads as Slack sends them to an app, field for field after Slack's documented examples:
 * a slash command's form fields, and the interactive payloads message_action (a message
 * shortcut), view_submission and block_actions (public and ephemeral messages).
 */
import { randomBytes } from "node:crypto";

export interface FakeUser {
  id: string;
  name: string;
  /** the Slack client language as users.info reports it with include_locale, e.g. "en-US" */
  locale: string;
  /** a workspace admin, owner or primary owner (users.info's is_admin, is_owner, is_primary_owner) */
  role?: "admin" | "owner" | "primary_owner";
}

/** A public channel of the workspace: who created it (conversations.info's `creator`). */
export interface FakeChannel {
  id: string;
  name: string;
  creator: string;
  /** seconds since the epoch */
  created: number;
  archived?: boolean;
}

export interface FakeFile {
  id: string;
  name: string;
  title?: string;
  altText?: string;
  data: Buffer;
  channel?: string;
  threadTs?: string;
  user: string;
  urlPrivateDownload: string;
  messageTs?: string;
  /** seconds since the epoch, as Slack's `created` */
  created: number;
}

export interface FakeMessage {
  channel: string;
  ts: string;
  threadTs?: string;
  /** a person's id, or the bot user's id for what the app posted */
  user: string;
  text: string;
  blocks: any[];
  files: FakeFile[];
  ephemeral?: { user: string };
  edits: number;
  /** the ts of its latest edit (chat.update), as conversations.history's `edited.ts` */
  editedTs?: string;
  /** for ephemeral messages made through a response_url: that url */
  responseUrl?: string;
  /** set when a response_url's delete_original removed it */
  deleted?: boolean;
}

/** The ids of the one workspace the fake holds. */
export interface Workspace {
  teamId: string;
  teamDomain: string;
  appId: string;
  botUserId: string;
  botId: string;
  channel: string;
  channelName: string;
  /** the deprecated verification token Slack still puts in every payload */
  verificationToken: string;
}

/** Slack's ids: a kind letter and ten upper-case letters and digits. */
export function slackId(kind: string): string {
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789";
  let id = kind;
  for (const byte of randomBytes(10)) id += alphabet[byte % alphabet.length];
  return id;
}

let lastTs = 0;
/** A message timestamp: seconds "." six digits, unique and increasing as Slack's are. */
export function messageTs(): string {
  const micros = Math.max(Date.now() * 1000, lastTs + 1);
  lastTs = micros;
  return `${Math.floor(micros / 1e6)}.${String(micros % 1e6).padStart(6, "0")}`;
}

/** What a person types arrives with &, < and > escaped, in slash command text and in message text. */
export function slackEscape(typed: string): string {
  return typed.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * The rich_text block Slack's client makes of what a person types: plain runs as sections,
 * ``` fenced code as preformatted runs. Its text is not escaped (message `text` is).
 */
export function richTextOf(typed: string, blockId: string): any {
  const elements: any[] = [];
  typed.split("```").forEach((part, i) => {
    if (part.length === 0) return;
    if (i % 2 === 1) elements.push({ type: "rich_text_preformatted", elements: [{ type: "text", text: part }], border: 0 });
    else elements.push({ type: "rich_text_section", elements: [{ type: "text", text: part }] });
  });
  return { type: "rich_text", block_id: blockId, elements };
}

/** A trigger_id as Slack shapes it: "<number>.<number>.<hex>". */
export function triggerId(): string {
  return `${Date.now()}${randomBytes(2).readUInt16BE()}.${randomBytes(5).readUIntBE(0, 5)}.${randomBytes(16).toString("hex")}`;
}

export function teamObject(w: Workspace) {
  return { id: w.teamId, domain: w.teamDomain };
}

export function userObject(w: Workspace, u: FakeUser) {
  return { id: u.id, username: u.name, name: u.name, team_id: w.teamId };
}

/** A file as Slack's file object describes it in messages, files.list and completeUploadExternal. */
export function fileObject(w: Workspace, f: FakeFile) {
  const ext = /\.([^.]+)$/.exec(f.name)?.[1]?.toLowerCase() ?? "";
  const mimetype = ext === "png" ? "image/png" : ext === "gif" ? "image/gif" : ext === "py" ? "text/x-python" : "text/plain";
  return {
    id: f.id,
    created: f.created,
    timestamp: f.created,
    name: f.name,
    title: f.title ?? f.name,
    mimetype,
    filetype: ext === "py" ? "python" : ext || "text",
    pretty_type: ext === "py" ? "Python" : ext.toUpperCase() || "Plain Text",
    user: f.user,
    user_team: w.teamId,
    editable: false,
    size: f.data.length,
    mode: "hosted",
    is_external: false,
    external_type: "",
    is_public: f.channel?.startsWith("C") ?? false,
    public_url_shared: false,
    display_as_bot: f.user === w.botUserId,
    username: "",
    url_private: f.urlPrivateDownload.replace("/download/", "/"),
    url_private_download: f.urlPrivateDownload,
    permalink: `https://${w.teamDomain}.slack.com/files/${f.user}/${f.id}/${f.name}`,
    ...(f.altText !== undefined ? { alt_txt: f.altText } : {}),
    channels: f.channel?.startsWith("C") ? [f.channel] : [],
    groups: [],
    ims: f.channel?.startsWith("D") ? [f.channel] : [],
    has_rich_preview: false,
    file_access: "visible",
  };
}

/** A stored message as Slack shows it inside payloads and API answers. */
export function messageObject(w: Workspace, m: FakeMessage) {
  const fromBot = m.user === w.botUserId;
  return {
    type: "message",
    ...(fromBot ? { bot_id: w.botId, app_id: w.appId } : {}),
    text: m.text,
    user: m.user,
    ts: m.ts,
    team: w.teamId,
    ...(m.threadTs !== undefined ? { thread_ts: m.threadTs } : {}),
    ...(m.editedTs !== undefined ? { edited: { user: m.user, ts: m.editedTs } } : {}),
    ...(m.blocks.length > 0 ? { blocks: m.blocks } : {}),
    ...(m.files.length > 0 ? { files: m.files.map((f) => fileObject(w, f)), upload: true } : {}),
  };
}

/** `/memsim <text>` as the form fields Slack posts (and, as an object, the Socket Mode payload). */
export function slashFields(w: Workspace, o: { text: string; user: FakeUser; channel: string; channelName: string; responseUrl: string; triggerId: string; command?: string }): Record<string, string> {
  return {
    token: w.verificationToken,
    team_id: w.teamId,
    team_domain: w.teamDomain,
    channel_id: o.channel,
    channel_name: o.channelName,
    user_id: o.user.id,
    user_name: o.user.name,
    command: o.command ?? "/memsim",
    text: o.text,
    api_app_id: w.appId,
    is_enterprise_install: "false",
    response_url: o.responseUrl,
    trigger_id: o.triggerId,
  };
}

/** A message shortcut used on a message. */
export function messageActionPayload(w: Workspace, o: { message: FakeMessage; user: FakeUser; channelName: string; callbackId: string; responseUrl: string; triggerId: string }) {
  return {
    type: "message_action",
    token: w.verificationToken,
    action_ts: messageTs(),
    team: teamObject(w),
    user: userObject(w, o.user),
    channel: { id: o.message.channel, name: o.channelName },
    is_enterprise_install: false,
    enterprise: null,
    callback_id: o.callbackId,
    trigger_id: o.triggerId,
    response_url: o.responseUrl,
    message_ts: o.message.ts,
    message: messageObject(w, o.message),
  };
}

/** A person's message as the Events API delivers it to an app in the channel (message.channels). */
export function messageEventPayload(w: Workspace, m: FakeMessage) {
  const created = Math.floor(Number(m.ts));
  return {
    token: w.verificationToken,
    team_id: w.teamId,
    context_team_id: w.teamId,
    context_enterprise_id: null,
    api_app_id: w.appId,
    event: {
      ...messageObject(w, m),
      ...(m.files.length > 0 ? { subtype: "file_share", display_as_bot: false } : {}),
      channel: m.channel,
      event_ts: m.ts,
      channel_type: m.channel.startsWith("D") ? "im" : "channel",
    },
    type: "event_callback",
    event_id: `Ev${slackId("").slice(0, 10)}`,
    event_time: created,
    authorizations: [{ enterprise_id: null, team_id: w.teamId, user_id: w.botUserId, is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
    event_context: `4-${Buffer.from(JSON.stringify({ et: "message", tid: w.teamId, aid: w.appId, cid: m.channel })).toString("base64url")}`,
  };
}

/** A person's message that mentions the app, as the Events API's `app_mention` event (its files too). */
export function mentionEventPayload(w: Workspace, m: FakeMessage) {
  const payload = messageEventPayload(w, m);
  const { subtype: _subtype, display_as_bot: _display, channel_type: _type, ...event } = payload.event as Record<string, unknown>;
  return { ...payload, event: { ...event, type: "app_mention" } };
}

/** The state of a view's input blocks, by block_id then action_id, from values given by action_id. */
export function viewState(blocks: any[], values: Record<string, string>) {
  const state: Record<string, Record<string, { type: string; value: string | null }>> = {};
  for (const block of blocks) {
    if (block?.type !== "input" || typeof block.element?.action_id !== "string") continue;
    const actionId: string = block.element.action_id;
    state[block.block_id] = { [actionId]: { type: block.element.type, value: values[actionId] ?? null } };
  }
  return { values: state };
}

/** A modal's submission: the stored view with its state filled in. */
export function viewSubmissionPayload(w: Workspace, o: { view: any; values: Record<string, string>; user: FakeUser; triggerId: string }) {
  return {
    type: "view_submission",
    team: teamObject(w),
    user: userObject(w, o.user),
    api_app_id: w.appId,
    token: w.verificationToken,
    trigger_id: o.triggerId,
    view: { ...o.view, state: viewState(o.view.blocks ?? [], o.values) },
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
}

/** A button's press. On an ephemeral message Slack sends no `message`, and says so in the container. */
export function blockActionsPayload(w: Workspace, o: { message: FakeMessage; button: any; blockId: string; user: FakeUser; channelName: string; responseUrl: string; triggerId: string }) {
  const ephemeral = o.message.ephemeral !== undefined;
  return {
    type: "block_actions",
    user: userObject(w, o.user),
    api_app_id: w.appId,
    token: w.verificationToken,
    container: { type: "message", message_ts: o.message.ts, channel_id: o.message.channel, is_ephemeral: ephemeral },
    trigger_id: o.triggerId,
    team: teamObject(w),
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: o.message.channel, name: o.channelName },
    ...(ephemeral ? {} : { message: messageObject(w, o.message) }),
    state: { values: {} },
    response_url: o.responseUrl,
    actions: [
      {
        action_id: o.button.action_id,
        block_id: o.blockId,
        text: o.button.text,
        ...(o.button.value !== undefined ? { value: o.button.value } : {}),
        ...(o.button.style !== undefined ? { style: o.button.style } : {}),
        type: "button",
        action_ts: messageTs(),
      },
    ],
  };
}

/** Every button of a message with the block it sits in: in actions blocks and as section accessories. */
export function buttonsOf(blocks: any[]): { button: any; blockId: string }[] {
  const found: { button: any; blockId: string }[] = [];
  for (const block of blocks) {
    const elements = block?.type === "actions" ? block.elements ?? [] : block?.accessory ? [block.accessory] : [];
    for (const el of elements) if (el?.type === "button") found.push({ button: el, blockId: block.block_id });
  }
  return found;
}

/** Mention tokens Slack would deliver from mrkdwn: <!channel>, <!here>, <!everyone>, <@U…>, <!subteam^…>. */
const MENTION = /<(?:!(?:channel|here|everyone|subteam\^[^>]*)|@[UW][A-Z0-9]+)(?:\|[^>]*)?>/g;

/** The mentions a message would deliver: in its text (read as mrkdwn) and its blocks' mrkdwn texts. */
export function pings(m: FakeMessage): string[] {
  const texts: string[] = [m.text];
  const visit = (node: any): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === "object") {
      if (node.type === "mrkdwn" && typeof node.text === "string") texts.push(node.text);
      // rich_text carries mentions as elements of their own
      if (node.type === "user" && typeof node.user_id === "string") texts.push(`<@${node.user_id}>`);
      if (node.type === "broadcast" && typeof node.range === "string") texts.push(`<!${node.range}>`);
      if (node.type === "usergroup" && typeof node.usergroup_id === "string") texts.push(`<!subteam^${node.usergroup_id}>`);
      for (const value of Object.values(node)) if (value && typeof value === "object") visit(value);
    }
  };
  visit(m.blocks);
  return texts.flatMap((t) => t.match(MENTION) ?? []);
}
