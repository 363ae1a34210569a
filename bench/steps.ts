/**
 * Per-step cost against the floor: one loop run under Pyodide with a trace function that does
 * nothing (the floor), under memsim's tracer (this process's engine, and an interpreter thread as
 * the CLI runs it), and under Python Tutor's tracer when the operator gives a copy of it. For a
 * loop over a few ints and a loop beside a list of 100,000 items; rounds interleave the tracers,
 * so a busy neighbour slows them alike.
 */
import { loadPyodide, type PyodideInterface } from "pyodide";
import type { Trace } from "../src/core/trace.js";
import { pyodideIndexURL, sharedPythonEngine } from "../src/runners/python/index.js";
import { createSessionLayer, type SessionLayer } from "../src/session/index.js";
import { loadPyTutor, type PyTutorRun } from "./pytutor.js";
import { once, round, summarize, type Timing } from "./stats.js";
import { benchTraceCheck } from "./trace-check.js";

const LOOPS = {
  smallHeap: { source: "total = 0\nfor i in range(5000):\n    total += i\n", rounds: 5, pytutorRounds: 5 },
  // Python Tutor writes the whole list into every step: few steps keep its runs within seconds
  bigHeap: { source: "a = list(range(100000))\ntotal = 0\nfor i in range(50):\n    total += a[i]\n", rounds: 3, pytutorRounds: 3 },
};
const LIMITS = { maxSteps: 100_000, timeLimitMs: 120_000, maxTraceBytes: 1024 * 1024 * 1024 };
/** the floor's runs take a few ms: each of its samples is the mean of a batch lasting at least this long */
const FLOOR_BATCH_MS = 50;
/**
 * Waits until this process is quiet (under 10% of a core over 100 ms, or 5 s at most): a run in a
 * thread leaves a spare interpreter being made ready, whose work must not count in the next sample.
 */
async function settle(): Promise<void> {
  const end = performance.now() + 5_000;
  while (performance.now() < end) {
    const c0 = process.cpuUsage();
    await new Promise((r) => setTimeout(r, 100));
    const c = process.cpuUsage(c0);
    if ((c.user + c.system) / 1000 < 10) return;
  }
}

/** Pyodide as the engine loads it, with the floor's do-nothing trace function. */
async function floorPyodide(): Promise<PyodideInterface> {
  const py = await loadPyodide({ indexURL: pyodideIndexURL(), env: { PYTHONHASHSEED: "0" } });
  py.runPython(`
import sys
def _nothing(frame, event, arg):
    return _nothing
def floor_run(src):
    code = compile(src, "<program>", "exec")
    sys.settrace(_nothing)
    try:
        exec(code, {"__name__": "__main__"})
    finally:
        sys.settrace(None)
def line_events(src):
    n = 0
    def count(frame, event, arg):
        nonlocal n
        if event == "line": n += 1
        return count
    code = compile(src, "<program>", "exec")
    sys.settrace(count)
    try:
        exec(code, {"__name__": "__main__"})
    finally:
        sys.settrace(None)
    return n
`);
  return py;
}

interface Contestant {
  rounds: number;
  run: () => Promise<unknown> | unknown;
  samples: { wallMs: number; cpuMs: number }[];
}

interface PerStep extends Timing {
  steps: number;
  usPerStep: number;
  cpuUsPerStep: number;
}

function perStep(t: Timing, steps: number): PerStep {
  return { steps, usPerStep: round((t.medianMs * 1000) / steps, 3), cpuUsPerStep: round((t.cpuMedianMs * 1000) / steps, 3), ...t };
}

/** a / b of µs per step, from the unrounded medians */
function over(a: PerStep, b: PerStep | undefined, cpu: boolean, missing: string): number | string {
  if (!b) return missing;
  const each = (x: PerStep) => (cpu ? x.cpuMedianMs : x.medianMs) / x.steps;
  return round(each(a) / each(b), 2);
}

async function simulated(layer: SessionLayer, source: string): Promise<Trace> {
  const r = await layer.simulate(source, { language: "python" });
  if (!r.ok) throw new Error(r.error.code);
  return r.trace;
}

