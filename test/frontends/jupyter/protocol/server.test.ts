import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import { afterEach, describe, expect, it, onTestFinished } from "vitest";
import { KernelServer, Signer } from "../../../../src/frontends/jupyter/protocol/index.js";
import type { ConnectionInfo } from "../../../../src/frontends/jupyter/protocol/index.js";
import type { Header, JupyterMessage } from "../../../../src/frontends/jupyter/types.js";
import { createTestHandler } from "../test-handler.mjs";
import { connectionInfo, TestClient } from "./client.js";

interface Kernel {
  info: ConnectionInfo;
  server: KernelServer;
  handler: ReturnType<typeof createTestHandler>;
  client: TestClient;
  logs: string[];
}

const open: Kernel[] = [];

/** Starts what `start` starts, trying again while its address is still in use, for up to `ms`. */
async function startWithin<T>(ms: number, start: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      return await start();
    } catch (error) {
      if (Date.now() > deadline || !/in use/i.test(String((error as Error).message))) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

async function kernel(key?: string, options?: Parameters<typeof createTestHandler>[0]): Promise<Kernel> {
  const info = await connectionInfo(key);
  const handler = createTestHandler(options);
  const logs: string[] = [];
  const server = await KernelServer.start(info, handler, { log: (line) => logs.push(line) });
  const client = new TestClient(info);
  await client.connect();
  const k = { info, server, handler, client, logs };
  open.push(k);
  return k;
}

afterEach(async () => {
  for (const k of open.splice(0)) {
    await k.client.close();
    await k.server.close();
  }
});

const types = (messages: JupyterMessage[]) => messages.map((m) => (m.header.msg_type === "status" ? `status:${m.content.execution_state}` : m.header.msg_type));

describe("the kernel's protocol server", () => {
  it("answers kernel_info between busy and idle, with a fresh 5.3 header in the request's session and the request as parent", async () => {
    const { client, server } = await kernel();
    const request = client.request("shell", "kernel_info_request", {});
    const reply = await request;
    await client.idle(request.header.msg_id);
    expect(reply.header.msg_type).toBe("kernel_info_reply");
    expect(reply.header.version).toBe("5.3");
    expect(reply.header.session).toBe(client.session);
    expect(reply.header.msg_id).not.toBe(request.header.msg_id);
    expect(reply.parent_header).toEqual(request.header);
    expect(reply.content.implementation).toBe("memsim-test");
    const children = client.childrenOf(request.header.msg_id);
    expect(types(children)).toEqual(["status:busy", "status:idle"]);
    for (const m of children) {
      expect(m.parent_header).toEqual(request.header);
      expect((m as JupyterMessage & { topic: string }).topic).toBe(`kernel.${server.kernelId}.status`);
    }
  });

  it("publishes a cell's outputs between busy and idle, each with the request as parent and its type in the topic", async () => {
    const { client, server } = await kernel();
    const request = client.request("shell", "execute_request", { code: "hello", silent: false, store_history: true, user_expressions: {}, allow_stdin: false });
    const reply = await request;
    await client.idle(request.header.msg_id);
    expect(reply.content).toMatchObject({ status: "ok", execution_count: 1 });
    const children = client.childrenOf(request.header.msg_id);
    expect(types(children)).toEqual(["status:busy", "execute_input", "stream", "status:idle"]);
    expect(children[2]!.content).toEqual({ name: "stdout", text: "hello\n" });
    for (const m of children) expect((m as JupyterMessage & { topic: string }).topic).toBe(`kernel.${server.kernelId}.${m.header.msg_type}`);
  });

  it("drops a wrongly signed or malformed message, logs it and answers nothing", async () => {
    const { client, logs } = await kernel();
    const forged = client.send("shell", "kernel_info_request", {}, {}, new Signer("not the key"));
    const unsigned = client.send("shell", "kernel_info_request", {}, {}, new Signer(""));
    // shell requests are served in order: once this one is answered, the two before it were read
    const good = client.request("shell", "kernel_info_request", {});
    await good;
    await client.idle(good.header.msg_id);
    expect(client.childrenOf(forged.msg_id)).toEqual([]);
    expect(client.childrenOf(unsigned.msg_id)).toEqual([]);
    expect(logs.filter((l) => /bad-signature/.test(l))).toHaveLength(2);
  });

  it("checks the signature with the key: the same message signed right is served", async () => {
    const { client, info } = await kernel();
    const request = client.request("shell", "kernel_info_request", {});
    await request;
    // the client's Signer agrees with an HMAC-SHA256 of the four frames made here
    const { createHmac } = await import("node:crypto");
    const frames = ["{}", "{}", "{}", "{}"].map((s) => Buffer.from(s));
    const hmac = createHmac("sha256", info.key);
    for (const f of frames) hmac.update(f);
    expect(client.signer.sign(frames)).toBe(hmac.digest("hex"));
  });

  it("serves shell requests one at a time, in the order they came", async () => {
    const { client } = await kernel();
    const requests = ["block 50", "one", "two"].map((code) => client.request("shell", "execute_request", { code, allow_stdin: false }));
    const replies = await Promise.all(requests);
    await client.idle(requests[2]!.header.msg_id);
    expect(replies.map((r) => r.content.execution_count)).toEqual([1, 2, 3]);
    const statuses = client.iopubMessages
      .filter((m) => m.header.msg_type === "status" && requests.some((r) => r.header.msg_id === (m.parent_header as Header).msg_id))
      .map((m) => `${requests.findIndex((r) => r.header.msg_id === (m.parent_header as Header).msg_id)}:${m.content.execution_state}`);
    expect(statuses).toEqual(["0:busy", "0:idle", "1:busy", "1:idle", "2:busy", "2:idle"]);
  });

  it("serves control at once while a shell request is pending: kernel_info, then an interrupt that ends the cell", async () => {
    const { client, handler } = await kernel();
    let cellDone = false;
    const cell = client.request("shell", "execute_request", { code: "wait first", allow_stdin: false });
    void cell.then(() => (cellDone = true));
    await client.until(() => client.childrenOf(cell.header.msg_id).some((m) => m.header.msg_type === "execute_input"));
    // what the cell prints while it runs reaches the front end before the cell ends
    await client.until(() => client.childrenOf(cell.header.msg_id).some((m) => m.header.msg_type === "stream" && m.content.text === "first\n"));
    expect(cellDone).toBe(false);
    const info = await client.request("control", "kernel_info_request", {});
    expect(info.header.msg_type).toBe("kernel_info_reply");
    expect(cellDone).toBe(false);
    const interrupt = client.request("control", "interrupt_request", {});
    const interrupted = await interrupt;
    expect(interrupted.header.msg_type).toBe("interrupt_reply");
    expect(interrupted.parent_header).toEqual(interrupt.header);
    const reply = await cell;
    expect(reply.content).toMatchObject({ status: "error", ename: "KeyboardInterrupt" });
    expect(handler.interrupts).toBe(1);
    await client.idle(interrupt.header.msg_id);
    expect(types(client.childrenOf(interrupt.header.msg_id))).toEqual(["status:busy", "status:idle"]);
  });

  it("keeps the heartbeat answering while the main thread is blocked for a second", async () => {
    // the main thread's blocked flag, raised by the handler while it busy-waits, read by a client thread at each echo
    const blocked = new Int32Array(new SharedArrayBuffer(4));
    const { client, info } = await kernel(undefined, { blocking: (on) => Atomics.store(blocked, 0, on ? 1 : 0) });
    const pinger = new Worker(
      `
      const { parentPort, workerData } = require("node:worker_threads");
      const zmq = require(workerData.zeromq);
      (async () => {
        // an echo lost on a starved machine is told as such rather than waited for forever
        const open = () => {
          const s = new zmq.Request({ linger: 0, receiveTimeout: 5000 });
          s.connect(workerData.address);
          return s;
        };
        let socket = open();
        const seen = [];
        parentPort.postMessage("started");
        while (Atomics.load(workerData.blocked, 0) !== 2) {
          await socket.send("ping");
          try {
            const [echo] = await socket.receive();
            seen.push({ echo: echo.toString(), blocked: Atomics.load(workerData.blocked, 0) === 1 });
          } catch {
            seen.push({ echo: "lost", blocked: Atomics.load(workerData.blocked, 0) === 1 });
            socket.close();
            socket = open();
          }
          await new Promise((r) => setTimeout(r, 50));
        }
        socket.close();
        parentPort.postMessage(seen);
      })();
      `,
      { eval: true, workerData: { address: `tcp://127.0.0.1:${info.hb_port}`, blocked, zeromq: createRequire(import.meta.url).resolve("zeromq") } },
    );
    // ended, not waited for: on a busy machine its ZeroMQ context has held the thread open for minutes
    onTestFinished(() => pinger.terminate());
    const seen = new Promise<{ echo: string; blocked: boolean }[]>((resolve, reject) => {
      pinger.on("message", (m) => m !== "started" && resolve(m));
      pinger.once("error", reject);
    });
    await new Promise((resolve) => pinger.once("message", resolve));
    // the test handler busy-waits on this very thread, the kernel's and this client's
    await client.request("shell", "execute_request", { code: "block 1000", allow_stdin: false });
    Atomics.store(blocked, 0, 2);
    const echoes = await seen;
    expect(echoes.filter((e) => e.echo !== "ping" && e.echo !== "lost")).toEqual([]);
    // answered while the main thread was blocked, more than once
    expect(echoes.filter((e) => e.blocked && e.echo === "ping").length).toBeGreaterThanOrEqual(3);
  });

  it("asks for input on stdin with the cell as parent and gives the cell the front end's answer", async () => {
    const { client } = await kernel();
    client.answerInput = () => "Ada";
    const cell = client.request("shell", "execute_request", { code: "input Your name?", allow_stdin: true });
    await cell;
    await client.idle(cell.header.msg_id);
    expect(client.inputRequests).toHaveLength(1);
    expect(client.inputRequests[0]!.header.msg_type).toBe("input_request");
    expect(client.inputRequests[0]!.content).toEqual({ prompt: "Your name?", password: false });
    expect(client.inputRequests[0]!.parent_header).toEqual(cell.header);
    const stream = client.childrenOf(cell.header.msg_id).find((m) => m.header.msg_type === "stream");
    expect(stream?.content.text).toBe("got Ada\n");
  });

  it("gives the handler no line, and logs it, when the front end that allowed stdin has no stdin socket connected", async () => {
    const { info, logs } = await kernel();
    const client = new TestClient(info, info.key, false);
    await client.connect();
    try {
      const cell = client.request("shell", "execute_request", { code: "input Your name?", allow_stdin: true });
      await cell;
      await client.idle(cell.header.msg_id);
      expect(client.childrenOf(cell.header.msg_id).find((m) => m.header.msg_type === "stream")?.content.text).toBe("no stdin\n");
      expect(logs.some((l) => /input_request not delivered/.test(l))).toBe(true);
    } finally {
      await client.close();
    }
  });

  it("drops an input_reply when no input is waiting, and logs it", async () => {
    const { client, logs } = await kernel();
    client.send("stdin", "input_reply", { value: "stray" });
    // stdin is read apart from shell: wait for the log itself
    while (!logs.some((l) => /input_reply on stdin that answers nothing/.test(l))) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(logs.filter((l) => /input_reply/.test(l))).toHaveLength(1);
  });

  it("tells the handler when a request does not allow stdin, and asks nothing", async () => {
    const { client } = await kernel();
    const cell = client.request("shell", "execute_request", { code: "input Your name?", allow_stdin: false });
    await cell;
    await client.idle(cell.header.msg_id);
    expect(client.inputRequests).toHaveLength(0);
    expect(client.childrenOf(cell.header.msg_id).find((m) => m.header.msg_type === "stream")?.content.text).toBe("no stdin\n");
  });

  it("keeps one send in flight: 2,000 outputs published at once all arrive, in order", async () => {
    const { client, logs } = await kernel();
    const cell = client.request("shell", "execute_request", { code: "spam 2000", allow_stdin: false });
    await cell;
    await client.idle(cell.header.msg_id);
    const texts = client.childrenOf(cell.header.msg_id).filter((m) => m.header.msg_type === "stream").map((m) => m.content.text);
    expect(texts).toEqual(Array.from({ length: 2000 }, (_, i) => `${i}\n`));
    expect(logs).toEqual([]);
  });

  it("answers a failing handler with an error reply, logs it, and still goes idle", async () => {
    const { client, logs } = await kernel();
    const cell = client.request("shell", "execute_request", { code: "fail", allow_stdin: false });
    const reply = await cell;
    await client.idle(cell.header.msg_id);
    expect(reply.content.status).toBe("error");
    expect(logs.some((l) => /failed on purpose/.test(l))).toBe(true);
  });

  it("logs a message type the handler does not know, replies nothing and goes idle", async () => {
    const { client, logs } = await kernel();
    const unknown = client.send("shell", "no_such_request", {});
    await client.idle(unknown.msg_id);
    expect(types(client.childrenOf(unknown.msg_id))).toEqual(["status:busy", "status:idle"]);
    expect(logs.some((l) => /no_such_request/.test(l))).toBe(true);
  });

  it("refuses to start, closing what it opened, when a port of the connection file is taken", async () => {
    const { createServer } = await import("node:net");
    for (const port of ["shell_port", "hb_port"] as const) {
      const info = await connectionInfo();
      const squatter = createServer();
      await new Promise<void>((resolve) => squatter.listen(info[port], "127.0.0.1", resolve));
      try {
        await expect(KernelServer.start(info, createTestHandler(), { log: () => undefined })).rejects.toThrow(/in use|heartbeat/i);
      } finally {
        await new Promise((resolve) => squatter.close(resolve));
      }
      // everything it bound was let go: the same ports serve a kernel now (ZeroMQ closes a
      // listener in its I/O thread, a moment after close(): a busy machine may need a few tries)
      const server = await startWithin(10_000, () => KernelServer.start(info, createTestHandler(), { log: () => undefined }));
      await server.close();
    }
  });

  it("shuts down on control: the reply on control and on IOPub, the handler told, the server done", async () => {
    const { client, server, handler } = await kernel();
    const request = client.request("control", "shutdown_request", { restart: false });
    const reply = await request;
    expect(reply.header.msg_type).toBe("shutdown_reply");
    expect(reply.content).toEqual({ status: "ok", restart: false });
    await server.done;
    expect(handler.shutdowns).toEqual([false]);
    await client.idle(request.header.msg_id);
    expect(types(client.childrenOf(request.header.msg_id))).toEqual(["status:busy", "shutdown_reply", "status:idle"]);
  });
});
