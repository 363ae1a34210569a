/**
 * Interpreters: the threads that run learners' programs, one interpreter per run.
 *
 * Spare interpreters are kept ready (worker threads restored from the start-up snapshot,
 * see interpreter.ts). A run takes the oldest, another starts at once, and the thread that
 * ran the program is terminated as soon as its result is in.
 * There is no clean-up phase in which a program's code could run (a finalizer, a lying
 * `__eq__`): the interpreter is not cleaned, it is discarded.
 *
 * Every thread is under a deadline in every state: starting (`startTimeoutMs`), running
 * (the run's time limit plus `graceMs`, which also stops a loop inside one C call), and
 * there is no other state. While a run is on, the whole process's resident memory is
 * checked; a run that takes it past `rssLimitBytes` is stopped and told so.
 *
 * Used by the sandbox worker process (worker.ts) and, for the command line and the
 * console, by memsim's own process (local.ts).
 */
import { existsSync, writeSync } from "node:fs";
import { dirname, join, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { outputPieces, type OutputPiece } from "./output.js";
import type { ReadyMessage, RunMessage } from "./protocol.js";
import { ANSWER_BYTES, CONTROL, INPUT_STATE, INPUT_WAIT_MS, PROMPT_CHARS, type ThreadInit, type ThreadOut } from "./thread-protocol.js";

/** an interrupted run whose program has not been told this long after (one long C call) has its thread ended */
export const INTERRUPT_GRACE_MS = 2_000;
/** how often an interrupt not yet told to the program is asked again */
const RETRIP_MS = 100;

/** What a run a person watches is given besides its message. */
export interface RunLive {
  /** asked for each input() past the run's stdin lines; null: there is no more input */
  input?: (prompt: string) => Promise<string | null>;
  /** given the output as it is printed (the run's message asks for it with `output`) */
  output?: (pieces: OutputPiece[]) => void;
}

export interface InterpretersOptions {
  role: "run" | "session";
  indexURL: string;
  /** Pyodide's main module, compiled once in this process */
  module: object;
  /** the start-up snapshot; each thread gets its own copy (shared memory is used as it is) */
  snapshot: Uint8Array;
  /** the Python heap (WebAssembly memory) of one interpreter */
  memoryBytes: number;
  /** the JavaScript heap of one interpreter thread, in MB */
  jsHeapMb: number;
  /** the whole process's resident memory may not pass this while a run is on */
  rssLimitBytes: number;
  /** past its time limit, a run's thread is terminated after this many ms */
  graceMs: number;
  startTimeoutMs: number;
  progressFd?: number;
  /** interpreters kept ready for runs (default 1); each is about 60–80 MB */
  spares?: number;
}

export type ThreadOutcome =
  | { type: "result"; json: string; cut?: { keptSteps: number; totalSteps: number }; memoryHit?: boolean }
  | { type: "stopped"; by: "time" | "memory" | "interrupt" }
  | { type: "failed"; message: string };

export interface ReadyInfo {
  runtime: ReadyMessage["runtime"];
  timings: Record<string, number>;
}

/** The compiled interpreter.js: beside this file when compiled, in dist/ when run from sources. */
export function interpreterScript(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const dir = here.endsWith(`${sep}dist${sep}src${sep}sandbox`) ? here : join(here, "..", "..", "dist", "src", "sandbox"); // operator-facing
  const script = join(dir, "interpreter.js");
  if (!existsSync(script)) throw new Error(`The interpreter thread ${script} is missing: run "npm run build".`); // operator-facing
  return script;
}

interface Slot {
  worker: Worker;
  /** the thread's progress (see ThreadInit.progress) */
  progress: Uint32Array;
  /** the run's control words (see CONTROL) */
  control: Int32Array;
  /** asks the run going on to stop, once it has started */
  interrupt?: () => void;
  ready: Promise<ReadyInfo>;
  dead: boolean;
  /** counted among the ready interpreters */
  counted?: boolean;
}

function isRuntime(value: unknown): value is ReadyMessage["runtime"] {
  const r = value as Record<string, unknown> | null;
  return !!r && typeof r === "object" && ["name", "version", "sizeModel", "engine"].every((k) => typeof r[k] === "string");
}

/** Starts a thread with `init` and resolves with its first message of the kind `want`. */
function startThread(script: string, init: ThreadInit, jsHeapMb: number): Worker {
  return new Worker(script, {
    workerData: init,
    env: {},
    argv: [],
    execArgv: [],
    stdout: true,
    stderr: true,
    resourceLimits: { maxOldGenerationSizeMb: jsHeapMb, maxYoungGenerationSizeMb: 32, codeRangeSizeMb: 64 },
  });
}

export class Interpreters {
  /** interpreters made ready (or being made ready), oldest first; never run, never shared */
  private spares: Slot[] = [];
  private closed = false;
  private running?: Slot;
  private ending = new Set<Promise<void>>();
  private readonly script = interpreterScript();
  /** the snapshot, shared with each starting thread, which copies it before anything else runs there */
  private readonly shared: Uint8Array;
  private readonly target: number;
  private readyCount = 0;
  private starting = false;
  /** a run has been asked for and has not ended */
  private active = false;
  /** it was interrupted before its program was sent */
  private asked = false;

  constructor(private readonly opts: InterpretersOptions) {
    if (opts.snapshot.buffer instanceof SharedArrayBuffer) this.shared = opts.snapshot;
    else {
      // (a 30 MB copy costs 0.1-0.3 s: a snapshot read from the cache is already shared)
      this.shared = new Uint8Array(new SharedArrayBuffer(opts.snapshot.length));
      this.shared.set(opts.snapshot);
    }
    // a session keeps its one interpreter; runs keep `spares` ready, so a request with a few
    // runs (a program and the advisor's rewrites) finds them waiting
    this.target = opts.role === "session" ? 1 : Math.max(1, opts.spares ?? 1);
  }

  /** Resolves when an interpreter is ready for the next run (starting one if needed). */
  ready(): Promise<ReadyInfo> {
    this.refill();
    const first = this.spares[0];
    return first ? first.ready : Promise.reject(new Error("closed"));
  }

  /** Resolves when every thread that ran a program has ended and given its memory back. */
  async settled(): Promise<void> {
    while (this.ending.size > 0) await Promise.all([...this.ending]);
  }

  /** True while a run is on. */
  get busy(): boolean {
    return this.running !== undefined;
  }

  /** Interpreters ready now (not still starting). */
  get readySpares(): number {
    return this.readyCount;
  }

  /** Called with the number of ready interpreters whenever it changes. */
  onSpares?: (ready: number) => void;

  /** Starts interpreters until `target` exist, one at a time (each start is CPU-heavy). */
  private refill(): void {
    this.spares = this.spares.filter((s) => !s.dead);
    if (this.closed || this.starting || this.spares.length >= this.target) return;
    const slot = this.startOne();
    this.spares.push(slot);
    this.starting = true;
    void slot.ready.then(
      () => {
        this.starting = false;
        this.refill();
      },
      () => {
        // the next run (or ready()) starts another; no loop of failing starts here
        this.starting = false;
      },
    );
  }

  private startOne(): Slot {
    const init: ThreadInit = {
      role: this.opts.role,
      indexURL: this.opts.indexURL,
      module: this.opts.module,
      snapshot: this.shared,
      memoryBytes: this.opts.memoryBytes,
      ...(this.opts.progressFd !== undefined ? { progressFd: this.opts.progressFd } : {}),
      progress: new SharedArrayBuffer(8),
      control: new SharedArrayBuffer(CONTROL.ANSWER_AT + ANSWER_BYTES),
    };
    const worker = startThread(this.script, init, this.opts.jsHeapMb);
    worker.stdout.resume();
    worker.stderr.resume();
    const slot: Slot = {
      worker,
      progress: new Uint32Array(init.progress!),
      control: new Int32Array(init.control!),
      dead: false,
      ready: Promise.resolve(undefined as never),
    };
    slot.ready = new Promise<ReadyInfo>((resolve, reject) => {
      const timer = setTimeout(() => {
        fail(new Error(`An interpreter did not start within ${this.opts.startTimeoutMs} ms.`)); // operator-facing
      }, this.opts.startTimeoutMs);
      const fail = (error: Error) => {
        clearTimeout(timer);
        slot.dead = true;
        void worker.terminate();
        reject(error);
      };
      worker.once("message", (message: ThreadOut) => {
        clearTimeout(timer);
        if (message?.type === "ready" && isRuntime(message.runtime)) {
          const timings: Record<string, number> = {};
          for (const [k, v] of Object.entries(message.timings ?? {})) if (typeof v === "number") timings[k] = v;
          this.readyCount++;
          slot.counted = true;
          this.onSpares?.(this.readyCount);
          resolve({ runtime: message.runtime, timings });
        } else fail(new Error(`An interpreter failed to start: ${String((message as { message?: unknown })?.message ?? "no ready message").slice(0, 300)}`)); // operator-facing
      });
      worker.once("error", (error) => fail(error));
      worker.once("exit", (code) => {
        slot.dead = true;
        fail(new Error(`An interpreter exited while starting (code ${code}).`)); // operator-facing
      });
    });
    // a spare that fails is dropped and made again when one is next needed
    slot.ready.catch(() => undefined);
    return slot;
  }

  /** Takes the oldest spare out of the list (a session's stays: it serves every run). */
  private take(slot: Slot): void {
    if (this.opts.role === "session") return;
    this.spares = this.spares.filter((s) => s !== slot);
    if (slot.counted) {
      slot.counted = false;
      this.readyCount--;
      this.onSpares?.(this.readyCount);
    }
  }

  /** Runs one program in an interpreter of its own (a session's runs share the session's one). */
  /**
   * Asks the run going on to stop with KeyboardInterrupt in the program's code (its Trace kept,
   * its interpreter kept for a session). One that does not end within INTERRUPT_GRACE_MS (a
   * long C call) has its thread ended: "stopped" by "interrupt". False when no run is on.
   */
  interrupt(): boolean {
    if (!this.active) return false;
    const interrupt = this.running?.interrupt;
    // asked while the run waits for its interpreter: told as soon as the program is sent
    if (interrupt) interrupt();
    else this.asked = true;
    return true;
  }

  async run(msg: RunMessage, live: RunLive = {}): Promise<ThreadOutcome> {
    if (this.closed) return { type: "failed", message: "closed" };
    this.active = true;
    this.asked = false;
    try {
      return await this.runOn(msg, live);
    } finally {
      this.active = false;
      this.asked = false;
    }
  }

  private async runOn(msg: RunMessage, live: RunLive): Promise<ThreadOutcome> {
    let slot: Slot | undefined;
    // one more try with a new interpreter if the first fails to start, then the run fails
    for (let attempt = 0; attempt < 2 && !slot; attempt++) {
      this.refill();
      const candidate = this.spares[0];
      if (!candidate) return { type: "failed", message: "closed" };
      try {
        await candidate.ready;
        slot = candidate;
      } catch (error) {
        this.spares = this.spares.filter((s) => s !== candidate);
        if (attempt === 1) return { type: "failed", message: (error as Error).message };
      }
    }
    this.take(slot!);
    this.refill();
    this.running = slot!;
    const outcome = await this.serve(slot!, msg, live);
    this.running = undefined;
    if (this.opts.role === "run" || outcome.type !== "result") {
      // nothing of this run is kept: its thread, its interpreter and its memory go now
      // (the answer does not wait for the thread's teardown, which takes a few hundred ms)
      this.spares = this.spares.filter((s) => s !== slot);
      if (slot!.counted) {
        slot!.counted = false;
        this.readyCount--;
      }
      slot!.dead = true;
      const ending = slot!.worker.terminate().then(() => undefined);
      this.ending.add(ending);
      void ending.finally(() => this.ending.delete(ending));
    }
    return outcome;
  }

  /**
   * Copies a thread's progress into the progress file: every 25 ms while it runs (a process
   * killed from outside leaves its last copy) and when its run ends (before anyone reads it).
   */
  private copyProgress(slot: Slot, last: { steps: number; line: number }): void {
    const fd = this.opts.progressFd;
    const steps = slot.progress[0]!;
    const line = slot.progress[1]!;
    if (fd === undefined || (steps === last.steps && line === last.line)) return;
    last.steps = steps;
    last.line = line;
    const bytes = Buffer.alloc(8);
    bytes.writeUInt32LE(steps, 0);
    bytes.writeUInt32LE(line, 4);
    try {
      writeSync(fd, bytes, 0, 8, 0);
    } catch {
      // progress is a courtesy for stopped runs; a run never fails for it
    }
  }

  private serve(slot: Slot, msg: RunMessage, live: RunLive): Promise<ThreadOutcome> {
    const worker = slot.worker;
    const copied = { steps: 0, line: 0 };
    const ctl = slot.control;
    return new Promise<ThreadOutcome>((resolve) => {
      let done = false;
      let interruptTimer: NodeJS.Timeout | undefined;
      let retrip: NodeJS.Timeout | undefined;
      const finish = (outcome: ThreadOutcome) => {
        if (done) return;
        done = true;
        slot.interrupt = undefined;
        clearTimeout(timer);
        clearTimeout(interruptTimer);
        clearInterval(retrip);
        clearTimeout(waitTimer);
        clearInterval(memory);
        this.copyProgress(slot, copied);
        worker.off("message", onMessage);
        worker.off("error", onError);
        worker.off("exit", onExit);
        if (outcome.type === "stopped") {
          slot.dead = true;
          void worker.terminate();
        }
        resolve(outcome);
      };
      // the run's clock: it stops while the program waits for a person's answer
      let left = msg.timeLimitMs + this.opts.graceMs;
      let since = performance.now();
      const overtime = () => finish({ type: "stopped", by: "time" });
      let timer = setTimeout(overtime, left);
      let waitTimer: NodeJS.Timeout | undefined;
      let waiting = false;
      const answer = (state: number, text?: string) => {
        if (done || !waiting) return;
        waiting = false;
        clearTimeout(waitTimer);
        if (text !== undefined) {
          const bytes = Buffer.from(text, "utf8");
          let length = Math.min(bytes.length, ANSWER_BYTES);
          // cut at a character's start, never inside one
          while (length < bytes.length && length > 0 && (bytes[length]! & 0xc0) === 0x80) length--;
          new Uint8Array(ctl.buffer, CONTROL.ANSWER_AT, ANSWER_BYTES).set(bytes.subarray(0, length));
          Atomics.store(ctl, CONTROL.LENGTH, length);
        }
        if (Atomics.compareExchange(ctl, CONTROL.INPUT, INPUT_STATE.WAITING, state) === INPUT_STATE.WAITING) Atomics.notify(ctl, CONTROL.INPUT);
        since = performance.now();
        timer = setTimeout(overtime, left);
      };
      const ask = (prompt: string) => {
        if (waiting) return;
        waiting = true;
        clearTimeout(timer);
        left = Math.max(0, left - (performance.now() - since));
        waitTimer = setTimeout(() => answer(INPUT_STATE.NONE), INPUT_WAIT_MS);
        const asked = live.input;
        if (!asked) return answer(INPUT_STATE.NONE);
        asked(prompt).then(
          (text) => (typeof text === "string" ? answer(INPUT_STATE.ANSWERED, text) : answer(INPUT_STATE.NONE)),
          () => answer(INPUT_STATE.NONE),
        );
      };
      slot.interrupt = () => {
        Atomics.store(ctl, CONTROL.ASKED, 1);
        Atomics.store(ctl, CONTROL.INTERRUPT, 2);
        Atomics.notify(ctl, CONTROL.INTERRUPT);
        if (waiting) answer(INPUT_STATE.INTERRUPTED);
        // taken by Pyodide inside memsim's own code, it is held off there: asked again until told
        retrip ??= setInterval(() => {
          if (Atomics.load(ctl, CONTROL.ASKED) !== 1 || Atomics.load(ctl, CONTROL.INTERRUPT) !== 0) return;
          Atomics.store(ctl, CONTROL.INTERRUPT, 2);
          Atomics.notify(ctl, CONTROL.INTERRUPT);
        }, RETRIP_MS);
        clearTimeout(interruptTimer);
        interruptTimer = setTimeout(() => {
          // a program told of it runs on as it chooses (its time limit still holds)
          if (Atomics.load(ctl, CONTROL.ASKED) === 1) finish({ type: "stopped", by: "interrupt" });
        }, INTERRUPT_GRACE_MS);
      };
      const memory = setInterval(() => {
        this.copyProgress(slot, copied);
        if (process.memoryUsage.rss() > this.opts.rssLimitBytes) finish({ type: "stopped", by: "memory" });
      }, 25);
      const onMessage = (message: ThreadOut) => {
        if (!message || typeof message !== "object") return finish({ type: "failed", message: "a malformed message" }); // operator-facing
        if (message.type === "output" && message.id === msg.id && msg.output) {
          // a courtesy: a malformed one is dropped (the Trace has all the output)
          const pieces = outputPieces(message.pieces);
          if (pieces && pieces.length > 0) live.output?.(pieces);
          return;
        }
        if (message.type === "input" && message.id === msg.id && msg.interactive) {
          ask(typeof message.prompt === "string" ? message.prompt.slice(0, PROMPT_CHARS) : "");
          return;
        }
        if (message.type === "result" && message.id === msg.id && typeof message.json === "string") {
          const out: ThreadOutcome = { type: "result", json: message.json };
          const cut = message.cut;
          if (cut && Number.isInteger(cut.keptSteps) && Number.isInteger(cut.totalSteps)) out.cut = { keptSteps: cut.keptSteps, totalSteps: cut.totalSteps };
          if (message.memoryHit === true) out.memoryHit = true;
          finish(out);
        } else if (message.type === "failed") finish({ type: "failed", message: String(message.message).slice(0, 500) });
        else finish({ type: "failed", message: "an unexpected message" }); // operator-facing
      };
      const onError = (error: Error & { code?: string }) => {
        if (error?.code === "ERR_WORKER_OUT_OF_MEMORY") finish({ type: "stopped", by: "memory" });
        else finish({ type: "failed", message: String(error?.message ?? error).slice(0, 500) });
      };
      const onExit = (code: number) => finish({ type: "failed", message: `the interpreter exited (code ${code})` }); // operator-facing
      worker.on("message", onMessage);
      worker.on("error", onError);
      worker.on("exit", onExit);
      slot.progress.fill(0);    // a session's thread serves again: nothing of its last run is copied
      Atomics.store(ctl, CONTROL.INTERRUPT, 0);    // nor an interrupt that came as its last run ended
      Atomics.store(ctl, CONTROL.INPUT, INPUT_STATE.IDLE);
      Atomics.store(ctl, CONTROL.ASKED, 0);
      worker.postMessage(msg);
      if (this.asked) slot.interrupt();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const slots = [...this.spares, this.running].filter((s): s is Slot => !!s);
    this.spares = [];
    await Promise.all([...slots.map((s) => s.worker.terminate()), ...this.ending]);
  }
}

/** Makes the start-up snapshot in a thread of this process (no learner code exists yet). */
export function makeSnapshotInThread(indexURL: string, memoryBytes: number, timeoutMs = 120_000): Promise<Uint8Array> {
  const worker = startThread(interpreterScript(), { role: "snapshot", indexURL, memoryBytes }, 512);
  worker.stdout.resume();
  worker.stderr.resume();
  return new Promise<Uint8Array>((resolve, reject) => {
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(new Error("Making the Python start-up snapshot took too long.")); // operator-facing
    }, timeoutMs);
    worker.once("message", (message: ThreadOut) => {
      clearTimeout(timer);
      void worker.terminate();
      if (message?.type === "snapshot" && message.bytes instanceof ArrayBuffer) resolve(new Uint8Array(message.bytes));
      else reject(new Error(`Making the Python start-up snapshot failed: ${String((message as { message?: unknown })?.message ?? "")}`)); // operator-facing
    });
    worker.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

/** Compiles Pyodide's main module once for this process. */
export async function compilePyodide(indexURL: string): Promise<object> {
  const { readFile } = await import("node:fs/promises");
  const bytes = await readFile(join(fileURLToPath(new URL(indexURL, "file:///")), "pyodide.asm.wasm"));
  return (globalThis as unknown as { WebAssembly: { compile(b: Uint8Array): Promise<object> } }).WebAssembly.compile(bytes);
}
