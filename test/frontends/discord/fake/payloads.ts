/**
 * Interaction payloads as Discord's gateway sends them (API v10): slash commands with
 * subcommand (and subcommand group) options, attachments and channels, button presses, modal submissions (label
 * components) and message context-menu commands.
 */
import { randomBytes } from "node:crypto";

let counter = 0n;
/** A snowflake: milliseconds since Discord's epoch, shifted, plus a counter. */
export function snowflake(): string {
  const ms = BigInt(Date.now()) - 1420070400000n;
  counter = (counter + 1n) & 0xfffn;
  return ((ms << 22n) | counter).toString();
}

export function token(): string {
  return `aW50ZXJhY3Rpb246${randomBytes(24).toString("base64url")}`;
}

export interface FakeUser {
  id: string;
  username: string;
  /** the Discord client language, e.g. "en-US" or "zh-CN" */
  locale: string;
}

export interface Place {
  guildId: string;
  channelId: string;
}

/** A server channel the fake knows: 0 text, 5 announcement. */
export interface FakeChannel {
  id: string;
  name: string;
  type: number;
}

/** A member's permissions when no one set them: reading, sending, reacting, but managing nothing. */
export const MEMBER_PERMISSIONS = 2248473465835073n;

export function userObject(u: { id: string; username: string; bot?: boolean }) {
  return { id: u.id, username: u.username, global_name: u.username, discriminator: "0", avatar: null, bot: u.bot ?? false, flags: 0, public_flags: 0 };
}

/** A server channel, as Discord describes it. */
export function channelObject(guildId: string, channel: FakeChannel) {
  return { id: channel.id, type: channel.type, guild_id: guildId, name: channel.name, position: 0, permission_overwrites: [], nsfw: false, parent_id: null, flags: 0 };
}

/** Fields every interaction has; `permissions`: the member's in the channel it comes from. */
function base(applicationId: string, type: number, user: FakeUser, place: Place, permissions: string = String(MEMBER_PERMISSIONS)) {
  return {
    id: snowflake(),
    application_id: applicationId,
    type,
    token: token(),
    version: 1,
    guild_id: place.guildId,
    channel_id: place.channelId,
    channel: channelObject(place.guildId, { id: place.channelId, name: "study-hall", type: 0 }),
    guild: { id: place.guildId, locale: "en-US", features: [] },
    member: {
      user: userObject(user),
      roles: [],
      permissions,
      joined_at: "2024-01-01T00:00:00.000000+00:00",
      deaf: false,
      mute: false,
      flags: 0,
      pending: false,
      nick: null,
      avatar: null,
      premium_since: null,
      communication_disabled_until: null,
    },
    locale: user.locale,
    guild_locale: "en-US",
    app_permissions: "2248473465835073",
    entitlements: [],
    authorizing_integration_owners: { "0": place.guildId },
    context: 0,
    attachment_size_limit: 10485760,
  };
}

/** An uploaded file as Discord describes it (in `resolved.attachments` or on a message). */
export interface AttachmentObject {
  id: string;
  filename: string;
  size: number;
  url: string;
  proxy_url: string;
  content_type?: string;
  description?: string;
}

/** An option's value: text, a number, a file the user attached, or a channel they picked. */
export type OptionValue = string | number | { attachment: AttachmentObject } | { channel: FakeChannel };

/** Option types of Discord's API. */
const SUBCOMMAND = 1;
const SUBCOMMAND_GROUP = 2;
const STRING = 3;
const INTEGER = 4;
const CHANNEL = 7;
const ATTACHMENT = 11;

/** What Discord computed for the interaction: the member's permissions where it was used and in each channel named. */
export interface SlashPermissions {
  here: string;
  in(channelId: string): string;
}

/** A slash command; `subcommand` is "name" or "group name" (a subcommand inside a group). */
export function slashPayload(
  applicationId: string,
  commandId: string,
  user: FakeUser,
  place: Place,
  command: string,
  subcommand: string,
  options: Record<string, OptionValue>,
  permissions?: SlashPermissions,
) {
  const attachments: Record<string, AttachmentObject> = {};
  // a resolved channel is partial: id, name, type, and the member's permissions in it
  const channels: Record<string, FakeChannel & { permissions: string }> = {};
  const opts = Object.entries(options).map(([name, value]) => {
    if (typeof value === "object" && "attachment" in value) {
      attachments[value.attachment.id] = value.attachment;
      return { name, type: ATTACHMENT, value: value.attachment.id };
    }
    if (typeof value === "object") {
      const { id, name: channelName, type } = value.channel;
      channels[id] = { id, name: channelName, type, permissions: permissions?.in(id) ?? String(MEMBER_PERMISSIONS) };
      return { name, type: CHANNEL, value: id };
    }
    return { name, type: typeof value === "number" ? INTEGER : STRING, value };
  });
  const [first, leaf] = subcommand.split(" ");
  const sub = { name: leaf ?? first!, type: SUBCOMMAND, options: opts };
  const resolved = {
    ...(Object.keys(attachments).length ? { attachments } : {}),
    ...(Object.keys(channels).length ? { channels } : {}),
  };
  return {
    ...base(applicationId, 2, user, place, permissions?.here),
    data: {
      id: commandId,
      name: command,
      type: 1,
      guild_id: place.guildId,
      options: [leaf ? { name: first!, type: SUBCOMMAND_GROUP, options: [sub] } : sub],
      ...(Object.keys(resolved).length ? { resolved } : {}),
    },
  };
}

export function buttonPayload(applicationId: string, user: FakeUser, place: Place, customId: string, message: unknown, permissions?: string) {
  return { ...base(applicationId, 3, user, place, permissions), message, data: { custom_id: customId, component_type: 2 } };
}

export function modalSubmitPayload(applicationId: string, user: FakeUser, place: Place, customId: string, values: Record<string, string>) {
  let n = 0;
  return {
    ...base(applicationId, 5, user, place),
    data: {
      custom_id: customId,
      components: Object.entries(values).map(([id, value]) => ({ type: 18, id: ++n, component: { type: 4, id: ++n, custom_id: id, value } })),
    },
  };
}

export function messageCommandPayload(applicationId: string, commandId: string, commandName: string, user: FakeUser, place: Place, message: { id: string } & Record<string, unknown>) {
  return {
    ...base(applicationId, 2, user, place),
    data: { id: commandId, name: commandName, type: 3, guild_id: place.guildId, target_id: message.id, resolved: { messages: { [message.id]: message } } },
  };
}

/** A message object as Discord sends it: the given fields and the plain defaults of the rest. */
export function messageObject<T extends Record<string, unknown>>(fields: T) {
  return {
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    embeds: [],
    pinned: false,
    ...fields,
  };
}

/** A message someone posted in the channel (for the context-menu command). */
export function userMessage(author: FakeUser, place: Place, content: string, attachments: AttachmentObject[] = []) {
  return messageObject({
    id: snowflake(),
    channel_id: place.channelId,
    guild_id: place.guildId,
    author: userObject(author),
    content,
    attachments,
    type: 0,
    flags: 0,
    components: [],
  });
}
