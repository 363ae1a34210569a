/**
 * The pool: warm worker processes that run learners' Python programs, one at a time each.
 *
 * A run borrows an idle shared worker (or its session's own worker) and gets its Trace
 * back. Inside the worker every run has an interpreter of its own, restored from the
 * start-up snapshot and discarded after the run (threads.ts), so no run can leave anything
 * for the next. Every worker, in every state, is watched: one that is over its memory, busy
 * while idle, or past a deadline is killed and replaced in the background; the run it was
 * serving, if any, gets a clear result and the others are not touched. When every worker
 * is busy, runs wait in a bounded queue.
 */
import { started } from "../core/started.js";
import { launchPlan, workerFiles, type LaunchPlan } from "./launch.js";
import { sandboxMode, type SandboxInfo } from "./mode.js";
import { INTERPRETER_MB, resolvePoolOptions, type PoolOptions, type ResolvedPoolOptions, type RunOptions } from "./options.js";
import type { RunMessage, WorkerMessage } from "./protocol.js";
import type { PoolErrorCode, RunResult, SealedResult, SessionInfo } from "./result.js";
import { Answers, sessionInfo } from "./answers.js";
import { outputPieces } from "./output.js";
import { INPUT_WAIT_MS, PROMPT_CHARS } from "./thread-protocol.js";
import { ensureSnapshot, snapshotInWorker } from "./snapshot.js";
import { WorkerProcess } from "./worker-process.js";

const MiB = 1024 * 1024;
const START_TIMEOUT_MS = 120_000;
/** a worker that has answered a run must have its next interpreter ready within this */
const NEXT_READY_MS = 30_000;
/** the host's own check of every worker: how often, and the CPU an idle worker may use */
const WATCH_MS = 200;
const IDLE_CPU_SHARE = 0.5;
/** the worker's own JavaScript heap (traces are parsed and serialised there) */
const WORKER_JS_HEAP_MB = 512;

export interface PoolStats {
  mode: SandboxInfo["mode"];
  workers: number;
  idle: number;
  busy: number;
  queued: number;
  sessions: number;
  runs: number;
  /** workers replaced since the pool started, by reason */
  replaced: Record<string, number>;
  /** the last start-up of a worker, in ms (from its snapshot), and its parts */
  lastStart?: Record<string, number>;
  /** each worker now: its state, resident memory (bytes) and the CPU it used in the last check */
  perWorker: { state: string; residentBytes: number; cpuShare: number; spares: number }[];
  /** the resident memory a worker may use, in bytes */
  memoryLimitBytes: number;
}

export interface Pool {
  /** Runs `source` in a sandboxed worker. Never throws for anything the program does. */
  run(source: string, options?: RunOptions): Promise<RunResult>;
  /** `run`, with the Trace left as the worker sent it (read by `openSealed` where that can wait) */
  runSealed(source: string, options?: RunOptions): Promise<SealedResult>;
  /** Asks the running program of a session to stop with KeyboardInterrupt; false when none runs. */
  interrupt(sessionId: string): boolean;
  /** Lets a session go now (its run, if any, is stopped first): its worker ends; false when it had none. */
  endSession(sessionId: string): boolean;
  /** Stops every worker; runs still waiting are answered "closed". */
  close(): Promise<void>;
  /** the isolation in force */
  readonly sandbox: SandboxInfo;
  stats(): PoolStats;
}

interface Pending {
  source: string;
  options: RunOptions;
  sessionId?: string;
  /** the Trace is handed on unread */
  sealed: boolean;
  /** interrupted while it waited: told so as soon as it runs */
  interrupted?: boolean;
  resolve(result: RunResult | SealedResult): void;
  timer: NodeJS.Timeout;
}

interface SessionSlot {
  id: string;
  worker?: WorkerProcess;
  starting: boolean;
  busy: boolean;
  lastUsed: number;
  runs: number;
  freshBecause?: SessionInfo["freshBecause"];
  idleMinutes?: number;
  /** the run going on in the session's worker */
  runId?: number;
  /** let go by its owner: closed as soon as nothing of it runs or waits */
  ended?: boolean;
}

