/**
 * What comes back from a run, as data (the edges word its notices): the Trace that came back, or, for a run stopped at a
 * limit, what it did until then (from the progress file its interpreter kept). Shared by
 * the pool and the in-process runner, so both say the same thing for the same run.
 */
import { SCHEMA_VERSION, Trace } from "../core/trace.js";
import { decodeTrace } from "../core/wire.js";
import type { ResultMessage, RunMessage } from "./protocol.js";
import type { PoolErrorCode, RunResult, RunSuccess, SessionInfo } from "./result.js";

/** Where a stopped run's progress is read from (see PROGRESS_HEADER). */
export interface ProgressSource {
  progress(): { steps: number; line: number };
  partialTrace(maxBytes: number): string | undefined;
}

export class Answers {
  /** the interpreter, as Traces name it (learned from the first one that starts) */
  runtime?: Trace["runtime"];

  constructor(private readonly memoryMb: number) {}


  fromResult(worker: ProgressSource, message: ResultMessage, msg: RunMessage): RunResult | "untrusted" {
    const mb = this.memoryMb;
    if (message.json === "") {
      // the program ran out of memory inside the tracer itself: no trace came back
      const p = worker.progress();
      return this.synthetic(msg, { status: "limit", limit: "memory", max: mb, ...(p.line ? { line: p.line } : {}) }, {
        by: "memory",
        notice: p.line ? { code: "stopped.memory", params: { line: p.line, mb } } : { code: "stopped.memory-start", params: { mb } },
        steps: p.steps,
        ...(p.line ? { line: p.line } : {}),
      });
    }
    let trace: Trace;
    try {
      trace = Trace.parse(JSON.parse(message.json));
    } catch {
      return "untrusted";
    }
    this.runtime ??= trace.runtime;
    const result: RunSuccess = { ok: true, trace };
    if (message.memoryHit && trace.outcome.status === "limit") {
      const line = trace.outcome.line;
      result.stopped = {
        by: "memory",
        notice: line !== undefined ? { code: "stopped.memory", params: { line, mb } } : { code: "stopped.memory-start", params: { mb } },
        steps: trace.steps.length,
        ...(line !== undefined ? { line } : {}),
      };
    }
    if (message.cut) result.cut = { ...message.cut, notice: { code: "cut", params: { kept: message.cut.keptSteps, total: message.cut.totalSteps } } };
    return result;
  }

  /** The run was stopped at a limit (by its worker, or by the host): what it did until then. */
  fromStopped(worker: ProgressSource, by: "time" | "memory", msg: RunMessage): RunResult {
    const p = worker.progress();
    const line = p.line || undefined;
    if (by === "time") {
      const seconds = msg.timeLimitMs / 1000;
      const kept = this.keptTrace(worker, msg, seconds);
      if (kept) return kept;
      return this.synthetic(msg, { status: "limit", limit: "time", max: seconds, ...(line ? { line } : {}) }, {
        by: "time",
        notice: line ? { code: "stopped.time", params: { seconds, line, steps: p.steps } } : { code: "stopped.time-start", params: { seconds } },
        steps: p.steps,
        ...(line ? { line } : {}),
      });
    }
    return this.synthetic(msg, { status: "limit", limit: "memory", max: this.memoryMb, ...(line ? { line } : {}) }, {
      by: "memory",
      notice: line ? { code: "stopped.memory-killed", params: { line } } : { code: "stopped.memory-start", params: { mb: this.memoryMb } },
      steps: p.steps,
      ...(line ? { line } : {}),
    });
  }

  /** The partial trace a worker saved when its tracer stopped a program that then ran on. */
  private keptTrace(worker: ProgressSource, msg: RunMessage, seconds: number): RunSuccess | undefined {
    const json = worker.partialTrace(msg.maxTraceBytes);
    if (!json || !this.runtime) return undefined;
    try {
      // expanded first: a step of the compact form may leave its line out
      const raw = decodeTrace(JSON.parse(json)) as { limit?: unknown; steps?: { line?: unknown }[] } & Record<string, unknown>;
      const { limit, ...rest } = raw;
      const steps = Array.isArray(raw.steps) ? raw.steps : [];
      const last = steps[steps.length - 1];
      const line = typeof last?.line === "number" ? last.line : undefined;
      const outcome =
        limit === "steps"
          ? { status: "limit" as const, limit: "steps" as const, max: msg.maxSteps, ...(line !== undefined ? { line } : {}) }
          : { status: "limit" as const, limit: "time" as const, max: seconds, ...(line !== undefined ? { line } : {}) };
      const trace = Trace.parse({ schemaVersion: SCHEMA_VERSION, language: "python", runtime: this.runtime, ...rest, outcome });
      return {
        ok: true,
        trace,
        stopped: {
          by: "time",
          notice: { code: "stopped.time-kept", params: { seconds, line: line ?? 0, steps: trace.steps.length } },
          steps: trace.steps.length,
          ...(line !== undefined ? { line } : {}),
        },
      };
    } catch {
      return undefined;
    }
  }

  /** A trace with no steps for a run whose worker could not give one back. */
  private synthetic(msg: RunMessage, outcome: Trace["outcome"], stopped: NonNullable<RunSuccess["stopped"]>): RunSuccess {
    const runtime = this.runtime ?? { name: "CPython", version: "", sizeModel: "", engine: "Pyodide" };
    const trace = Trace.parse({ schemaVersion: SCHEMA_VERSION, language: "python", runtime, source: msg.source, objects: {}, steps: [], stdout: "", outcome });
    return { ok: true, trace, stopped };
  }

  failure(code: PoolErrorCode): RunResult {
    return { ok: false, error: { code } };
  }
}

/** What a session's run is told about the session (it started fresh, and why). */
export function sessionInfo(id: string, run: number, freshBecause?: "idle" | "replaced", idleMinutes?: number): SessionInfo {
  const info: SessionInfo = { id, run };
  if (freshBecause) {
    info.freshBecause = freshBecause;
    info.notice = freshBecause === "idle" ? { code: "session.idle", params: { minutes: idleMinutes ?? 0 } } : { code: "session.replaced" };
  }
  return info;
}
