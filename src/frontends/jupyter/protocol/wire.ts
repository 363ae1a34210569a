/**
 * The wire format of Jupyter's messaging protocol 5.3: routing identities, the `<IDS|MSG>`
 * delimiter, an HMAC-SHA256 signature (hex) over the four JSON frames, then the frames and
 * any binary buffers. Data in, data out: no socket here.
 */
import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";
import type { Header, JupyterMessage } from "../types.js";

export const DELIMITER = "<IDS|MSG>";
export const PROTOCOL_VERSION = "5.3";

/** Signs and checks messages with one key; an empty key means messages are neither signed nor checked. */
export class Signer {
  private readonly key: Buffer;
  constructor(key: string) {
    this.key = Buffer.from(key, "utf8");
  }

  /** the hex signature of the four JSON frames ("" without a key) */
  sign(frames: readonly Uint8Array[]): string {
    if (this.key.length === 0) return "";
    const hmac = createHmac("sha256", this.key);
    for (const frame of frames) hmac.update(frame);
    return hmac.digest("hex");
  }

  /** whether `signature` is the frames' own, compared in constant time */
  verify(signature: string, frames: readonly Uint8Array[]): boolean {
    if (this.key.length === 0) return true;
    const expected = Buffer.from(this.sign(frames), "latin1");
    const given = Buffer.from(signature, "latin1");
    // equal lengths first: timingSafeEqual throws otherwise, and a length tells nothing secret
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}

/** A received message: the sender's routing identities and the message itself. */
export interface Received {
  identities: Buffer[];
  message: JupyterMessage;
}

/** Why a received message was dropped (for the log). */
export type Rejected = { problem: "no-delimiter" | "too-short" | "bad-signature" | "bad-json" | "bad-header" };

const HEADER_FIELDS = ["msg_id", "session", "msg_type"] as const;

function parseObject(frame: Uint8Array): Record<string, unknown> | undefined {
  const value: unknown = JSON.parse(Buffer.from(frame).toString("utf8"));
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** Reads a multipart message, checking its signature before anything else is parsed. */
export function decode(frames: readonly Buffer[], signer: Signer): Received | Rejected {
  const at = frames.findIndex((f) => f.length === DELIMITER.length && f.toString("latin1") === DELIMITER);
  if (at < 0) return { problem: "no-delimiter" };
  if (frames.length < at + 6) return { problem: "too-short" };
  const signature = frames[at + 1]!.toString("latin1");
  const parts = frames.slice(at + 2, at + 6);
  if (!signer.verify(signature, parts)) return { problem: "bad-signature" };
  let objects: (Record<string, unknown> | undefined)[];
  try {
    objects = parts.map(parseObject);
  } catch {
    return { problem: "bad-json" };
  }
  const [header, parent, metadata, content] = objects;
  if (!header || !parent || !metadata || !content) return { problem: "bad-json" };
  if (!HEADER_FIELDS.every((k) => typeof header[k] === "string")) return { problem: "bad-header" };
  return {
    identities: frames.slice(0, at),
    message: {
      header: header as unknown as Header,
      parent_header: parent as JupyterMessage["parent_header"],
      metadata,
      content,
      buffers: frames.slice(at + 6).map((b) => new Uint8Array(b)),
    },
  };
}

/** What the kernel says about itself in every header it writes. */
export interface Sender {
  session: string;
  username: string;
}

/** A fresh header of `msgType`, in the session of the request it answers (or the kernel's own). */
export function makeHeader(msgType: string, sender: Sender, parent?: Header | Record<string, never>): Header {
  const session = parent && "session" in parent && typeof parent.session === "string" ? parent.session : sender.session;
  return { msg_id: randomUUID(), session, username: sender.username, date: new Date().toISOString(), msg_type: msgType, version: PROTOCOL_VERSION };
}

/** The frames of one outgoing message, signed. */
export function encode(
  signer: Signer,
  identities: readonly Uint8Array[],
  header: Header,
  parent: Header | Record<string, never>,
  metadata: Record<string, unknown>,
  content: Record<string, unknown>,
  buffers: readonly Uint8Array[] = [],
): Buffer[] {
  const parts = [header, parent, metadata, content].map((o) => Buffer.from(JSON.stringify(o), "utf8"));
  return [...identities.map((i) => Buffer.from(i)), Buffer.from(DELIMITER, "latin1"), Buffer.from(signer.sign(parts), "latin1"), ...parts, ...buffers.map((b) => Buffer.from(b))];
}
