/**
 * Preloaded (`node --import`) into a `memsim run` process the bench starts: notes, from the
 * process's time origin, when Node ran its first module, when an interpreter thread said it was
 * ready and sent its first result, when output began and when the process exited; at exit it
 * writes them, with the process's CPU time, to the file MEMSIM_BENCH_PROBE names.
 */
import { writeFileSync } from "node:fs";
import { createRequire, syncBuiltinESMExports } from "node:module";

const marks: Record<string, number> = { nodeReadyMs: performance.now() };
const mark = (name: string) => (marks[name] ??= performance.now());

const threads = createRequire(import.meta.url)("node:worker_threads") as typeof import("node:worker_threads");
const Base = threads.Worker;
class Watched extends Base {
  constructor(...args: ConstructorParameters<typeof Base>) {
    super(...args);
    mark("firstThreadMs");
    this.on("message", (m: { type?: unknown } | null) => {
      if (m?.type === "ready") mark("threadReadyMs");
      if (m?.type === "result") mark("resultMs");
    });
  }
}
threads.Worker = Watched;
syncBuiltinESMExports();

const write = process.stdout.write.bind(process.stdout) as (...a: unknown[]) => boolean;
process.stdout.write = ((...a: unknown[]) => {
  mark("firstOutputMs");
  return write(...a);
}) as typeof process.stdout.write;

process.on("exit", () => {
  mark("exitMs");
  const u = process.resourceUsage();
  const out = process.env.MEMSIM_BENCH_PROBE;
  if (out) writeFileSync(out, JSON.stringify({ ...marks, cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000 }));
});
