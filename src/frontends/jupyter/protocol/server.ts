/**
 * The kernel's protocol server: binds the five sockets of a connection file, checks every
 * message's signature, publishes busy/idle around every request, serves shell requests one at a
 * time in order and control requests at once, and passes each request to the handler, which
 * answers with data. One send in flight per socket (`SendQueue`); the heartbeat in its own thread.
 */
import { randomUUID } from "node:crypto";
import { userInfo } from "node:os";
import * as zmq from "zeromq";
import type { Channel, Header, JupyterMessage, KernelHandler, Reply, RequestIO } from "../types.js";
import { socketAddress, type ConnectionInfo } from "./connection.js";
import { Heartbeat } from "./heartbeat.js";
import { SendQueue } from "./queue.js";
import { decode, encode, makeHeader, Signer, type Sender } from "./wire.js";

export interface KernelServerOptions {
  /** where problems are logged (dropped messages, a failing handler); default: standard error */
  log?: (line: string) => void;
}

// long enough for a last reply to leave when the kernel shuts down, short enough not to hang an exit
const LINGER_MS = 1000;

type Routed = "shell" | "control" | "stdin";

interface WaitingInput {
  resolve(value: string | null): void;
  /** the msg_id of the request that asked */
  request: string;
}

function whoAmI(): string {
  try {
    return userInfo().username;
  } catch {
    return "kernel"; // operator-facing
  }
}

/** `execute_request` answers as `execute_reply`; anything else has no reply of its own. */
function replyTypeOf(msgType: string): string | undefined {
  return msgType.endsWith("_request") ? `${msgType.slice(0, -"_request".length)}_reply` : undefined;
}

export class KernelServer {
  /** the kernel's id, in every IOPub topic (`kernel.<id>.<msg_type>`) */
  readonly kernelId = randomUUID();
  /** resolves once the kernel has shut down (a shutdown_request served, or `close()`) */
  readonly done: Promise<void>;
  private finish!: () => void;
  private readonly signer: Signer;
  private readonly sender: Sender = { session: randomUUID(), username: whoAmI() };
  private readonly log: (line: string) => void;
  private readonly routers: Record<Routed, zmq.Router>;
  // no high-water mark: past one (ZeroMQ's default is 1,000 messages) a publisher drops what a slow
  // front end has not taken yet; a cell's outputs are few and bounded, and every one must arrive
  private readonly iopub = new zmq.Publisher({ linger: LINGER_MS, sendHighWaterMark: 0 });
  private readonly queues: Record<Routed | "iopub", SendQueue>;
  private heartbeat?: Heartbeat;
  private shellTail: Promise<void> = Promise.resolve();
  /** input_requests sent and not yet answered, by their msg_id */
  private readonly waitingInputs = new Map<string, WaitingInput>();
  private closing?: Promise<void>;
  private loops: Promise<void>[] = [];

  private constructor(
    private readonly info: ConnectionInfo,
    private readonly handler: KernelHandler,
    options: KernelServerOptions,
  ) {
    this.signer = new Signer(info.key);
    this.log = options.log ?? ((line) => process.stderr.write(`[memsim kernel] ${line}\n`)); // operator-facing
    this.done = new Promise((resolve) => (this.finish = resolve));
    this.routers = {
      shell: new zmq.Router({ linger: LINGER_MS }),
      control: new zmq.Router({ linger: LINGER_MS }),
      // mandatory: an input_request to a front end whose stdin is not connected fails instead of waiting forever
      stdin: new zmq.Router({ linger: LINGER_MS, mandatory: true }),
    };
    this.queues = {
      shell: new SendQueue(this.routers.shell),
      control: new SendQueue(this.routers.control),
      stdin: new SendQueue(this.routers.stdin),
      iopub: new SendQueue(this.iopub),
    };
  }

  /** Binds every socket of `info` and starts serving `handler`; publishes `status: starting`. */
  static async start(info: ConnectionInfo, handler: KernelHandler, options: KernelServerOptions = {}): Promise<KernelServer> {
    const server = new KernelServer(info, handler, options);
    try {
      await server.bind();
    } catch (error) {
      await server.close();
      throw error;
    }
    return server;
  }

  private async bind(): Promise<void> {
    for (const name of ["shell", "control", "stdin"] as const) await this.routers[name].bind(socketAddress(this.info, name));
    await this.iopub.bind(socketAddress(this.info, "iopub"));
    this.heartbeat = await Heartbeat.start(socketAddress(this.info, "hb"), this.log);
    this.loops = [this.receive("shell"), this.receive("control"), this.receive("stdin")];
    void this.publish("status", { execution_state: "starting" }, {});
  }

  private async receive(name: Routed): Promise<void> {
    try {
      for await (const frames of this.routers[name]) {
        const received = decode(frames, this.signer);
        if ("problem" in received) {
          this.log(`dropped a message on ${name}: ${received.problem}`); // operator-facing
          continue;
        }
        const { identities, message } = received;
        if (name === "stdin") this.answered(message);
        else if (name === "control") void this.serve("control", identities, message);
        // shell requests one at a time, in the order they came
        else this.shellTail = this.shellTail.then(() => this.serve("shell", identities, message));
      }
    } catch (error) {
      if (!this.closing) this.log(`receiving on ${name} failed: ${(error as Error).message ?? error}`); // operator-facing
    }
  }