/** Starts a pool of warm, sandboxed Python workers (resolves when they are ready). */
export async function createPool(options: PoolOptions = {}): Promise<Pool> {
  const resolved = resolvePoolOptions(options);
  const info = sandboxMode(resolved.sandbox);
  if (info.warning) (resolved.onWarning ?? ((m: string) => console.warn(m)))(`memsim: ${info.warning}`);
  const files = workerFiles();
  const plan = (snapshot: string | undefined) => launchPlan(info.mode, info.bwrap, files, snapshot, WORKER_JS_HEAP_MB);
  const init = { indexURL: `${files.pyodideDir}/`, memoryBytes: resolved.memoryMb * MiB };
  const snapshot = await ensureSnapshot(files, resolved.snapshotDir, () => snapshotInWorker(plan(undefined), init));
  return started(new SandboxPool(resolved, info, plan(snapshot.path), { ...init, snapshotPath: snapshot.path }));
}

class SandboxPool implements Pool {
  private shared: WorkerProcess[] = [];
  private sessions = new Map<string, SessionSlot>();
  private forgotten = new Map<string, { reason: "idle" | "replaced"; minutes?: number; at: number }>();
  private queue: Pending[] = [];
  private closing = false;
  private runId = 0;
  private totalRuns = 0;
  private replaced: Record<string, number> = {};
  private readonly answers: Answers;
  private watchdog?: NodeJS.Timeout;
  private sweeper: NodeJS.Timeout;
  private restartDelayMs = 0;
  private lastStart?: Record<string, number>;
  private cpu = new Map<WorkerProcess, { ms: number; share: number; idleSince?: number }>();
  private spinning = new Map<WorkerProcess, number>();

  constructor(
    private readonly opts: ResolvedPoolOptions,
    readonly sandbox: SandboxInfo,
    private readonly plan: LaunchPlan,
    private readonly init: { indexURL: string; memoryBytes: number; snapshotPath: string },
  ) {
    this.answers = new Answers(opts.memoryMb);
    this.sweeper = setInterval(() => this.sweepSessions(), Math.min(30_000, Math.max(1_000, opts.sessionIdleMs / 4)));
    this.sweeper.unref();
  }

  async start(): Promise<void> {
    await Promise.all(Array.from({ length: this.opts.size }, () => this.spawnShared()));
    this.startWatchdog();
  }

  private allWorkers(): WorkerProcess[] {
    return [...this.shared, ...[...this.sessions.values()].flatMap((s) => (s.worker ? [s.worker] : []))];
  }

  private get memoryLimitBytes(): number {
    // the run's own memory, and what its interpreter, the spares and the one being made hold
    return (this.opts.memoryMb + this.opts.processHeadroomMb + (this.opts.sparesPerWorker + 1) * INTERPRETER_MB) * MiB;
  }

  stats(): PoolStats {
    const all = this.allWorkers();
    return {
      mode: this.sandbox.mode,
      workers: all.length,
      idle: all.filter((w) => w.state === "idle").length,
      busy: all.filter((w) => w.state === "busy" || w.state === "resetting").length,
      perWorker: all.map((w) => ({ state: w.state, residentBytes: w.residentBytes(), cpuShare: this.cpu.get(w)?.share ?? 0, spares: w.spares })),
      memoryLimitBytes: this.memoryLimitBytes,
      queued: this.queue.length,
      sessions: this.sessions.size,
      runs: this.totalRuns,
      replaced: { ...this.replaced },
      ...(this.lastStart ? { lastStart: this.lastStart } : {}),
    };
  }

  run(source: string, options: RunOptions = {}): Promise<RunResult> {
    return this.enqueue(source, options, false) as Promise<RunResult>;
  }

  runSealed(source: string, options: RunOptions = {}): Promise<SealedResult> {
    return this.enqueue(source, options, true) as Promise<SealedResult>;
  }

  private enqueue(source: string, options: RunOptions, sealed: boolean): Promise<RunResult | SealedResult> {
    if (this.closing) return Promise.resolve(this.failure("closed"));
    if (this.queue.length >= this.opts.maxQueue) return Promise.resolve(this.failure("busy"));
    return new Promise((resolve) => {
      const pending: Pending = {
        source,
        options,
        sealed,
        resolve,
        timer: setTimeout(() => {
          this.dequeue(pending);
          resolve(this.failure("timeout-waiting"));
        }, this.opts.queueTimeoutMs),
      };
      if (options.sessionId !== undefined) pending.sessionId = options.sessionId;
      this.queue.push(pending);
      this.dispatch();
    });
  }

