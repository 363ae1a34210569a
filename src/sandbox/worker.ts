/**
 * The worker process: the sandboxed supervisor of a pool worker. It never runs Python
 * itself. It compiles Pyodide once, keeps the start-up snapshot, and runs each program in
 * an interpreter thread of its own (threads.ts), which it discards after the run. It is
 * started by the pool inside the sandbox (see launch.ts) and is never imported by the host.
 *
 * Order matters: the process is hardened before anything else loads, so nothing the
 * threads can reach leads to network globals, child processes or the host's signals.
 */
import fs from "node:fs";
import { removePowers } from "./harden.js";
import type { OutputPiece } from "./output.js";
import type { HostMessage, InitMessage, RunMessage, WorkerMessage } from "./protocol.js";

const started = performance.now();

function send(message: WorkerMessage): void {
  process.send?.(message);
}

function describe(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 500);
}

async function main(init: InitMessage): Promise<void> {
  const { Interpreters, compilePyodide, makeSnapshotInThread } = await import("./threads.js");
  if (init.role === "snapshot") {
    const bytes = await makeSnapshotInThread(init.indexURL, init.memoryBytes);
    send({ type: "snapshot", bytes });
    return;
  }
  const module = await compilePyodide(init.indexURL);
  const snapshot = new Uint8Array(fs.readFileSync(init.snapshotPath!));
  const tCompiled = performance.now();
  const interpreters = new Interpreters({
    role: init.role === "session" ? "session" : "run",
    indexURL: init.indexURL,
    module,
    snapshot,
    memoryBytes: init.memoryBytes,
    jsHeapMb: init.jsHeapMb,
    rssLimitBytes: init.rssLimitBytes,
    graceMs: init.graceMs,
    startTimeoutMs: init.startTimeoutMs,
    progressFd: init.progressFd,
    spares: init.spares,
  });
  interpreters.onSpares = (ready) => send({ type: "spares", ready });
  const first = await interpreters.ready();
  send({
    type: "ready",
    runtime: first.runtime,
    timings: { compileMs: Math.round(tCompiled - started), ...first.timings, totalMs: Math.round(performance.now() - started) },
  });

  // an idle process holds one ready interpreter and nothing of any learner: if it is over
  // its memory even so, it goes, and the pool starts another (no run is blamed)
  let queue = Promise.resolve();
  let settling = false;
  setInterval(() => {
    if (!interpreters.busy && !settling && process.memoryUsage.rss() > init.rssLimitBytes) process.exit(3);
  }, 500).unref();

  // a run a person watches: its input() is asked of the host, which answers by the run's id
  const answers = new Map<number, (text: string | null) => void>();
  const input = (id: number) => (prompt: string) =>
    new Promise<string | null>((resolve) => {
      answers.set(id, resolve);
      send({ type: "input", id, prompt });
    });
  let running: number | undefined;
  // an interrupt for a run still waiting in this queue
  let early: number | undefined;
  const serve = async (msg: RunMessage) => {
    running = msg.id;
    const run = interpreters.run(msg, {
      ...(msg.interactive ? { input: input(msg.id) } : {}),
      // checked by the thread's owner already; the host checks it again
      ...(msg.output ? { output: (pieces: OutputPiece[]) => send({ type: "output", id: msg.id, pieces }) } : {}),
    });
    if (early === msg.id) interpreters.interrupt();
    early = undefined;
    const outcome = await run;
    running = undefined;
    answers.get(msg.id)?.(null);
    answers.delete(msg.id);
    if (outcome.type === "result") {
      send({ type: "result", id: msg.id, json: outcome.json, ...(outcome.cut ? { cut: outcome.cut } : {}), ...(outcome.memoryHit ? { memoryHit: true } : {}) });
    } else if (outcome.type === "stopped") send({ type: "stopped", id: msg.id, by: outcome.by });
    else send({ type: "failed", id: msg.id, message: outcome.message });
    // a session whose interpreter was stopped is gone: the pool starts it again, empty
    if (init.role === "session" && outcome.type !== "result") process.exit(0);
    try {
      // the next learner starts only when this run's thread is gone and its memory with it:
      // a program stopped inside one long native call holds its memory until the call ends
      settling = true;
      await interpreters.settled();
      for (let i = 0; process.memoryUsage.rss() > init.rssLimitBytes; i++) {
        if (i >= 60) process.exit(3);
        await new Promise((r) => setTimeout(r, 50));
      }
      settling = false;
      await interpreters.ready();
      send({ type: "idle", resetMs: 0 });
    } catch (error) {
      send({ type: "failed", message: describe(error) });
      process.exit(1);
    }
  };
  process.on("message", (msg: HostMessage) => {
    if (msg.type === "run") queue = queue.then(() => serve(msg));
    else if (msg.type === "interrupt") {
      if (msg.id === running) interpreters.interrupt();
      else early = msg.id;
    } else if (msg.type === "answer") {
      const resolve = answers.get(msg.id);
      answers.delete(msg.id);
      resolve?.(typeof msg.text === "string" ? msg.text : null);
    }
    else if (msg.type === "exit") process.exit(0);
  });
}

removePowers();
process.once("message", (msg: HostMessage) => {
  if (msg.type !== "init") return;
  main(msg).catch((error: unknown) => {
    send({ type: "failed", message: describe(error) });
    process.exit(1);
  });
});
