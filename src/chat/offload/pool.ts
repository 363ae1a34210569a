/**
 * The reply workers: a few worker threads that make every reply that reads a Trace, so the
 * main thread only receives, routes and sends. Jobs wait in a bounded queue (a full queue is
 * answered "busy" at once); a job goes to a worker that already holds its Traces when one is
 * free, else to any free worker with the Traces attached. A worker that stops is replaced and
 * its jobs are answered as stopped.
 */
import { availableParallelism } from "node:os";
import { dirname, join, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker, type ResourceLimits } from "node:worker_threads";
import { started } from "../../core/started.js";
import type { Reply } from "../reply.js";
import { refsOf, withoutTraces, type Job } from "./jobs.js";
import { postable, type FromWorker, type ReplyWorkerData, type ToWorker } from "./protocol.js";
import type { Delivered, MainHost, Replier } from "./replier.js";

export interface ReplyPoolOptions {
  /** worker threads (default: the cores less one for the main thread, at least 1) */
  size?: number;
  /** jobs one worker takes at once (default 2: one may be waiting for the advisor's rewrite runs) */
  perWorker?: number;
  /** jobs that may wait for a worker (default 8 per worker); more are answered "busy" */
  maxQueue?: number;
  /** Traces each worker keeps read (default 16) */
  keep?: number;
  theme?: "dark" | "light";
  /** give advice (each worker loads Python's parser) (default true) */
  advice?: boolean;
  /** each worker thread's nice value where the system has one per thread (default 10): the main
   * thread gets the CPU first when both want it */
  nice?: number;
  /** each worker's heap limits (a worker past them stops and is replaced) */
  resourceLimits?: ResourceLimits;
}

export interface ReplyPoolStats {
  workers: number;
  busy: number;
  queued: number;
  served: number;
  /** workers replaced after they stopped */
  replaced: number;
}

/** The default number of reply workers: the cores less the main thread's, at least 1. */
export function defaultReplyWorkers(): number {
  return Math.max(1, availableParallelism() - 1);
}

/** The compiled worker.js: beside this file when compiled, in dist/ when run from sources. */
function workerScript(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const dir = here.endsWith(`${sep}dist${sep}src${sep}chat${sep}offload`) ? here : join(here, "..", "..", "..", "dist", "src", "chat", "offload"); // operator-facing
  return join(dir, "worker.js");
}

interface Waiting {
  job: Job;
  host: MainHost;
  resolve(delivered: Delivered): void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  gone: boolean;
  jobs: Map<number, Waiting & { resent: boolean }>;
  /** the keys of the Traces it holds, the most recently used last (as its own list is kept) */
  keys: string[];
}

class ReplyPool implements Replier {
  readonly inline = false;
  private slots: Slot[] = [];
  private queue: Waiting[] = [];
  private nextId = 0;
  private served = 0;
  private replaced = 0;
  private closing = false;
  private readonly data: ReplyWorkerData;
  private readonly perWorker: number;
  private readonly maxQueue: number;

  constructor(private readonly options: ReplyPoolOptions) {
    this.data = { theme: options.theme ?? "dark", advice: options.advice ?? true, keep: options.keep ?? 16, nice: options.nice ?? 10 };
    this.perWorker = Math.max(1, options.perWorker ?? 2);
    this.maxQueue = options.maxQueue ?? 8 * this.size;
  }

  get size(): number {
    return Math.max(1, Math.floor(this.options.size ?? defaultReplyWorkers()));
  }

  /** Starts the workers; resolves when each has loaded what it needs. */
  async start(): Promise<void> {
    await Promise.all(Array.from({ length: this.size }, () => this.spawn()));
  }

  private spawn(): Promise<void> {
    const worker = new Worker(workerScript(), { workerData: this.data, ...(this.options.resourceLimits ? { resourceLimits: this.options.resourceLimits } : {}) });
    const slot: Slot = { worker, ready: false, gone: false, jobs: new Map(), keys: [] };
    this.slots.push(slot);
    return new Promise((resolve, reject) => {
      worker.on("message", (message: FromWorker) => {
        if (message.msg === "ready") {
          slot.ready = true;
          resolve();
          this.dispatch();
        } else this.received(slot, message);
      });
      const lost = (error?: unknown) => {
        if (slot.gone) return;
        slot.gone = true;
        this.slots = this.slots.filter((s) => s !== slot);
        for (const w of slot.jobs.values()) w.resolve({ kind: "stopped" });
        slot.jobs.clear();
        if (!slot.ready) reject(error instanceof Error ? error : new Error("a reply worker stopped while starting")); // operator-facing
        else if (!this.closing) {
          this.replaced++;
          this.respawn(0);
        }
        this.dispatch();
      };
      worker.on("error", lost);
      worker.on("exit", () => lost());
    });
  }