  endSession(sessionId: string): boolean {
    const slot = this.sessions.get(sessionId);
    if (!slot) return false;
    slot.ended = true;
    this.interrupt(sessionId);
    this.closeEnded();
    return true;
  }

  /** Closes the sessions let go whose runs have ended (an ended session is not remembered: its name is not used again). */
  private closeEnded(): void {
    for (const slot of [...this.sessions.values()]) {
      if (!slot.ended || slot.busy || slot.starting || this.queue.some((p) => p.sessionId === slot.id)) continue;
      this.sessions.delete(slot.id);
      slot.worker?.kill("closing");
    }
  }

  interrupt(sessionId: string): boolean {
    const slot = this.sessions.get(sessionId);
    if (slot?.busy && slot.runId !== undefined && slot.worker) {
      slot.worker.send({ type: "interrupt", id: slot.runId });
      return true;
    }
    const waiting = this.queue.find((p) => p.sessionId === sessionId);
    if (!waiting) return false;
    waiting.interrupted = true;
    return true;
  }

  async close(): Promise<void> {
    this.closing = true;
    clearInterval(this.sweeper);
    if (this.watchdog) clearInterval(this.watchdog);
    for (const pending of this.queue.splice(0)) {
      clearTimeout(pending.timer);
      pending.resolve(this.failure("closed"));
    }
    const workers = [...this.shared, ...[...this.sessions.values()].flatMap((s) => (s.worker ? [s.worker] : []))];
    for (const w of workers) w.kill("closing");
    await Promise.all(workers.map((w) => w.exited));
    this.shared = [];
    this.sessions.clear();
  }

  // ------------------------------------------------------------ workers

  private async spawnShared(): Promise<void> {
    const worker = this.newWorker("shared");
    this.shared.push(worker);
    try {
      await worker.waitReady(START_TIMEOUT_MS);
      this.restartDelayMs = 0;
    } catch (error) {
      this.shared = this.shared.filter((w) => w !== worker);
      throw error;
    }
    this.noteStarted(worker);
    worker.onExit(() => this.lostShared(worker));
    this.dispatch();
  }

  private newWorker(role: "shared" | "session"): WorkerProcess {
    return new WorkerProcess(
      this.plan,
      {
        indexURL: this.init.indexURL,
        snapshotPath: this.init.snapshotPath,
        memoryBytes: this.init.memoryBytes,
        jsHeapMb: WORKER_JS_HEAP_MB,
        rssLimitBytes: this.memoryLimitBytes,
        graceMs: this.opts.killGraceMs,
        startTimeoutMs: START_TIMEOUT_MS,
        spares: this.opts.sparesPerWorker,
      },
      role,
    );
  }

  private noteStarted(worker: WorkerProcess): void {
    this.answers.runtime ??= worker.runtime;
    this.lastStart = worker.readyTimings;
  }

  /** A shared worker is gone (retired, killed or crashed): start another off the request path. */
  private lostShared(worker: WorkerProcess): void {
    this.shared = this.shared.filter((w) => w !== worker);
    const reason = worker.killedFor ?? "crashed";
    this.replaced[reason] = (this.replaced[reason] ?? 0) + 1;
    this.scheduleRestart();
  }

  private scheduleRestart(): void {
    if (this.closing) return;
    const delay = this.restartDelayMs;
    // a worker that cannot start at all must not become a tight loop of restarts
    this.restartDelayMs = Math.min(10_000, Math.max(250, this.restartDelayMs * 2));
    setTimeout(() => {
      if (this.closing) return;
      this.spawnShared().catch(() => this.scheduleRestart());
    }, delay).unref();
  }

  // ------------------------------------------------------------ sessions

