/**
 * Who serves reply jobs for the command layer: reply worker threads (the bot), or this
 * thread (the console, tests), through the same `ReplyServer`.
 */
import type { SimulationRequest, SimulationResult } from "../services.js";
import type { Job, JobResult } from "./jobs.js";
import { ReplyServer, type JobHost, type ReplyTools } from "./server.js";

/** What the main thread gives a job: its clock and cooldowns, and the simulator for the advisor's rewrite runs. */
export interface MainHost extends JobHost {
  run(source: string, request: SimulationRequest): Promise<SimulationResult>;
}

export type Delivered =
  | JobResult
  /** the queue of jobs is full */
  | { kind: "busy" }
  /** the worker serving it stopped (it has been replaced), or the replier is closing */
  | { kind: "stopped" };

export interface Replier {
  serve(job: Job, host: MainHost): Promise<Delivered>;
  /** true: jobs are served in this thread, whose Traces are always at hand */
  readonly inline: boolean;
  close(): Promise<void>;
}

/** Serves jobs in this thread: the same code a reply worker runs, without the thread. */
export function inlineReplier(tools: ReplyTools, keep?: number): Replier {
  const server = new ReplyServer(tools, keep);
  return {
    inline: true,
    serve: (job, host) => server.serve(job, host),
    close: async () => undefined,
  };
}
