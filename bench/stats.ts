/** Small helpers for benchmark figures. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export function round(n: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/** Runs `fn` `warmup` times unmeasured, then `runs` times; returns median and p95 in ms. */
export async function measure(fn: () => unknown | Promise<unknown>, runs = 15, warmup = 3): Promise<{ medianMs: number; p95Ms: number; runs: number }> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { medianMs: round(percentile(times, 50)), p95Ms: round(percentile(times, 95)), runs };
}

export interface Timing {
  medianMs: number;
  p95Ms: number;
  /** this process's CPU time (all its threads): on a busy machine wall-clock time measures the neighbours too */
  cpuMedianMs: number;
  runs: number;
}

/** One measured call: wall-clock and CPU time in ms. */
export async function once(fn: () => unknown): Promise<{ wallMs: number; cpuMs: number }> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await fn();
  const wallMs = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { wallMs, cpuMs: (c.user + c.system) / 1000 };
}

/** Median and p95 of measured calls. */
export function summarize(samples: { wallMs: number; cpuMs: number }[]): Timing {
  const wall = samples.map((s) => s.wallMs).sort((a, b) => a - b);
  const cpu = samples.map((s) => s.cpuMs).sort((a, b) => a - b);
  return { medianMs: round(percentile(wall, 50)), p95Ms: round(percentile(wall, 95)), cpuMedianMs: round(percentile(cpu, 50)), runs: samples.length };
}

/**
 * Times a call whose cost is not known beforehand: a first run warms up and is dropped, unless it
 * alone took `slowMs` or more (then it is the one figure); then runs until `runs` or `budgetMs`.
 */
export async function timed(fn: () => unknown, opts: { runs?: number; budgetMs?: number; slowMs?: number } = {}): Promise<Timing> {
  const { runs = 5, budgetMs = 15_000, slowMs = 2_000 } = opts;
  const first = await once(fn);
  if (first.wallMs >= slowMs) return summarize([first]);
  const samples: { wallMs: number; cpuMs: number }[] = [];
  const start = performance.now();
  while (samples.length < runs && (samples.length === 0 || performance.now() - start < budgetMs)) samples.push(await once(fn));
  return summarize(samples);
}
