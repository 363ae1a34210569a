/**
 * A local Discord on 127.0.0.1: enough of the REST API and the gateway for the real
 * discord.js client to log in, receive interactions, and answer them with messages,
 * attachments, buttons and modals, and edit what it posted. Tests drive it as users would:
 * run a slash command, press a button, submit a modal, use a message's context menu; each
 * user's permissions can be set per channel, as a server's roles and overwrites would.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { readBody, type UploadedFile } from "./body.js";
import { Faults, type Fault } from "./faults.js";
import { FakeGateway } from "./gateway.js";
import { CALLBACK, EPHEMERAL as EPHEMERAL_FLAG, FakeInteraction, type FakeMessage, type StoredAttachment } from "./interaction.js";
import {
  buttonPayload,
  channelObject,
  messageCommandPayload,
  messageObject,
  modalSubmitPayload,
  slashPayload,
  snowflake,
  userMessage,
  userObject,
  MEMBER_PERMISSIONS,
  type AttachmentObject,
  type FakeChannel,
  type FakeUser,
  type OptionValue,
  type Place,
} from "./payloads.js";
import { messageProblems, modalProblems } from "./rules.js";

export type { FakeMessage, Outcome } from "./interaction.js";
export { FakeInteraction, CALLBACK, EPHEMERAL } from "./interaction.js";
export type { FakeChannel, FakeUser } from "./payloads.js";
export { MEMBER_PERMISSIONS } from "./payloads.js";
export type { Fault, FiredFault } from "./faults.js";

export interface RecordedRequest {
  method: string;
  path: string;
  status: number;
  body?: Record<string, unknown>;
}

export interface FakeDiscordOptions {
  token?: string;
  applicationId?: string;
}

/** Discord refuses an interaction's callback sent more than this after the interaction. */
export const ACK_DEADLINE_MS = 3_000;

export const DEFAULT_TOKEN = "MTEwMDAwMDAwMDAwMDAwMDAwMQ.GfAkE1.bG9jYWwtZGlzY29yZC10ZXN0LXRva2VuLW9ubHk";

export class FakeDiscord {
  readonly token: string;
  readonly applicationId: string;
  readonly place: Place = { guildId: "1200000000000000001", channelId: "1200000000000000002" };
  readonly alice: FakeUser = { id: "1300000000000000001", username: "alice", locale: "en-US" };
  /** the server's channels: the one users type in (place.channelId) and any added */
  readonly channels = new Map<string, FakeChannel>([[this.place.channelId, { id: this.place.channelId, name: "study-hall", type: 0 }]]);
  /** a user's permissions in a channel (user id → channel id → bitfield), as roles and overwrites make them */
  private permissions = new Map<string, Map<string, bigint>>();
  readonly requests: RecordedRequest[] = [];
  /** requests Discord would have refused, with why */
  readonly rejected: { path: string; problems: string[] }[] = [];
  readonly unhandled: string[] = [];
  /** acknowledgements refused because they came more than ACK_DEADLINE_MS after the interaction was sent */
  readonly late: { id: string; ms: number }[] = [];
  readonly registered: { global?: unknown[]; guilds: Map<string, unknown[]> } = { guilds: new Map() };
  readonly messages = new Map<string, FakeMessage>();
  /** messages the bot posted in a channel on its own, answering no interaction */
  readonly posted: FakeMessage[] = [];
  private interactions = new Map<string, FakeInteraction>();
  private limits: { route: RegExp; seconds: number }[] = [];
  /** failures planned with `failNext`, and those that happened */
  readonly faults = new Faults();
  private uploads = new Map<string, StoredAttachment>();
  private commandIds = new Map<string, string>();
  private gateway!: FakeGateway;
  private server!: Server;
  private port = 0;

