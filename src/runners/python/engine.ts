/**
 * The Python engine: one Pyodide interpreter with memsim's tracer loaded. It runs a
 * learner's program and returns its Trace. The sandbox pool runs engines in isolated
 * worker processes; this module itself does no isolation.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadPyodide, type PyodideInterface } from "pyodide";
import { RunnerError } from "../../core/errors.js";
import { SCHEMA_VERSION, Trace } from "../../core/trace.js";

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
}

export const DEFAULT_MAX_STEPS = 10_000;
/** Deep enough for any recursion a lesson needs; an endless one stops quickly and clearly. */
export const DEFAULT_MAX_DEPTH = 200;

const here = dirname(fileURLToPath(import.meta.url));
const TRACER_SOURCE_PATH = join(here, "tracer.py");

/** Where Pyodide's files are, so it loads from any working directory or process. */
export function pyodideIndexURL(): string {
  const require = createRequire(import.meta.url);
  return dirname(require.resolve("pyodide/pyodide.mjs")) + "/";
}

/** What the last run cost the tracer: slots it read, and whole-heap re-reads. */
export interface TracerStats {
  slotsRead: number;
  fullRescans: number;
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
  /** Python's own parse of a program (no code runs) */
  parse(source: string): ParseResult;
  readonly runtime: Trace["runtime"];
  /** figures from the most recent run (for tests and benchmarks) */
  readonly lastStats: TracerStats | undefined;
}

interface TracerModule {
  run(
    source: string,
    snap: (ops: PyList | undefined, temps: PyList | undefined) => number[] | 0,
    maxSteps: number,
    timeLimit: number,
    stdin: unknown,
    stdoutCap: number,
    maxDepth: number,
    peek: (address: number) => number,
  ): string;
}

let shared: Promise<PythonEngine> | undefined;

/** One engine per process, loaded on first use (for the command line and tests). */
export function sharedPythonEngine(): Promise<PythonEngine> {
  shared ??= createPythonEngine();
  return shared;
}

/** Loads Pyodide (about 2–4 s) and the tracer. */
export async function createPythonEngine(opts: { pyodide?: PyodideInterface } = {}): Promise<PythonEngine> {
  const py = opts.pyodide ?? (await loadPyodide({ indexURL: pyodideIndexURL() }));
  return engineFromPyodide(py);
}

export function engineFromPyodide(py: PyodideInterface): PythonEngine {
  py.FS.mkdirTree("/memsim");
  py.FS.writeFile("/memsim/memsim_tracer.py", readFileSync(TRACER_SOURCE_PATH, "utf8"));
  py.FS.writeFile("/memsim/memsim_ast.py", readFileSync(join(here, "ast_json.py"), "utf8"));
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
  const snap = createSnapshot((py as unknown as { _module: { HEAPU32: Uint32Array } })._module);
  let lastStats: TracerStats | undefined;
  return {
    runtime,
    get lastStats() {
      return lastStats;
    },
    parse(source) {
      return JSON.parse(astModule.parse(source)) as ParseResult;
    },
    run(source, options = {}) {
      const stdin = options.stdin ? py.toPy(options.stdin) : undefined;
      let json: string;
      try {
        json = tracer.run(
          source,
          snap.call,
          options.maxSteps ?? DEFAULT_MAX_STEPS,
          (options.timeLimitMs ?? 0) / 1000,
          stdin,
          options.stdoutCap ?? 65_536,
          options.maxDepth ?? DEFAULT_MAX_DEPTH,
          snap.peek,
        );
      } catch (cause) {
        throw new RunnerError("tracer-failed", "The Python tracer failed.", { cause });
      } finally {
        snap.reset();
        (stdin as { destroy?: () => void } | undefined)?.destroy?.();
      }
      const { _stats, ...raw } = JSON.parse(json) as Record<string, unknown>;
      lastStats = _stats as TracerStats;
      return Trace.parse({ schemaVersion: SCHEMA_VERSION, language: "python", runtime, ...raw });
    },
  };
}

interface PyList {
  toJs(): number[];
}

/**
 * The host's view of the tracer's objects. The tracer remembers objects by address only;
 * at each callback this reads every remembered object's header straight from WebAssembly
 * memory. CPython overwrites the first word of a freed block (the reference count) with a
 * free-list link, and a live object's count is small and positive; the second word is its
 * type. Returns [number of dead, ...dead addresses, ...1/0 per temp triple: alive], or 0
 * when nothing died and there were no temporaries to check.
 */
function createSnapshot(module: { HEAPU32: Uint32Array }) {
  const tracked = new Map<number, number>();
  const alive = (heap: Uint32Array, addr: number, typeId: number): boolean => {
    const word = addr >>> 2;
    const refcount = heap[word] ?? 0;
    return heap[word + 1] === typeId && refcount >= 1 && refcount < 65536;
  };
  return {
    call(opsList: PyList | undefined, tempsList: PyList | undefined): number[] | 0 {
      const heap = module.HEAPU32;
      const ops = opsList ? opsList.toJs() : [];
      for (let i = 0; i + 1 < ops.length; i += 2) {
        const addr = ops[i]!;
        const typeId = ops[i + 1]!;
        if (typeId === 0) tracked.delete(addr);
        else tracked.set(addr, typeId);
      }
      const out: number[] = [0];
      for (const [addr, typeId] of tracked) {
        if (!alive(heap, addr, typeId)) {
          out.push(addr);
          tracked.delete(addr);
        }
      }
      out[0] = out.length - 1;
      if (out[0] === 0 && !tempsList) return 0;
      const temps = tempsList ? tempsList.toJs() : [];
      for (let i = 0; i + 2 < temps.length; i += 3) {
        // the third word of a str, bytes or tuple is its length, which never changes
        const length = temps[i + 2]!;
        const same = alive(heap, temps[i]!, temps[i + 1]!) && (length < 0 || heap[(temps[i]! >>> 2) + 2] === length);
        out.push(same ? 1 : 0);
      }
      return out;
    },
    reset(): void {
      tracked.clear();
    },
    /** one 32-bit word of memory: the tracer finds a frame's closure cells with it */
    peek(address: number): number {
      return module.HEAPU32[address >>> 2] ?? 0;
    },
  };
}