  private sessionSlot(pending: Pending): SessionSlot | undefined {
    const id = pending.sessionId!;
    let slot = this.sessions.get(id);
    if (slot) return slot;
    if (this.sessions.size >= this.opts.maxSessions) {
      const idle = [...this.sessions.values()].filter((s) => !s.busy && !s.starting && !this.queue.some((p) => p.sessionId === s.id));
      idle.sort((a, b) => a.lastUsed - b.lastUsed);
      const victim = idle[0];
      if (!victim) return undefined;
      this.closeSession(victim, "idle");
    }
    const gone = this.forgotten.get(id);
    this.forgotten.delete(id);
    slot = { id, starting: false, busy: false, lastUsed: Date.now(), runs: 0 };
    if (gone) {
      slot.freshBecause = gone.reason;
      if (gone.minutes !== undefined) slot.idleMinutes = gone.minutes;
    }
    this.sessions.set(id, slot);
    return slot;
  }

  private startSessionWorker(slot: SessionSlot): void {
    slot.starting = true;
    const worker = this.newWorker("session");
    worker
      .waitReady(START_TIMEOUT_MS)
      .then(() => {
        slot.starting = false;
        if (this.sessions.get(slot.id) !== slot || this.closing) {
          worker.kill("closing");
          return;
        }
        this.noteStarted(worker);
        slot.worker = worker;
        worker.onExit(() => {
          const reason = worker.killedFor ?? "crashed";
          this.replaced[reason] = (this.replaced[reason] ?? 0) + 1;
          if (this.sessions.get(slot.id) === slot) {
            this.sessions.delete(slot.id);
            if (reason !== "closing") this.forget(slot.id, "replaced");
          }
          this.dispatch();
        });
        this.dispatch();
      })
      .catch(() => {
        slot.starting = false;
        this.sessions.delete(slot.id);
        for (const p of this.queue.filter((q) => q.sessionId === slot.id)) {
          this.dequeue(p);
          p.resolve(this.failure("worker-crashed"));
        }
      });
  }

  private closeSession(slot: SessionSlot, reason: "idle" | "replaced"): void {
    this.sessions.delete(slot.id);
    slot.worker?.kill("closing");
    this.forget(slot.id, reason, reason === "idle" ? Math.round((Date.now() - slot.lastUsed) / 60_000) : undefined);
  }

  private forget(id: string, reason: "idle" | "replaced", minutes?: number): void {
    this.forgotten.set(id, { reason, at: Date.now(), ...(minutes !== undefined ? { minutes } : {}) });
    if (this.forgotten.size > 10_000) this.forgotten.delete(this.forgotten.keys().next().value!);
  }

  private sweepSessions(): void {
    const now = Date.now();
    for (const slot of [...this.sessions.values()]) {
      if (!slot.busy && !slot.starting && now - slot.lastUsed > this.opts.sessionIdleMs && !this.queue.some((p) => p.sessionId === slot.id)) {
        this.closeSession(slot, "idle");
      }
    }
    for (const [id, f] of this.forgotten) if (now - f.at > 24 * 3_600_000) this.forgotten.delete(id);
  }

  // ------------------------------------------------------------ dispatching runs

  private dequeue(pending: Pending): void {
    const i = this.queue.indexOf(pending);
    if (i >= 0) this.queue.splice(i, 1);
  }

  private dispatch(): void {
    if (this.closing) return;
    for (const pending of [...this.queue]) {
      if (pending.sessionId !== undefined) {
        const slot = this.sessionSlot(pending);
        if (!slot) {
          this.dequeue(pending);
          clearTimeout(pending.timer);
          pending.resolve(this.failure("sessions-full"));
          continue;
        }
        if (!slot.worker) {
          // starting the session's worker is not waiting in the queue: no timeout for it
          clearTimeout(pending.timer);
          if (!slot.starting) this.startSessionWorker(slot);
          continue;
        }
        if (slot.busy || slot.worker.state !== "idle") continue;
        this.dequeue(pending);
        this.execute(slot.worker, pending, slot);
      } else {
        const worker = this.shared.find((w) => w.state === "idle");
        if (!worker) continue;
        this.dequeue(pending);
        this.execute(worker, pending);
      }
    }
  }

