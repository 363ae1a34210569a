/**
 * What a person did, told the same way by every adapter: a command with options, a form
 * submitted, a button pressed, or an action on a message.
 */
import type { SubcommandName } from "../../commands/memsim.js";
import type { ChannelRef } from "./adapter.js";

/** Who asked, and where. */
export interface Who {
  userId: string;
  channelId: string;
  /** the workspace the channel is in (a Discord server, a Slack team), when the platform has them */
  workspaceId?: string;
  /** the channel as a reference `ChatAdapter.post` takes back (stored to post there later) */
  channel?: ChannelRef;
  /** the person's own language setting on the platform (e.g. "zh-CN", "en-US") */
  locale?: string;
  /** whether the person may manage a channel (set the quiz there), as the platform tells; absent: the
   * platform tells nothing, and no one may */
  mayManage?: (channel: ChannelRef) => Promise<boolean>;
}

/** A file someone attached; read on demand (the adapter knows how to fetch it). */
export interface ChatAttachment {
  name: string;
  /** bytes, as the platform reports them */
  size: number;
  /** its bytes (read as CPython reads a file: ../core/source-bytes.ts), or text already read */
  read(): Promise<Uint8Array | string>;
}

/** A message someone chose an action on. */
export interface ChatMessage {
  content: string;
  attachments: ChatAttachment[];
}

export type Invocation =
  | { kind: "command"; command: SubcommandName; options: Record<string, unknown>; who: Who }
  | { kind: "form"; formId: string; values: Record<string, string>; who: Who }
  /** `onPrivate`: the pressed message is one only this person sees (a private copy); `askedBy`:
   * the person the pressed message answered, when the platform tells */
  | { kind: "button"; actionId: string; who: Who; onPrivate?: boolean; askedBy?: string }
  | { kind: "message"; action: "simulate"; message: ChatMessage; who: Who };
