/**
 * The gateway side of the local Discord: a WebSocket that says hello, accepts identify
 * (with the right token), answers heartbeats, sends READY, and dispatches events. A dropped
 * connection keeps its session: the client may resume it (op 6) and gets the events it
 * missed, then RESUMED, as Discord does. JSON encoding, no compression (discord.js asks
 * for none without zlib-sync).
 */
import type { Server } from "node:http";
import { WebSocketServer, type WebSocket } from "ws";
import { userObject } from "./payloads.js";

const OP = { dispatch: 0, heartbeat: 1, identify: 2, resume: 6, reconnect: 7, invalidSession: 9, hello: 10, heartbeatAck: 11 } as const;

export interface GatewayLog {
  identifies: number;
  heartbeats: number;
  resumes: number;
}

export class FakeGateway {
  private wss: WebSocketServer;
  private session: { socket: WebSocket | undefined; seq: number; id: string; missed: { t: string; s: number; d: unknown }[] } | undefined;
  private readyWaiters: (() => void)[] = [];
  readonly log: GatewayLog = { identifies: 0, heartbeats: 0, resumes: 0 };

  constructor(
    server: Server,
    private readonly opts: { token: string; applicationId: string; url: () => string },
  ) {
    this.wss = new WebSocketServer({ server, path: "/gateway" });
    this.wss.on("connection", (socket) => this.connected(socket));
  }

  private send(socket: WebSocket, payload: unknown): void {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(payload));
  }

  private connected(socket: WebSocket): void {
    this.send(socket, { op: OP.hello, d: { heartbeat_interval: 41250 }, s: null, t: null });
    socket.on("message", (raw) => {
      let msg: { op: number; d: Record<string, unknown> | number | null };
      try {
        msg = JSON.parse(String(raw));
      } catch {
        socket.close(4002, "Decode error");
        return;
      }
      if (msg.op === OP.heartbeat) {
        this.log.heartbeats++;
        this.send(socket, { op: OP.heartbeatAck, d: null, s: null, t: null });
      } else if (msg.op === OP.identify) {
        const d = msg.d as { token?: string; intents?: number };
        if (d.token !== this.opts.token) {
          socket.close(4004, "Authentication failed.");
          return;
        }
        this.log.identifies++;
        const id = `session-${this.log.identifies}`;
        this.session = { socket, seq: 0, id, missed: [] };
        this.dispatch("READY", {
          v: 10,
          user: { ...userObject({ id: this.opts.applicationId, username: "memsim", bot: true }), verified: true, mfa_enabled: false },
          guilds: [],
          session_id: id,
          resume_gateway_url: this.opts.url(),
          shard: [0, 1],
          application: { id: this.opts.applicationId, flags: 0 },
          user_settings: {},
          private_channels: [],
          relationships: [],
          presences: [],
          guild_join_requests: [],
          geo_ordered_rtc_regions: [],
        });
        for (const w of this.readyWaiters.splice(0)) w();
      } else if (msg.op === OP.resume) {
        const d = msg.d as { token?: string; session_id?: string; seq?: number };
        const session = this.session;
        if (d.token !== this.opts.token || !session || session.socket || d.session_id !== session.id) {
          // not a session this gateway holds: the client must identify afresh
          this.send(socket, { op: OP.invalidSession, d: false, s: null, t: null });
          return;
        }
        this.log.resumes++;
        session.socket = socket;
        for (const e of session.missed.splice(0)) if (e.s > (d.seq ?? 0)) this.send(socket, { op: OP.dispatch, t: e.t, s: e.s, d: e.d });
        session.seq += 1;
        this.send(socket, { op: OP.dispatch, t: "RESUMED", s: session.seq, d: {} });
        for (const w of this.readyWaiters.splice(0)) w();
      }
    });
    socket.on("close", () => {
      // the session outlives its connection, for a resume
      if (this.session?.socket === socket) this.session.socket = undefined;
    });
  }

  /** Drops the bot's connection as a network failure would (the session stays resumable). */
  drop(): void {
    const session = this.session;
    if (!session?.socket) return;
    session.socket.terminate();
    session.socket = undefined;
  }

  /** Sends an event to the identified session. */
  dispatch(t: string, d: unknown): void {
    const session = this.session;
    if (!session) throw new Error(`no bot is connected to receive ${t}`);
    session.seq += 1;
    // while the connection is down, events wait for the resume
    const socket = session.socket;
    if (socket && socket.readyState === socket.OPEN) this.send(socket, { op: OP.dispatch, t, s: session.seq, d });
    else session.missed.push({ t, s: session.seq, d });
  }

  get connected_(): boolean {
    return !!this.session?.socket;
  }

  /** Resolves once a bot has identified or resumed (now, if one is connected). */
  ready(): Promise<void> {
    if (this.session?.socket) return Promise.resolve();
    return new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  close(): void {
    for (const client of this.wss.clients) client.terminate();
    this.wss.close();
  }
}