  /** Publishes one IOPub message with `parent` as its parent header. */
  private publish(msgType: string, content: Record<string, unknown>, parent: Header | Record<string, never>, metadata: Record<string, unknown> = {}): Promise<void> {
    const topic = Buffer.from(`kernel.${this.kernelId}.${msgType}`);
    return this.queues.iopub.send(encode(this.signer, [topic], makeHeader(msgType, this.sender, parent), parent, metadata, content)).catch(this.failed("iopub"));
  }

  private send(name: Routed, identities: Buffer[], msgType: string, content: Record<string, unknown>, parent: Header, metadata: Record<string, unknown> = {}): Promise<void> {
    return this.queues[name].send(encode(this.signer, identities, makeHeader(msgType, this.sender, parent), parent, metadata, content)).catch(this.failed(name));
  }

  private failed(name: string): (error: unknown) => void {
    // once closing, what a cell still running publishes has nowhere to go, and that is no fault
    return (error) => void (this.closing || this.log(`sending on ${name} failed: ${(error as Error).message ?? error}`)); // operator-facing
  }

  private async serve(channel: Channel, identities: Buffer[], request: JupyterMessage): Promise<void> {
    const parent = request.header;
    const type = parent.msg_type;
    void this.publish("status", { execution_state: "busy" }, parent);
    let reply: Reply | null;
    let shutdown: boolean | undefined;
    try {
      if (type === "kernel_info_request") reply = { msgType: "kernel_info_reply", content: this.handler.kernelInfo() };
      else if (type === "interrupt_request") {
        await this.handler.interrupt();
        reply = { msgType: "interrupt_reply", content: { status: "ok" } };
      } else if (type === "shutdown_request") {
        shutdown = request.content.restart === true;
        await this.handler.shutdown(shutdown);
        reply = { msgType: "shutdown_reply", content: { status: "ok", restart: shutdown } };
      } else {
        reply = await this.handler.handle(channel, request, this.requestIO(identities, request));
        if (!reply) this.log(`no handler for ${type} on ${channel}`); // operator-facing
      }
    } catch (error) {
      this.log(`the handler failed on ${type}: ${(error as Error).stack ?? error}`); // operator-facing
      const replyType = replyTypeOf(type);
      const code = (error as { code?: unknown }).code;
      reply = replyType ? { msgType: replyType, content: { status: "error", ename: "MemsimError", evalue: typeof code === "string" ? code : "internal", traceback: [] } } : null;
    }
    // inputs this request asked for and never got are forgotten with it
    for (const [id, waiting] of this.waitingInputs) if (waiting.request === parent.msg_id) this.waitingInputs.delete(id);
    if (reply) {
      await this.send(channel, identities, reply.msgType, reply.content, parent, reply.metadata ?? {});
      // every client sees a shutdown on IOPub too, as the protocol asks
      if (shutdown !== undefined) void this.publish(reply.msgType, reply.content, parent);
    }
    await this.publish("status", { execution_state: "idle" }, parent);
    if (shutdown !== undefined) await this.close();
  }

  private requestIO(identities: Buffer[], request: JupyterMessage): RequestIO {
    const parent = request.header;
    const allowStdin = parent.msg_type === "execute_request" && request.content.allow_stdin === true;
    return {
      allowStdin,
      publish: (msgType, content, metadata) => void this.publish(msgType, content, parent, metadata ?? {}),
      input: (prompt, password) => (allowStdin ? this.askInput(identities, parent, prompt, password) : Promise.resolve(null)),
    };
  }

  /** Sends input_request to the shell request's sender on stdin and waits for its input_reply. */
  private askInput(identities: Buffer[], parent: Header, prompt: string, password: boolean): Promise<string | null> {
    return new Promise((resolve) => {
      const header = makeHeader("input_request", this.sender, parent);
      this.waitingInputs.set(header.msg_id, { resolve, request: parent.msg_id });
      const frames = encode(this.signer, identities, header, parent, {}, { prompt, password });
      this.queues.stdin.send(frames).catch((error: unknown) => {
        this.log(`input_request not delivered: ${(error as Error).message ?? error}`); // operator-facing
        this.waitingInputs.delete(header.msg_id);
        resolve(null);
      });
    });
  }

  /**
   * An input_reply: the answer to the input_request it names as its parent, or (as jupyter_client
   * sends it, with no parent) to the oldest one still waiting.
   */
  private answered(message: JupyterMessage): void {
    const asked = (message.parent_header as Partial<Header>).msg_id;
    const id = asked !== undefined && this.waitingInputs.has(asked) ? asked : this.waitingInputs.keys().next().value;
    if (message.header.msg_type !== "input_reply" || id === undefined) {
      this.log(`dropped a ${message.header.msg_type} on stdin that answers nothing asked`); // operator-facing
      return;
    }
    const waiting = this.waitingInputs.get(id)!;
    this.waitingInputs.delete(id);
    const value = message.content.value;
    waiting.resolve(typeof value === "string" ? value : "");
  }

  /** Stops serving: lets queued sends leave, closes every socket and the heartbeat's thread. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      await Promise.all(Object.values(this.queues).map((q) => q.drained()));
      for (const socket of [...Object.values(this.routers), this.iopub]) socket.close();
      await Promise.all(this.loops);
      await this.heartbeat?.stop();
      for (const waiting of this.waitingInputs.values()) waiting.resolve(null);
      this.waitingInputs.clear();
      this.finish();
    })();
    return this.closing;
  }
}
