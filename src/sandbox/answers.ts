/**
 * What comes back from a run, as data (the edges word its notices): the Trace that came back, or, for a run stopped at a
 * limit, what it did until then (from the progress file its interpreter kept). Shared by
 * the pool and the in-process runner, so both say the same thing for the same run.
 */
import { SCHEMA_VERSION, Trace } from "../core/trace.js";
import { checkTrace } from "../core/trace-check.js";
import { decodeTrace } from "../core/wire.js";
import type { ResultMessage, RunMessage } from "./protocol.js";
import type { PoolErrorCode, RunResult, RunSuccess, SealedTrace, SessionInfo } from "./result.js";

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
    const result = openSealed(this.sealResult(worker, message, msg));
    if (!result) return "untrusted";
    this.runtime ??= result.trace.runtime;
    return result;
  }

  /** What a worker sent back, still unread (`openSealed` reads it). */
  sealResult(worker: ProgressSource, message: ResultMessage, msg: RunMessage): SealedTrace {
    const mb = this.memoryMb;
    if (message.json === "") {
      // the program ran out of memory inside the tracer itself: no trace came back
      const p = worker.progress();
      return {
        how: "made",
        run: this.synthetic(msg, { status: "limit", limit: "memory", max: mb, ...(p.line ? { line: p.line } : {}) }, {
          by: "memory",
          notice: p.line ? { code: "stopped.memory", params: { line: p.line, mb } } : { code: "stopped.memory-start", params: { mb } },
          steps: p.steps,
          ...(p.line ? { line: p.line } : {}),
        }),
      };
    }
    return { how: "result", json: message.json, mb, ...(message.memoryHit ? { memoryHit: true } : {}), ...(message.cut ? { cut: message.cut } : {}) };
  }

  /** The run was stopped at a limit (by its worker, or by the host): what it did until then. */
  fromStopped(worker: ProgressSource, by: "time" | "memory" | "interrupt", msg: RunMessage): RunResult {
    const sealed = this.sealStopped(worker, by, msg);
    return openSealed(sealed) ?? (sealed.how === "kept" ? sealed.fallback : this.failure("worker-crashed"));
  }

  /** `fromStopped`, still unread. */
  sealStopped(worker: ProgressSource, by: "time" | "memory" | "interrupt", msg: RunMessage): SealedTrace {
    const p = worker.progress();
    const line = p.line || undefined;
    if (by === "interrupt") {
      // interrupted inside one long C call: the interpreter, and the steps it held, are gone
      const outcome = { status: "error" as const, type: "KeyboardInterrupt", message: "", line: line ?? 1 };
      return { how: "made", run: this.synthetic(msg, outcome, { by, notice: { code: "stopped.interrupt" }, steps: p.steps, ...(line ? { line } : {}) }) };
    }
    if (by === "time") {
      const seconds = msg.timeLimitMs / 1000;
      const fallback = this.synthetic(msg, { status: "limit", limit: "time", max: seconds, ...(line ? { line } : {}) }, {
        by: "time",
        notice: line ? { code: "stopped.time", params: { seconds, line, steps: p.steps } } : { code: "stopped.time-start", params: { seconds } },
        steps: p.steps,
        ...(line ? { line } : {}),
      });
      const json = worker.partialTrace(msg.maxTraceBytes);
      if (json && this.runtime) return { how: "kept", json, runtime: this.runtime, maxSteps: msg.maxSteps, seconds, fallback };
      return { how: "made", run: fallback };
    }
    return {
      how: "made",
      run: this.synthetic(msg, { status: "limit", limit: "memory", max: this.memoryMb, ...(line ? { line } : {}) }, {
        by: "memory",
        notice: line ? { code: "stopped.memory-killed", params: { line } } : { code: "stopped.memory-start", params: { mb: this.memoryMb } },
        steps: p.steps,
        ...(line ? { line } : {}),
      }),
    };
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

/**
 * Reads a sealed Trace: parses and validates what a worker sent (the trust boundary).
 * Undefined when it is not a Trace (its worker cannot be trusted with another run).
 */
export function openSealed(sealed: SealedTrace): RunSuccess | undefined {
  if (sealed.how === "made") return sealed.run;
  if (sealed.how === "kept") return openKept(sealed) ?? sealed.fallback;
  let trace: Trace;
  try {
    // the hand-written check of the schema: the same answer as `Trace.parse`, at a fraction of its cost per step
    trace = checkTrace(JSON.parse(sealed.json));
  } catch {
    return undefined;
  }
  const result: RunSuccess = { ok: true, trace };
  const mb = sealed.mb;
  if (sealed.memoryHit && trace.outcome.status === "limit") {
    const line = trace.outcome.line;
    result.stopped = {
      by: "memory",
      notice: line !== undefined ? { code: "stopped.memory", params: { line, mb } } : { code: "stopped.memory-start", params: { mb } },
      steps: trace.steps.length,
      ...(line !== undefined ? { line } : {}),
    };
  }
  if (sealed.cut) result.cut = { ...sealed.cut, notice: { code: "cut", params: { kept: sealed.cut.keptSteps, total: sealed.cut.totalSteps } } };
  return result;
}

/** The partial trace a worker saved when its tracer stopped a program that then ran on. */
function openKept(sealed: Extract<SealedTrace, { how: "kept" }>): RunSuccess | undefined {
  const { seconds } = sealed;
  try {
    const raw = decodeTrace(JSON.parse(sealed.json)) as { limit?: unknown; steps?: { line?: unknown }[] } & Record<string, unknown>;
    const { limit, ...rest } = raw;
    const steps = Array.isArray(raw.steps) ? raw.steps : [];
    const last = steps[steps.length - 1];
    const line = typeof last?.line === "number" ? last.line : undefined;
    const outcome =
      limit === "steps"
        ? { status: "limit" as const, limit: "steps" as const, max: sealed.maxSteps, ...(line !== undefined ? { line } : {}) }
        : { status: "limit" as const, limit: "time" as const, max: seconds, ...(line !== undefined ? { line } : {}) };
    // checked in place: the runtime is copied so the Trace does not share the one this host keeps
    const trace = checkTrace({ schemaVersion: SCHEMA_VERSION, language: "python", runtime: { ...sealed.runtime }, ...rest, outcome });
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

/** What a session's run is told about the session (it started fresh, and why). */
export function sessionInfo(id: string, run: number, freshBecause?: "idle" | "replaced", idleMinutes?: number): SessionInfo {
  const info: SessionInfo = { id, run };
  if (freshBecause) {
    info.freshBecause = freshBecause;
    info.notice = freshBecause === "idle" ? { code: "session.idle", params: { minutes: idleMinutes ?? 0 } } : { code: "session.replaced" };
  }
  return info;
}
