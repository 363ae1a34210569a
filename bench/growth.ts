/**
 * How a Trace's size (bytes of its JSON text) and the time to trace it grow: with the number of
 * names a program makes (10 to 2,400 globals, made in a loop through `globals()` and as plain
 * assignments), and with a program's length (10 to 5,000 straight-line lines). Each figure is
 * also given as a ratio to the smallest case's. This process's engine, so nothing is cut.
 */
import { encodeTrace } from "../src/core/wire.js";
import type { Trace } from "../src/core/trace.js";
import { sharedPythonEngine, type PythonEngine } from "../src/runners/python/index.js";
import { round, timed, type Timing } from "./stats.js";

/** generous, so the figures show the tracing cost rather than a limit; a run that hits it says so */
const LIMITS = { maxSteps: 100_000, timeLimitMs: 60_000 };

const globalsLoop = (n: number) => `g = globals()\nfor i in range(${n}):\n    g["v%d" % i] = i\n`;
const assignments = (n: number) => Array.from({ length: n }, (_, i) => `v${i} = ${i}`).join("\n") + "\n";
/** a mix of int, str and list assignments, one a line */
const straightLine = (n: number) =>
  Array.from({ length: n }, (_, i) => [`n${i} = ${i}`, `s${i} = "text ${i}"`, `l${i} = [${i}, ${i + 1}]`][i % 3]).join("\n") + "\n";

interface Case {
  traceJsonBytes: number;
  steps: number;
  outcome: string;
  time: Timing;
}

async function measureCase(engine: PythonEngine, source: string): Promise<Case> {
  let last: Trace | undefined;
  // a case that takes 2 s or more is run once: its figure is that run
  const time = await timed(() => (last = engine.run(source, LIMITS)), { runs: 5, budgetMs: 8_000, slowMs: 2_000 });
  const trace = last!;
  const o = trace.outcome;
  // a run stopped by a limit is not the whole program: say which limit, so its figures are read as such
  const outcome = o.status === "limit" ? `stopped by the ${o.limit} limit (${o.max})` : o.status;
  // the Trace as it is stored and sent: the compact JSON the tracer writes (src/core/wire.ts)
  return { traceJsonBytes: Buffer.byteLength(JSON.stringify(encodeTrace(trace))), steps: trace.steps.length, outcome, time };
}

async function series(engine: PythonEngine, sizes: number[], make: (n: number) => string): Promise<Record<string, unknown>[]> {
  const rows: (Case & { n: number; sourceBytes: number })[] = [];
  for (const n of sizes) {
    const source = make(n);
    rows.push({ n, sourceBytes: Buffer.byteLength(source), ...(await measureCase(engine, source)) });
  }
  const first = rows[0]!;
  return rows.map((r) => ({
    ...r,
    sizeRatio: round(r.traceJsonBytes / first.traceJsonBytes),
    timeRatio: round(r.time.medianMs / first.time.medianMs),
    cpuTimeRatio: round(r.time.cpuMedianMs / first.time.cpuMedianMs),
  }));
}

const WHAT = "traceJsonBytes: bytes of the Trace in its compact JSON, as it is stored, sent and printed by --json; time: wall and CPU ms of one run in this process's engine (median, p95); sizeRatio, timeRatio, cpuTimeRatio: to the first row's";

export async function benchNames(): Promise<Record<string, unknown>> {
  const engine = await sharedPythonEngine();
  return {
    what: WHAT,
    globalsLoop: { program: globalsLoop(0).replace("range(0)", "range(N)"), rows: await series(engine, [10, 100, 1_000, 2_400], globalsLoop) },
    assignments: { program: "N lines: v0 = 0, v1 = 1, …", rows: await series(engine, [10, 100, 1_000, 2_400], assignments) },
  };
}

export async function benchLength(): Promise<Record<string, unknown>> {
  const engine = await sharedPythonEngine();
  return {
    what: WHAT,
    program: 'N straight-line lines, in turn: n0 = 0, s1 = "text 1", l2 = [2, 3], …',
    rows: await series(engine, [10, 100, 1_000, 5_000], straightLine),
  };
}
