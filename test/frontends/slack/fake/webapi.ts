/**
 * The Web API methods memsim's app calls, answering as Slack does: HTTP 200 with
 * `{ok: true, …}` or `{ok: false, error}` and Slack's own error codes.
 */
import { truthy } from "./body.js";
import { fileObject, messageObject, messageTs, slackId, type FakeChannel, type FakeFile, type FakeMessage } from "./payloads.js";
import { messageRefusal, viewRefusal, withIds, type Refusal } from "./rules.js";
import { RESPONSE_URL_LIFETIME_MS, RESPONSE_URL_USES, TRIGGER_LIFETIME_MS, type SlackState } from "./state.js";

type Answer = Record<string, unknown>;

function fail(error: string, messages: string[] = []): Answer {
  return messages.length > 0 ? { ok: false, error, response_metadata: { messages } } : { ok: false, error };
}

function refused(r: Refusal): Answer {
  return fail(r.error, r.messages);
}

function str(value: unknown): string | undefined {
  return typeof value === "string" && value.length > 0 ? value : undefined;
}

/** One Web API call; `token` is the one from the Authorization header or the `token` field. */
export function callMethod(s: SlackState, method: string, args: Record<string, unknown>, token: string | undefined): Answer {
  if (method === "apps.connections.open") {
    if (!token) return fail("not_authed");
    if (token === s.botToken) return fail("not_allowed_token_type");
    if (token !== s.appToken) return fail("invalid_auth");
    return { ok: true, url: "" }; // the server fills in the ticket URL
  }
  const handler = METHODS[method];
  if (!handler) return fail("unknown_method");
  if (!token) return fail("not_authed");
  if (token === s.appToken) return fail("not_allowed_token_type");
  if (token !== s.botToken) return fail("invalid_auth");
  return handler(s, args);
}

