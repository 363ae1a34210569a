/** Figures for the sandbox pool: start-up, the cost of the pool over an in-process run, throughput, a burst. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createPythonEngine } from "../src/runners/python/index.js";
import { createPool } from "../src/sandbox/index.js";
import { measure, percentile, round } from "./stats.js";

const SNIPPET = "a = [1, 2, 3]\nb = a[:]\nb.append(4)\nprint(len(b))\n";

export async function benchSandbox(): Promise<Record<string, unknown>> {
  // a fresh snapshot folder, so the first start is a true cold start
  const dir = mkdtempSync(join(tmpdir(), "memsim-bench-"));
  try {
    const t0 = performance.now();
    const pool = await createPool({ snapshotDir: dir });
    const poolStartMs = round(performance.now() - t0);
    const start = pool.stats().lastStart ?? {};
    try {
      const engine = await createPythonEngine();
      const direct = await measure(() => engine.run(SNIPPET), 200, 60);
      const pooled = await measure(async () => {
        const r = await pool.run(SNIPPET);
        if (!r.ok) throw new Error(r.error.code);
      }, 200, 20);

      // throughput: keep every worker busy with twice as many runs in flight as workers
      const runs = 300;
      const inFlight = pool.stats().workers * 2;
      let next = 0;
      let failures = 0;
      const t1 = performance.now();
      await Promise.all(
        Array.from({ length: inFlight }, async () => {
          while (next < runs) {
            next++;
            const r = await pool.run(SNIPPET);
            if (!r.ok) failures++;
          }
        }),
      );
      const throughputSeconds = (performance.now() - t1) / 1000;

      // a burst of 50 requests at once
      const burst = await Promise.all(
        Array.from({ length: 50 }, async () => {
          const t = performance.now();
          const r = await pool.run(SNIPPET);
          return { ms: performance.now() - t, ok: r.ok };
        }),
      );
      const burstTimes = burst.map((b) => b.ms).sort((a, b) => a - b);
      return {
        mode: pool.sandbox.mode,
        workers: pool.stats().workers,
        coldStart: {
          /** first pool on a machine: makes the snapshot, then starts the workers from it */
          poolWithNewSnapshotMs: poolStartMs,
          /** one worker from the snapshot, and its parts */
          workerFromSnapshotMs: start.totalMs,
          workerParts: { importMs: start.importMs, loadMs: start.loadMs, warmMs: start.warmMs },
        },
        warmRun: {
          inProcess: direct,
          throughPool: pooled,
          overheadMedianMs: round(pooled.medianMs - direct.medianMs),
          overheadP95Ms: round(pooled.p95Ms - direct.p95Ms),
        },
        throughput: { runs, runsPerSecond: round(runs / throughputSeconds, 1), failures },
        burst50: {
          failures: burst.filter((b) => !b.ok).length,
          medianMs: round(percentile(burstTimes, 50)),
          p95Ms: round(percentile(burstTimes, 95)),
        },
        workersReplaced: pool.stats().replaced,
      };
    } finally {
      await pool.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
