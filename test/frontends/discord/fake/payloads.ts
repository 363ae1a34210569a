/**
 * Interaction payloads as Discord's gateway sends them (API v10): slash commands with
 * subcommand options and attachments, button presses, modal submissions (label
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

export function userObject(u: { id: string; username: string; bot?: boolean }) {
  return { id: u.id, username: u.username, global_name: u.username, discriminator: "0", avatar: null, bot: u.bot ?? false, flags: 0, public_flags: 0 };
}

/** The server's text channel, as Discord describes it. */
export function channelObject(place: Place) {
  return { id: place.channelId, type: 0, guild_id: place.guildId, name: "study-hall", position: 0, permission_overwrites: [], nsfw: false, parent_id: null, flags: 0 };
}

/** Fields every interaction has. */
function base(applicationId: string, type: number, user: FakeUser, place: Place) {
  return {
    id: snowflake(),
    application_id: applicationId,
    type,
    token: token(),
    version: 1,
    guild_id: place.guildId,
    channel_id: place.channelId,
    channel: channelObject(place),
    guild: { id: place.guildId, locale: "en-US", features: [] },
    member: {
      user: userObject(user),
      roles: [],
      permissions: "2248473465835073",
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

export type OptionValue = string | number | { attachment: AttachmentObject };

/** Option types of Discord's API. */
const STRING = 3;
const INTEGER = 4;
const ATTACHMENT = 11;
const SUBCOMMAND = 1;

export function slashPayload(
  applicationId: string,
  commandId: string,
  user: FakeUser,
  place: Place,
  command: string,
  subcommand: string,
  options: Record<string, OptionValue>,
) {
  const attachments: Record<string, AttachmentObject> = {};
  const opts = Object.entries(options).map(([name, value]) => {
    if (typeof value === "object") {
      attachments[value.attachment.id] = value.attachment;
      return { name, type: ATTACHMENT, value: value.attachment.id };
    }
    return { name, type: typeof value === "number" ? INTEGER : STRING, value };
  });
  return {
    ...base(applicationId, 2, user, place),
    data: {
      id: commandId,
      name: command,
      type: 1,
      guild_id: place.guildId,
      options: [{ name: subcommand, type: SUBCOMMAND, options: opts }],
      ...(Object.keys(attachments).length ? { resolved: { attachments } } : {}),
    },
  };
}

export function buttonPayload(applicationId: string, user: FakeUser, place: Place, customId: string, message: unknown) {
  return { ...base(applicationId, 3, user, place), message, data: { custom_id: customId, component_type: 2 } };
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
