/** Request bodies as Discord reads them: JSON, or multipart with `payload_json` and `files[n]`. */
import type { IncomingMessage } from "node:http";

export interface UploadedFile {
  index: number;
  name: string;
  data: Buffer;
  contentType: string;
}

export interface Body {
  json: Record<string, unknown>;
  files: UploadedFile[];
  multipart: boolean;
}

async function raw(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function readBody(req: IncomingMessage): Promise<Body> {
  const bytes = await raw(req);
  const type = req.headers["content-type"] ?? "";
  if (type.startsWith("multipart/form-data")) {
    // undici's Response parses multipart the way a browser would
    const form = await new Response(bytes, { headers: { "content-type": type } }).formData();
    const files: UploadedFile[] = [];
    let json: Record<string, unknown> = {};
    for (const [key, value] of form.entries()) {
      if (key === "payload_json" && typeof value === "string") json = JSON.parse(value);
      else if (typeof value !== "string") {
        const m = /^files\[(\d+)\]$/.exec(key);
        if (!m) throw new Error(`unexpected multipart field ${key}`);
        files.push({ index: Number(m[1]), name: value.name, data: Buffer.from(await value.arrayBuffer()), contentType: value.type });
      }
    }
    return { json, files, multipart: true };
  }
  if (bytes.length === 0) return { json: {}, files: [], multipart: false };
  return { json: JSON.parse(bytes.toString("utf8")), files: [], multipart: false };
}