const METHODS: Record<string, (s: SlackState, a: Record<string, unknown>) => Answer> = {
  "auth.test": (s) => ({
    ok: true,
    url: `https://${s.workspace.teamDomain}.slack.com/`,
    team: "memsim study group",
    user: "memsim",
    team_id: s.workspace.teamId,
    user_id: s.workspace.botUserId,
    bot_id: s.workspace.botId,
    is_enterprise_install: false,
  }),

  "users.info": (s, a) => {
    const u = s.person(String(a.user ?? ""));
    if (!u) return fail("user_not_found");
    return {
      ok: true,
      user: {
        id: u.id,
        team_id: s.workspace.teamId,
        name: u.name,
        deleted: false,
        real_name: u.name[0]!.toUpperCase() + u.name.slice(1),
        tz: u.locale === "zh-CN" ? "Asia/Shanghai" : "America/New_York",
        is_bot: false,
        // an owner is an admin too; the primary owner is an owner
        is_admin: u.role !== undefined,
        is_owner: u.role === "owner" || u.role === "primary_owner",
        is_primary_owner: u.role === "primary_owner",
        profile: { display_name: u.name, real_name: u.name, team: s.workspace.teamId },
        ...(truthy(a.include_locale) ? { locale: u.locale } : {}),
      },
    };
  },

  "conversations.info": (s, a) => {
    const c = s.channels.find((x) => x.id === a.channel);
    if (!c) return fail("channel_not_found");
    return { ok: true, channel: channelObject(s, c) };
  },

  "conversations.list": (s, a) => {
    // the bot's scope is channels:read: public channels only
    const types = String(a.types ?? "public_channel").split(",").map((t) => t.trim());
    if (types.some((t) => !["public_channel", "private_channel", "mpim", "im"].includes(t))) return fail("invalid_types");
    if (!types.includes("public_channel")) return { ok: true, channels: [], response_metadata: { next_cursor: "" } };
    const limit = Math.min(Math.max(Number(a.limit ?? 100) || 100, 1), 1000);
    const listed = s.channels.filter((c) => !(truthy(a.exclude_archived) && c.archived));
    const start = typeof a.cursor === "string" && a.cursor ? Number(Buffer.from(a.cursor, "base64").toString("utf8").replace(/^start:/, "")) : 0;
    if (!Number.isInteger(start) || start < 0) return fail("invalid_cursor");
    const page = listed.slice(start, start + limit);
    const next = start + limit < listed.length ? Buffer.from(`start:${start + limit}`).toString("base64") : "";
    return { ok: true, channels: page.map((c) => channelObject(s, c)), response_metadata: { next_cursor: next } };
  },

  "conversations.history": (s, a) => {
    const c = s.channels.find((x) => x.id === a.channel);
    const channel = c?.id ?? [...s.dms.values()].find((d) => d === a.channel);
    if (!channel) return fail("channel_not_found");
    const limit = Math.min(Math.max(Number(a.limit ?? 100) || 100, 1), 999);
    // the channel as everyone sees it: no ephemeral messages, no thread replies, newest first
    const shown = s.messages.filter((m) => m.channel === channel && !m.ephemeral && !m.deleted && (m.threadTs === undefined || m.threadTs === m.ts)).reverse();
    return { ok: true, messages: shown.slice(0, limit).map((m) => messageObject(s.workspace, m)), has_more: shown.length > limit, response_metadata: { next_cursor: "" } };
  },

  "conversations.open": (s, a) => {
    const ids = String(a.users ?? "").split(",").filter(Boolean);
    if (ids.length !== 1) return fail(ids.length === 0 ? "users_list_not_supplied" : "not_enough_users");
    if (!s.person(ids[0]!)) return fail("user_not_found");
    return { ok: true, channel: { id: s.dm(ids[0]!) } };
  },

  "chat.postMessage": (s, a) => {
    const channel = s.resolveChannel(a.channel);
    if (!channel) return fail("channel_not_found");
    if (s.channels.find((c) => c.id === channel)?.archived) return fail("is_archived");
    const r = messageRefusal(a.text, a.blocks);
    if (r) return refused(r);
    const threadTs = str(a.thread_ts);
    if (threadTs && !s.findMessage(channel, threadTs)) return fail("thread_not_found");
    const m = s.addMessage({ channel, ...(threadTs ? { threadTs } : {}), user: s.workspace.botUserId, text: str(a.text) ?? "", blocks: withIds(blocksOf(a)) });
    return { ok: true, channel, ts: m.ts, message: messageObject(s.workspace, m) };
  },

  "chat.postEphemeral": (s, a) => {
    const channel = s.resolveChannel(a.channel);
    if (!channel) return fail("channel_not_found");
    const user = s.person(String(a.user ?? ""));
    if (!user) return fail("user_not_in_channel");
    const r = messageRefusal(a.text, a.blocks);
    if (r) return refused(r);
    const threadTs = str(a.thread_ts);
    const m = s.addMessage({ channel, ...(threadTs ? { threadTs } : {}), user: s.workspace.botUserId, text: str(a.text) ?? "", blocks: withIds(blocksOf(a)), ephemeral: { user: user.id } });
    return { ok: true, message_ts: m.ts };
  },

  "chat.update": (s, a) => {
    const channel = s.resolveChannel(a.channel);
    if (!channel) return fail("channel_not_found");
    const m = s.findMessage(channel, String(a.ts ?? ""));
    // ephemeral messages are not there for chat.update: only their response_url changes them
    if (!m || m.ephemeral) return fail("message_not_found");
    if (m.user !== s.workspace.botUserId) return fail("cant_update_message");
    const r = messageRefusal(a.text ?? m.text, a.blocks ?? m.blocks);
    if (r) return refused(r);
    if (a.text !== undefined) m.text = String(a.text);
    if (a.blocks !== undefined) m.blocks = withIds(blocksOf(a));
    m.edits += 1;
    m.editedTs = messageTs();
    return { ok: true, channel, ts: m.ts, text: m.text, message: messageObject(s.workspace, m) };
  },

  "views.open": (s, a) => {
    const id = String(a.trigger_id ?? "");
    const trigger = s.triggers.get(id);
    if (!trigger) return fail("invalid_trigger_id");
    if (Date.now() - trigger.issuedAt > TRIGGER_LIFETIME_MS) return fail("expired_trigger_id");
    if (trigger.used) return fail("exchanged_trigger_id");
    const r = viewRefusal(a.view);
    if (r) return refused(r);
    trigger.used = true;
    const given = a.view as any;
    const viewId = slackId("V");
    const view = {
      id: viewId,
      team_id: s.workspace.teamId,
      type: "modal",
      title: given.title,
      ...(given.submit ? { submit: given.submit } : {}),
      close: given.close ?? { type: "plain_text", text: "Cancel", emoji: true },
      blocks: withIds(given.blocks ?? []),
      private_metadata: given.private_metadata ?? "",
      callback_id: given.callback_id ?? "",
      state: { values: {} },
      hash: `${Math.floor(Date.now() / 1000)}.${slackId("").toLowerCase()}`,
      clear_on_close: given.clear_on_close ?? false,
      notify_on_close: given.notify_on_close ?? false,
      root_view_id: viewId,
      previous_view_id: null,
      app_id: s.workspace.appId,
      external_id: given.external_id ?? "",
      app_installed_team_id: s.workspace.teamId,
      bot_id: s.workspace.botId,
    };
    s.views.push({ id: viewId, triggerId: id, user: trigger.user, view });
    return { ok: true, view };
  },

  "files.getUploadURLExternal": (s, a) => {
    const filename = str(a.filename);
    const length = Number(a.length);
    if (!filename || !Number.isInteger(length) || length <= 0) return fail("invalid_arguments");
    if (typeof a.alt_text === "string" && a.alt_text.length > 1000) return fail("invalid_arguments", ["[ERROR] must be less than 1001 characters [json-pointer:/alt_text]"]);
    const fileId = slackId("F");
    s.uploads.set(fileId, { filename, length, ...(typeof a.alt_text === "string" ? { altText: a.alt_text } : {}) });
    return { ok: true, upload_url: `${s.origin}/upload/v1/${fileId}`, file_id: fileId };
  },

  "files.completeUploadExternal": (s, a) => {
    const list = Array.isArray(a.files) ? (a.files as { id?: string; title?: string }[]) : undefined;
    if (!list || list.length === 0) return fail("invalid_arguments");
    const channelArg = str(a.channel_id);
    const channel = channelArg === undefined ? undefined : s.resolveChannel(channelArg);
    if (channelArg !== undefined && !channel) return fail("channel_not_found");
    const threadTs = str(a.thread_ts);
    if (channel && threadTs && !s.findMessage(channel, threadTs)) return fail("thread_not_found");
    if (a.blocks !== undefined) {
      const r = messageRefusal(a.initial_comment ?? "", a.blocks);
      if (r && r.error !== "no_text") return refused(r);
    }
    const pending = list.map((f) => ({ f, up: s.uploads.get(String(f.id)) }));
    if (pending.some((p) => !p.up?.data)) return fail("file_not_found");
    const files: FakeFile[] = pending.map(({ f, up }) => {
      s.uploads.delete(String(f.id));
      const file: FakeFile = {
        id: String(f.id),
        name: up!.filename,
        ...(f.title !== undefined ? { title: f.title } : {}),
        ...(up!.altText !== undefined ? { altText: up!.altText } : {}),
        data: up!.data!,
        ...(channel ? { channel } : {}),
        ...(channel && threadTs ? { threadTs } : {}),
        user: s.workspace.botUserId,
        urlPrivateDownload: s.fileUrl(String(f.id), up!.filename),
        created: Math.floor(Date.now() / 1000),
      };
      s.files.push(file);
      return file;
    });
    if (channel) {
      const m = s.addMessage({ channel, ...(threadTs ? { threadTs } : {}), user: s.workspace.botUserId, text: str(a.initial_comment) ?? "", blocks: withIds(blocksOf(a)), files });
      for (const f of files) f.messageTs = m.ts;
    }
    return { ok: true, files: files.map((f) => ({ id: f.id, title: f.title ?? f.name })) };
  },

  "files.list": (s, a) => {
    const channel = str(a.channel);
    const user = str(a.user);
    const count = Number(a.count ?? 100) || 100;
    const page = Number(a.page ?? 1) || 1;
    const matching = s.files.filter((f) => (!channel || f.channel === channel) && (!user || f.user === user)).reverse();
    const shown = matching.slice((page - 1) * count, page * count);
    return {
      ok: true,
      files: shown.map((f) => fileObject(s.workspace, f)),
      paging: { count, total: matching.length, page, pages: Math.max(1, Math.ceil(matching.length / count)) },
    };
  },
};

