/**
 * A thread that traces one C program and posts its Trace. Started with the program
 * (workerData: source and options), it runs it at once; started as a spare (workerData:
 * { spare: true }), it loads the C grammar and waits for its one program as a message.
 */
import { parentPort, workerData } from "node:worker_threads";
import { cParser } from "./parse/load.js";
import { traceC, type TraceCOptions } from "./run.js";

interface Job {
  source: string;
  options: TraceCOptions;
}

function run({ source, options }: Job): void {
  traceC(source, options).then(
    (trace) => parentPort!.postMessage({ trace }),
    (error: unknown) => parentPort!.postMessage({ error: String((error as Error)?.stack ?? error) }),
  );
}

const data = workerData as Job | { spare: true };
if ("spare" in data) {
  // a failed load is told by the run that needs the grammar
  cParser().catch(() => undefined);
  parentPort!.once("message", run);
} else run(data);
