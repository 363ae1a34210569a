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
      const result = await (await shared.pool).run(source, options);
      if (!result.ok) throw new Error(`the pool could not run it: ${result.error.code}`);
      return result.trace;
    },
  };
});

afterAll(async () => {
  await (await shared.pool)?.close();
});

const coreTests = (import.meta as unknown as { glob(pattern: string): Record<string, () => Promise<unknown>> }).glob("../runners/python/*.test.ts");
for (const load of Object.values(coreTests)) await load();