/** A channel as conversations.info and conversations.list give it. */
function channelObject(s: SlackState, c: FakeChannel): Record<string, unknown> {
  return {
    id: c.id,
    name: c.name,
    name_normalized: c.name,
    is_channel: true,
    is_group: false,
    is_im: false,
    is_private: false,
    is_archived: c.archived === true,
    is_general: c.id === s.workspace.channel,
    is_member: true,
    created: c.created,
    creator: c.creator,
    context_team_id: s.workspace.teamId,
    topic: { value: "", creator: "", last_set: 0 },
    purpose: { value: "", creator: "", last_set: 0 },
  };
}

function blocksOf(a: Record<string, unknown>): any[] {
  return Array.isArray(a.blocks) ? a.blocks : [];
}

/** A post to a response_url: replace or delete the message it came with, or add an ephemeral or in-channel one. */
export function respond(s: SlackState, url: string, body: any): { status: number; body: Answer } {
  const r = s.responseUrls.get(url);
  if (!r) return { status: 404, body: fail("invalid_url") };
  if (Date.now() - r.createdAt > RESPONSE_URL_LIFETIME_MS) return { status: 404, body: fail("expired_url") };
  if (r.uses >= RESPONSE_URL_USES) return { status: 404, body: fail("used_url") };
  r.uses += 1;
  s.responses.push({ url, body });
  if (body?.delete_original === true || body?.delete_original === "true") {
    if (!r.original || r.original.deleted) return { status: 404, body: fail("message_not_found") };
    r.original.deleted = true;
    return { status: 200, body: { ok: true } };
  }
  const refusal = messageRefusal(body?.text, body?.blocks);
  if (refusal) return { status: 400, body: refused(refusal) };
  const blocks = withIds(Array.isArray(body.blocks) ? body.blocks : []);
  const text = typeof body.text === "string" ? body.text : "";
  if ((body.replace_original === true || body.replace_original === "true") && r.original && !r.original.deleted) {
    const original: FakeMessage = r.original;
    original.text = text;
    original.blocks = blocks;
    original.edits += 1;
    return { status: 200, body: { ok: true } };
  }
  const threadTs = str(body.thread_ts) ?? r.threadTs;
  const inChannel = body.response_type === "in_channel";
  const m = s.addMessage({
    channel: r.channel,
    ...(threadTs ? { threadTs } : {}),
    user: s.workspace.botUserId,
    text,
    blocks,
    ...(inChannel ? {} : { ephemeral: { user: r.user }, responseUrl: url }),
  });
  // later posts with replace_original change what this one posted
  if (!r.original) r.original = m;
  return { status: 200, body: { ok: true } };
}
