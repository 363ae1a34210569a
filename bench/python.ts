/** Trace-time figures for the Python runner: each example, and how cost grows with data size. */
import { encodeTrace } from "../src/core/wire.js";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Trace } from "../src/core/trace.js";
import { createSessionLayer, type SessionLayer } from "../src/session/index.js";
import { measure, round } from "./stats.js";

/** A program's Trace through the session layer's inline engine (this process's interpreter). */
async function traced(layer: SessionLayer, source: string): Promise<Trace> {
  const r = await layer.simulate(source, { language: "python" });
  if (!r.ok) throw new Error(r.error.code);
  return r.trace;
}

export async function benchPython(examplesDir: string): Promise<Record<string, unknown>> {
  const t0 = performance.now();
  // as every front end runs programs: through the session layer (inline: no sandbox cost here)
  const layer = createSessionLayer({ engine: "inline" });
  await layer.warm("python");
  const loadMs = round(performance.now() - t0);
  const examples: Record<string, unknown> = {};
  for (const name of readdirSync(examplesDir).filter((f) => f.endsWith(".py")).sort()) {
    const source = readFileSync(join(examplesDir, name), "utf8");
    const steps = (await traced(layer, source)).steps.length;
    examples[name] = { steps, ...(await measure(() => traced(layer, source), 15, 3)) };
  }
  const scaling: Record<string, unknown>[] = [];
  for (const n of [10, 100, 1_000, 10_000]) {
    const source = `a = list(range(${n}))\ntotal = 0\nfor i in range(100):\n    total += a[i % ${n}]\n`;
    const trace = await traced(layer, source);
    const jsonBytes = Buffer.byteLength(JSON.stringify(encodeTrace(trace)));
    scaling.push({ n, steps: trace.steps.length, jsonBytes, ...(await measure(() => traced(layer, source), 11, 2)) });
  }
  const first = scaling[0] as { medianMs: number };
  const last = scaling.at(-1) as { medianMs: number; jsonBytes: number };
  return {
    pyodideLoadMs: loadMs,
    examples,
    scaling,
    scalingTimeRatio: round(last.medianMs / first.medianMs),
    largestTraceJsonBytes: last.jsonBytes,
  };
}
