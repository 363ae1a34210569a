/** The programs the renderer is tested on: every example, and generated large heaps. */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { stackDepths, type Trace } from "../../src/core/index.js";
import { trace } from "../helpers.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const EXAMPLES_DIR = join(root, "assets", "examples");
export const FIXTURES_DIR = join(root, "test", "fixtures", "render");

function programs(dir: string): { name: string; source: string }[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".py"))
    .sort()
    .map((f) => ({ name: f.replace(/\.py$/, ""), source: readFileSync(join(dir, f), "utf8") }));
}

export const examples = () => programs(EXAMPLES_DIR);
export const largeHeaps = () => programs(FIXTURES_DIR);

const cache = new Map<string, Promise<Trace>>();

/** The trace of a program (run once per test file). */
export function traceOf(source: string): Promise<Trace> {
  let t = cache.get(source);
  if (!t) {
    t = trace(source);
    cache.set(source, t);
  }
  return t;
}

/** Steps worth checking: all of a short run; of a long one, a spread plus the busiest. */
export function stepsToCheck(t: Trace, max = 40): number[] {
  const n = t.steps.length;
  if (n <= max) return t.steps.map((_, i) => i);
  const picked = new Set<number>([0, n - 1]);
  for (let k = 0; k < max - 10; k++) picked.add(Math.round((k * (n - 1)) / (max - 11)));
  const depths = stackDepths(t);
  const deepest = depths.reduce((best, d, i) => (d > depths[best]! ? i : best), 0);
  picked.add(deepest);
  const busy = t.steps
    .map((s, i) => ({ i, events: s.events.filter((e) => e.kind !== "rebind").length }))
    .sort((a, b) => b.events - a.events || a.i - b.i)
    .slice(0, 8);
  for (const b of busy) picked.add(b.i);
  return [...picked].sort((a, b) => a - b);
}
