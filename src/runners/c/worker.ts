/** A thread that traces one C program (workerData: source and options) and posts its Trace. */
import { parentPort, workerData } from "node:worker_threads";
import { traceC, type TraceCOptions } from "./run.js";

const { source, options } = workerData as { source: string; options: TraceCOptions };
traceC(source, options).then(
  (trace) => parentPort!.postMessage({ trace }),
  (error: unknown) => parentPort!.postMessage({ error: String((error as Error)?.stack ?? error) }),
);
