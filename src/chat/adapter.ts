/**
 * The contract every chat front end implements (Discord, the console; Slack and a notebook
 * kernel next): start, stop, and post a reply nobody asked for (a daily question) to a
 * channel given as a plain reference that can be stored and handed back later.
 */
import { z } from "zod";
import { MemsimError } from "../core/errors.js";
import type { Reply } from "./reply.js";

/**
 * Where a message goes, as a plain JSON value: the platform, its workspace (a Discord
 * server, a Slack team) when it has one, and the channel's id there. Opaque to everyone
 * but the adapter of that platform.
 */
export interface ChannelRef {
  platform: string;
  workspace?: string;
  id: string;
}

/** A message an adapter posted: enough to find it again (to edit or answer it later). */
export interface PostedRef {
  channel: ChannelRef;
  id: string;
}

export interface ChatAdapter {
  /** the platform whose channels this adapter posts to (`ChannelRef.platform`) */
  readonly platform: string;
  /** Connects (or starts reading) and resolves once people can use it. */
  start(): Promise<void>;
  /** Stops taking requests, lets the ones under way finish, and disconnects. */
  stop(): Promise<void>;
  /** Settles once the adapter has stopped: after `stop()`, or on its own (the console's input ended). */
  readonly closed: Promise<void>;
  /** Posts a reply to a channel without any command; a post is public, whatever `reply.private` says. */
  post(channel: ChannelRef, reply: Reply): Promise<PostedRef>;
  /** Replaces a message it posted with another reply (a quiz post once its question has closed). */
  edit(message: PostedRef, reply: Reply): Promise<void>;
}

/** A post that could not be made: a channel of another platform, or one the platform refused. */
export class PostError extends MemsimError {
  constructor(code: "post-platform" | "post-channel" | "post-refused", message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = "PostError";
  }
}

const channelSchema = z.object({ platform: z.string().min(1), workspace: z.string().min(1).optional(), id: z.string().min(1) }).strict();

/** The channel a stored value stands for, or undefined when it is not one. */
export function readChannelRef(value: unknown): ChannelRef | undefined {
  const parsed = channelSchema.safeParse(typeof value === "string" ? safeJson(value) : value);
  if (!parsed.success) return undefined;
  const { platform, workspace, id } = parsed.data;
  return workspace === undefined ? { platform, id } : { platform, workspace, id };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Refuses a channel of another platform before an adapter posts to it. */
export function requirePlatform(channel: ChannelRef, platform: string): void {
  if (channel.platform !== platform) {
    throw new PostError("post-platform", `a ${platform} adapter cannot post to a ${channel.platform} channel`);
  }
}

/** Posts through the adapter of the channel's platform (a scheduler holds several adapters). */
export function postTo(adapters: readonly ChatAdapter[], channel: ChannelRef, reply: Reply): Promise<PostedRef> {
  const adapter = adapters.find((a) => a.platform === channel.platform);
  if (!adapter) return Promise.reject(new PostError("post-platform", `no running adapter posts to ${channel.platform}`));
  return adapter.post(channel, reply);
}

/** Edits a message through the adapter of its channel's platform. */
export function editOn(adapters: readonly ChatAdapter[], message: PostedRef, reply: Reply): Promise<void> {
  const adapter = adapters.find((a) => a.platform === message.channel.platform);
  if (!adapter) return Promise.reject(new PostError("post-platform", `no running adapter edits messages of ${message.channel.platform}`));
  return adapter.edit(message, reply);
}
