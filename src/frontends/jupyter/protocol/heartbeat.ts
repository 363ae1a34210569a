/**
 * The heartbeat: a Reply socket that echoes whatever it is sent. It runs in a worker thread of
 * its own (with its own ZeroMQ context), so it keeps answering while the main thread is busy.
 */
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

// plain JavaScript evaluated in the thread: no build step needed, and nothing of memsim loaded there
// (operator-facing: code, not prose)
const ECHO = `
const { parentPort, workerData } = require("node:worker_threads");
const zmq = require(workerData.zeromq);
const socket = new zmq.Reply({ linger: 0 });
parentPort.on("message", () => { socket.close(); parentPort.close(); });
(async () => {
  try {
    await socket.bind(workerData.address);
  } catch (error) {
    socket.close();
    parentPort.postMessage({ failed: String(error && error.message || error) });
    parentPort.close();
    return;
  }
  parentPort.postMessage({ bound: true });
  try {
    for await (const frames of socket) await socket.send(frames);
  } catch (error) {
    if (!socket.closed) parentPort.postMessage({ failed: String(error && error.message || error) });
  }
})();
`;

export class Heartbeat {
  private constructor(
    private readonly worker: Worker,
    private readonly exited: Promise<void>,
  ) {}

  /** Binds the echo at `address` in its own thread; resolves once it is bound. */
  static async start(address: string, log: (line: string) => void): Promise<Heartbeat> {
    const zeromq = createRequire(import.meta.url).resolve("zeromq");
    const worker = new Worker(ECHO, { eval: true, workerData: { address, zeromq }, env: {}, stdout: false, stderr: false });
    const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
    await new Promise<void>((resolve, reject) => {
      worker.once("error", reject);
      worker.once("message", (message: { bound?: boolean; failed?: string }) => {
        if (message.bound) resolve();
        else reject(new Error(`the heartbeat cannot bind ${address}: ${message.failed}`)); // operator-facing
      });
    });
    worker.on("message", (message: { failed?: string }) => {
      if (message.failed) log(`heartbeat stopped: ${message.failed}`); // operator-facing
    });
    return new Heartbeat(worker, exited);
  }

  /** Closes the socket and lets the thread end by itself (terminating it with a socket open aborts the process). */
  async stop(): Promise<void> {
    this.worker.postMessage("stop");
    await this.exited;
  }
}
