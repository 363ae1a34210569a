/** A Jupyter client in Node for the protocol tests: Dealer sockets for shell, control and stdin, a Subscriber for IOPub. */
import { randomUUID } from "node:crypto";
import { createServer } from "node:net";
import * as zmq from "zeromq";
import type { ConnectionInfo } from "../../../../src/frontends/jupyter/protocol/index.js";
import { decode, encode, Signer } from "../../../../src/frontends/jupyter/protocol/index.js";
import type { Header, JupyterMessage } from "../../../../src/frontends/jupyter/types.js";

/** Ports no one listens on now. */
export async function freePorts(n: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: n }, () => new Promise<ReturnType<typeof createServer>>((resolve) => {
      const server = createServer();
      server.listen(0, "127.0.0.1", () => resolve(server));
    })),
  );
  const ports = servers.map((s) => (s.address() as { port: number }).port);
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  return ports;
}

export async function connectionInfo(key = randomUUID()): Promise<ConnectionInfo> {
  const [shell_port, iopub_port, stdin_port, control_port, hb_port] = (await freePorts(5)) as [number, number, number, number, number];
  return { transport: "tcp", ip: "127.0.0.1", shell_port, iopub_port, stdin_port, control_port, hb_port, signature_scheme: "hmac-sha256", key };
}

type Channel = "shell" | "control" | "stdin";

export class TestClient {
  readonly session = randomUUID();
  readonly signer: Signer;
  readonly iopubMessages: JupyterMessage[] = [];
  /** input_requests received on stdin, answered by `answerInput` (default: no answer) */
  readonly inputRequests: JupyterMessage[] = [];
  answerInput?: (request: JupyterMessage) => string;
  private readonly sockets: Record<Channel, zmq.Dealer>;
  private readonly iopub = new zmq.Subscriber({ linger: 0, receiveHighWaterMark: 0 });
  private readonly replies = new Map<string, (m: JupyterMessage) => void>();
  private readonly watchers: (() => void)[] = [];
  private loops: Promise<void>[] = [];

  constructor(
    private readonly info: ConnectionInfo,
    key = info.key,
    /** whether the stdin socket is connected (a front end that never answers input leaves it out) */
    private readonly withStdin = true,
  ) {
    this.signer = new Signer(key);
    // one identity on every channel, as jupyter_client does: the kernel answers stdin to the shell sender
    const routingId = this.session;
    this.sockets = {
      shell: new zmq.Dealer({ linger: 0, routingId }),
      control: new zmq.Dealer({ linger: 0, routingId }),
      stdin: new zmq.Dealer({ linger: 0, routingId }),
    };
  }

  private address(port: number): string {
    return `tcp://${this.info.ip}:${port}`;
  }

  /** Connects every socket and waits until IOPub carries messages (a kernel_info round trip). */
  async connect(): Promise<void> {
    this.sockets.shell.connect(this.address(this.info.shell_port));
    this.sockets.control.connect(this.address(this.info.control_port));
    if (this.withStdin) this.sockets.stdin.connect(this.address(this.info.stdin_port));
    this.iopub.connect(this.address(this.info.iopub_port));
    this.iopub.subscribe();
    this.loops = [this.read("shell"), this.read("control"), this.readIopub(), ...(this.withStdin ? [this.read("stdin")] : [])];
    for (;;) {
      const before = this.iopubMessages.length;
      await this.request("shell", "kernel_info_request", {});
      await new Promise((resolve) => setTimeout(resolve, 50));
      if (this.iopubMessages.length > before) return;
    }
  }

  private async read(channel: Channel): Promise<void> {
    for await (const frames of this.sockets[channel]) {
      const got = decode(frames, this.signer);
      if ("problem" in got) throw new Error(`the kernel sent a message that does not decode: ${got.problem}`);
      const message = got.message;
      if (channel === "stdin") {
        this.inputRequests.push(message);
        const answer = this.answerInput?.(message);
        if (answer !== undefined) void this.send("stdin", "input_reply", { value: answer }, message.header);
        continue;
      }
      const parentId = (message.parent_header as Partial<Header>).msg_id;
      if (parentId) this.replies.get(parentId)?.(message);
    }
  }

  private async readIopub(): Promise<void> {
    for await (const frames of this.iopub) {
      const got = decode(frames, this.signer);
      if ("problem" in got) throw new Error(`the kernel published a message that does not decode: ${got.problem}`);
      this.iopubMessages.push({ ...got.message, topic: frames[0]!.toString() } as JupyterMessage);
      for (const watch of this.watchers.splice(0)) watch();
    }
  }

  private sendQueue: Promise<unknown> = Promise.resolve();

  /** Sends one message (signed with this client's key); returns its header. */
  send(channel: Channel, msgType: string, content: Record<string, unknown>, parent: Header | Record<string, never> = {}, signer = this.signer): Header {
    const header: Header = { msg_id: randomUUID(), session: this.session, username: "test", date: new Date().toISOString(), msg_type: msgType, version: "5.3" };
    const frames = encode(signer, [], header, parent, {}, content);
    this.sendQueue = this.sendQueue.then(() => this.sockets[channel].send(frames));
    return header;
  }

  /** Sends a request and resolves with its reply. */
  request(channel: "shell" | "control", msgType: string, content: Record<string, unknown>): Promise<JupyterMessage> & { header: Header } {
    const header = this.send(channel, msgType, content);
    const reply = new Promise<JupyterMessage>((resolve) => this.replies.set(header.msg_id, resolve));
    return Object.assign(reply, { header });
  }

  /** IOPub messages whose parent is `msgId`, in the order they came. */
  childrenOf(msgId: string): JupyterMessage[] {
    return this.iopubMessages.filter((m) => (m.parent_header as Partial<Header>).msg_id === msgId);
  }

  /** Resolves once `test` holds for the IOPub messages received so far. */
  async until(test: () => boolean): Promise<void> {
    while (!test()) await new Promise<void>((resolve) => this.watchers.push(resolve));
  }

  /** Resolves once the request `msgId` has been followed by `status: idle` on IOPub. */
  idle(msgId: string): Promise<void> {
    return this.until(() => this.childrenOf(msgId).some((m) => m.header.msg_type === "status" && m.content.execution_state === "idle"));
  }

  async close(): Promise<void> {
    for (const socket of [...Object.values(this.sockets), this.iopub]) socket.close();
    await Promise.all(this.loops);
  }
}
