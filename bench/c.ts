/**
 * Trace-time figures for the C runner: each example in `assets/examples/*.c`, and how cost grows
 * with data size (an n-node linked list built, walked and freed, n = 10 … 10,000).
 *
 * Both through the session layer, as `memsim run` runs them: the "threads" engine (each run in a
 * thread of its own, its start included) for the examples, and the "inline" engine (this
 * process's interpreter, no thread start) for both, so the tracing cost shows on its own.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { encodeTrace } from "../src/core/wire.js";
import type { Trace } from "../src/core/trace.js";
import { createSessionLayer, type SessionLayer } from "../src/session/index.js";
import { once, round, summarize, timed, type Timing } from "./stats.js";

/** generous, so the figures show the tracing cost rather than a limit; a run that hits it says so */
const LIMITS = { maxSteps: 1_000_000, timeLimitMs: 120_000 };

async function traced(layer: SessionLayer, source: string): Promise<Trace> {
  const r = await layer.simulate(source, { language: "c", limits: LIMITS });
  // operator-facing
  if (!r.ok) throw new Error(`the C run failed: ${r.error.code}`);
  return r.trace;
}

function outcomeOf(trace: Trace): string {
  const o = trace.outcome;
  return o.status === "limit" ? `stopped by the ${o.limit} limit (${o.max})` : o.status;
}

/** The Trace as `memsim run --json` prints it: its compact JSON (src/core/wire.ts), in bytes. */
const jsonBytes = (trace: Trace) => Buffer.byteLength(JSON.stringify(encodeTrace(trace)));

/** An n-node linked list: built (one malloc per node), walked (summed), freed. */
export const linkedList = (n: number) => `#include <stdio.h>
#include <stdlib.h>

struct node {
    int value;
    struct node *next;
};

int main(void) {
    struct node *head = NULL;
    for (int i = 0; i < ${n}; i++) {
        struct node *fresh = malloc(sizeof *fresh);
        fresh->value = i;
        fresh->next = head;
        head = fresh;
    }
    long sum = 0;
    for (struct node *p = head; p != NULL; p = p->next) {
        sum += p->value;
    }
    printf("%ld\\n", sum);
    while (head != NULL) {
        struct node *next = head->next;
        free(head);
        head = next;
    }
    return 0;
}
`;

interface Row {
  n: number;
  steps: number;
  traceJsonBytes: number;
  outcome: string;
  time: Timing;
}

/** `runs` timings of `fn`, each after a pause (as between a chat's messages: a spare thread gets ready meanwhile). */
async function spaced(fn: () => unknown, runs: number): Promise<Timing> {
  const samples: { wallMs: number; cpuMs: number }[] = [];
  for (let i = 0; i < runs; i++) {
    await new Promise((r) => setTimeout(r, 400));
    samples.push(await once(fn));
  }
  return summarize(samples);
}

export async function benchC(examplesDir = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "assets", "examples")): Promise<Record<string, unknown>> {
  const inline = createSessionLayer({ engine: "inline" });
  const threads = createSessionLayer({ engine: "threads" });
  // as a bot or a notebook runs C: a thread started ahead of each program, its grammar loaded
  const warmThreads = createSessionLayer({ engine: "threads" });
  try {
    await warmThreads.warm("c");
    const t0 = performance.now();
    await inline.warm("c");
    // the first program loads the C grammar (WebAssembly) in this thread
    await traced(inline, "int main(void) { return 0; }\n");
    const loadMs = round(performance.now() - t0);
    const examples: Record<string, unknown> = {};
    for (const name of readdirSync(examplesDir).filter((f) => f.endsWith(".c")).sort()) {
      const source = readFileSync(join(examplesDir, name), "utf8");
      const trace = await traced(inline, source);
      examples[name] = {
        steps: trace.steps.length,
        traceJsonBytes: jsonBytes(trace),
        outcome: outcomeOf(trace),
        inline: await timed(() => traced(inline, source), { runs: 15, budgetMs: 5_000 }),
        thread: await timed(() => traced(threads, source), { runs: 15, budgetMs: 5_000 }),
        // a pause between runs, as between a chat's messages: the next spare gets ready meanwhile
        warmThread: await spaced(() => traced(warmThreads, source), 10),
      };
    }
    const rows: Row[] = [];
    for (const n of [10, 100, 1_000, 10_000]) {
      const source = linkedList(n);
      let last: Trace | undefined;
      const time = await timed(async () => (last = await traced(inline, source)), { runs: 5, budgetMs: 10_000, slowMs: 3_000 });
      rows.push({ n, steps: last!.steps.length, traceJsonBytes: jsonBytes(last!), outcome: outcomeOf(last!), time });
    }
    const first = rows[0]!;
    const linked = rows.map((r) => ({
      ...r,
      bytesPerStep: round(r.traceJsonBytes / r.steps),
      usPerStep: round((r.time.medianMs * 1000) / r.steps),
      sizeRatio: round(r.traceJsonBytes / first.traceJsonBytes),
      stepsRatio: round(r.steps / first.steps),
      timeRatio: round(r.time.medianMs / first.time.medianMs),
    }));
    return {
      what:
        "inline: trace time in this process's interpreter (session layer, engine inline); thread: as memsim run traces it (engine threads: a thread started per run); warmThread: as a bot or a notebook traces it (a thread started ahead, 0.4 s between runs); wall ms, median and p95. traceJsonBytes: the Trace's compact JSON as memsim run --json prints it. Ratios are to the first row's.",
      grammarLoadMs: loadMs,
      examples,
      linkedList: { program: "an N-node linked list built (malloc per node), walked (summed) and freed", rows: linked },
    };
  } finally {
    await Promise.all([inline.close(), threads.close(), warmThreads.close()]);
  }
}
