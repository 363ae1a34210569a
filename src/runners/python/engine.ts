/**
 * The Python engine: one Pyodide interpreter with memsim's tracer loaded. It runs a
 * learner's program and returns its Trace. The sandbox pool runs engines in isolated
 * worker processes; this module itself does no isolation.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { PyodideInterface } from "pyodide";
import { RunnerError } from "../../core/errors.js";
import { SCHEMA_VERSION } from "../../core/schema-version.js";
import type { Trace } from "../../core/trace.js";
import { decodeTrace } from "../../core/wire.js";
import { createDeathWatch, type Bells, type WasmModule } from "./deaths.js";
import { enginePythonFiles, PYTHON_DIR } from "./files.js";

export interface PythonRunOptions {
  /** steps recorded before the program is stopped (default 10,000) */
  maxSteps?: number;
  /** wall-clock budget in milliseconds, checked at every step (0: none) */
  timeLimitMs?: number;
  /** lines that input() returns, in order */
  stdin?: string[];
  /** characters of output kept (default 64 KiB) */
  stdoutCap?: number;
  /** how deep calls may nest before RecursionError (default 200) */
  maxDepth?: number;
  /** keep the value of a last expression statement as the Trace's `display` */
  display?: boolean;
  /** a person watching the run: input() beyond `stdin` asks them, and an interrupt can stop it */
  host?: RunHost;
}

/**
 * What a host offers a run a person watches (memsim_tracer/live.py). Both block the interpreter
 * thread until there is an answer.
 */
export interface RunHost {
  /** "A" + the answer, "N" when there is no more input, "I" when the run was interrupted meanwhile */
  ask(prompt: string): string;
  /** waits; 1 when an interrupt ended the wait, else 0 */
  sleep(seconds: number): number;
  /** 1 when the run has been asked to stop and the program not told yet (one asked before the
   * program began is told at its first step) */
  asked(): number;
  /** the program has been told of the interrupt */
  taken(): void;
  /**
   * present when the host shows the output as it is printed: the pieces printed since the last
   * call, as JSON `[[name, text], …]` (name "stdout", "stderr", or "input" for a prompt and the
   * line typed at it), in the order written; what is not sent by the run's end is in its Trace
   */
  output?(pieces: string): void;
}

export const DEFAULT_MAX_STEPS = 10_000;
/** Deep enough for any recursion a lesson needs; an endless one stops quickly and clearly. */
export const DEFAULT_MAX_DEPTH = 1000;

/** Where Pyodide's files are, so it loads from any working directory or process. */
export function pyodideIndexURL(): string {
  const require = createRequire(import.meta.url);
  return dirname(require.resolve("pyodide/pyodide.mjs")) + "/";
}

/** What the last run cost the tracer: slots it read, and whole-heap re-reads. */
export interface TracerStats {
  slotsRead: number;
  fullRescans: number;
  /** names of frames compared with what was recorded, over the run */
  namesRead: number;
  /** steps recorded by the tracer's quick way (memsim_tracer/quick.py) */
  quickSteps: number;
}

/** A node of Python's own AST (`ast` module), as plain JSON: `_type`, positions, fields. */
export interface PyAstNode {
  _type: string;
  lineno?: number;
  col_offset?: number;
  end_lineno?: number;
  end_col_offset?: number;
  [field: string]: unknown;
}

export type ParseResult = { ast: PyAstNode } | { error: { message: string; line: number; column: number } };

export interface PythonEngine {
  run(source: string, options?: PythonRunOptions): Trace;
  /** the run's Trace as the tracer wrote it: compact JSON text (see src/core/wire.ts), not parsed */
  runJson(source: string, options?: PythonRunOptions): string;
  /** Python's own parse of a program (no code runs) */
  parse(source: string): ParseResult;
  readonly runtime: Trace["runtime"];
  /** figures from the most recent run (for tests and benchmarks) */
  readonly lastStats: TracerStats | undefined;
}

interface TracerModule {
  run(
    source: string,
    snap: (address: number, triples: number) => number | number[],
    /** (address, count) of the tracer's buffer, or one or two pairs as four numbers */
    track: (first: number, second: number, third?: number, fourth?: number) => void,
    watch: (address: number, typeId: number) => void,
    maxSteps: number,
    timeLimit: number,
    stdin: unknown,
    stdoutCap: number,
    maxDepth: number,
    peek: (address: number) => number,
    /** 0: no doorbells; 1: snap and track through them; 2: and the progress (see bells.py) */
    bells: number,
    display: boolean,
    host: RunHost | undefined,
  ): string;
  /** a class defined in Python, kept for the life of the interpreter: its deallocator is the one
   * every such class has */
  PROBE_TYPE_ID: number;
  SNAP_TYPE_ID: number;
  TRACK_TYPE_ID: number;
  BOX_ADDRESS: number;
  BOX_SIZE: number;
  PROGRESS: number;
}

