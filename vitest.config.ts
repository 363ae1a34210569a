import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

// Files that only read Traces from this process's shared Python engine run in one process that
// keeps the engine loaded (loading it takes seconds); the rest each start afresh.
const SHARED_ENGINE = ["test/explain/**/*.test.ts", "test/render/**/*.test.ts", "test/advisor/**/*.test.ts", "test/core/**/*.test.ts", "test/i18n/**/*.test.ts", "test/runners/**/*.test.ts"];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
    // two files at a time even on two cores: much of a file's time is spent waiting on the
    // interpreters and sandbox workers it starts (vitest's default there would be one). Three at a
    // time on two cores was slower: the sandbox-heavy files slowed each other down
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      { extends: true, test: { name: "shared-engine", include: SHARED_ENGINE, isolate: false } },
      { extends: true, test: { name: "isolated", include: ["test/**/*.test.ts"], exclude: SHARED_ENGINE } },
    ],
  },
});
