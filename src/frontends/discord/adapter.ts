/**
 * The Discord adapter: discord.js in, the command layer in the middle, discord.js out.
 * Every interaction is acknowledged before any slow work (defer, then edit), private
 * answers stay private, and no message can mention anyone. `post` sends a message to a
 * channel on its own (a server is a workspace in the chat layer's words).
 */
import { Client, Events, GatewayIntentBits, MessageFlags, type BaseInteraction, type RepliableInteraction } from "discord.js";
import type { Acceptance, Answer, ChatAdapter, ChatCore, Logger, PostedRef } from "../../chat/index.js";
import { PostError, requirePlatform, silentLogger } from "../../chat/index.js";
import { DISCORD, download, toInvocation, toModal, toPayload, type Download } from "./translate.js";

export interface DiscordAdapterOptions {
  core: ChatCore;
  token: string;
  /** Discord's REST base, e.g. https://discord.com/api (tests point it at a local server) */
  apiUrl?: string;
  logger?: Logger;
  /** how attachments are fetched (default: HTTP GET of the URL Discord gave) */
  download?: Download;
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

export function createDiscordAdapter(options: DiscordAdapterOptions): DiscordAdapter {
  const logger = options.logger ?? silentLogger();
  const rest = options.apiUrl ? { api: options.apiUrl } : {};
  // interactions need no privileged intent; Guilds keeps channel data for context menus
  const client = new Client({ intents: [GatewayIntentBits.Guilds], rest });
  const pending = new Set<Promise<void>>();
  const fetchText = options.download ?? download;
  let markClosed!: () => void;
  const closed = new Promise<void>((resolve) => (markClosed = resolve));

  async function deliver(i: RepliableInteraction, acked: Acked, answer: Answer): Promise<void> {
    const payload = toPayload(answer.reply);
    const isPrivate = !!answer.reply.private;
    if (acked === "update") {
      // an update's answer replaces the pressed message; anything else is a new message
      if (answer.placement === "update") await i.editReply({ ...payload, attachments: [] });
      else await i.followUp({ ...payload, ...(isPrivate ? { flags: MessageFlags.Ephemeral } : {}) });
      return;
    }
    if (isPrivate && acked === "new") {
      // a public "thinking…" cannot turn private: remove it and answer privately
      await i.deleteReply();
      await i.followUp({ ...payload, flags: MessageFlags.Ephemeral });
      return;
    }
    await i.editReply(payload);
  }

  async function act(i: RepliableInteraction, acceptance: Acceptance): Promise<void> {
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
    await deliver(i, acked, answer);
  }

  async function handle(i: BaseInteraction): Promise<void> {
    if (!i.isRepliable()) return;
    const invocation = toInvocation(i, fetchText);
    if (!invocation) return;
    const acceptance = options.core.accept(invocation);
    try {
      await act(i, acceptance);
    } catch (error) {
      // release the work's hold on the person's one running simulation, even when Discord refused the acknowledgement
      if (acceptance.kind === "work") await acceptance.finish().catch(() => undefined);
      const e = error as { code?: unknown; status?: unknown; message?: string };
      logger.warn({ evt: "discord-error", interaction: i.id, code: e.code, status: e.status, message: e.message });
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
      await Promise.allSettled([...pending]);
      await client.destroy();
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
    async idle() {
      while (pending.size) await Promise.allSettled([...pending]);
    },
  };
}
