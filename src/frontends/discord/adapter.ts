/**
 * The Discord adapter: discord.js in, the command layer in the middle, discord.js out.
 * Every interaction is acknowledged before any slow work (defer, then edit), private
 * answers stay private, work whose answer may turn out private is acknowledged privately
 * (nothing public shows before the answer is known), and no message can mention anyone. `post` sends a message to a
 * channel on its own (a server is a workspace in the chat layer's words). A final answer
 * that fails for a passing reason is sent again while the interaction's token lasts
 * (retry.ts); `stop()` gives work under way a bounded grace, then cuts it off.
 */
import { Client, DefaultRestOptions, Events, GatewayIntentBits, MessageFlags, type BaseInteraction, type RepliableInteraction } from "discord.js";
import type { Acceptance, Answer, ChatAdapter, ChatCore, Logger, PostedRef } from "../../chat/index.js";
import { PostError, requirePlatform, silentLogger } from "../../chat/index.js";
import { resolveLocale, translator, type Locale } from "../../i18n/index.js";
import { DEFAULT_RETRY, GaveUp, withRetry, type RetryPolicy } from "./retry.js";
import { DISCORD, download, toInvocation, toModal, toPayload, type Download } from "./translate.js";
import { drain, within } from "../within.js";

export interface DeliveryOptions {
  /** how long an interaction's token may answer, from the interaction's creation (Discord: 15 minutes) */
  windowMs?: number;
  /** the end of that window kept for the note that the answer could not be sent */
  noticeMs?: number;
  retry?: Partial<RetryPolicy>;
  /** a 429 on an answer asking a longer wait than this comes back here, to be weighed against the window */
  longRateLimitMs?: number;
}

export const DELIVERY_DEFAULTS = { windowMs: 15 * 60_000, noticeMs: 60_000, longRateLimitMs: 10_000 } as const;

export interface DiscordAdapterOptions {
  core: ChatCore;
  token: string;
  /** Discord's REST base, e.g. https://discord.com/api (tests point it at a local server) */
  apiUrl?: string;
  logger?: Logger;
  /** how attachments are fetched (default: HTTP GET of the URL Discord gave) */
  download?: Download;
  delivery?: DeliveryOptions;
  /** how long `stop()` lets work under way finish before cutting it off (default 4 s) */
  stopGraceMs?: number;
}

export interface DiscordAdapter extends ChatAdapter {
  /** Logs in and resolves once the gateway session is ready. */
  start(): Promise<void>;
  stop(): Promise<void>;
  readonly client: Client;
  /** resolves when every interaction received so far has been answered (tests, shutdown) */
  idle(): Promise<void>;
}

type Acked = "update" | "new" | "new-private";

/** What a log line says of a failed call to Discord (never the request's body or token). */
function describe(error: unknown): { error?: string; errorCode?: unknown; status?: unknown; message?: string } {
  const e = error as { name?: string; code?: unknown; status?: unknown; message?: string; cause?: { code?: unknown } };
  // not `code`: the log removes that field everywhere, as it holds programs elsewhere
  return { error: e?.name, errorCode: e?.code ?? e?.cause?.code, status: e?.status, message: e?.message };
}