  /** Starts a worker in place of one that stopped; one that cannot start is tried again later, never in a tight loop. */
  private respawn(delayMs: number): void {
    setTimeout(() => {
      if (this.closing) return;
      this.spawn().catch(() => this.respawn(Math.min(10_000, Math.max(500, delayMs * 2))));
    }, delayMs).unref();
  }

  serve(job: Job, host: MainHost): Promise<Delivered> {
    if (this.closing) return Promise.resolve({ kind: "stopped" });
    if (this.queue.length >= this.maxQueue) return Promise.resolve({ kind: "busy" });
    return new Promise((resolve) => {
      this.queue.push({ job, host, resolve });
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.queue.length) {
      const free = this.slots.filter((s) => s.ready && !s.gone && s.jobs.size < this.perWorker);
      if (!free.length) return;
      const waiting = this.queue.shift()!;
      const keys = refsOf(waiting.job).map((r) => r.key);
      // a worker that holds the job's Traces, else the least busy one
      const holds = (s: Slot) => keys.every((k) => s.keys.includes(k));
      const slot = free.find(holds) ?? free.sort((a, b) => a.jobs.size - b.jobs.size)[0]!;
      this.send(slot, waiting, false);
    }
  }

  private send(slot: Slot, waiting: Waiting, full: boolean): void {
    const id = ++this.nextId;
    slot.jobs.set(id, { ...waiting, resent: full });
    const job = full ? waiting.job : withoutTraces(waiting.job, (key) => slot.keys.includes(key));
    for (const ref of refsOf(waiting.job)) {
      slot.keys = slot.keys.filter((k) => k !== ref.key);
      slot.keys.push(ref.key);
    }
    slot.keys.splice(0, Math.max(0, slot.keys.length - this.data.keep));
    slot.worker.postMessage({ msg: "job", id, job } satisfies ToWorker);
  }

  private received(slot: Slot, message: Exclude<FromWorker, { msg: "ready" }>): void {
    if (message.msg === "run") {
      const host = slot.jobs.get(message.id)?.host;
      const answer = (result: Parameters<typeof postable>[0]) => {
        if (!slot.gone) slot.worker.postMessage({ msg: "ran", rid: message.rid, result: postable(result) } satisfies ToWorker);
      };
      // the run is charged to the job's person; a job no longer waiting gets no run
      if (!host || !host.charge()) answer({ ok: false, error: { code: "busy" } });
      else host.run(message.source, message.request).then(answer, () => answer({ ok: false, error: { code: "worker-crashed" } }));
      return;
    }
    const waiting = slot.jobs.get(message.id);
    if (!waiting) return;
    slot.jobs.delete(message.id);
    const result = message.result;
    if (result.kind === "missing" && !waiting.resent) {
      // the worker let go of a Trace it was thought to hold: the same worker gets it again
      slot.keys = slot.keys.filter((k) => !result.keys.includes(k));
      this.send(slot, waiting, true);
      return;
    }
    if (result.kind === "answer") {
      this.served++;
      buffers(result.answer.reply);
    }
    waiting.resolve(result);
    this.dispatch();
  }

  stats(): ReplyPoolStats {
    return {
      workers: this.slots.length,
      busy: this.slots.filter((s) => s.jobs.size > 0).length,
      queued: this.queue.length,
      served: this.served,
      replaced: this.replaced,
    };
  }

  async close(): Promise<void> {
    this.closing = true;
    for (const w of this.queue.splice(0)) w.resolve({ kind: "stopped" });
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}

/** Bytes that came from a worker as plain Uint8Arrays, as Buffers again (no copy). */
function buffers(reply: Reply): void {
  for (const part of [...reply.images, ...reply.files]) {
    const bytes = part.data as Uint8Array;
    part.data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
}

export type { ReplyPool };

/** Starts the reply workers (resolves when every one is ready). */
export async function createReplyPool(options: ReplyPoolOptions = {}): Promise<ReplyPool> {
  return started(new ReplyPool(options));
}