  private execute(worker: WorkerProcess, pending: Pending, slot?: SessionSlot): void {
    clearTimeout(pending.timer);
    const o = pending.options;
    const msg: RunMessage = {
      type: "run",
      id: ++this.runId,
      source: pending.source,
      maxSteps: o.maxSteps ?? this.opts.maxSteps,
      timeLimitMs: o.timeLimitMs ?? this.opts.timeLimitMs,
      stdoutCap: o.stdoutCap ?? this.opts.stdoutCap,
      maxDepth: o.maxDepth ?? this.opts.maxDepth,
      maxTraceBytes: o.maxTraceBytes ?? this.opts.maxTraceBytes,
      ...(o.stdin ? { stdin: o.stdin } : {}),
      ...(o.display ? { display: true } : {}),
      ...(o.input ? { interactive: true } : {}),
      ...(o.output ? { output: true } : {}),
    };
    worker.state = "busy";
    worker.runs++;
    this.totalRuns++;
    if (slot) {
      slot.busy = true;
      slot.runId = msg.id;
      slot.runs++;
      slot.lastUsed = Date.now();
    }
    const sessionInfo = slot ? this.sessionInfo(slot) : undefined;
    let answered = false;
    const answer = (result: RunResult | SealedResult) => {
      if (answered) return;
      answered = true;
      if (slot) {
        slot.busy = false;
        delete slot.runId;
        slot.lastUsed = Date.now();
        if (slot.ended) this.closeEnded();
      }
      if (result.ok && sessionInfo) result.session = sessionInfo;
      pending.resolve(result);
    };
    // the worker stops the run's interpreter itself at the time limit plus grace; this is
    // the host's own deadline for a worker that could not
    // it pauses while the program waits for a person's answer, as the worker's own clock does
    let killLeft = msg.timeLimitMs + this.opts.killGraceMs + 3_000;
    let killSince = performance.now();
    let killTimer = setTimeout(() => worker.kill("time"), killLeft);
    let asking = false;
    const ask = (prompt: string) => {
      const input = pending.options.input;
      if (asking || !input) return;
      asking = true;
      clearTimeout(killTimer);
      killLeft = Math.max(0, killLeft - (performance.now() - killSince));
      const reply = (text: string | null) => {
        if (!asking || answered) return;
        asking = false;
        killSince = performance.now();
        killTimer = setTimeout(() => worker.kill("time"), killLeft);
        worker.send({ type: "answer", id: msg.id, text });
      };
      // the worker gives up waiting at INPUT_WAIT_MS itself; this answers first
      const bound = setTimeout(() => reply(null), INPUT_WAIT_MS);
      input(prompt.slice(0, PROMPT_CHARS)).then(
        (text) => reply(typeof text === "string" ? text : null),
        () => reply(null),
      ).finally(() => clearTimeout(bound));
    };
    let nextReady: NodeJS.Timeout | undefined;
    const answered_ = () => {
      asking = false;
      clearTimeout(killTimer);
      worker.state = "resetting";
      nextReady = setTimeout(() => worker.kill("failed"), NEXT_READY_MS);
    };
    const offMessage = worker.on((message: WorkerMessage) => {
      if (message.type === "input" && message.id === msg.id && msg.interactive) {
        ask(typeof message.prompt === "string" ? message.prompt : "");
      } else if (message.type === "output" && message.id === msg.id && msg.output) {
        const pieces = outputPieces(message.pieces);
        if (pieces && pieces.length > 0 && !answered) pending.options.output?.(pieces);
      } else if (message.type === "result" && message.id === msg.id) {
        answered_();
        answer(pending.sealed ? this.sealedFromWorker(worker, message, msg) : this.fromWorker(worker, message, msg));
      } else if (message.type === "stopped" && message.id === msg.id) {
        answered_();
        const by = message.by === "memory" || message.by === "interrupt" ? message.by : "time";
        answer(pending.sealed ? { ok: true, sealed: this.answers.sealStopped(worker, by, msg) } : this.fromStopped(worker, by, msg));
      } else if (message.type === "idle") {
        clearTimeout(nextReady);
        offMessage();
        offExit();
        worker.state = "idle";
        this.dispatch();
      } else if (message.type === "failed" && message.id === msg.id) {
        // the run's interpreter failed (the program ended it, or it broke): it is discarded
        // like every other, and the worker goes on with a new one
        answered_();
        this.replaced["interpreter-failed"] = (this.replaced["interpreter-failed"] ?? 0) + 1;
        answer(this.failure("worker-crashed"));
      } else if (message.type === "failed") {
        // the worker itself cannot go on
        clearTimeout(killTimer);
        clearTimeout(nextReady);
        answer(this.failure("worker-crashed"));
        worker.kill("failed");
      }
    });
    const offExit = worker.onExit(() => {
      clearTimeout(killTimer);
      clearTimeout(nextReady);
      offMessage();
      offExit();
      answer(pending.sealed ? this.sealedFromDeadWorker(worker, msg) : this.fromDeadWorker(worker, msg));
    });
    worker.send(msg);
    if (pending.interrupted) worker.send({ type: "interrupt", id: msg.id });
  }