export async function benchSteps(): Promise<Record<string, unknown>> {
  const py = await floorPyodide();
  const floorRun = py.globals.get("floor_run") as (src: string) => void;
  const lineEvents = py.globals.get("line_events") as (src: string) => number;
  const pytutor: PyTutorRun | string = loadPyTutor(py);
  const engine = await sharedPythonEngine();
  const threads = createSessionLayer({ engine: "threads", limits: LIMITS });
  await threads.warm("python");
  const out: Record<string, unknown> = {
    what: "wall-clock and CPU time of one whole run of each loop, divided by that tracer's own step count (µs per step); ratios are of µs per step",
    floor: `Pyodide running the loop under sys.settrace with a function that does nothing (each sample: the mean of a batch of runs lasting ${FLOOR_BATCH_MS} ms or more)`,
    memsimInProcess: "memsim's Python engine in this process (sharedPythonEngine), Trace returned as the engine returns it",
    memsimThreads: "memsim through the session layer's interpreter threads, as the CLI runs programs",
    samples: "each sample starts once this process is quiet (a spare interpreter thread made ready, say)",
  };
  try {
    for (const [name, loop] of Object.entries(LOOPS)) {
      const src = loop.source;
      const memsimTrace = engine.run(src, LIMITS);
      const threadTrace = await simulated(threads, src);
      const c: Record<string, Contestant> = {
        floor: { rounds: loop.rounds, run: () => floorRun(src), samples: [] },
        memsimInProcess: { rounds: loop.rounds, run: () => engine.run(src, LIMITS), samples: [] },
        memsimThreads: { rounds: loop.rounds, run: () => simulated(threads, src), samples: [] },
      };
      let ptFirst: ReturnType<PyTutorRun> | undefined;
      if (typeof pytutor !== "string") {
        ptFirst = pytutor(src);
        c.pythonTutor = { rounds: loop.pytutorRounds, run: () => pytutor(src), samples: [] };
      }
      // warm-ups of the floor (the others ran once above); the second sizes its batches
      floorRun(src);
      const batch = Math.max(1, Math.ceil(FLOOR_BATCH_MS / Math.max(0.01, (await once(() => floorRun(src))).wallMs)));
      c.floor!.run = () => {
        for (let k = 0; k < batch; k++) floorRun(src);
      };
      const most = Math.max(...Object.values(c).map((x) => x.rounds));
      for (let i = 0; i < most; i++) {
        for (const x of Object.values(c)) {
          if (i >= x.rounds) continue;
          await settle();
          x.samples.push(await once(x.run));
        }
      }
      const floorSamples = c.floor!.samples.map((x) => ({ wallMs: x.wallMs / batch, cpuMs: x.cpuMs / batch }));
      const floor = { ...perStep(summarize(floorSamples), lineEvents(src)), runsPerSample: batch };
      const inProcess = perStep(summarize(c.memsimInProcess!.samples), memsimTrace.steps.length);
      const inThreads = perStep(summarize(c.memsimThreads!.samples), threadTrace.steps.length);
      const pt = ptFirst && c.pythonTutor ? { ...perStep(summarize(c.pythonTutor.samples), ptFirst.steps), lastEvent: ptFirst.lastEvent, traceJsonBytes: ptFirst.jsonBytes } : undefined;
      const missing = typeof pytutor === "string" ? pytutor : "not measured";
      out[name] = {
        program: src,
        floor: { ...floor, stepsAre: "line events" },
        memsimInProcess: { ...inProcess, outcome: memsimTrace.outcome.status },
        memsimThreads: { ...inThreads, outcome: threadTrace.outcome.status },
        pythonTutor: pt ?? pytutor,
        // the host's check of the Trace the threads hand back (part of memsimThreads' figure)
        hostCheck: await benchTraceCheck(engine.runJson(src, LIMITS), memsimTrace.steps.length),
        ratios: {
          memsimInProcessOverFloor: over(inProcess, floor, false, missing),
          memsimThreadsOverFloor: over(inThreads, floor, false, missing),
          memsimInProcessOverPythonTutor: over(inProcess, pt, false, missing),
          memsimThreadsOverPythonTutor: over(inThreads, pt, false, missing),
          cpuMemsimInProcessOverFloor: over(inProcess, floor, true, missing),
          cpuMemsimInProcessOverPythonTutor: over(inProcess, pt, true, missing),
        },
      };
    }
  } finally {
    await threads.close();
  }
  return out;
}
