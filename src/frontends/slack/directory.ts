/**
 * What the adapter asks Slack about people and channels, remembered for a while: a person's
 * language and whether they are a workspace admin or owner (one users.info call), who created a
 * channel, and the public channels by name. Who may manage a channel's quiz follows from these.
 */
import type { App } from "@slack/bolt";
import type { ChannelRef, Logger, Who } from "../../chat/index.js";
import { SLACK } from "./names.js";

type Client = App["client"];

export interface Person {
  /** the Slack client language ("zh-CN", "en-US"), when Slack said */
  locale?: string;
  /** a workspace admin, owner or primary owner */
  admin: boolean;
}

export interface DirectoryOptions {
  /** how long a person's language and role are remembered (default 1 hour) */
  personTtlMs?: number;
  /** how long the channels' names are remembered (default 1 minute: a new channel is found soon) */
  namesTtlMs?: number;
  /** how long a channel's creator is remembered (default 10 minutes) */
  creatorTtlMs?: number;
}

export interface SlackDirectory {
  person(user: string): Promise<Person>;
  /** public channels by name (no `#`), unarchived */
  channelsByName(): Promise<ReadonlyMap<string, string>>;
  /** whether `user` of `team` may set, stop, post and close a channel's quiz */
  mayManage(user: string, team: string | undefined): NonNullable<Who["mayManage"]>;
}

/** A failed look-up is asked again after this long, not after the full lifetime. */
const RETRY_MS = 60_000;

/** A value kept until it is too old; a pending request is shared by everyone who asks meanwhile. */
class Remembered<K, V> {
  private kept = new Map<K, { value: Promise<V>; until: number }>();
  constructor(
    private ttl: number,
    private fetch: (key: K) => Promise<{ value: V; ok: boolean }>,
  ) {}
  get(key: K): Promise<V> {
    const known = this.kept.get(key);
    if (known && known.until > Date.now()) return known.value;
    const value = this.fetch(key).then(({ value, ok }) => {
      this.kept.set(key, { value: Promise.resolve(value), until: Date.now() + (ok ? this.ttl : Math.min(this.ttl, RETRY_MS)) });
      return value;
    });
    this.kept.set(key, { value, until: Number.POSITIVE_INFINITY });
    return value;
  }
}

function describe(error: unknown): { errorCode?: unknown; message?: string } {
  const e = error as { code?: unknown; data?: { error?: string }; message?: string };
  return { errorCode: e?.data?.error ?? e?.code, message: e?.message };
}

export function createDirectory(client: Client, logger: Logger, options: DirectoryOptions = {}): SlackDirectory {
  const people = new Remembered<string, Person>(options.personTtlMs ?? 60 * 60_000, async (user) => {
    try {
      const info = await client.users.info({ user, include_locale: true });
      const u = info.user;
      const admin = u?.is_admin === true || u?.is_owner === true || u?.is_primary_owner === true;
      return { value: { ...(u?.locale ? { locale: u.locale } : {}), admin }, ok: true };
    } catch (error) {
      logger.warn({ evt: "slack-person-unknown", user, ...describe(error) });
      return { value: { admin: false }, ok: false };
    }
  });

  const creators = new Remembered<string, string | undefined>(options.creatorTtlMs ?? 10 * 60_000, async (channel) => {
    try {
      const info = await client.conversations.info({ channel });
      return { value: info.channel?.creator, ok: true };
    } catch (error) {
      logger.warn({ evt: "slack-channel-unknown", channel, ...describe(error) });
      return { value: undefined, ok: false };
    }
  });

  const names = new Remembered<"all", ReadonlyMap<string, string>>(options.namesTtlMs ?? 60_000, async () => {
    const byName = new Map<string, string>();
    try {
      let cursor: string | undefined;
      do {
        const page = await client.conversations.list({ types: "public_channel", exclude_archived: true, limit: 200, ...(cursor ? { cursor } : {}) });
        for (const c of page.channels ?? []) if (c.id && c.name) byName.set(c.name, c.id);
        cursor = page.response_metadata?.next_cursor || undefined;
      } while (cursor);
      return { value: byName, ok: true };
    } catch (error) {
      logger.warn({ evt: "slack-channels-unlisted", ...describe(error) });
      return { value: byName, ok: false };
    }
  });

  return {
    person: (user) => people.get(user),
    channelsByName: () => names.get("all"),
    mayManage(user, team) {
      return async (channel: ChannelRef) => {
        if (channel.platform !== SLACK || (team && channel.workspace && channel.workspace !== team)) return false;
        // both asked at once: either one is enough
        const [person, creator] = await Promise.all([people.get(user), creators.get(channel.id)]);
        return person.admin || creator === user;
      };
    },
  };
}

/** Slack's ids of conversations: a kind letter and upper-case letters and digits. */
const CHANNEL_ID = /^[CG][A-Z0-9]{6,}$/;

/**
 * The channel id a word names: a channel link as Slack puts it in a command's text when a
 * channel is picked (`<#C123|name>`, `<#C123|>`, `<#C123>`), a channel id, or `#name` among
 * `byName`. Anything else names none (and stays a word for the checks to name).
 */
export function channelIdOf(word: string, byName?: ReadonlyMap<string, string>): string | undefined {
  const link = /^<#([A-Z0-9]+)(?:\|[^>]*)?>$/.exec(word);
  if (link) return link[1];
  if (CHANNEL_ID.test(word)) return word;
  const name = /^#([^\s#<>|]+)$/.exec(word);
  return name ? byName?.get(name[1]!.toLowerCase()) : undefined;
}
