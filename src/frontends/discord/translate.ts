/**
 * Between discord.js and the command layer: an interaction becomes an `Invocation`, a
 * `Reply` becomes a message payload, a `Form` becomes a modal. Nothing here decides what
 * to answer.
 */
import {
  ApplicationCommandOptionType,
  ButtonStyle,
  ComponentType,
  MessageFlags,
  PermissionFlagsBits,
  PermissionsBitField,
  TextInputStyle,
  type APIModalInteractionResponseCallbackData,
  type Attachment,
  type BaseInteraction,
  type CommandInteractionOption,
  type Message,
} from "discord.js";
import type { SubcommandName } from "../../../commands/memsim.js";
import { SUBCOMMANDS } from "../../../commands/memsim.js";
import { plainText, type ChannelRef, type ChatAttachment, type Form, type Invocation, type Reply, type Who } from "../../chat/index.js";
import { translator } from "../../i18n/index.js";
import { fitMarkdown } from "./markdown.js";
import { simulateCommandName } from "./commands.js";

/** Reads an attachment's bytes from the address Discord gave (its CDN, or the test server). */
export type Download = (url: string, maxBytes: number) => Promise<Uint8Array>;

export const download: Download = async (url, maxBytes) => {
  const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new Error(`download failed: ${response.status}`);
  const bytes = Buffer.from(await response.arrayBuffer());
  if (bytes.length > maxBytes) throw new RangeError("attachment larger than allowed");
  // decoded where the program is read, as CPython decodes a file
  return bytes;
};

function attachmentOf(a: Attachment, fetchText: Download): ChatAttachment {
  return { name: a.name, size: a.size, read: () => fetchText(a.url, 1024 * 1024) };
}

/** The platform name in channel references. */
export const DISCORD = "discord";

/** Who asked, and where: Discord's server (guild) is the workspace. */
function whoOf(i: BaseInteraction): Who {
  const workspace = i.guildId ? { workspaceId: i.guildId } : {};
  // an interaction that comes with no channel leaves nowhere to post to later
  const channel: ChannelRef | undefined = i.channelId ? { platform: DISCORD, ...(i.guildId ? { workspace: i.guildId } : {}), id: i.channelId } : undefined;
  return { userId: i.user.id, channelId: i.channelId ?? `dm-${i.user.id}`, ...workspace, ...(channel ? { channel } : {}), locale: i.locale };
}

/** Whether a resolved channel's permissions (the person's in it, as Discord computed them) allow managing it. */
function manages(permissions: unknown): boolean | undefined {
  if (permissions instanceof PermissionsBitField) return permissions.has(PermissionFlagsBits.ManageChannels);
  if (typeof permissions === "string" && /^\d+$/.test(permissions)) return new PermissionsBitField(BigInt(permissions)).has(PermissionFlagsBits.ManageChannels);
  return undefined;
}

/**
 * The command's option values; a channel becomes a `ChannelRef`, and what Discord said of the
 * person's permissions in it is noted in `manage` (channel id → may manage it).
 */
function optionValues(options: readonly CommandInteractionOption[], fetchText: Download, i?: BaseInteraction, manage?: Map<string, boolean>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const o of options) {
    if (o.type === ApplicationCommandOptionType.Attachment) {
      if (o.attachment) out[o.name] = attachmentOf(o.attachment, fetchText);
    } else if (o.type === ApplicationCommandOptionType.Channel) {
      const id = typeof o.value === "string" ? o.value : o.channel?.id;
      if (!id) continue;
      out[o.name] = { platform: DISCORD, ...(i?.guildId ? { workspace: i.guildId } : {}), id } satisfies ChannelRef;
      const may = manages((o.channel as { permissions?: unknown } | null | undefined)?.permissions);
      if (may !== undefined) manage?.set(id, may);
    } else out[o.name] = o.value;
  }
  return out;
}

/** The person may manage a channel when Discord said so, in this interaction, for that channel. */
function mayManageFrom(i: BaseInteraction, named: Map<string, boolean>): Who["mayManage"] {
  const known = new Map(named);
  // where the command was used: the member's permissions there, overwrites included
  if (i.channelId && i.memberPermissions && !known.has(i.channelId)) known.set(i.channelId, i.memberPermissions.has(PermissionFlagsBits.ManageChannels));
  return async (channel) => channel.platform === DISCORD && known.get(channel.id) === true;
}

