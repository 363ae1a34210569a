/**
 * The Python core's own tests, with every trace they make run through the sandbox pool
 * instead of an engine in this process: ordinary programs behave exactly as before.
 */
import { afterAll, vi } from "vitest";
import type { Pool, RunOptions } from "../../src/sandbox/index.js";

const shared = vi.hoisted(() => ({ pool: undefined as Promise<Pool> | undefined }));

vi.mock("../helpers.js", async (importOriginal) => {
  const original = await importOriginal<typeof import("../helpers.js")>();
  const { createPool } = await import("../../src/sandbox/index.js");
  return {
    ...original,
    async trace(source: string, options?: RunOptions) {
      shared.pool ??= createPool({ size: 2 });
      // the engine in this process has no time limit unless a test sets one: nor has the pool's
      // run here, beyond a minute (a loaded machine must not turn a slow answer into a stop)
      const result = await (await shared.pool).run(source, { timeLimitMs: 60_000, ...options });
      if (!result.ok) throw new Error(`the pool could not run it: ${result.error.code}`);
      return result.trace;
    },
  };
});

afterAll(async () => {
  await (await shared.pool)?.close();
});

const coreTests = (import.meta as unknown as { glob(pattern: string): Record<string, () => Promise<unknown>> }).glob("../runners/python/*.test.ts");
// the files that make their Traces with the helpers' trace(), which the mock sends through the pool;
// the others (their own engines, or none) would only run again as they ran already
const OWN_ENGINES = ["display-engine.test.ts", "length.test.ts", "quick.test.ts", "slots.test.ts", "trace-size.test.ts"];
for (const [path, load] of Object.entries(coreTests)) if (!OWN_ENGINES.some((name) => path.endsWith(`/${name}`))) await load();