  private sessionInfo(slot: SessionSlot): SessionInfo {
    return sessionInfo(slot.id, slot.runs, slot.runs === 1 ? slot.freshBecause : undefined, slot.idleMinutes);
  }

  /**
   * The host's check of every worker, in every state: a worker over its memory is killed
   * (its run, if it has one, is told why; an idle one is just replaced), and so is one that
   * keeps the CPU busy while it has nothing to do.
   */
  private startWatchdog(): void {
    if (this.watchdog) return;
    const slack = 64 * MiB;
    this.watchdog = setInterval(() => {
      const now = Date.now();
      for (const w of this.allWorkers()) {
        if (w.state === "dead" || w.state === "starting") continue;
        if (w.residentBytes() > this.memoryLimitBytes + slack) {
          w.kill("memory");
          continue;
        }
        const ms = w.cpuMs();
        const seen = this.cpu.get(w);
        const share = seen ? (ms - seen.ms) / WATCH_MS : 0;
        // at rest: idle with every spare interpreter ready (making spares is work, not a fault)
        const resting = w.state === "idle" && w.spares >= this.opts.sparesPerWorker;
        const idleSince = resting ? (seen?.idleSince ?? now) : undefined;
        this.cpu.set(w, { ms, share, ...(idleSince !== undefined ? { idleSince } : {}) });
        // a worker at rest runs nothing; one that stays busy for a second is stuck in something
        if (idleSince !== undefined && now - idleSince > 1_000 && share > IDLE_CPU_SHARE) {
          const strikes = (this.spinning.get(w) ?? 0) + 1;
          this.spinning.set(w, strikes);
          if (strikes >= 5) w.kill("spinning");
        } else this.spinning.delete(w);
      }
      for (const w of this.cpu.keys()) if (w.state === "dead") this.cpu.delete(w);
    }, WATCH_MS);
    this.watchdog.unref();
  }

  // ------------------------------------------------------------ results

  private fromWorker(worker: WorkerProcess, message: Extract<WorkerMessage, { type: "result" }>, msg: RunMessage): RunResult {
    const result = this.answers.fromResult(worker, message, msg);
    // a worker that sends something other than a trace cannot be trusted with another run
    if (result === "untrusted") {
      worker.kill("failed");
      return this.answers.failure("worker-crashed");
    }
    return result;
  }

  /** The worker's result unread; reading it later may find that the worker cannot be trusted. */
  private sealedFromWorker(worker: WorkerProcess, message: Extract<WorkerMessage, { type: "result" }>, msg: RunMessage): SealedResult {
    return { ok: true, sealed: this.answers.sealResult(worker, message, msg), distrust: () => worker.kill("failed") };
  }

  private sealedFromDeadWorker(worker: WorkerProcess, msg: RunMessage): SealedResult {
    const by = worker.killedFor;
    if (by === "time" || by === "memory") return { ok: true, sealed: this.answers.sealStopped(worker, by, msg) };
    return this.answers.failure(by === "closing" ? "closed" : "worker-crashed") as SealedResult;
  }

  /** The worker died during the run: a limit the host enforced, or a crash. */
  private fromDeadWorker(worker: WorkerProcess, msg: RunMessage): RunResult {
    if (worker.killedFor === "time" || worker.killedFor === "memory") return this.fromStopped(worker, worker.killedFor, msg);
    if (worker.killedFor === "closing") return this.failure("closed");
    return this.failure("worker-crashed");
  }

  private fromStopped(worker: WorkerProcess, by: "time" | "memory" | "interrupt", msg: RunMessage): RunResult {
    return this.answers.fromStopped(worker, by, msg);
  }

  private failure(code: PoolErrorCode): RunResult {
    return this.answers.failure(code);
  }
}
