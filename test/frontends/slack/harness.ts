/** The Slack app on the real Bolt, connected to a local Slack, driven as people would. */
import { canvasDrawer, createChatCore, openRunStore, type ChannelRef, type ChatCore, type ChatCoreOptions, type LimitSettings, type PostedRef, type Reply, type RunStore, type Simulator } from "../../../src/chat/index.js";
import { createSlackAdapter, type SlackAdapter, type SlackReceiver } from "../../../src/frontends/slack/index.js";
import type { Harness, Seen } from "../contract.js";
import { startFakeSlack, type FakeFile, type FakeMessage, type FakeSlack, type FakeUser } from "./fake/server.js";

/** The text of mrkdwn as a person reads it: marks, fences and Slack's escapes removed. */
export function plainMrkdwn(text: string): string {
  return text
    .replace(/\u200b/g, "")
    .replace(/```\n?/g, "")
    .replace(/`/g, "")
    .replace(/(^|[\s(])\*(\S(?:[^*]*\S)?)\*(?=$|[\s).,:;!?，。：；！？])/gm, "$1$2")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

type AnyBlock = { type: string; text?: { text: string }; elements?: { type: string; text?: string | { text: string } }[]; block_id?: string };

/** Every text of a message's blocks, in order, as Slack shows them (mrkdwn still in). */
export function blockTexts(blocks: AnyBlock[]): string[] {
  const out: string[] = [];
  for (const b of blocks) {
    if (b.type === "section" && b.text) out.push(b.text.text);
    if (b.type === "context") for (const e of b.elements ?? []) if (typeof e.text === "string") out.push(e.text);
  }
  return out;
}

export function buttonsOf(blocks: AnyBlock[]): string[] {
  return blocks.filter((b) => b.type === "actions").flatMap((b) => (b.elements ?? []).map((e) => (typeof e.text === "object" ? e.text.text : "")));
}

export interface Mark {
  messages: number;
  files: number;
  views: number;
  edits: Map<FakeMessage, number>;
}

export function mark(fake: FakeSlack): Mark {
  return { messages: fake.messages.length, files: fake.files.length, views: fake.views.length, edits: new Map(fake.messages.map((m) => [m, m.edits])) };
}

/** What a person sees after `since`: the message memsim posted or changed, with the files that came with it. */
export function seenSince(fake: FakeSlack, since: Mark, user: FakeUser): Seen {
  const view = fake.views.slice(since.views).find((v) => v.user === user.id);
  if (view) {
    const inputs = (view.view.blocks as { type: string; label?: { text: string } }[]).filter((b) => b.type === "input").map((b) => b.label?.text ?? "");
    return { plain: "", images: [], files: [], buttons: [], private: false, form: { title: String(view.view.title?.text ?? ""), fields: inputs }, ref: view };
  }
  const mine = (m: FakeMessage) => m.user === fake.botUserId && (!m.ephemeral || m.ephemeral.user === user.id) && m.blocks.length > 0;
  const updated = fake.messages.slice(0, since.messages).filter((m) => mine(m) && m.edits > (since.edits.get(m) ?? 0));
  const fresh = fake.messages.slice(since.messages).filter(mine);
  const message = fresh.at(-1) ?? updated.at(-1);
  if (!message) throw new Error("memsim answered nothing that this person can see");
  return seenOf(message, fake.files.slice(since.files));
}

/** A message as a person reads it, with the files that came with it. */
export function seenOf(message: FakeMessage, uploaded: readonly FakeFile[]): Seen {
  const isImage = (name: string) => /\.(png|gif)$/.test(name);
  return {
    plain: blockTexts(message.blocks).map(plainMrkdwn).join("\n"),
    images: uploaded.filter((f) => isImage(f.name)).map((f) => ({ name: f.name, alt: f.altText ?? "", data: f.data })),
    files: uploaded.filter((f) => !isImage(f.name)).map((f) => ({ name: f.name, data: f.data })),
    buttons: buttonsOf(message.blocks),
    private: message.ephemeral !== undefined,
    ref: message,
  };
}

export interface SlackBot {
  fake: FakeSlack;
  core: ChatCore;
  adapter: SlackAdapter;
  store: RunStore;
  stop(): Promise<void>;
}

/** A local Slack (or the given one) and the app connected to it, over Socket Mode unless told otherwise. */
export async function startSlackBot(
  core: Partial<ChatCoreOptions> & { simulator: Simulator },
  options: { fake?: FakeSlack; receiver?: "socket" | "http"; store?: RunStore } = {},
): Promise<SlackBot> {
  const fake = options.fake ?? (await startFakeSlack());
  const store = options.store ?? openRunStore(":memory:");
  const full = createChatCore({ drawer: canvasDrawer(), store, ...core });
  const receiver: SlackReceiver = options.receiver === "http" ? { kind: "http", signingSecret: fake.signingSecret, port: 0, host: "127.0.0.1" } : { kind: "socket", appToken: fake.appToken };
  const adapter = createSlackAdapter({ core: full, botToken: fake.botToken, apiUrl: fake.apiUrl, receiver });
  await adapter.start();
  if (receiver.kind === "http") fake.useHttp(`http://127.0.0.1:${adapter.port}/slack/events`);
  else await fake.socket.connected();
  return {
    fake,
    core: full,
    adapter,
    store,
    async stop() {
      await adapter.stop();
      if (!options.fake) await fake.close();
    },
  };
}

/** `name:value` words for a slash command, quoted where a value holds a space. */
export function optionWords(options: Record<string, string | number>): string {
  return Object.entries(options)
    .map(([k, v]) => (/\s/.test(String(v)) ? `${k}:"${String(v).replace(/"/g, '\\"')}"` : `${k}:${v}`))
    .join(" ");
}

export class SlackHarness implements Harness {
  readonly privateReplies = true;
  readonly channel: ChannelRef;
  constructor(
    readonly bot: SlackBot,
    readonly user: FakeUser = bot.fake.users.alice,
  ) {
    this.channel = { platform: "slack", workspace: bot.fake.teamId, id: bot.fake.channel };
  }

  static async create(simulator: Simulator, limits: LimitSettings): Promise<SlackHarness> {
    return new SlackHarness(await startSlackBot({ simulator, limits }));
  }

  get adapter(): SlackAdapter {
    return this.bot.adapter;
  }

  /** Does what a person does, waits until memsim has answered everything, and reads what they see. */
  async act(action: () => Promise<unknown>): Promise<Seen> {
    const since = mark(this.bot.fake);
    await action();
    await this.bot.adapter.idle();
    return seenSince(this.bot.fake, since, this.user);
  }

  async post(reply: Reply): Promise<{ seen: Seen; posted: PostedRef }> {
    const since = mark(this.bot.fake);
    const posted = await this.bot.adapter.post(this.channel, reply);
    const message = this.bot.fake.messages.find((m) => m.ts === posted.id && m.channel === this.channel.id);
    if (!message) throw new Error(`Slack saw no message ${posted.id} posted in channel ${this.channel.id}`);
    return { seen: seenSince(this.bot.fake, since, this.user), posted };
  }

  run(code: string, options: { locale?: string; step?: number } = {}): Promise<Seen> {
    const words = optionWords(options);
    // a block pasted with its language's tag (```c) is sent as it is
    const block = code.startsWith("```") ? code : `\`\`\`\n${code}\`\`\``;
    return this.act(() => this.bot.fake.slash(`run ${words} ${block}`, this.user));
  }

  async runForm(code: string): Promise<Seen> {
    const form = await this.act(() => this.bot.fake.slash("run", this.user));
    if (!form.form) throw new Error("no modal opened");
    return this.act(() => this.bot.fake.submitView(form.ref as { id: string; view: unknown }, { code }, this.user));
  }

  runFile(name: string, content: string): Promise<Seen> {
    this.bot.fake.postAsUser(this.user, "", [{ name, content }]);
    return this.act(() => this.bot.fake.slash(`run ${name}`, this.user));
  }

  command(sub: string, options: Record<string, string | number> = {}): Promise<Seen> {
    return this.act(() => this.bot.fake.slash(`${sub} ${optionWords(options)}`.trim(), this.user));
  }

  press(seen: Seen, label: string): Promise<Seen> {
    return this.act(() => this.bot.fake.press(seen.ref as FakeMessage, label, this.user));
  }

  async close(): Promise<void> {
    await this.bot.stop();
  }
}
