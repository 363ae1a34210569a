/** Messages between the main thread and a reply worker. */
import type { SimulationRequest, SimulationResult } from "../services.js";
import type { Job, JobResult } from "./jobs.js";

/** What a reply worker loads once. */
export interface ReplyWorkerData {
  theme: "dark" | "light";
  /** give advice (loads Python's parser in the worker); rewrite runs are asked of the main thread */
  advice: boolean;
  /** Traces a worker keeps read */
  keep: number;
  /** the worker thread's nice value (0-19; higher yields the CPU to the main thread) */
  nice: number;
}

export type ToWorker =
  | { msg: "job"; id: number; job: Job }
  /** the answer to a rewrite run the worker asked for (`distrust` left out) */
  | { msg: "ran"; rid: number; result: SimulationResult };

export type FromWorker =
  | { msg: "ready" }
  | { msg: "done"; id: number; result: JobResult }
  /** a rewrite run the advisor asks for, charged to job `id`'s person */
  | { msg: "run"; id: number; rid: number; source: string; request: SimulationRequest };

/** A simulation result that can be posted (a sealed one's `distrust` stays behind). */
export function postable(result: SimulationResult): SimulationResult {
  if (!result.ok || !("sealed" in result)) return result;
  const { distrust: _, ...rest } = result;
  return rest;
}
