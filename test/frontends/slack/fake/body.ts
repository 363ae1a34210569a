/** Request bodies as Slack's Web API reads them: form fields, JSON, or multipart (uploads). */
import type { IncomingMessage } from "node:http";

export async function rawBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Fields Slack reads as JSON when they arrive as form-encoded strings. */
const JSON_FIELDS = new Set(["blocks", "attachments", "view", "files", "metadata"]);

function decodeJsonFields(args: Record<string, unknown>): Record<string, unknown> {
  for (const key of JSON_FIELDS) {
    const value = args[key];
    if (typeof value !== "string") continue;
    try {
      args[key] = JSON.parse(value);
    } catch {
      // left as the string: the method's checks refuse it as Slack would
    }
  }
  return args;
}

/** A Web API call's arguments, whatever the encoding, with JSON-valued fields decoded. */
export function apiArgs(bytes: Buffer, contentType: string): Record<string, unknown> {
  if (bytes.length === 0) return {};
  if (contentType.startsWith("application/json")) return decodeJsonFields(JSON.parse(bytes.toString("utf8")));
  const args: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(bytes.toString("utf8"))) args[k] = v;
  return decodeJsonFields(args);
}

/** The bytes sent to an upload URL: the one file of a multipart form, or the raw body. */
export async function uploadedBytes(bytes: Buffer, contentType: string): Promise<Buffer> {
  if (!contentType.startsWith("multipart/form-data")) return bytes;
  // undici's Response parses multipart the way a browser would
  const form = await new Response(bytes, { headers: { "content-type": contentType } }).formData();
  for (const value of form.values()) {
    if (typeof value !== "string") return Buffer.from(await value.arrayBuffer());
  }
  throw new Error("multipart upload without a file part");
}

/** Slack's booleans arrive as true, "true" or "1". */
export function truthy(value: unknown): boolean {
  return value === true || value === "true" || value === "1" || value === 1;
}