  constructor(options: FakeDiscordOptions = {}) {
    this.token = options.token ?? DEFAULT_TOKEN;
    this.applicationId = options.applicationId ?? "1100000000000000001";
  }

  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The REST base discord.js is given (`rest.api`). */
  get apiUrl(): string {
    return `${this.origin}/api`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      this.route(req, res).catch((error) => this.send(res, 500, { message: String(error) }, req));
    });
    this.gateway = new FakeGateway(this.server, { token: this.token, applicationId: this.applicationId, url: () => `ws://127.0.0.1:${this.port}/gateway` });
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async close(): Promise<void> {
    this.gateway.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Resolves when a bot has logged in over the gateway (or resumed its session). */
  ready(): Promise<void> {
    return this.gateway.ready();
  }

  /** Drops the bot's gateway connection, as a network failure would. */
  dropGateway(): void {
    this.gateway.drop();
  }

  /**
   * The next request matching `route` (e.g. /PATCH \/webhooks\//) is refused with 429 and
   * Discord's rate-limit headers, asking to retry after `seconds`.
   */
  rateLimitNext(route: RegExp, seconds = 0.2): void {
    this.limits.push({ route, seconds });
  }

  /**
   * The next `times` requests matching `route` (tested against "METHOD /route", e.g.
   * /^PATCH \/webhooks\//) fail: a server error, a 429, a lost connection, or no answer ever.
   */
  failNext(route: RegExp, fault: Fault, times = 1): void {
    this.faults.add(route, fault, times);
  }

  get gatewayLog() {
    return this.gateway.log;
  }

  /** A new channel of the server (0: text, 5: announcement). */
  addChannel(name: string, type = 0): FakeChannel {
    const channel = { id: snowflake(), name, type };
    this.channels.set(channel.id, channel);
    return channel;
  }

  /** Sets what a user may do in a channel (a bitfield of Discord's permission flags). */
  setPermissions(user: FakeUser, channelId: string, permissions: bigint): void {
    const mine = this.permissions.get(user.id) ?? new Map<string, bigint>();
    mine.set(channelId, permissions);
    this.permissions.set(user.id, mine);
  }

  /** A user's computed permissions in a channel, as Discord sends them (a decimal string). */
  permissionsOf(user: FakeUser, channelId: string): string {
    return String(this.permissions.get(user.id)?.get(channelId) ?? MEMBER_PERMISSIONS);
  }

  // ---- what users do ----

  /** A user runs `/memsim <subcommand>` (or `/memsim <group> <subcommand>`, e.g. "quiz now") with options. */
  slash(subcommand: string, options: Record<string, OptionValue> = {}, user: FakeUser = this.alice, place: Place = this.place): FakeInteraction {
    const permissions = { here: this.permissionsOf(user, place.channelId), in: (id: string) => this.permissionsOf(user, id) };
    const payload = slashPayload(this.applicationId, this.commandId("memsim"), user, place, "memsim", subcommand, options, permissions);
    return this.dispatch(payload);
  }

  /** A user presses the button labelled `label` (or with that custom id) on a message. */
  press(message: FakeMessage, label: string, user: FakeUser = this.alice): FakeInteraction {
    const button = message.components.flatMap((r) => r.components).find((b) => b.label === label || b.custom_id === label);
    if (!button) throw new Error(`no button "${label}" on the message (has: ${message.components.flatMap((r) => r.components.map((b) => b.label)).join(", ")})`);
    if (button.disabled) throw new Error(`the button "${label}" is disabled`);
    const place = { guildId: this.place.guildId, channelId: message.channel_id };
    return this.dispatch(buttonPayload(this.applicationId, user, place, button.custom_id, this.wire(message), this.permissionsOf(user, place.channelId)), message);
  }

  /** A user fills in and submits a modal the bot opened. */
  submitModal(modal: Record<string, unknown>, values: Record<string, string>, user: FakeUser = this.alice): FakeInteraction {
    return this.dispatch(modalSubmitPayload(this.applicationId, user, this.place, String(modal.custom_id), values));
  }

  /** A user picks a message command on a message someone posted. */
  contextMenu(name: string, content: string, attachments: AttachmentObject[] = [], user: FakeUser = this.alice): FakeInteraction {
    const message = userMessage({ id: "1300000000000000099", username: "bob", locale: "en-US" }, this.place, content, attachments);
    return this.dispatch(messageCommandPayload(this.applicationId, this.commandId(name), name, user, this.place, message));
  }

  /** A file a user attaches (served back at its URL, as Discord's CDN would). */
  upload(filename: string, content: string | Buffer, contentType = "text/x-python; charset=utf-8"): AttachmentObject {
    const id = snowflake();
    const data = Buffer.isBuffer(content) ? content : Buffer.from(content, "utf8");
    const url = `${this.origin}/attachments/${this.place.channelId}/${id}/${encodeURIComponent(filename)}`;
    const attachment = { id, filename, size: data.length, url, proxy_url: url, content_type: contentType };
    this.uploads.set(id, { ...attachment, data });
    return attachment;
  }

  /** Every message the bot sent or edited must have disabled mentions. */
  mentionsDisabledEverywhere(): boolean {
    return [...this.messages.values()].every((m) => JSON.stringify(m.allowed_mentions) === JSON.stringify({ parse: [] }));
  }

  private commandId(name: string): string {
    let id = this.commandIds.get(name);
    if (!id) {
      id = snowflake();
      this.commandIds.set(name, id);
    }
    return id;
  }

  private dispatch(payload: Record<string, unknown>, pressed?: FakeMessage): FakeInteraction {
    const interaction = new FakeInteraction(String(payload.id), String(payload.token), payload, pressed);
    this.interactions.set(interaction.id, interaction);
    this.gateway.dispatch("INTERACTION_CREATE", payload);
    interaction.sentAt = performance.now();
    return interaction;
  }

  /** A message as Discord sends it inside an interaction (no bytes, just URLs). */
  private wire(m: FakeMessage) {
    return messageObject({
      id: m.id,
      channel_id: m.channel_id,
      content: m.content,
      flags: m.flags,
      components: m.components,
      attachments: m.attachments.map(({ data: _data, ...a }) => a),
      author: userObject({ id: this.applicationId, username: "memsim", bot: true }),
      // 20: a reply to a slash command; 0: an ordinary message
      type: m.interaction_id ? 20 : 0,
      ...this.metadata(m),
    });
  }

  /** Who the interaction a message answers came from, as Discord tells it on the message. */
  private metadata(m: FakeMessage) {
    const interaction = m.interaction_id ? this.interactions.get(m.interaction_id) : undefined;
    const member = interaction?.payload.member as { user: Record<string, unknown> } | undefined;
    if (!interaction || !member) return {};
    return { interaction_metadata: { id: interaction.id, type: interaction.payload.type, user: member.user, authorizing_integration_owners: { "0": this.place.guildId } } };
  }

  // ---- the REST API ----

  private send(res: ServerResponse, status: number, body: unknown, req: IncomingMessage, recorded?: Record<string, unknown>): void {
    this.requests.push({ method: req.method ?? "", path: req.url ?? "", status, ...(recorded ? { body: recorded } : {}) });
    if (status === 204) {
      res.writeHead(204).end();
      return;
    }
    const text = JSON.stringify(body);
    res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) }).end(text);
  }

  private invalid(res: ServerResponse, req: IncomingMessage, problems: string[]): void {
    this.rejected.push({ path: req.url ?? "", problems });
    this.send(res, 400, { code: 50035, message: "Invalid Form Body", errors: problems }, req);
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", this.origin);
    const path = decodeURIComponent(url.pathname);
    const method = req.method ?? "GET";
    const authorized = req.headers.authorization === `Bot ${this.token}`;
    let m: RegExpExecArray | null;

    if ((m = /^\/attachments\/\d+\/(\d+)\/[^/]+$/.exec(path)) && method === "GET") {
      const file = this.uploads.get(m[1]!) ?? [...this.messages.values()].flatMap((msg) => msg.attachments).find((a) => a.id === m![1]);
      if (!file) return this.send(res, 404, { message: "Not Found" }, req);
      this.requests.push({ method, path, status: 200 });
      res.writeHead(200, { "content-type": file.content_type ?? "application/octet-stream", "content-length": file.data.length }).end(file.data);
      return;
    }
    if (!path.startsWith("/api/v10/")) return this.unknown(req, res);
    const route = path.slice("/api/v10".length);
    const fault = this.faults.take(`${method} ${route}`);
    if (fault) return this.fail(req, res, fault);
    const limit = this.limits.findIndex((l) => l.route.test(`${method} ${route}`));
    if (limit >= 0) {
      const { seconds } = this.limits.splice(limit, 1)[0]!;
      return this.rateLimited(req, res, seconds);
    }

    if (route === "/gateway/bot" && method === "GET") {
      if (!authorized) return this.send(res, 401, { message: "401: Unauthorized", code: 0 }, req);
      return this.send(res, 200, { url: `ws://127.0.0.1:${this.port}/gateway`, shards: 1, session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 } }, req);
    }
    if (route === "/gateway" && method === "GET") return this.send(res, 200, { url: `ws://127.0.0.1:${this.port}/gateway` }, req);

    if ((m = /^\/applications\/(\d+)\/(?:guilds\/(\d+)\/)?commands$/.exec(route)) && method === "PUT") {
      if (!authorized) return this.send(res, 401, { message: "401: Unauthorized", code: 0 }, req);
      if (m[1] !== this.applicationId) return this.send(res, 403, { message: "Missing Access", code: 50001 }, req);
      const body = (await readBody(req)).json as unknown as Record<string, unknown>[];
      const saved = body.map((c) => ({ ...c, id: this.commandId(String(c.name)), application_id: this.applicationId, version: snowflake(), ...(m![2] ? { guild_id: m![2] } : {}) }));
      if (m[2]) this.registered.guilds.set(m[2], saved);
      else this.registered.global = saved;
      return this.send(res, 200, saved, req);
    }

    if ((m = /^\/channels\/(\d+)(\/messages)?(?:\/(\d+))?$/.exec(route))) {
      if (!authorized) return this.send(res, 401, { message: "401: Unauthorized", code: 0 }, req);
      const channel = this.channels.get(m[1]!);
      if (!channel) return this.send(res, 404, { message: "Unknown Channel", code: 10003 }, req);
      if (!m[2] && !m[3] && method === "GET") return this.send(res, 200, channelObject(this.place.guildId, channel), req);
      if (m[2] && !m[3] && method === "POST") return this.post(req, res, channel.id);
      if (m[2] && m[3] && method === "PATCH") return this.editPosted(req, res, channel.id, m[3]);
    }
    if ((m = /^\/interactions\/(\d+)\/([^/]+)\/callback$/.exec(route)) && method === "POST") {
      return this.callback(req, res, m[1]!, m[2]!, url.searchParams.get("with_response") === "true");
    }
    if ((m = /^\/webhooks\/(\d+)\/([^/]+)(?:\/messages\/(@original|\d+))?$/.exec(route))) {
      if (m[1] !== this.applicationId) return this.send(res, 404, { message: "Unknown Webhook", code: 10015 }, req);
      const interaction = [...this.interactions.values()].find((i) => i.token === m![2]);
      if (!interaction) return this.send(res, 404, { message: "Unknown Webhook", code: 10015 }, req);
      return this.webhook(req, res, interaction, method, m[3]);
    }
    return this.unknown(req, res);
  }

  /** A 429 as Discord sends it: the body and the headers @discordjs/rest reads. */
  private rateLimited(req: IncomingMessage, res: ServerResponse, seconds: number): void {
    this.requests.push({ method: req.method ?? "", path: req.url ?? "", status: 429 });
    const text = JSON.stringify({ message: "You are being rate limited.", retry_after: seconds, global: false });
    res
      .writeHead(429, {
        "content-type": "application/json",
        "content-length": Buffer.byteLength(text),
        "retry-after": String(Math.ceil(seconds)),
        "x-ratelimit-limit": "5",
        "x-ratelimit-remaining": "0",
        "x-ratelimit-reset": String(Date.now() / 1000 + seconds),
        "x-ratelimit-reset-after": String(seconds),
        "x-ratelimit-bucket": "fake-bucket",
        "x-ratelimit-scope": "user",
      })
      .end(text);
  }

  private fail(req: IncomingMessage, res: ServerResponse, fault: Fault): void {
    if ("socket" in fault) {
      this.requests.push({ method: req.method ?? "", path: req.url ?? "", status: 0 });
      // a held request stays open until the server closes (closeAllConnections ends it)
      if (fault.socket === "reset") req.socket.destroy();
      return;
    }
    if (fault.status === 429) return this.rateLimited(req, res, "seconds" in fault ? fault.seconds : 1);
    this.send(res, fault.status, { message: `${fault.status}: Server Error`, code: 0 }, req);
  }

  private unknown(req: IncomingMessage, res: ServerResponse): void {
    this.unhandled.push(`${req.method} ${req.url}`);
    this.send(res, 404, { message: "404: Not Found", code: 0 }, req);
  }

  /** A new message from the bot, or an edit of one: the body's text, buttons and files. */
  private apply(target: FakeMessage | undefined, interaction: FakeInteraction | undefined, json: Record<string, unknown>, files: UploadedFile[], channelId = this.place.channelId): FakeMessage {
    const message: FakeMessage = target ?? {
      id: snowflake(),
      channel_id: channelId,
      content: "",
      flags: 0,
      components: [],
      attachments: [],
      allowed_mentions: undefined,
      ...(interaction ? { interaction_id: interaction.id } : {}),
      edits: -1,
    };
    message.edits += 1;
    if ("content" in json) message.content = String(json.content ?? "");
    if ("components" in json) message.components = (json.components as FakeMessage["components"]) ?? [];
    if (typeof json.flags === "number") message.flags = json.flags;
    message.allowed_mentions = json.allowed_mentions;
    const listed = json.attachments as { id: string | number; description?: string; filename?: string }[] | undefined;
    const fresh = (index: number, description?: string): StoredAttachment | undefined => {
      const file = files.find((f) => f.index === index);
      if (!file) return undefined;
      const id = snowflake();
      const url = `${this.origin}/attachments/${message.channel_id}/${id}/${encodeURIComponent(file.name)}`;
      return { id, filename: file.name, size: file.data.length, url, proxy_url: url, content_type: file.contentType, ...(description ? { description } : {}), data: file.data };
    };
    if (listed) {
      // listed ids are either new uploads (their files[n] index) or existing attachments to keep
      message.attachments = listed.flatMap((a) => {
        const kept = message.attachments.find((old) => old.id === String(a.id));
        if (kept) return [kept];
        const made = fresh(Number(a.id), a.description);
        return made ? [made] : [];
      });
    } else {
      message.attachments.push(...files.map((f) => fresh(f.index)!));
    }
    this.messages.set(message.id, message);
    return message;
  }

  /** A message the bot sends to the channel by itself (POST /channels/{id}/messages). */
  private async post(req: IncomingMessage, res: ServerResponse, channelId: string): Promise<void> {
    const { json, files } = await readBody(req);
    const problems = messageProblems(json, files);
    if ((Number(json.flags ?? 0) & EPHEMERAL_FLAG) !== 0) problems.push("flags: only interaction responses can be ephemeral");
    if (problems.length) return this.invalid(res, req, problems);
    const message = this.apply(undefined, undefined, { flags: 0, ...json }, files, channelId);
    this.posted.push(message);
    return this.send(res, 200, { ...this.wire(message), guild_id: this.place.guildId }, req, { ...json, content: undefined });
  }

  /**
   * The bot edits a message it posted (PATCH /channels/{c}/messages/{m}): the fields sent
   * replace the old ones; `attachments` lists the files kept (an empty list drops them all).
   */
  private async editPosted(req: IncomingMessage, res: ServerResponse, channelId: string, messageId: string): Promise<void> {
    const target = this.posted.find((p) => p.id === messageId && p.channel_id === channelId);
    if (!target || !this.messages.has(messageId)) return this.send(res, 404, { message: "Unknown Message", code: 10008 }, req);
    const { json, files } = await readBody(req);
    const problems = messageProblems(json, files);
    if ((Number(json.flags ?? 0) & EPHEMERAL_FLAG) !== 0) problems.push("flags: a channel message cannot become ephemeral");
    if (problems.length) return this.invalid(res, req, problems);
    const message = this.apply(target, undefined, json, files);
    return this.send(res, 200, { ...this.wire(message), guild_id: this.place.guildId, edited_timestamp: new Date().toISOString() }, req, { ...json, content: undefined });
  }

  private async callback(req: IncomingMessage, res: ServerResponse, id: string, token: string, withResponse: boolean): Promise<void> {
    const interaction = this.interactions.get(id);
    if (!interaction || interaction.token !== token) return this.send(res, 404, { message: "Unknown interaction", code: 10062 }, req);
    if (interaction.callbackType !== undefined) return this.send(res, 400, { message: "Interaction has already been acknowledged.", code: 40060 }, req);
    // Discord's 3-second rule: a callback that comes later finds the interaction gone
    const waited = performance.now() - interaction.sentAt;
    if (waited > ACK_DEADLINE_MS) {
      this.late.push({ id, ms: waited });
      return this.send(res, 404, { message: "Unknown interaction", code: 10062 }, req);
    }
    interaction.ackedAt = performance.now();
    const { json, files } = await readBody(req);
    const type = Number(json.type);
    const data = (json.data as Record<string, unknown> | undefined) ?? {};
    const problems = type === CALLBACK.modal ? modalProblems(data) : type === CALLBACK.reply || type === CALLBACK.update ? messageProblems(data, files) : [];
    if (type === CALLBACK.modal && interaction.payload.type === 5) problems.push("a modal cannot answer a modal submission");
    if ((type === CALLBACK.update || type === CALLBACK.deferUpdate) && !interaction.pressed) problems.push("only component interactions can update a message");
    if (problems.length) return this.invalid(res, req, problems);
    if (type === CALLBACK.modal) interaction.modal = data;
    else if (type === CALLBACK.reply || type === CALLBACK.deferReply) interaction.original = this.apply(undefined, interaction, { flags: 0, ...data }, files);
    else if (type === CALLBACK.update) interaction.original = this.apply(interaction.pressed, interaction, data, files);
    else if (type === CALLBACK.deferUpdate) interaction.original = interaction.pressed;
    else return this.invalid(res, req, [`unknown callback type ${type}`]);
    interaction.ackFlags = Number(data.flags ?? 0);
    interaction.loading = type === CALLBACK.deferReply;
    interaction.record({ what: "callback", type }, type === CALLBACK.deferUpdate ? undefined : interaction.original);
    const summary = { type, data: { ...data, content: undefined } };
    if (!withResponse) return this.send(res, 204, undefined, req, summary);
    return this.send(res, 200, { interaction: { id, type: interaction.payload.type }, ...(interaction.original ? { resource: { type, message: this.wire(interaction.original) } } : {}) }, req, summary);
  }

  private async webhook(req: IncomingMessage, res: ServerResponse, interaction: FakeInteraction, method: string, which: string | undefined): Promise<void> {
    if (interaction.callbackType === undefined) return this.send(res, 404, { message: "Unknown Webhook", code: 10015 }, req);
    const target = which === "@original" ? interaction.original : which ? this.messages.get(which) : undefined;
    if (method === "GET" && target) return this.send(res, 200, this.wire(target), req);
    if (method === "DELETE" && target) {
      this.messages.delete(target.id);
      if (target === interaction.original) interaction.loading = false;
      interaction.record({ what: "delete", message: target.id });
      return this.send(res, 204, undefined, req);
    }
    if (method === "PATCH" && target) {
      const { json, files } = await readBody(req);
      const problems = messageProblems(json, files);
      if (problems.length) return this.invalid(res, req, problems);
      const message = this.apply(target, interaction, json, files);
      if (target === interaction.original) interaction.loading = false;
      interaction.record({ what: "edit", message: message.id }, message);
      return this.send(res, 200, this.wire(message), req);
    }
    if (method === "POST" && !which) {
      const { json, files } = await readBody(req);
      const problems = messageProblems(json, files);
      if (problems.length) return this.invalid(res, req, problems);
      // Discord: the first follow-up to a deferred reply still "thinking…" takes its place, its
      // flags ignored: it is as private, or as public, as the acknowledgement was
      const replacing = interaction.loading && interaction.original && this.messages.has(interaction.original.id) ? interaction.original : undefined;
      const message = this.apply(replacing, interaction, replacing ? { ...json, flags: replacing.flags } : { flags: 0, ...json }, files);
      interaction.loading = false;
      interaction.followups.push(message);
      interaction.record({ what: "followup", message: message.id }, message);
      return this.send(res, 200, this.wire(message), req);
    }
    return this.unknown(req, res);
  }
}

/** Starts a local Discord on a free port. */
export async function startFakeDiscord(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  return new FakeDiscord(options).start();
}