export function createDiscordAdapter(options: DiscordAdapterOptions): DiscordAdapter {
  const logger = options.logger ?? silentLogger();
  const timing = { ...DELIVERY_DEFAULTS, ...options.delivery };
  const policy: RetryPolicy = { ...DEFAULT_RETRY, ...options.delivery?.retry };
  // aborted when stopping: cuts off waits between retries and every request still in flight
  const halt = new AbortController();
  const rest = {
    ...(options.apiUrl ? { api: options.apiUrl } : {}),
    makeRequest: (url: string, init: Parameters<typeof DefaultRestOptions.makeRequest>[1]) =>
      DefaultRestOptions.makeRequest(url, { ...init, signal: init.signal ? AbortSignal.any([init.signal as AbortSignal, halt.signal]) : halt.signal }),
    // a long rate limit on an interaction's answer is the adapter's to weigh against the token's window
    rejectOnRateLimit: (data: { route: string; retryAfter: number }) => data.route.startsWith("/webhooks/") && data.retryAfter > timing.longRateLimitMs,
  };
  // interactions need no privileged intent; Guilds keeps channel data for context menus
  const client = new Client({ intents: [GatewayIntentBits.Guilds], rest });
  let stopping = false;
  const pending = new Set<Promise<void>>();
  const fetchText = options.download ?? download;
  let markClosed!: () => void;
  const closed = new Promise<void>((resolve) => (markClosed = resolve));

  /** The answer's calls to Discord; safe to call again after a failure (a deletion is not repeated). */
  function deliverer(i: RepliableInteraction, acked: Acked, answer: Answer): () => Promise<void> {
    const payload = toPayload(answer.reply);
    const isPrivate = !!answer.reply.private;
    let deleted = false;
    return async () => {
      if (acked === "update") {
        // an update's answer replaces the pressed message; anything else is a new message
        if (answer.placement === "update") await i.editReply({ ...payload, attachments: [] });
        else await i.followUp({ ...payload, ...(isPrivate ? { flags: MessageFlags.Ephemeral } : {}) });
        return;
      }
      if (isPrivate !== (acked === "new-private")) {
        // a "thinking…" cannot change who sees it, and the first follow-up would take its place
        // (and its visibility): it is removed, and the answer follows as a message of its own
        if (!deleted) await i.deleteReply();
        deleted = true;
        await i.followUp({ ...payload, ...(isPrivate ? { flags: MessageFlags.Ephemeral } : {}) });
        return;
      }
      await i.editReply(payload);
    };
  }

  /**
   * Sends the answer, retrying passing failures while the interaction's token is valid; when
   * it cannot, tells the learner (if even that gets through) and the operator.
   */
  async function deliver(i: RepliableInteraction, acked: Acked, answer: Answer, opened: number): Promise<void> {
    const windowEnd = opened + timing.windowMs;
    const started = Date.now();
    const base = { interaction: i.id, acked, elapsedMs: started - opened };
    if (started >= windowEnd) {
      logger.error({ evt: "answer-undelivered", ...base, reason: "window", attempts: 0, notified: false });
      return;
    }
    let attempts = 0;
    const send = deliverer(i, acked, answer);
    try {
      await withRetry(
        (n) => {
          attempts = n;
          return send();
        },
        { policy, deadline: windowEnd - timing.noticeMs, signal: halt.signal, onRetry: (error, attempt, waitMs) => logger.warn({ evt: "answer-retry", ...base, attempt, waitMs, ...describe(error) }) },
      );
      if (attempts > 1) logger.info({ evt: "answer-delivered", ...base, attempts, tookMs: Date.now() - started });
      return;
    } catch (error) {
      if (!(error instanceof GaveUp)) throw error;
      const failure = { ...base, reason: error.reason, attempts: error.attempts, tookMs: Date.now() - started, ...describe(error.last) };
      // stopping: the bot is going away, and a note would only race it
      const notified = error.reason === "stopped" ? false : await notify(i, acked, answer.reply.locale ?? resolveLocale(i.locale), error.reason === "deadline", windowEnd);
      logger.error({ evt: "answer-undelivered", ...failure, notified });
    }
  }

  /** A short private note that the answer could not be sent, and to run the command again. */
  async function notify(i: RepliableInteraction, acked: Acked, locale: Locale, late: boolean, windowEnd: number): Promise<boolean> {
    const t = translator(locale).t;
    const text = late ? t("chat.delivery.late", { minutes: Math.max(1, Math.round(timing.windowMs / 60_000)) }) : t("chat.delivery.failed");
    const note = toPayload({ blocks: [{ kind: "text", spans: [text] }], images: [], files: [], buttons: [], private: true, locale });
    // a "thinking…" left in place would be replaced by the note, and make it as public as itself
    if (acked !== "update") await i.deleteReply().catch(() => undefined);
    try {
      await withRetry(() => i.followUp({ ...note, flags: MessageFlags.Ephemeral }), { policy, deadline: windowEnd, signal: halt.signal });
      return true;
    } catch (error) {
      logger.warn({ evt: "notice-undelivered", interaction: i.id, ...describe(error instanceof GaveUp ? error.last : error) });
      return false;
    }
  }

  async function act(i: RepliableInteraction, acceptance: Acceptance, opened: number): Promise<void> {
    if (acceptance.kind === "form") {
      if (i.isModalSubmit()) throw new Error("a form cannot open another form");
      await i.showModal(toModal(acceptance.form));
      return;
    }
    if (acceptance.kind === "answer") {
      const { reply, placement } = acceptance.answer;
      const payload = toPayload(reply);
      if (placement === "update" && i.isButton()) await i.update({ ...payload, attachments: [] });
      else await i.reply({ ...payload, ...(reply.private ? { flags: MessageFlags.Ephemeral } : {}) });
      return;
    }
    let acked: Acked;
    const canUpdate = i.isButton();
    if (acceptance.placement === "update" && canUpdate) {
      await i.deferUpdate();
      acked = "update";
    } else {
      await i.deferReply(acceptance.private ? { flags: MessageFlags.Ephemeral } : {});
      acked = acceptance.private ? "new-private" : "new";
    }
    const answer = await acceptance.finish();
    if (halt.signal.aborted) {
      logger.warn({ evt: "answer-undelivered", interaction: i.id, reason: "stopped", attempts: 0, notified: false });
      return;
    }
    await deliver(i, acked, answer, opened);
  }

  async function handle(i: BaseInteraction): Promise<void> {
    if (!i.isRepliable()) return;
    // Discord counts the token's minutes from the interaction's creation; a clock ahead of Discord's only shortens them
    const opened = Math.min(Date.now(), i.createdTimestamp);
    if (stopping) {
      logger.info({ evt: "interaction-ignored", interaction: i.id, why: "stopping" });
      return;
    }
    const invocation = toInvocation(i, fetchText);
    if (!invocation) return;
    const acceptance = options.core.accept(invocation);
    try {
      await act(i, acceptance, opened);
    } catch (error) {
      // release the work's hold on the person's one running simulation, even when Discord refused the acknowledgement
      if (acceptance.kind === "work") await acceptance.finish().catch(() => undefined);
      logger.warn({ evt: "discord-error", interaction: i.id, ...describe(error) });
    }
  }

  client.on(Events.InteractionCreate, (i) => {
    const p = handle(i).finally(() => pending.delete(p));
    pending.add(p);
  });
  client.on(Events.Error, (error) => logger.error({ evt: "discord-client-error", message: error.message }));
  client.on(Events.ShardDisconnect, (event, shard) => logger.warn({ evt: "discord-disconnect", shard, code: event.code }));

  return {
    platform: DISCORD,
    client,
    closed,
    async start() {
      const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
      await client.login(options.token);
      await ready;
      logger.info({ evt: "discord-ready", user: client.user?.id, application: client.application?.id });
    },
    async stop() {
      // no new work; what is under way gets a bounded grace, then its waits and requests are cut off
      stopping = true;
      await drain(pending, options.stopGraceMs ?? 4_000, logger);
      halt.abort();
      // closing the gateway waits for Discord's side of the close, which may never come
      if (!(await within(client.destroy(), 2_000))) logger.warn({ evt: "stop-gateway-unclosed" });
      markClosed();
    },
    async post(channel, reply): Promise<PostedRef> {
      requirePlatform(channel, DISCORD);
      // the server may not be cached yet (just after start): the channel is still usable
      const target = await client.channels.fetch(channel.id, { allowUnknownGuild: true }).catch((error: unknown) => {
        throw new PostError("post-channel", `Discord has no channel ${channel.id} this bot can see`, { cause: error });
      });
      if (!target?.isSendable()) throw new PostError("post-channel", `Discord channel ${channel.id} does not take messages`);
      try {
        const message = await target.send(toPayload(reply));
        logger.info({ evt: "posted", channel: channel.id, workspace: channel.workspace, message: message.id, images: reply.images.length });
        return { channel, id: message.id };
      } catch (error) {
        throw new PostError("post-refused", `Discord refused the message for channel ${channel.id}: ${(error as Error).message}`, { cause: error });
      }
    },
    async edit(message, reply): Promise<void> {
      requirePlatform(message.channel, DISCORD);
      const target = await client.channels.fetch(message.channel.id, { allowUnknownGuild: true }).catch((error: unknown) => {
        throw new PostError("post-channel", `Discord has no channel ${message.channel.id} this bot can see`, { cause: error });
      });
      if (!target?.isTextBased()) throw new PostError("post-channel", `Discord channel ${message.channel.id} holds no messages`);
      try {
        // the new reply replaces the message whole: its text, buttons and files
        await target.messages.edit(message.id, { ...toPayload(reply), attachments: [] });
        logger.info({ evt: "edited", channel: message.channel.id, message: message.id });
      } catch (error) {
        throw new PostError("post-refused", `Discord refused the edit of message ${message.id}: ${(error as Error).message}`, { cause: error });
      }
    },
    async idle() {
      while (pending.size) await Promise.allSettled([...pending]);
    },
  };
}
