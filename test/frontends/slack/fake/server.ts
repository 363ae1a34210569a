/**
 * A local Slack on 127.0.0.1 that the real Bolt app, its WebClient and its SocketModeClient
 * talk to: the Web API, the upload URL, private file downloads, response_urls, a Socket Mode
 * end, and people who run `/memsim`, use the message shortcut, submit modals and press buttons.
 *
 * People's actions go to the app over Socket Mode (once it has connected) or, after
 * `useHttp(url)`, as signed HTTP requests to its receiver; each resolves with the app's ack,
 * and rejects when the app does not ack within Slack's 3 s. As in Slack, a slash command's ack
 * with text or blocks becomes a message, ephemeral unless `response_type: "in_channel"`.
 */
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { apiArgs, rawBody, uploadedBytes } from "./body.js";
import {
  blockActionsPayload,
  buttonsOf,
  messageActionPayload,
  mentionEventPayload,
  messageEventPayload,
  richTextOf,
  slackEscape,
  slackId,
  slashFields,
  viewSubmissionPayload,
  type FakeChannel,
  type FakeFile,
  type FakeMessage,
  type FakeUser,
} from "./payloads.js";
import { signedPost, type Acked } from "./signing.js";
import { SocketModeServer } from "./socket.js";
import { withIds } from "./rules.js";
import { SlackState, type ApiCall, type OpenedView } from "./state.js";
import { callMethod, respond } from "./webapi.js";

export type { FakeChannel, FakeFile, FakeMessage, FakeUser } from "./payloads.js";
export { pings } from "./payloads.js";
export type { ApiCall, OpenedView } from "./state.js";
export { signature, type Acked } from "./signing.js";

/** The callback_id of the message shortcut "Simulate memory" in the app manifest. */
export const SHORTCUT_CALLBACK_ID = "memsim_simulate";

export interface FakeSlackOptions {
  signingSecret?: string;
  /** how long Slack waits for an ack before it tells the user the app did not answer (3 s) */
  ackTimeoutMs?: number;
}

export interface FakeSlack {
  apiUrl: string;
  botToken: string;
  appToken: string;
  signingSecret: string;
  teamId: string;
  botUserId: string;
  appId: string;
  users: { alice: FakeUser; bob: FakeUser; carol: FakeUser; dave: FakeUser };
  /** the study channel's id */
  channel: string;
  /** every public channel, the study channel first */
  channels: FakeChannel[];
  calls: ApiCall[];
  messages: FakeMessage[];
  files: FakeFile[];
  views: OpenedView[];
  responses: { url: string; body: any }[];
  /**
   * `/memsim <text>`: `text` as the person typed it (the payload carries it escaped, as Slack's
   * does). `picked`: the `#name`s in it the person picked from Slack's channel autocomplete, sent
   * as links, `<#C…|>` (the command's should_escape off, as memsim's manifest has it) or
   * `<#C…|name>` (`escape: true`); any other `#name` stays text.
   */
  slash(text: string, user?: FakeUser, extra?: { channel?: string; picked?: string[]; escape?: boolean }): Promise<Acked>;
  shortcut(message: FakeMessage, user?: FakeUser): Promise<Acked>;
  submitView(view: { id: string; view: any }, values: Record<string, string>, user?: FakeUser): Promise<Acked>;
  press(message: FakeMessage, label: string, user?: FakeUser): Promise<Acked>;
  /** a person's message in the study channel; its stored text is escaped as Slack stores it */
  postAsUser(user: FakeUser, text: string, files?: { name: string; content: string }[], threadTs?: string): FakeMessage;
  /** delivers a person's message to the app as the Events API's `message` event (`file_share` when it shares files) */
  messageEvent(message: FakeMessage): Promise<Acked>;
  /** a person's message that mentions the app, sent to the app as the Events API's `app_mention` event */
  mentionEvent(message: FakeMessage): Promise<Acked>;
  socket: { connected(): Promise<void>; readonly connections: number; disconnect(reason?: string): void };
  useHttp(receiverUrl: string | undefined): void;
  /** the next call of `method` gets Slack's HTTP 429 with Retry-After: `seconds` (WebClient waits, then retries) */
  rateLimitNext(method: string, seconds?: number): void;
  signedPost(url: string, body: string, contentType: string, opts?: { secret?: string; timestamp?: number }): Promise<{ status: number; body: string }>;
  close(): Promise<void>;
}

