/**
 * The Slack adapter: Bolt in, the command layer in the middle, Slack's Web API out. Every
 * request is acknowledged at once (Slack waits 3 seconds), then answered: a public answer is
 * a message with its blocks and buttons, its pictures uploaded right after it into the same
 * channel or thread (a step's picture goes into the thread of the message it updates); a
 * private one is ephemeral, its pictures sent in a direct message. Socket Mode or the HTTP
 * receiver (signed requests); the person's language from their Slack locale.
 */
import { App, LogLevel, type Logger as BoltLogger } from "@slack/bolt";
import type { Acceptance, Answer, ChatAdapter, ChatCore, Logger, PostedRef, Reply } from "../../chat/index.js";
import { notice, PostError, requirePlatform, silentLogger } from "../../chat/index.js";
import { MemsimError } from "../../core/errors.js";
import { translator } from "../../i18n/index.js";
import { toMessage, toView, type SlackMessage, type SlackUpload } from "./blocks.js";
import { BUTTON_ACTION, SHORTCUT_CALLBACK_ID, SLACK, SLACK_COMMAND } from "./names.js";
import { fromAction, fromMention, fromShortcut, fromSlash, fromView, namesChannel, viewMetadata, type CommandLookups, type ActionPayload, type MentionPayload, type ShortcutPayload, type SlackFiles, type Translated, type ViewPayload, type Where } from "./translate.js";
import { drain, within } from "../within.js";
import { createDirectory } from "./directory.js";

export type SlackReceiver =
  /** Socket Mode: memsim connects out to Slack (no public address needed) */
  | { kind: "socket"; appToken: string }
  /** Slack sends signed HTTP requests to this address (`path` on `port`) */
  | { kind: "http"; signingSecret: string; port: number; host?: string; path?: string };

export interface SlackAdapterOptions {
  core: ChatCore;
  botToken: string;
  receiver: SlackReceiver;
  /** Slack's Web API base, e.g. https://slack.com/api/ (tests point it at a local Slack) */
  apiUrl?: string;
  logger?: Logger;
  /** how long `stop()` lets work under way finish before cutting it off (default 4 s) */
  stopGraceMs?: number;
  /** how long a person's Slack locale and role (admin or not) are remembered (default 1 hour) */
  localeTtlMs?: number;
}

export interface SlackAdapter extends ChatAdapter {
  readonly app: App;
  /** the port the HTTP receiver listens on, once started */
  readonly port: number | undefined;
  /** resolves when every request received so far has been answered (tests, shutdown) */
  idle(): Promise<void>;
}

/** Bolt's and the Web API's own log lines, into memsim's log (their debug chatter left out). */
function boltLogger(logger: Logger): BoltLogger {
  let level = LogLevel.WARN;
  const line = (at: "warn" | "error") => (...msg: unknown[]) => logger[at]({ evt: "slack-library", message: msg.map(String).join(" ") });
  return {
    debug: () => undefined,
    info: () => undefined,
    warn: line("warn"),
    error: line("error"),
    setLevel: (l) => void (level = l),
    getLevel: () => level,
    setName: () => undefined,
  };
}

/** Slack refused a token at start: which setting to check, and Slack's own reason (never the token). */
function refused(setting: string, what: string, error: unknown): MemsimError {
  const reason = (error as { data?: { error?: string } }).data?.error ?? (error as Error).message;
  return new MemsimError("slack-refused", `Slack refused ${setting} (${reason}): check that it is ${what}.`, { cause: error }); // operator-facing
}

/** What a log line says of a failed call to Slack (never a token or a body). */
function describe(error: unknown): { error?: string; errorCode?: unknown; message?: string } {
  const e = error as { name?: string; code?: unknown; data?: { error?: string }; message?: string };
  return { error: e?.name, errorCode: e?.data?.error ?? e?.code, message: e?.message };
}

