/**
 * Slack's Socket Mode end as @slack/socket-mode 3.1 expects it: a WebSocket at the URL
 * apps.connections.open handed out (one ticket, one connection), a `hello` on connect,
 * pings the client's server-ping watchdog waits for, envelopes it acks by envelope_id,
 * and `disconnect` messages that make it reconnect.
 */
import { randomUUID } from "node:crypto";
import type { IncomingMessage, Server } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";

/** Slack pings every few seconds; the client gives up after 30 s without one. */
const PING_EVERY_MS = 5_000;

interface Pending {
  resolve: (payload: unknown) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

export class SocketModeServer {
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly tickets = new Set<string>();
  private readonly open: WebSocket[] = [];
  private readonly pending = new Map<string, Pending>();
  private readonly waiters: (() => void)[] = [];
  private next = 0;
  /** every envelope sent and every message received, in order */
  readonly log: { direction: "sent" | "received"; message: any }[] = [];

  constructor(
    server: Server,
    private readonly appId: string,
    private readonly ackTimeoutMs: number,
  ) {
    server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => this.upgrade(req, socket, head));
  }

  /** The URL apps.connections.open answers: good for one connection. */
  ticketUrl(origin: string): string {
    const ticket = randomUUID();
    this.tickets.add(ticket);
    return `${origin.replace(/^http/, "ws")}/link/?ticket=${ticket}&app_id=${this.appId}`;
  }

  /** connections still open: one closing (a close frame sent or received) takes no more envelopes */
  private live(): WebSocket[] {
    return this.open.filter((ws) => ws.readyState === ws.OPEN);
  }

  get connections(): number {
    return this.live().length;
  }

  connected(): Promise<void> {
    if (this.live().length > 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const ticket = url.searchParams.get("ticket") ?? "";
    if (url.pathname !== "/link/" || !this.tickets.delete(ticket)) {
      socket.end("HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws));
  }

  private accept(ws: WebSocket): void {
    const ping = setInterval(() => ws.ping(Buffer.from(`ping-${Date.now()}`)), PING_EVERY_MS);
    ping.unref();
    ws.on("message", (data, isBinary) => {
      if (isBinary) return;
      let message: any;
      try {
        message = JSON.parse(data.toString());
      } catch {
        return;
      }
      this.log.push({ direction: "received", message });
      const waiting = this.pending.get(message?.envelope_id);
      if (!waiting) return;
      this.pending.delete(message.envelope_id);
      clearTimeout(waiting.timer);
      waiting.resolve(message.payload);
    });
    ws.on("close", () => {
      clearInterval(ping);
      const at = this.open.indexOf(ws);
      if (at >= 0) this.open.splice(at, 1);
    });
    this.open.push(ws);
    ws.send(
      JSON.stringify({
        type: "hello",
        num_connections: this.open.length,
        debug_info: { host: "applink-local-127001", build_number: 1, approximate_connection_time: 18060 },
        connection_info: { app_id: this.appId },
      }),
    );
    ws.ping(Buffer.from("ping-hello"));
    for (const wake of this.waiters.splice(0)) wake();
  }

  /** Sends one envelope to one connection (taking turns) and resolves with the payload of its ack. */
  send(type: "slash_commands" | "interactive" | "events_api", payload: unknown, acceptsResponsePayload: boolean): Promise<unknown> {
    const live = this.live();
    const ws = live[this.next++ % Math.max(1, live.length)];
    if (!ws) return Promise.reject(new Error("no app is connected over Socket Mode"));
    const envelopeId = randomUUID();
    const envelope = { envelope_id: envelopeId, type, payload, accepts_response_payload: acceptsResponsePayload, ...(type === "events_api" ? { retry_attempt: 0, retry_reason: "" } : {}) };
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(envelopeId);
        reject(new Error(`the app did not ack envelope ${envelopeId} (${type}) within ${this.ackTimeoutMs} ms`));
      }, this.ackTimeoutMs);
      this.pending.set(envelopeId, { resolve, reject, timer });
      this.log.push({ direction: "sent", message: envelope });
      ws.send(JSON.stringify(envelope));
    });
  }

  /** Slack's notice before it closes a connection; the client reconnects with a new URL. */
  disconnect(reason = "warning"): void {
    for (const ws of this.live()) ws.send(JSON.stringify({ type: "disconnect", reason, debug_info: { host: "applink-local-127001" } }));
  }

  async close(): Promise<void> {
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.reject(new Error("the local Slack closed"));
    }
    this.pending.clear();
    for (const ws of this.open.splice(0)) ws.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}
