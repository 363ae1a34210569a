/**
 * The order test files start in: the longest first, so that none of them is left running alone
 * at the end while the other workers have nothing to do. Vitest orders by the durations it
 * cached; on a fresh checkout (CI) it has none and starts the largest files first, which put
 * small files that run many tests (core-through-pool.test.ts) last.
 */
import { BaseSequencer, type TestSpecification } from "vitest/node";

/** The longest files (each over 30 s on a 2-core machine), longest first. */
const LONGEST = [
  "test/sandbox/core-through-pool.test.ts",
  "test/security/isolation.test.ts",
  "test/sandbox/pool.test.ts",
  "test/security/hostile.test.ts",
  "test/cli/golden-text.test.ts",
  "test/frontends/jupyter/python/memsim-kernel.test.ts",
  "test/security/local.test.ts",
  "test/frontends/discord/shutdown.test.ts",
  "test/session/live.test.ts",
  "test/runners/python/display.test.ts",
  "test/render/diagram.test.ts",
];

export class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const base = await super.sort(files);
    const rank = (spec: TestSpecification) => {
      const i = LONGEST.findIndex((name) => spec.moduleId.endsWith(name));
      return i === -1 ? LONGEST.length : i;
    };
    return base
      .map((spec, i) => ({ spec, i }))
      .sort((a, b) => rank(a.spec) - rank(b.spec) || a.i - b.i)
      .map(({ spec }) => spec);
  }
}
