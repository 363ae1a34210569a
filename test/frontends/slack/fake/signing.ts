/** Slack's signed requests to an app's HTTP receiver: `v0=` HMAC-SHA256 of "v0:<timestamp>:<body>". */
import { createHmac } from "node:crypto";

/** What the app answered when Slack delivered a payload: its HTTP response, or its Socket Mode ack's payload. */
export interface Acked {
  via: "http" | "socket";
  /** the receiver's HTTP status; 200 for a Socket Mode ack */
  status: number;
  /** the response body (JSON parsed when it is JSON), or the ack's `payload` over Socket Mode */
  body: any;
}

export function signature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}

/** POSTs a body signed with `secret` at `timestamp` (seconds; now by default), as Slack does. */
export async function signedPost(
  url: string,
  body: string,
  contentType: string,
  opts: { secret: string; timestamp?: number; timeoutMs: number },
): Promise<{ status: number; body: string; contentType: string }> {
  const timestamp = opts.timestamp ?? Math.floor(Date.now() / 1000);
  const response = await fetch(url, {
    method: "POST",
    headers: {
      "content-type": contentType,
      "x-slack-request-timestamp": String(timestamp),
      "x-slack-signature": signature(opts.secret, timestamp, body),
      "user-agent": "Slackbot 1.0 (+https://api.slack.com/robots)",
    },
    body,
    signal: AbortSignal.timeout(opts.timeoutMs),
  }).catch((error: unknown) => {
    if (error instanceof Error && error.name === "TimeoutError") throw new Error(`the app did not answer ${url} within ${opts.timeoutMs} ms`);
    throw error;
  });
  return { status: response.status, body: await response.text(), contentType: response.headers.get("content-type") ?? "" };
}
