/**
 * The Jupyter kernel: a new `memsim kernel -f` process from spawn to its first kernel_info_reply
 * (its start), its first small cell from execute_request to idle (the interpreter loading), and
 * the same cell warm.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as zmq from "zeromq";
import { decode, encode, Signer } from "../src/frontends/jupyter/protocol/index.js";
import type { Header, JupyterMessage } from "../src/frontends/jupyter/types.js";
import { percentile, round } from "./stats.js";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const STARTS = 3;
const WARM_RUNS = 15;
const CELL = "nums = [1, 2, 3]\nnums.append(4)\nprint(len(nums))\n";

async function freePorts(n: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: n }, () => new Promise<ReturnType<typeof createServer>>((resolve) => {
      const s = createServer();
      s.listen(0, "127.0.0.1", () => resolve(s));
    })),
  );
  const ports = servers.map((s) => (s.address() as { port: number }).port);
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  return ports;
}

/** A client that sends a request and waits for its reply, and for IOPub's idle after it. */
class Client {
  private readonly signer: Signer;
  private readonly session = randomUUID();
  private readonly shell = new zmq.Dealer({ linger: 0 });
  private readonly control = new zmq.Dealer({ linger: 0 });
  private readonly iopub = new zmq.Subscriber({ linger: 0, receiveHighWaterMark: 0 });
  private readonly waiting = new Map<string, { reply?: boolean; idle?: boolean; done: () => void }>();
  /** when the kernel first answered anything on shell (performance.now()) */
  firstReplyAt?: number;

  constructor(ports: Record<string, number>, key: string) {
    this.signer = new Signer(key);
    this.shell.connect(`tcp://127.0.0.1:${ports.shell_port}`);
    this.control.connect(`tcp://127.0.0.1:${ports.control_port}`);
    this.iopub.connect(`tcp://127.0.0.1:${ports.iopub_port}`);
    this.iopub.subscribe();
    void this.read(this.shell, (m, w) => {
      this.firstReplyAt ??= performance.now();
      w.reply = true;
    });
    void this.read(this.iopub, (m, w) => void (m.header.msg_type === "status" && m.content.execution_state === "idle" && (w.idle = true)));
  }

  private async read(socket: zmq.Dealer | zmq.Subscriber, note: (m: JupyterMessage, w: { reply?: boolean; idle?: boolean }) => void): Promise<void> {
    for await (const frames of socket) {
      const got = decode(frames, this.signer);
      if ("problem" in got) continue;
      const w = this.waiting.get((got.message.parent_header as Partial<Header>).msg_id ?? "");
      if (!w) continue;
      note(got.message, w);
      if (w.reply && w.idle) w.done();
    }
  }

  /** Sends a request; resolves once its reply and its idle have both come, or after `timeoutMs` (false). */
  request(socket: "shell" | "control", msgType: string, content: Record<string, unknown>, timeoutMs: number): Promise<boolean> {
    const header: Header = { msg_id: randomUUID(), session: this.session, username: "bench", date: new Date().toISOString(), msg_type: msgType, version: "5.3" };
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.waiting.set(header.msg_id, { done: () => (clearTimeout(timer), resolve(true)) });
      void (socket === "shell" ? this.shell : this.control).send(encode(this.signer, [], header, {}, {}, content));
    });
  }

  close(): void {
    for (const s of [this.shell, this.control, this.iopub]) s.close();
  }
}

function execute(code: string) {
  return { code, silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: true };
}

interface Start {
  startMs: number;
  firstCellMs: number;
  warm: number[];
}

async function oneKernel(dir: string, warmRuns: number): Promise<Start | string> {
  const [shell_port, iopub_port, stdin_port, control_port, hb_port] = (await freePorts(5)) as [number, number, number, number, number];
  const key = randomUUID();
  const ports = { shell_port, iopub_port, stdin_port, control_port, hb_port };
  const file = join(dir, `kernel-${randomUUID()}.json`);
  writeFileSync(file, JSON.stringify({ transport: "tcp", ip: "127.0.0.1", key, signature_scheme: "hmac-sha256", ...ports }));
  const t0 = performance.now();
  const child: ChildProcess = spawn(process.execPath, ["bin/memsim.js", "kernel", "-f", file], { cwd: root, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr?.on("data", (b: Buffer) => (stderr += b.toString()));
  let exited = false;
  const gone = new Promise<void>((resolve) => child.on("exit", () => ((exited = true), resolve())));
  const client = new Client(ports, key);
  try {
    // kernel_info until answered: the first answer is the kernel's start
    while (!(await client.request("shell", "kernel_info_request", {}, 200))) {
      if (exited || performance.now() - t0 > 60_000) return `not measured: the kernel did not start (${stderr.trim().split("\n")[0] ?? "no message"})`;
    }
    const startMs = client.firstReplyAt! - t0;
    const c0 = performance.now();
    if (!(await client.request("shell", "execute_request", execute(CELL), 120_000))) return "not measured: the first cell did not finish";
    const firstCellMs = performance.now() - c0;
    const warm: number[] = [];
    for (let i = 0; i < warmRuns; i++) {
      const w0 = performance.now();
      if (!(await client.request("shell", "execute_request", execute(CELL), 60_000))) return "not measured: a warm cell did not finish";
      warm.push(performance.now() - w0);
    }
    await client.request("control", "shutdown_request", { restart: false }, 10_000);
    return { startMs, firstCellMs, warm };
  } finally {
    client.close();
    if (!exited) {
      const killer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await gone;
      clearTimeout(killer);
    }
  }
}

export async function benchKernel(): Promise<Record<string, unknown> | string> {
  const dir = mkdtempSync(join(tmpdir(), "memsim-bench-kernel-"));
  const stat = (values: number[]) => {
    const v = [...values].sort((a, b) => a - b);
    return { medianMs: round(percentile(v, 50)), p95Ms: round(percentile(v, 95)), runs: v.length };
  };
  try {
    const starts: Start[] = [];
    for (let i = 0; i < STARTS; i++) {
      const one = await oneKernel(dir, i === STARTS - 1 ? WARM_RUNS : 0);
      if (typeof one === "string") return one;
      starts.push(one);
    }
    return {
      cell: CELL,
      startToKernelInfo: { what: "spawn of memsim kernel -f to its first kernel_info_reply", ...stat(starts.map((s) => s.startMs)) },
      firstCell: { what: "the first cell, execute_request to idle (the interpreter loading)", ...stat(starts.map((s) => s.firstCellMs)) },
      warmCell: { what: "the same cell warm, execute_request to idle", ...stat(starts.at(-1)!.warm) },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