export function createSlackAdapter(options: SlackAdapterOptions): SlackAdapter {
  const logger = options.logger ?? silentLogger();
  const receiver = options.receiver;
  const app = new App({
    token: options.botToken,
    ...(receiver.kind === "socket" ? { socketMode: true, appToken: receiver.appToken } : { signingSecret: receiver.signingSecret, endpoints: receiver.path ?? "/slack/events" }),
    deferInitialization: true,
    logger: boltLogger(logger),
    logLevel: LogLevel.WARN,
    clientOptions: {
      ...(options.apiUrl ? { slackApiUrl: options.apiUrl } : {}),
      // an answer is awaited: a few quick tries, not Slack's default of half an hour
      retryConfig: { retries: 3, factor: 2, minTimeout: 300, maxTimeout: 3_000 },
    },
  });
  const client = app.client;
  const botToken = options.botToken;
  let stopping = false;
  let port: number | undefined;
  const pending = new Set<Promise<void>>();
  let markClosed!: () => void;
  const closed = new Promise<void>((resolve) => (markClosed = resolve));
  const directory = createDirectory(client, logger, { personTtlMs: options.localeTtlMs ?? 60 * 60_000 });
  const halt = new AbortController();

  async function fetchBytes(url: string, maxBytes: number): Promise<Uint8Array> {
    const response = await fetch(url, { headers: { authorization: `Bearer ${botToken}` }, signal: AbortSignal.any([AbortSignal.timeout(10_000), halt.signal]) });
    if (!response.ok) throw new Error(`download failed: ${response.status}`); // operator-facing
    const bytes = Buffer.from(await response.arrayBuffer());
    if (bytes.length > maxBytes) throw new RangeError("file larger than allowed"); // operator-facing
    return bytes;
  }

  const files: SlackFiles = {
    download: fetchBytes,
    async byName(channel, name, user, maxBytes) {
      const listed = await client.files.list({ channel, types: "all", count: 100 });
      const named = (listed.files ?? []).filter((f) => f.name === name && (f.url_private_download ?? f.url_private));
      const file = named.find((f) => f.user === user) ?? named[0];
      if (!file) throw new Error(`no file ${name} in the channel`); // operator-facing
      return fetchBytes((file.url_private_download ?? file.url_private)!, maxBytes);
    },
  };

  async function upload(channel: string, threadTs: string | undefined, uploads: SlackUpload[], comment?: string): Promise<void> {
    if (uploads.length === 0) return;
    const file_uploads = uploads.map((u) => ({ file: u.data, filename: u.name, title: u.title, ...(u.altText ? { alt_text: u.altText } : {}) }));
    await client.files.uploadV2({ channel_id: channel, ...(threadTs ? { thread_ts: threadTs } : {}), ...(comment ? { initial_comment: comment } : {}), file_uploads } as Parameters<typeof client.files.uploadV2>[0]);
  }

  /** A message through a response_url (ephemeral, or in place of the one it came with); false when Slack no longer takes it. */
  async function respond(url: string, message: SlackMessage, replace: boolean): Promise<boolean> {
    const body = { response_type: "ephemeral", replace_original: replace, text: message.text, blocks: message.blocks };
    const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body), signal: AbortSignal.any([AbortSignal.timeout(10_000), halt.signal]) });
    return response.ok;
  }

  /** A message seen only by the person who asked; its pictures and files in a direct message. */
  async function ephemeral(where: Where, reply: Reply, replace: boolean): Promise<void> {
    const withFiles = reply.images.length + reply.files.length > 0;
    const inDm = reply.images.length === 1 && reply.files.length === 0 ? "chat.slack.pictureInDm" : "chat.slack.filesInDm";
    const told = withFiles ? { ...reply, blocks: [...reply.blocks, { kind: "note" as const, spans: [translator(reply.locale ?? "en").t(inDm)] }] } : reply;
    const message = toMessage(told, { askedBy: where.user });
    const sent = where.responseUrl ? await respond(where.responseUrl, message, replace).catch(() => false) : false;
    if (!sent) await client.chat.postEphemeral({ channel: where.channel, user: where.user, text: message.text, blocks: message.blocks, ...(where.threadTs ? { thread_ts: where.threadTs } : {}) });
    if (message.uploads.length) {
      const dm = await client.conversations.open({ users: where.user });
      if (!dm.channel?.id) throw new Error("Slack opened no direct message"); // operator-facing
      // in the direct message, a line says which channel's answer the pictures belong to
      const from = /^[CG]/.test(where.channel) ? translator(reply.locale ?? "en").t("chat.slack.dmFrom", { channel: `<#${where.channel}>` }) : undefined;
      await upload(dm.channel.id, undefined, message.uploads, from);
    }
  }

  /** A public message in the conversation, its pictures right after it. */
  async function publish(channel: string, threadTs: string | undefined, reply: Reply, askedBy?: string): Promise<string> {
    const message = toMessage(reply, askedBy ? { askedBy } : {});
    const posted = await client.chat.postMessage({ channel, text: message.text, blocks: message.blocks, unfurl_links: false, unfurl_media: false, ...(threadTs ? { thread_ts: threadTs } : {}) });
    if (!posted.ts) throw new Error("Slack gave the message no ts"); // operator-facing
    await upload(channel, threadTs, message.uploads);
    return posted.ts;
  }

  async function deliver(where: Where, answer: Answer): Promise<void> {
    const { reply, placement } = answer;
    const isPrivate = !!reply.private;
    const pressed = where.pressed;
    if (placement === "update" && pressed) {
      if (pressed.ephemeral && isPrivate) return ephemeral(where, reply, true);
      if (!pressed.ephemeral && !isPrivate) {
        const message = toMessage(reply, { askedBy: where.user });
        await client.chat.update({ channel: where.channel, ts: pressed.ts, text: message.text, blocks: message.blocks });
        // the step's picture goes into the thread of the message it updates: the channel stays quiet while stepping
        await upload(where.channel, pressed.threadTs ?? pressed.ts, message.uploads);
        return;
      }
    }
    if (isPrivate) return ephemeral(where, reply, false);
    await publish(where.channel, where.threadTs, reply, where.user);
  }

  /** Tells the person, privately, that the answer could not be sent. */
  async function undelivered(where: Where, answer: Answer, error: unknown): Promise<void> {
    logger.error({ evt: "answer-undelivered", channel: where.channel, user: where.user, ...describe(error) });
    const t = translator(answer.reply.locale ?? "en").t;
    const note: Reply = { blocks: [{ kind: "text", spans: [t("chat.delivery.failed")] }], images: [], files: [], buttons: [], private: true, ...(answer.reply.locale ? { locale: answer.reply.locale } : {}) };
    await ephemeral(where, note, false).catch((e: unknown) => logger.warn({ evt: "notice-undelivered", ...describe(e) }));
  }

  async function act(where: Where, acceptance: Acceptance, team: string | undefined): Promise<void> {
    if (acceptance.kind === "form") {
      // only a command, a shortcut or a button can open a form (a mention comes with no trigger)
      if (!where.triggerId) {
        const locale = acceptance.form.locale ?? "en";
        const told = notice(translator(locale).t("chat.slack.noForm"));
        return deliver(where, { ...told, reply: { ...told.reply, locale } });
      }
      await client.views.open({ trigger_id: where.triggerId, view: toView(acceptance.form, viewMetadata(where, team)) });
      return;
    }
    const answer = acceptance.kind === "answer" ? acceptance.answer : await acceptance.finish();
    if (halt.signal.aborted) {
      logger.warn({ evt: "answer-undelivered", channel: where.channel, reason: "stopped" });
      return;
    }
    try {
      await deliver(where, answer);
    } catch (error) {
      await undelivered(where, answer, error);
    }
  }

  /** Runs a request after its acknowledgement: the person's language, the command layer, the answer. */
  function handle(user: string, team: string | undefined, translate: (locale: string | undefined) => Translated | undefined | Promise<Translated | undefined>): void {
    if (stopping) {
      logger.info({ evt: "request-ignored", why: "stopping" });
      return;
    }
    const work = (async () => {
      const translated = await translate((await directory.person(user)).locale);
      if (!translated) return;
      if (translated.kind === "refused") {
        await deliver(translated.where, translated.command.answer).catch((error: unknown) => undelivered(translated.where, translated.command.answer, error));
        return;
      }
      const acceptance = options.core.accept(translated.invocation);
      try {
        await act(translated.where, acceptance, team);
      } catch (error) {
        // release the work's hold on the person's one running simulation
        if (acceptance.kind === "work") await acceptance.finish().catch(() => undefined);
        logger.warn({ evt: "slack-error", user, ...describe(error) });
      }
    })();
    const p = work.finally(() => pending.delete(p));
    pending.add(p);
  }

  /** What a command needs to know: the channels by name when its text names one, who may manage a channel. */
  async function lookups(text: string, user: string, team: string | undefined): Promise<CommandLookups> {
    return { ...(namesChannel(text) ? { channels: await directory.channelsByName() } : {}), mayManage: directory.mayManage(user, team) };
  }

  app.command(SLACK_COMMAND, async ({ ack, body }) => {
    await ack();
    handle(body.user_id, body.team_id, async (locale) => fromSlash(body, locale, files, await lookups(body.text, body.user_id, body.team_id)));
  });
  app.shortcut({ callback_id: SHORTCUT_CALLBACK_ID, type: "message_action" }, async ({ ack, body }) => {
    await ack();
    const payload = body as unknown as ShortcutPayload;
    handle(payload.user.id, payload.team?.id, (locale) => fromShortcut(payload, locale, files));
  });
  app.view({ type: "view_submission" }, async ({ ack, body }) => {
    await ack();
    const payload = body as unknown as ViewPayload;
    handle(payload.user.id, payload.team?.id, (locale) => fromView(payload, locale));
  });
  app.action(BUTTON_ACTION, async ({ ack, body }) => {
    await ack();
    const payload = body as unknown as ActionPayload;
    handle(payload.user.id, payload.team?.id, (locale) => fromAction(payload, locale));
  });
  app.event("app_mention", async ({ event }) => {
    const payload = event as unknown as MentionPayload;
    const user = payload.user;
    if (user) handle(user, payload.team, async (locale) => fromMention(payload, locale, files, await lookups(payload.text ?? "", user, payload.team)));
  });
  app.error(async (error) => {
    logger.error({ evt: "slack-app-error", ...describe(error) });
  });

  return {
    platform: SLACK,
    app,
    closed,
    get port() {
      return port;
    },
    async start() {
      await app.init().catch((error: unknown) => {
        throw refused("SLACK_BOT_TOKEN", "the Bot User OAuth Token (OAuth & Permissions), and that the app is installed in the workspace", error); // operator-facing
      });
      if (receiver.kind === "http") {
        const server = (await app.start({ port: receiver.port, host: receiver.host ?? "0.0.0.0" })) as { address(): { port: number } | string | null };
        const address = server.address();
        port = typeof address === "object" && address ? address.port : receiver.port;
      } else {
        await app.start().catch((error: unknown) => {
          throw refused("SLACK_APP_TOKEN", "an app-level token with the connections:write scope (Basic Information → App-Level Tokens), and that Socket Mode is on", error); // operator-facing
        });
      }
      logger.info({ evt: "slack-ready", receiver: receiver.kind, ...(port !== undefined ? { port } : {}) });
    },
    async stop() {
      // no new work; what is under way gets a bounded grace, then its requests are cut off
      stopping = true;
      await drain(pending, options.stopGraceMs ?? 4_000, logger);
      halt.abort();
      // Bolt's stop() returns before the socket is closed: wait for it, so no request reaches a stopped app
      const socket = (app as unknown as { receiver?: { client?: { once(event: string, f: () => void): void } } }).receiver?.client;
      const disconnected = receiver.kind === "socket" && socket ? new Promise<void>((resolve) => socket.once("disconnected", resolve)) : Promise.resolve();
      if (!(await within(Promise.all([app.stop(), disconnected]), 2_000))) logger.warn({ evt: "stop-slack-unclosed" });
      markClosed();
    },
    async post(channel, reply): Promise<PostedRef> {
      requirePlatform(channel, SLACK);
      try {
        const ts = await publish(channel.id, undefined, reply);
        logger.info({ evt: "posted", channel: channel.id, workspace: channel.workspace, message: ts, images: reply.images.length });
        return { channel, id: ts };
      } catch (error) {
        const code = (error as { data?: { error?: string } }).data?.error;
        const kind = code === "channel_not_found" || code === "not_in_channel" || code === "is_archived" ? "post-channel" : "post-refused";
        throw new PostError(kind, `Slack refused the message for channel ${channel.id}: ${code ?? (error as Error).message}`, { cause: error }); // operator-facing
      }
    },
    async edit(posted, reply): Promise<void> {
      requirePlatform(posted.channel, SLACK);
      const message = toMessage(reply);
      try {
        await client.chat.update({ channel: posted.channel.id, ts: posted.id, text: message.text, blocks: message.blocks });
        // pictures cannot join a message in place: they go into its thread
        await upload(posted.channel.id, posted.id, message.uploads);
        logger.info({ evt: "edited", channel: posted.channel.id, message: posted.id });
      } catch (error) {
        const code = (error as { data?: { error?: string } }).data?.error;
        throw new PostError("post-refused", `Slack refused the edit of message ${posted.id}: ${code ?? (error as Error).message}`, { cause: error }); // operator-facing
      }
    },
    async idle() {
      while (pending.size) await Promise.allSettled([...pending]);
    },
  };
}
