/**
 * The count of which objects other live objects refer to, kept step by step, agrees at every step
 * of every C corpus program with a walk over every live object's slots.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { replay } from "../../src/core/state.js";
import type { Slot } from "../../src/core/trace.js";
import { Holders } from "../../src/explain/holders.js";
import { runC } from "../../src/runners/c/interp/index.js";
import { createTraceRecorder } from "../../src/runners/c/trace/index.js";

const corpus = join(import.meta.dirname, "..", "runners", "c", "programs");

describe("Holders", () => {
  it("knows at every step which objects another live object refers to", async () => {
    let checked = 0;
    let heldSeen = 0;
    for (const file of readdirSync(corpus).filter((f) => f.endsWith(".c")).sort()) {
      const source = readFileSync(join(corpus, file), "utf8");
      const stdinFile = join(corpus, file.replace(/\.c$/, ".stdin"));
      const recorder = createTraceRecorder(source, {});
      await runC(source, { recorder, maxSteps: 200_000, ...(existsSync(stdinFile) ? { stdin: readFileSync(stdinFile, "utf8") } : {}) });
      const trace = recorder.trace();
      const holders = new Holders(trace);
      for (const state of replay(trace)) {
        holders.update(state);
        const walked = new Set<string>();
        for (const [id, o] of state.objects) {
          const add = (s: Slot | null | undefined) => s && "ref" in s && s.ref !== id && walked.add(s.ref);
          o.items?.forEach(add);
          Object.values(o.attributes ?? {}).forEach(add);
        }
        for (const id of state.objects.keys()) {
          expect(holders.held(id), `${file} step ${state.index} ${id}`).toBe(walked.has(id));
          checked++;
          if (walked.has(id)) heldSeen++;
        }
      }
    }
    expect(heldSeen).toBeGreaterThan(100);
    expect(checked).toBeGreaterThan(heldSeen);
  }, 300_000);
});