export async function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  const state = new SlackState(options.signingSecret ?? randomBytes(16).toString("hex"));
  const server = createServer((req, res) => {
    route(state, sockets, req, res).catch((error: unknown) => {
      res.writeHead(500, { "content-type": "text/plain" }).end(String(error));
    });
  });
  const sockets = new SocketModeServer(server, state.workspace.appId, options.ackTimeoutMs ?? 3_000);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  state.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const ackTimeoutMs = options.ackTimeoutMs ?? 3_000;
  let receiverUrl: string | undefined;
  const w = state.workspace;

  /** Sends a payload the way the app is reached: signed HTTP to its receiver, or a Socket Mode envelope. */
  async function deliver(type: "slash_commands" | "interactive" | "events_api", payload: Record<string, unknown>): Promise<Acked> {
    if (receiverUrl === undefined) {
      // Slack takes a payload in the ack only where it means something: commands and modal submissions
      const accepts = type === "slash_commands" || payload.type === "view_submission";
      return { via: "socket", status: 200, body: await sockets.send(type, payload, accepts) };
    }
    const [body, contentType] =
      type === "events_api"
        ? [JSON.stringify(payload), "application/json"]
        : [type === "slash_commands" ? new URLSearchParams(payload as Record<string, string>).toString() : new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), "application/x-www-form-urlencoded"];
    const answer = await signedPost(receiverUrl, body, contentType, { secret: state.signingSecret, timeoutMs: ackTimeoutMs });
    let parsed: unknown = answer.body;
    if (answer.contentType.includes("json") && answer.body.length > 0) parsed = JSON.parse(answer.body);
    return { via: "http", status: answer.status, body: parsed };
  }

  /** A slash command's ack with text or blocks is a message Slack shows: to the user, or in the channel. */
  function showAck(acked: Acked, responseUrl: string): Acked {
    if (acked.status !== 200 || !acked.body) return acked;
    const body = typeof acked.body === "string" ? { text: acked.body } : acked.body;
    if (typeof body.text !== "string" && !Array.isArray(body.blocks)) return acked;
    const r = state.responseUrls.get(responseUrl)!;
    const inChannel = body.response_type === "in_channel";
    r.original = state.addMessage({
      channel: r.channel,
      user: state.workspace.botUserId,
      text: typeof body.text === "string" ? body.text : "",
      blocks: withIds(Array.isArray(body.blocks) ? body.blocks : []),
      ...(inChannel ? {} : { ephemeral: { user: r.user }, responseUrl }),
    });
    return acked;
  }

  const fake: FakeSlack = {
    apiUrl: `${state.origin}/api/`,
    botToken: state.botToken,
    appToken: state.appToken,
    signingSecret: state.signingSecret,
    teamId: w.teamId,
    botUserId: w.botUserId,
    appId: w.appId,
    users: state.users,
    channel: w.channel,
    channels: state.channels,
    calls: state.calls,
    messages: state.messages,
    files: state.files,
    views: state.views,
    responses: state.responses,

    slash(text, user = state.users.alice, extra = {}) {
      const channel = extra.channel ?? w.channel;
      const responseUrl = state.issueResponseUrl("commands", { channel, user: user.id });
      const fields = slashFields(w, { text: withLinks(state, slackEscape(text), extra.picked ?? [], extra.escape ?? false), user, channel, channelName: state.channelName(channel), responseUrl, triggerId: state.issueTrigger(user.id) });
      return deliver("slash_commands", fields).then((acked) => showAck(acked, responseUrl));
    },

    shortcut(message, user = state.users.alice) {
      const responseUrl = state.issueResponseUrl("app", { channel: message.channel, user: user.id, ...(message.threadTs ? { threadTs: message.threadTs } : {}) });
      const payload = messageActionPayload(w, { message, user, channelName: state.channelName(message.channel), callbackId: SHORTCUT_CALLBACK_ID, responseUrl, triggerId: state.issueTrigger(user.id) });
      return deliver("interactive", payload);
    },

    submitView(view, values, user = state.users.alice) {
      const opened = state.views.find((v) => v.id === view.id);
      if (!opened) throw new Error(`no modal ${view.id} is open`);
      if (opened.user !== user.id) throw new Error(`modal ${view.id} was opened for ${opened.user}, not ${user.id}`);
      return deliver("interactive", viewSubmissionPayload(w, { view: opened.view, values, user, triggerId: state.issueTrigger(user.id) }));
    },

    press(message, label, user = state.users.alice) {
      if (message.deleted) throw new Error(`message ${message.ts} was deleted`);
      if (message.ephemeral && message.ephemeral.user !== user.id) throw new Error(`only ${message.ephemeral.user} sees ephemeral message ${message.ts}`);
      const found = buttonsOf(message.blocks).find((b) => b.button.text?.text === label);
      if (!found) throw new Error(`no button "${label}" in message ${message.ts}: ${buttonsOf(message.blocks).map((b) => b.button.text?.text).join(", ")}`);
      const responseUrl = state.issueResponseUrl("actions", { channel: message.channel, user: user.id, original: message, ...(message.threadTs ? { threadTs: message.threadTs } : {}) });
      const payload = blockActionsPayload(w, { message, ...found, user, channelName: state.channelName(message.channel), responseUrl, triggerId: state.issueTrigger(user.id) });
      return deliver("interactive", payload);
    },

    postAsUser(user, text, files = [], threadTs) {
      const channel = w.channel;
      const shared: FakeFile[] = files.map((f) => {
        const id = slackId("F");
        return { id, name: f.name, title: f.name, data: Buffer.from(f.content, "utf8"), channel, ...(threadTs ? { threadTs } : {}), user: user.id, urlPrivateDownload: state.fileUrl(id, f.name), created: Math.floor(Date.now() / 1000) };
      });
      state.files.push(...shared);
      const m = state.addMessage({ channel, ...(threadTs ? { threadTs } : {}), user: user.id, text: slackEscape(text), blocks: text ? [richTextOf(text, randomBytes(3).toString("base64url"))] : [], files: shared });
      for (const f of shared) f.messageTs = m.ts;
      return m;
    },

    messageEvent(message) {
      return deliver("events_api", messageEventPayload(w, message));
    },
    mentionEvent(message) {
      return deliver("events_api", mentionEventPayload(w, message));
    },

    socket: {
      connected: () => sockets.connected(),
      get connections() {
        return sockets.connections;
      },
      disconnect: (reason?: string) => sockets.disconnect(reason),
    },

    useHttp(url) {
      receiverUrl = url;
    },

    rateLimitNext(method, seconds = 1) {
      state.rateLimits.set(method, seconds);
    },

    async signedPost(url, body, contentType, opts = {}) {
      const answer = await signedPost(url, body, contentType, { secret: opts.secret ?? state.signingSecret, ...(opts.timestamp !== undefined ? { timestamp: opts.timestamp } : {}), timeoutMs: ackTimeoutMs });
      return { status: answer.status, body: answer.body };
    },

    async close() {
      await sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return fake;
}

/** The picked `#name`s of a command's text as the channel links Slack's client makes of them. */
function withLinks(s: SlackState, text: string, picked: string[], escape: boolean): string {
  let out = text;
  for (const name of picked) {
    const c = s.channels.find((x) => `#${x.name}` === name);
    if (!c) throw new Error(`no channel ${name} to pick`);
    out = out.replace(new RegExp(`${name}(?![\\w-])`, "g"), `<#${c.id}|${escape ? c.name : ""}>`);
  }
  return out;
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8" }).end(JSON.stringify(body));
}

function bearer(req: IncomingMessage): string | undefined {
  const m = /^Bearer (.+)$/.exec(req.headers.authorization ?? "");
  return m?.[1];
}

async function route(s: SlackState, sockets: SocketModeServer, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", s.origin);
  const bytes = await rawBody(req);
  const contentType = req.headers["content-type"] ?? "";
  const api = /^\/api\/([\w.]+)$/.exec(url.pathname);
  if (api && req.method === "POST") {
    const method = api[1]!;
    const args = apiArgs(bytes, contentType);
    const token = bearer(req) ?? (typeof args.token === "string" ? args.token : undefined);
    delete args.token;
    const call: ApiCall = { method, args, at: Date.now() };
    s.calls.push(call);
    const wait = s.rateLimits.get(method);
    if (wait !== undefined) {
      s.rateLimits.delete(method);
      call.error = "ratelimited";
      return void res.writeHead(429, { "content-type": "application/json", "retry-after": String(wait) }).end(JSON.stringify({ ok: false, error: "ratelimited" }));
    }
    const answer = callMethod(s, method, args, token);
    if (answer.ok !== true) call.error = String(answer.error);
    if (method === "apps.connections.open" && answer.ok) answer.url = sockets.ticketUrl(s.origin);
    return json(res, 200, answer);
  }
  const upload = /^\/upload\/v1\/(F\w+)$/.exec(url.pathname);
  if (upload && req.method === "POST") {
    const pending = s.uploads.get(upload[1]!);
    if (!pending || pending.data) return void res.writeHead(404, { "content-type": "text/plain" }).end("Not Found");
    pending.data = await uploadedBytes(bytes, contentType);
    return void res.writeHead(200, { "content-type": "text/plain" }).end(`OK - ${pending.data.length}`);
  }
  if (url.pathname.startsWith("/hooks/") && req.method === "POST") {
    const body = contentType.startsWith("application/json") ? JSON.parse(bytes.toString("utf8") || "{}") : JSON.parse(new URLSearchParams(bytes.toString("utf8")).get("payload") ?? "{}");
    const answer = respond(s, `${s.origin}${url.pathname}`, body);
    return json(res, answer.status, answer.body);
  }
  if (url.pathname.startsWith("/files-pri/") && req.method === "GET") {
    const file = s.files.find((f) => new URL(f.urlPrivateDownload).pathname === url.pathname);
    if (!file) return void res.writeHead(404, { "content-type": "text/plain" }).end("Not Found");
    // without the bot token Slack answers with its sign-in page, not the file
    if (bearer(req) !== s.botToken) return void res.writeHead(302, { location: `${s.origin}/signin?redir=${encodeURIComponent(url.pathname)}` }).end();
    return void res.writeHead(200, { "content-type": "application/octet-stream", "content-length": file.data.length }).end(file.data);
  }
  if (url.pathname === "/signin") {
    return void res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end("<!DOCTYPE html><html><head><title>Sign in | Slack</title></head><body>Sign in to memsim-study</body></html>");
  }
  res.writeHead(404, { "content-type": "text/plain" }).end("Not Found");
}
