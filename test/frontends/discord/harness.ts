/** A bot on the real discord.js client, logged in to a local Discord, driven as users would. */
import { canvasDrawer, createChatCore, openRunStore, type ChannelRef, type ChatCore, type ChatCoreOptions, type LimitSettings, type PostedRef, type Reply, type Simulator } from "../../../src/chat/index.js";
import { createDiscordAdapter, type DiscordAdapter } from "../../../src/frontends/discord/index.js";
import type { Harness, Seen } from "../contract.js";
import { EPHEMERAL, startFakeDiscord, type FakeDiscord, type FakeInteraction, type FakeMessage, type FakeUser, type Outcome } from "./fake/server.js";

/** The message text without Discord markup: escapes, bold, code marks, subtext marks (code blocks as they read). */
export function plain(content: string): string {
  // inside a fenced block Discord shows every character as it is
  return content
    .split(/(```[a-z]*\n[\s\S]*?```)/)
    .map((part, i) => (i % 2 === 1 ? part.replace(/\u200b/g, "").replace(/^```[a-z]*\n/, "").replace(/\n?```$/, "") : plainText(part)))
    .join("");
}

function plainText(content: string): string {
  return content
    .replace(/\u200b/g, "")
    .replace(/^-# /gm, "")
    .replace(/\*\*/g, "")
    .replace(/```[a-z]*\n?/g, "")
    .replace(/``? ?([^`]*?) ?``?/g, "$1")
    .replace(/\\([\\*_~`|[\]<>#\-.])/g, "$1");
}

export function seenOf(out: Outcome): Seen {
  if (out.modal) {
    const fields = (out.modal.components as { label: string }[]).map((c) => c.label);
    return { plain: "", images: [], files: [], buttons: [], private: false, form: { title: String(out.modal.title), fields }, ref: out };
  }
  const m = out.message!;
  const isImage = (name: string) => /\.(png|gif)$/.test(name);
  return {
    plain: plain(m.content),
    images: m.attachments.filter((a) => isImage(a.filename)).map((a) => ({ name: a.filename, alt: a.description ?? "", data: a.data })),
    files: m.attachments.filter((a) => !isImage(a.filename)).map((a) => ({ name: a.filename, data: a.data })),
    buttons: m.components.flatMap((r) => r.components).filter((b) => !b.disabled).map((b) => b.label),
    private: out.ephemeral,
    ref: m,
  };
}

export interface Bot {
  fake: FakeDiscord;
  core: ChatCore;
  adapter: DiscordAdapter;
  stop(): Promise<void>;
}

/** A fake Discord (or the given one) and a bot logged in to it. */
export async function startBot(core: Partial<ChatCoreOptions> & { simulator: Simulator }, fake?: FakeDiscord): Promise<Bot> {
  const discord = fake ?? (await startFakeDiscord());
  const full = createChatCore({ drawer: canvasDrawer(), store: openRunStore(":memory:"), ...core });
  const adapter = createDiscordAdapter({ core: full, token: discord.token, apiUrl: discord.apiUrl });
  await adapter.start();
  return {
    fake: discord,
    core: full,
    adapter,
    async stop() {
      await adapter.stop();
      if (!fake) await discord.close();
    },
  };
}

export class DiscordHarness implements Harness {
  readonly privateReplies = true;
  readonly channel: ChannelRef;
  constructor(
    readonly bot: Bot,
    readonly user: FakeUser = bot.fake.alice,
  ) {
    this.channel = { platform: "discord", workspace: bot.fake.place.guildId, id: bot.fake.place.channelId };
  }

  get adapter(): DiscordAdapter {
    return this.bot.adapter;
  }

  /** Posts, then finds the message among those the local Discord saw posted in the channel. */
  async post(reply: Reply): Promise<{ seen: Seen; posted: PostedRef }> {
    const posted = await this.bot.adapter.post(this.channel, reply);
    const message = this.bot.fake.posted.find((m) => m.id === posted.id && m.channel_id === this.channel.id);
    if (!message) throw new Error(`Discord saw no message ${posted.id} posted in channel ${this.channel.id}`);
    return { seen: seenOf({ message, ephemeral: (message.flags & EPHEMERAL) !== 0, steps: [] }), posted };
  }

  static async create(simulator: Simulator, limits: LimitSettings): Promise<DiscordHarness> {
    return new DiscordHarness(await startBot({ simulator, limits }));
  }

  private async settle(i: FakeInteraction): Promise<Seen> {
    return seenOf(await i.settled());
  }

  run(code: string, options: { locale?: string; step?: number } = {}): Promise<Seen> {
    return this.settle(this.bot.fake.slash("run", { code, ...options }, this.user));
  }

  async runForm(code: string): Promise<Seen> {
    const form = await this.bot.fake.slash("run", {}, this.user).settled();
    if (!form.modal) throw new Error("no modal opened");
    return this.settle(this.bot.fake.submitModal(form.modal, { code }, this.user));
  }

  runFile(name: string, content: string): Promise<Seen> {
    const attachment = this.bot.fake.upload(name, content);
    return this.settle(this.bot.fake.slash("run", { file: { attachment } }, this.user));
  }

  command(sub: string, options: Record<string, string | number> = {}): Promise<Seen> {
    return this.settle(this.bot.fake.slash(sub, options, this.user));
  }

  press(seen: Seen, label: string): Promise<Seen> {
    return this.settle(this.bot.fake.press(seen.ref as FakeMessage, label, this.user));
  }

  async close(): Promise<void> {
    await this.bot.stop();
  }
}