/** The invocation an interaction stands for, or undefined for one memsim does not handle. */
export function toInvocation(i: BaseInteraction, fetchText: Download = download): Invocation | undefined {
  const who = whoOf(i);
  if (i.isChatInputCommand()) {
    const group = i.options.getSubcommandGroup(false);
    const leaf = i.options.getSubcommand(false);
    const sub = group ? `${group} ${leaf}` : leaf;
    if (!leaf || !sub || !(SUBCOMMANDS as string[]).includes(sub)) return undefined;
    const top = i.options.data.find((o) => o.name === (group ?? leaf));
    const data = (group ? top?.options?.find((o) => o.name === leaf)?.options : top?.options) ?? [];
    const named = new Map<string, boolean>();
    const options = optionValues(data, fetchText, i, named);
    return { kind: "command", command: sub as SubcommandName, options, who: { ...who, mayManage: mayManageFrom(i, named) } };
  }
  if (i.isMessageContextMenuCommand()) {
    if (i.commandName !== simulateCommandName()) return undefined;
    const m: Message = i.targetMessage;
    return { kind: "message", action: "simulate", message: { content: m.content, attachments: [...m.attachments.values()].map((a) => attachmentOf(a, fetchText)) }, who };
  }
  if (i.isButton()) {
    const askedBy = i.message.interactionMetadata?.user.id;
    return { kind: "button", actionId: i.customId, who, ...(i.message.flags.has(MessageFlags.Ephemeral) ? { onPrivate: true } : {}), ...(askedBy ? { askedBy } : {}) };
  }
  if (i.isModalSubmit()) {
    const values: Record<string, string> = {};
    for (const [id, field] of i.fields.fields) if ("value" in field && typeof field.value === "string") values[id] = field.value;
    return { kind: "form", formId: i.customId, values, who };
  }
  return undefined;
}

/** A message payload for discord.js: text, files (with alt text), buttons, no mentions. */
export function toPayload(reply: Reply) {
  const tr = translator(reply.locale ?? "en");
  const fitted = fitMarkdown(reply.blocks, tr.t("chat.reply.cut"));
  const files = [
    ...reply.images.map((img) => ({ attachment: img.data, name: img.name, description: img.alt.slice(0, 1024) })),
    ...reply.files.map((f) => ({ attachment: f.data, name: f.name, description: f.description.slice(0, 1024) })),
  ];
  if (fitted.cut) {
    files.push({ attachment: Buffer.from(plainText(reply), "utf8"), name: "memsim-answer.txt", description: tr.t("chat.file.reply") });
  }
  const components = reply.buttons.slice(0, 5).map((row) => ({
    type: ComponentType.ActionRow as const,
    components: row.slice(0, 5).map((b) => ({
      type: ComponentType.Button as const,
      custom_id: b.id,
      label: b.label.slice(0, 80),
      style: b.style === "primary" ? ButtonStyle.Primary : ButtonStyle.Secondary,
      disabled: b.disabled ?? false,
    })),
  }));
  return { content: fitted.text, files, components, allowedMentions: { parse: [] as never[] } };
}

/** The reply as plain text (shared by every front end). */
export { plainText };

/** A form as a Discord modal (label components holding text inputs). */
export function toModal(form: Form): APIModalInteractionResponseCallbackData {
  return {
    custom_id: form.id,
    title: form.title.slice(0, 45),
    components: form.fields.map((f) => ({
      type: ComponentType.Label as const,
      label: f.label.slice(0, 45),
      component: {
        type: ComponentType.TextInput as const,
        custom_id: f.id,
        style: f.multiline ? TextInputStyle.Paragraph : TextInputStyle.Short,
        required: f.required,
        max_length: Math.min(f.maxLength, 4000),
        ...(f.placeholder ? { placeholder: f.placeholder.slice(0, 100) } : {}),
        ...(f.value ? { value: f.value.slice(0, Math.min(f.maxLength, 4000)) } : {}),
      },
    })),
  };
}
