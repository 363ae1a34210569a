import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";
import { LongestFirst } from "./test/sequencer.js";

// Files that only read Traces from this process's shared Python engine run in one process that
// keeps the engine loaded (loading it takes seconds); the rest each start afresh.
const SHARED_ENGINE = ["test/explain/**/*.test.ts", "test/render/**/*.test.ts", "test/advisor/**/*.test.ts", "test/core/**/*.test.ts", "test/i18n/**/*.test.ts", "test/runners/**/*.test.ts"];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
    sequence: { sequencer: LongestFirst },
    // more files at a time than cores: much of a file's time is spent waiting on the interpreters
    // and sandbox workers it starts (two cores ran 14 minutes of CPU in 12 minutes two at a time)
    maxWorkers: Math.max(3, availableParallelism()),
    projects: [
      { extends: true, test: { name: "shared-engine", include: SHARED_ENGINE, isolate: false } },
      { extends: true, test: { name: "isolated", include: ["test/**/*.test.ts"], exclude: SHARED_ENGINE } },
    ],
  },
});
