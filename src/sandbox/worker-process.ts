/**
 * The host's side of one worker process: starting it in the sandbox, sending it runs,
 * reading its progress, measuring its memory, and killing it.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { SandboxError } from "./errors.js";
import type { LaunchPlan } from "./launch.js";
import { ProgressFile } from "./progress.js";
import { type AnswerMessage, type InitMessage, type InterruptMessage, type ReadyMessage, type RunMessage, type WorkerMessage, type WorkerRole } from "./protocol.js";

export type WorkerState = "starting" | "idle" | "busy" | "resetting" | "dead";

export interface Progress {
  steps: number;
  line: number;
}

let counter = 0;

export class WorkerProcess {
  readonly id = ++counter;
  readonly role: WorkerRole;
  state: WorkerState = "starting";
  /** why the host killed it, when it did */
  killedFor?: "time" | "memory" | "spinning" | "closing" | "failed";
  runs = 0;
  /** interpreters the worker has ready (it says so whenever the number changes) */
  spares = 0;
  readyTimings: Record<string, number> = {};
  runtime?: ReadyMessage["runtime"];
  private child: ChildProcess;
  private progressFile = new ProgressFile();
  private stderr = "";
  private listeners = new Set<(message: WorkerMessage) => void>();
  private exitListeners = new Set<(code: number | null, signal: NodeJS.Signals | null) => void>();
  readonly exited: Promise<void>;

  constructor(plan: LaunchPlan, init: Omit<InitMessage, "type" | "progressFd" | "role">, role: WorkerRole) {
    this.role = role;
    this.child = spawn(plan.command, plan.args, {
      stdio: ["ignore", "ignore", "pipe", "ipc", this.progressFile.fd],
      env: {},
      serialization: "advanced",
      detached: false,
    });
    this.child.stderr?.setEncoding("utf8");
    this.child.stderr?.on("data", (chunk: string) => {
      if (this.stderr.length < 8192) this.stderr += chunk;
    });
    this.child.on("message", (message: WorkerMessage) => {
      if (message?.type === "spares") {
        if (Number.isInteger(message.ready) && message.ready >= 0) this.spares = message.ready;
        return;
      }
      for (const listener of [...this.listeners]) listener(message);
    });
    this.exited = new Promise((resolve) => {
      this.child.once("exit", (code, signal) => {
        this.state = "dead";
        for (const listener of [...this.exitListeners]) listener(code, signal);
        this.progressFile.close();
        resolve();
      });
    });
    this.child.on("error", () => {
      // 'exit' follows (or spawn failed, reported by waitReady)
    });
    this.child.send({ type: "init", role, progressFd: 4, ...init } satisfies InitMessage);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** The last lines the worker wrote to stderr (for memsim's own logs, never a learner). */
  get diagnostics(): string {
    return this.stderr.trim().split("\n").slice(-5).join("\n");
  }

  on(listener: (message: WorkerMessage) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onExit(listener: (code: number | null, signal: NodeJS.Signals | null) => void): () => void {
    this.exitListeners.add(listener);
    return () => this.exitListeners.delete(listener);
  }

  /** Resolves when the worker is warm; rejects if it dies or fails first. */
  waitReady(timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        done();
        this.kill("failed");
        reject(new SandboxError("worker-start-failed", `A sandbox worker did not start within ${timeoutMs} ms.`));
      }, timeoutMs);
      const offMessage = this.on((message) => {
        if (message.type === "ready") {
          done();
          this.readyTimings = message.timings;
          this.runtime = message.runtime;
          this.state = "idle";
          resolve();
        } else if (message.type === "failed") {
          done();
          reject(new SandboxError("worker-start-failed", `A sandbox worker failed to start: ${message.message}`));
        }
      });
      const offExit = this.onExit((code, signal) => {
        done();
        reject(
          new SandboxError(
            "worker-start-failed",
            `A sandbox worker exited while starting (${signal ?? `code ${code}`})${this.diagnostics ? `: ${this.diagnostics}` : ""}`, // operator-facing
          ),
        );
      });
      const done = () => {
        clearTimeout(timer);
        offMessage();
        offExit();
      };
    });
  }

  send(message: RunMessage | InterruptMessage | AnswerMessage | { type: "exit" }): void {
    if (this.state === "dead") return;
    try {
      this.child.send(message);
    } catch {
      // the channel closed under us: the worker is going, and its exit answers the run
      this.kill("failed");
    }
  }

  /** The step count and line the running program last reported. */
  progress(): Progress {
    return this.progressFile.progress();
  }

  /** The trace the tracer had when it stopped the program, if it did (untrusted JSON). */
  partialTrace(maxBytes: number): string | undefined {
    return this.progressFile.partialTrace(maxBytes);
  }

  /** Resident memory of the worker and everything it started (bwrap's helper, node), in bytes. */
  residentBytes(): number {
    let total = 0;
    this.eachProcess((p) => {
      const statm = readFileSync(`/proc/${p}/statm`, "utf8").split(" ");
      total += Number(statm[1]) * 4096;
    });
    return total;
  }

  /** CPU time (user and system) the worker's processes have used, in ms. */
  cpuMs(): number {
    let ticks = 0;
    this.eachProcess((p) => {
      const stat = readFileSync(`/proc/${p}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ticks += Number(fields[11]) + Number(fields[12]);
    });
    return ticks * 10;
  }

  private eachProcess(read: (pid: number) => void): void {
    const pid = this.child.pid;
    if (pid === undefined || this.state === "dead") return;
    const visit = (p: number, depth: number) => {
      try {
        read(p);
        if (depth > 4) return;
        for (const task of readdirSync(`/proc/${p}/task`)) {
          const children = readFileSync(`/proc/${p}/task/${task}/children`, "utf8").trim();
          for (const c of children.split(/\s+/)) if (c) visit(Number(c), depth + 1);
        }
      } catch {
        // the process ended while being measured
      }
    };
    visit(pid, 0);
  }

  kill(reason: NonNullable<WorkerProcess["killedFor"]>): void {
    if (this.state === "dead") return;
    this.killedFor ??= reason;
    this.child.kill("SIGKILL");
  }
}