const STATS = /"_stats":(\{[^{}]*\})/;

let shared: Promise<PythonEngine> | undefined;

/** One engine per process, loaded on first use (for the command line and tests). */
export function sharedPythonEngine(): Promise<PythonEngine> {
  shared ??= createPythonEngine();
  return shared;
}

/** Pyodide with the tracer: restored from the start-up snapshot (about 0.7 s; see load.ts). */
export async function createPythonEngine(opts: { pyodide?: PyodideInterface } = {}): Promise<PythonEngine> {
  // (imported here, not above: an interpreter thread imports this module and loads nothing of it)
  const py = opts.pyodide ?? (await (await import("./load.js")).loadProcessPyodide());
  return engineFromPyodide(py);
}

/**
 * A Trace is validated where it crosses a trust boundary: an interpreter thread that runs
 * learners' code hands its Trace to the host, which validates it there. An engine in the
 * process that reads its Trace decodes it without checking it again (the tests check the
 * tracer's Traces against the schema themselves). Neither loads the schema: a thread starts sooner.
 */
export function engineFromPyodide(
  py: PyodideInterface,
  opts: {
    /** told at every traced event how many steps the trace holds and the line it is on */
    progress?: (steps: number, line: number) => void;
  } = {},
): PythonEngine {
  py.FS.mkdirTree("/memsim/memsim_tracer");
  for (const { file, target } of enginePythonFiles()) py.FS.writeFile(`/memsim/${target}`, readFileSync(join(PYTHON_DIR, file)));
  py.runPython("import sys\nif '/memsim' not in sys.path: sys.path.insert(0, '/memsim')\nimport memsim_tracer, memsim_ast");
  const tracer = py.pyimport("memsim_tracer") as unknown as TracerModule;
  const astModule = py.pyimport("memsim_ast") as unknown as { parse(source: string): string };
  const version = String(py.runPython("import sys; '%d.%d.%d' % sys.version_info[:3]"));
  const [major, minor] = version.split(".");
  const runtime = {
    name: `CPython ${version}`,
    version,
    sizeModel: `64-bit CPython ${major}.${minor}`,
    engine: `Pyodide ${py.version} (WebAssembly)`,
  };
  const wasm = (py as unknown as { _module: WasmModule })._module;
  const subtypeDealloc = wasm.HEAPU32[(Number(tracer.PROBE_TYPE_ID) + 24) >>> 2]!;
  const bells: Bells = {
    snapType: Number(tracer.SNAP_TYPE_ID),
    trackType: Number(tracer.TRACK_TYPE_ID),
    box: Number(tracer.BOX_ADDRESS),
    boxSize: Number(tracer.BOX_SIZE),
    progressAt: Number(tracer.PROGRESS),
  };
  let lastStats: TracerStats | undefined;
  const runtimeJson = JSON.stringify(runtime);
  const runJson = (source: string, options: PythonRunOptions = {}): string => {
    const stdin = options.stdin ? py.toPy(options.stdin) : undefined;
    let json: string;
    const deaths = createDeathWatch(wasm, subtypeDealloc, bells, opts.progress);
    try {
      json = tracer.run(
        source,
        (address, triples) => deaths.snapAt(address, triples),
        (first, second, third, fourth) =>
          fourth === undefined ? deaths.trackAt(first, second) : deaths.trackPairs(first, second, third!, fourth),
        (address, typeId) => deaths.watchTemp(address, typeId),
        options.maxSteps ?? DEFAULT_MAX_STEPS,
        (options.timeLimitMs ?? 0) / 1000,
        stdin,
        options.stdoutCap ?? 65_536,
        options.maxDepth ?? DEFAULT_MAX_DEPTH,
        (address) => wasm.HEAPU32[address >>> 2] ?? 0,
        opts.progress ? 2 : 1,
        options.display === true,
        options.host,
      );
    } catch (cause) {
      throw new RunnerError("tracer-failed", "The Python tracer failed.", { cause });
    } finally {
      deaths.end();
      (stdin as { destroy?: () => void } | undefined)?.destroy?.();
    }
    // no string in the text can hold this (its quotes would be escaped): the first is the tracer's
    const stats = STATS.exec(json);
    lastStats = stats ? (JSON.parse(stats[1]!) as TracerStats) : undefined;
    return `{"schemaVersion":${SCHEMA_VERSION},"language":"python","runtime":${runtimeJson},${json.slice(1)}`;
  };
  return {
    runtime,
    get lastStats() {
      return lastStats;
    },
    parse(source) {
      return JSON.parse(astModule.parse(source)) as ParseResult;
    },
    run(source, options = {}) {
      const trace = JSON.parse(runJson(source, options)) as Record<string, unknown>;
      delete trace._stats;
      return decodeTrace(trace) as Trace;
    },
    runJson,
  };
}

interface PyList {
  toJs(): number[];
}
