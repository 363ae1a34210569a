/**
 * What the local Slack holds: one workspace with a study channel, two people and the app's
 * bot; the messages, files, modals, trigger ids and response_urls made so far.
 */
import { randomBytes } from "node:crypto";
import { messageTs, slackId, triggerId, type FakeChannel, type FakeFile, type FakeMessage, type FakeUser, type Workspace } from "./payloads.js";

export interface ApiCall {
  method: string;
  /** the call's arguments, JSON-valued fields decoded, the token left out */
  args: Record<string, unknown>;
  at: number;
  /** Slack's error code when the call was refused (`ok: false`) */
  error?: string;
}

export interface OpenedView {
  id: string;
  triggerId: string;
  user: string;
  view: any;
}

/** A response_url: where it came from, and what its posts may replace. */
export interface ResponseUrl {
  url: string;
  channel: string;
  user: string;
  createdAt: number;
  uses: number;
  /** the message the action came from (replace_original / delete_original act on it) */
  original?: FakeMessage;
  threadTs?: string;
}

/** Slack refuses a trigger_id used after this long, and a response_url used more than 5 times or after 30 minutes. */
export const TRIGGER_LIFETIME_MS = 3_000;
export const RESPONSE_URL_USES = 5;
export const RESPONSE_URL_LIFETIME_MS = 30 * 60_000;

export class SlackState {
  readonly workspace: Workspace = {
    teamId: slackId("T"),
    teamDomain: "memsim-study",
    appId: slackId("A"),
    botUserId: slackId("U"),
    botId: slackId("B"),
    channel: slackId("C"),
    channelName: "study-hall",
    verificationToken: randomBytes(12).toString("base64url"),
  };
  readonly botToken = `xoxb-${randomDigits(13)}-${randomDigits(13)}-${randomBytes(12).toString("base64url")}`;
  readonly appToken = `xapp-1-${this.workspace.appId}-${randomDigits(13)}-${randomBytes(32).toString("hex")}`;
  /** alice is a workspace admin; bob, carol and dave are members */
  readonly users: { alice: FakeUser; bob: FakeUser; carol: FakeUser; dave: FakeUser } = {
    alice: { id: slackId("U"), name: "alice", locale: "en-US", role: "admin" },
    bob: { id: slackId("U"), name: "bob", locale: "zh-CN" },
    carol: { id: slackId("U"), name: "carol", locale: "en-GB" },
    dave: { id: slackId("U"), name: "dave", locale: "en-US" },
  };
  /** the public channels: the study channel (alice made it), bob's own, and an archived one */
  readonly channels: FakeChannel[] = [
    { id: this.workspace.channel, name: this.workspace.channelName, creator: this.users.alice.id, created: 1_700_000_000 },
    { id: slackId("C"), name: "bobs-corner", creator: this.users.bob.id, created: 1_700_100_000 },
    { id: slackId("C"), name: "old-notes", creator: this.users.alice.id, created: 1_600_000_000, archived: true },
  ];
  readonly calls: ApiCall[] = [];
  readonly messages: FakeMessage[] = [];
  readonly files: FakeFile[] = [];
  readonly views: OpenedView[] = [];
  readonly responses: { url: string; body: any }[] = [];
  readonly triggers = new Map<string, { issuedAt: number; user: string; used: boolean }>();
  readonly responseUrls = new Map<string, ResponseUrl>();
  /** files.getUploadURLExternal's answers waiting for their bytes and completion */
  readonly uploads = new Map<string, { filename: string; length: number; altText?: string; data?: Buffer }>();
  /** methods to answer with HTTP 429 and Retry-After (seconds) on their next call */
  readonly rateLimits = new Map<string, number>();
  /** a DM channel per person, opened by conversations.open */
  readonly dms = new Map<string, string>();
  origin = "";

  constructor(readonly signingSecret: string) {}

  person(id: string): FakeUser | undefined {
    return Object.values(this.users).find((u) => u.id === id);
  }

  channelName(channel: string): string {
    return this.channels.find((c) => c.id === channel)?.name ?? "directmessage";
  }

  /** A channel the app may post in: a public channel (by id or name), an opened DM, or a person's id (their DM with the app). */
  resolveChannel(channel: unknown): string | undefined {
    if (typeof channel !== "string") return undefined;
    // Slack also takes the channel's name
    const named = this.channels.find((c) => c.id === channel || c.name === channel.replace(/^#/, ""));
    if (named) return named.id;
    if ([...this.dms.values()].includes(channel)) return channel;
    if (this.person(channel)) return this.dm(channel);
    return undefined;
  }

  dm(userId: string): string {
    let id = this.dms.get(userId);
    if (!id) {
      id = slackId("D");
      this.dms.set(userId, id);
    }
    return id;
  }

  addMessage(m: Omit<FakeMessage, "ts" | "edits" | "files"> & { files?: FakeFile[] }): FakeMessage {
    const message: FakeMessage = { ...m, ts: messageTs(), edits: 0, files: m.files ?? [] };
    this.messages.push(message);
    return message;
  }

  findMessage(channel: string, ts: string): FakeMessage | undefined {
    return this.messages.find((m) => m.channel === channel && m.ts === ts && !m.deleted);
  }

  issueTrigger(user: string): string {
    const id = triggerId();
    this.triggers.set(id, { issuedAt: Date.now(), user, used: false });
    return id;
  }

  issueResponseUrl(kind: "commands" | "actions" | "app", r: Omit<ResponseUrl, "url" | "createdAt" | "uses">): string {
    const url = `${this.origin}/hooks/${kind}/${this.workspace.teamId}/${randomDigits(13)}/${randomBytes(12).toString("hex")}`;
    this.responseUrls.set(url, { ...r, url, createdAt: Date.now(), uses: 0 });
    return url;
  }

  fileUrl(id: string, name: string): string {
    return `${this.origin}/files-pri/${this.workspace.teamId}-${id}/download/${encodeURIComponent(name)}`;
  }
}

function randomDigits(n: number): string {
  let s = "";
  for (const byte of randomBytes(n)) s += String(byte % 10);
  return s.replace(/^0/, "1");
}
