/**
 * A reply worker thread: loads the renderer, the explainer and (for advice) Python's parser
 * once, then serves reply jobs, keeping the Traces it has read by key. The advisor's rewrite
 * runs are asked of the main thread, which owns the sandbox pool and the cooldowns.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { readlinkSync } from "node:fs";
import { setPriority } from "node:os";
import { parentPort, workerData } from "node:worker_threads";
import { MemsimError } from "../../core/errors.js";
import { findingsAdvisor } from "../advice.js";
import type { Reply } from "../reply.js";
import { canvasDrawer, noAdvisor, type Advisor, type SimulationResult, type Simulator } from "../services.js";
import type { JobResult } from "./jobs.js";
import type { FromWorker, ReplyWorkerData, ToWorker } from "./protocol.js";
import { ReplyServer, type JobHost, type ReplyTools } from "./server.js";

const port = parentPort!;
const data = workerData as ReplyWorkerData;
const post = (message: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

/** the job a rewrite run is made for (runs are charged to its person) */
const currentJob = new AsyncLocalStorage<number>();
const waiting = new Map<number, (result: SimulationResult) => void>();
let rid = 0;

/** Rewrite runs, made by the main thread's simulator. */
const simulator: Simulator = {
  run(source, request) {
    const id = currentJob.getStore() ?? -1;
    return new Promise((resolve) => {
      waiting.set(++rid, resolve);
      post({ msg: "run", id, rid, source, request });
    });
  },
};

async function tools(): Promise<ReplyTools> {
  if (!data.advice) return { drawer: canvasDrawer(data.theme), advisor: noAdvisor, simulator };
  // parsing runs no code: Python's own parser, in this thread
  const { sharedPythonEngine } = await import("../../runners/python/index.js");
  const engine = await sharedPythonEngine();
  const parse = (source: string) => engine.parse(source);
  return { drawer: canvasDrawer(data.theme), advisor: findingsAdvisor(simulator, parse), parse, simulator };
}

/** The reply's bytes, moved to the main thread rather than copied (a pooled Buffer is copied out first). */
function transferable(reply: Reply): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  for (const part of [...reply.images, ...reply.files]) {
    const whole = part.data.byteOffset === 0 && part.data.byteLength === part.data.buffer.byteLength && part.data.buffer instanceof ArrayBuffer;
    const copy = whole ? undefined : new Uint8Array(part.data.byteLength);
    copy?.set(part.data);
    const bytes = copy ? Buffer.from(copy.buffer) : part.data;
    part.data = bytes;
    out.push(bytes.buffer as ArrayBuffer);
  }
  return out;
}

/**
 * Lowers this thread's priority (Linux keeps one per thread): when the cores are all busy, the
 * main thread, which acknowledges everyone's requests, gets the CPU first.
 */
function yieldToMainThread(nice: number): void {
  try {
    const tid = Number(readlinkSync("/proc/thread-self").split("/").pop());
    if (tid > 0 && nice > 0) setPriority(tid, nice);
  } catch {
    // elsewhere the thread keeps its priority
  }
}

yieldToMainThread(data.nice);
const server = new ReplyServer(await tools(), data.keep);

port.on("message", (message: ToWorker) => {
  if (message.msg === "ran") {
    waiting.get(message.rid)?.(message.result);
    waiting.delete(message.rid);
    return;
  }
  const { id, job } = message;
  let charges = job.view === "run" ? (job.budget?.charges ?? 0) : 0;
  // the main thread charges each run for real; this count only stops the advisor asking in vain
  const host: JobHost = { now: () => performance.now(), charge: () => charges-- > 0 };
  void currentJob.run(id, async () => {
    const result: JobResult = await server.serve(job, host).catch((error: unknown) => ({
      kind: "failed" as const,
      code: error instanceof MemsimError ? error.code : "internal",
      message: error instanceof Error ? error.message : String(error),
    }));
    post({ msg: "done", id, result }, result.kind === "answer" ? transferable(result.answer.reply) : []);
  });
});

post({ msg: "ready" });
