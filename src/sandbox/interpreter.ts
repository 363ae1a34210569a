/**
 * One interpreter: a worker thread with a Pyodide of its own, restored from the start-up
 * snapshot, that serves exactly one run (or one named session) and is then thrown away.
 *
 * This is what keeps learners apart by construction: a thread has its own JavaScript realm
 * and its own WebAssembly memory, so nothing one program changes (Python objects, the
 * interpreter's memory, JavaScript state, files in the virtual file system) exists for the
 * next program, which runs in a new thread restored from the same bytes. Nothing is undone.
 *
 * The thread is started by `Interpreters` (threads.ts), in a sandbox worker process or, for
 * the command line and the console, in memsim's own process. It never trusts its parent
 * less than its parent trusts it: every message it sends is validated there.
 */
import fs from "node:fs";
import os from "node:os";
import { parentPort, workerData } from "node:worker_threads";
import type { Trace } from "../core/trace.js";
import { decodeTrace, encodeTrace } from "../core/wire.js";
import { removePowers } from "./harden.js";
import type { RunHost } from "../runners/python/engine.js";
import type { OutputPiece } from "./output.js";
import { PROGRESS_HEADER } from "./protocol.js";
import { ANSWER_BYTES, CONTROL, INPUT_STATE, INPUT_WAIT_MS, PROMPT_CHARS, type ThreadInit, type ThreadIn, type ThreadOut } from "./thread-protocol.js";

const started = performance.now();
const MiB = 1024 * 1024;
const init = workerData as ThreadInit;
// this thread's own copy of the snapshot; the shared bytes are dropped before anything else
let snapshotCopy = init.snapshot ? init.snapshot.slice() : undefined;
delete (init as { snapshot?: unknown }).snapshot;

function send(message: ThreadOut, transfer: ArrayBuffer[] = []): void {
  parentPort?.postMessage(message, transfer);
}

/** Removes what a program must never reach from this thread's JavaScript, before Pyodide loads. */
function harden(): void {
  // Pyodide reads fs and os constants through process.binding; nothing else is offered
  (process as unknown as { binding: (name: string) => unknown }).binding = (name: string) => {
    if (name === "constants") return { fs: fs.constants, os: os.constants };
    throw new Error("not available in memsim's sandbox");
  };
  // the network and the process powers; in a thread also abort and reallyExit, which end the whole process
  removePowers(["abort", "reallyExit"]);
  Object.defineProperty(Error, "prepareStackTrace", { value: undefined, writable: false, configurable: false });
}

/**
 * After Pyodide has loaded: no JavaScript can be made from a string in this thread. The
 * constructors stay (so `instanceof` still works) but refuse to be called.
 */
function lockCodeGeneration(): void {
  const g = globalThis as Record<string, unknown>;
  const refuse = () => {
    throw new Error("not available in memsim's sandbox");
  };
  try {
    Object.defineProperty(g, "eval", { value: refuse, writable: false, configurable: false });
  } catch {
    // the process flag --disallow-code-generation-from-strings still holds in the pool
  }
  const kinds: [object, string | undefined][] = [
    [function () {}, "Function"],
    [async function () {}, undefined],
    [function* () {}, undefined],
    [async function* () {}, undefined],
  ];
  for (const [fn, name] of kinds) {
    const proto = Object.getPrototypeOf(fn) as { constructor: object };
    const locked = new Proxy(proto.constructor, { apply: refuse, construct: refuse });
    try {
      Object.defineProperty(proto, "constructor", { value: locked, writable: false, configurable: false });
      if (name) Object.defineProperty(g, name, { value: locked, writable: false, configurable: false });
    } catch {
      // as above
    }
  }
}

/** Caps the Python heap: growing WebAssembly memory past the cap fails, so CPython raises MemoryError. */
const heap = { capBytes: Number.POSITIVE_INFINITY, hit: false };
interface WasmMemory {
  buffer: ArrayBuffer;
  grow(delta: number): number;
}
interface WasmApi {
  Memory: { prototype: WasmMemory };
  Module: new (bytes: Uint8Array) => object;
  instantiate(source: unknown, imports: unknown): Promise<unknown>;
}
const wasmApi = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

function capMemory(): void {
  const memory = wasmApi.Memory.prototype;
  const grow = memory.grow;
  memory.grow = function (this: WasmMemory, delta: number): number {
    if (this.buffer.byteLength + delta * 65536 > heap.capBytes) {
      heap.hit = true;
      throw new RangeError("memory limit");
    }
    const before = grow.call(this, delta);
    // the allocator asks for more than it needs first, then for less: only a request that
    // nothing satisfied is the program's limit
    heap.hit = false;
    return before;
  };
}

/** Pyodide's main module is compiled once per process and shared by every thread. */
function useCompiledModule(module: object): void {
  const instantiate = wasmApi.instantiate.bind(wasmApi);
  wasmApi.instantiate = (source: unknown, imports: unknown) => {
    const big = source && typeof source === "object" && "byteLength" in source && (source as ArrayBuffer).byteLength > 1_000_000;
    if (!big) return instantiate(source, imports);
    return (instantiate(module, imports) as Promise<object>).then((instance) => ({ instance, module }));
  };
}

interface PyProxyLike {
  (...args: unknown[]): unknown;
  destroy?: () => void;
}

interface Engine {
  runtime: { name: string; version: string; sizeModel: string; engine: string };
  run(source: string, options: Record<string, unknown>): unknown;
  /** the Trace as compact JSON text (see src/core/wire.ts) */
  runJson(source: string, options: Record<string, unknown>): string;
}

/**
 * Built-in modules no program may have (C code compiled into the interpreter, so there is
 * no file to leave out): removed from CPython's table of built-in modules (the inittab, both
 * the static one and the runtime's copy) before the snapshot is made, so no route to them
 * exists in any interpreter restored from it. `_imp.is_builtin` then says 0 for each.
 */
export const ABSENT_BUILTINS = [
  "_ctypes", "_testcapi", "_testinternalcapi", "_testlimitedcapi", "_testbuffer", "_testclinic",
  "mmap", "_posixsubprocess", "_remote_debugging", "_sqlite3", "_tracemalloc",
]; // operator-facing

interface WasmHeap {
  HEAPU8: Uint8Array;
  HEAPU32: Uint32Array;
  _malloc(bytes: number): number;
}

function forgetBuiltins(mod: WasmHeap, names: string[]): void {
  const heap = mod.HEAPU8;
  const words = mod.HEAPU32;
  const buf = Buffer.from(heap.buffer, heap.byteOffset, heap.length);
  // a NUL-terminated identifier starts at `at`
  const isName = (at: number): boolean => {
    if (at <= 0 || at >= heap.length) return false;
    let n = 0;
    for (let i = at; i < heap.length && n < 64; i++, n++) {
      const c = heap[i]!;
      if (c === 0) return n > 0;
      if (!(c === 95 || (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122))) return false;
    }
    return false;
  };
  const isFunction = (v: number) => v > 0 && v < 1 << 20;
  // an inittab entry is {name, initfunc}, in an array of such entries ending with {0, 0}:
  // the entry after a match must be one too (the first entry has none before it)
  const isEntry = (w: number) => (words[w] === 0 && words[w + 1] === 0) || (isName(words[w]!) && isFunction(words[w + 1]!));
  const starts = new Map<number, string>();
  for (const name of names) {
    const needle = Buffer.from(`${name}\0`, "latin1");
    // (a name may be the tail of a longer string the linker merged it into)
    for (let i = buf.indexOf(needle); i >= 0; i = buf.indexOf(needle, i + 1)) if (i > 0) starts.set(i, name);
  }
  // every entry is found before any is changed (a changed one no longer looks like an entry)
  const entries: [number, string][] = [];
  for (let w = 2; w < words.length - 3; w++) {
    const name = starts.get(words[w]!);
    if (name !== undefined && isFunction(words[w + 1]!) && isEntry(w + 2)) entries.push([w, name]);
  }
  const found = new Map<string, number>();
  for (const [w, name] of entries) {
    const absent = `memsim-absent:${name}\0`;
    const at = mod._malloc(absent.length);
    heap.set(Buffer.from(absent, "latin1"), at);
    words[w] = at;
    found.set(name, (found.get(name) ?? 0) + 1);
  }
  const missing = names.filter((n) => !found.has(n));
  if (missing.length > 0) throw new Error(`could not find the built-in modules ${missing.join(", ")} in the interpreter's table`); // operator-facing
}

/**
 * JavaScript's garbage collector frees Pyodide's proxies of Python objects when it likes, and
 * each proxy's finalizer then gives its Python object back. Left to the collector's timing, a
 * program would find the Python heap a little different depending on how long its interpreter
 * had waited (a list given back or not before the program's first line changes where the
 * program's next lists go). So the finalizers are held: a snapshot and a run's interpreter
 * never run them (the thread and all it holds go after its one run); a session runs those held
 * before each later run, in the order of the objects' addresses.
 */
const finalizers: { order: number; run: () => void }[] = [];
function holdFinalizers(): void {
  const Base = globalThis.FinalizationRegistry;
  const orderOf = (held: unknown): number => {
    const ptr = (held as { ptr?: unknown } | null)?.ptr;
    return typeof ptr === "number" ? ptr : Number.MAX_SAFE_INTEGER;
  };
  class Held<T> extends Base<T> {
    constructor(cleanup: (held: T) => void) {
      super((held: T) => void finalizers.push({ order: orderOf(held), run: () => cleanup(held) }));
    }
  }
  globalThis.FinalizationRegistry = Held as typeof FinalizationRegistry;
}

/** The finalizers held so far, run now (a session's, between its runs). */
function runHeldFinalizers(): void {
  for (const f of finalizers.splice(0).sort((a, b) => a.order - b.order)) f.run();
}

/** The program every snapshot is made after, so the tracer's code paths are loaded in it. */
const WARM_SOURCE = "def f(n):\n    items = [i * i for i in range(n)]\n    return items[:]\nxs = f(20)\ntext = ''\nfor x in xs:\n    text += str(x)\nprint(len(text))\n"; // operator-facing

async function main(): Promise<void> {
  heap.capBytes = init.memoryBytes;
  if (init.module) useCompiledModule(init.module);
  holdFinalizers();
  // no schema is loaded here (the host checks every Trace this thread sends): nothing in this
  // thread imports zod, whose checks would compile code from strings
  const { loadPyodide } = await import("pyodide");
  const { engineFromPyodide } = await import("../runners/python/engine.js");
  // the guard (guard.py) ships beside this file, in src/ or dist/
  const guardSource = fs.readFileSync(new URL("./guard.py", import.meta.url), "utf8");

  const tImported = performance.now();
  const options: Record<string, unknown> = {
    indexURL: init.indexURL,
    jsglobals: {},
    // one hash seed: the same program lays out its dicts and sets, and so its memory, the same way
    env: { PYTHONHASHSEED: "0" },
    stdout: () => undefined,
    stderr: () => undefined,
  };
  if (init.role === "snapshot") options._makeSnapshot = true;
  else options._loadSnapshot = snapshotCopy;
  const py = (await loadPyodide(options)) as unknown as {
    runPython(code: string, options?: { globals?: unknown }): unknown;
    makeMemorySnapshot(): Uint8Array;
    setInterruptBuffer(buffer: Int32Array): void;
  };
  delete options._loadSnapshot;
  snapshotCopy = undefined;
  const tLoaded = performance.now();
  // the host validates every Trace it receives from this thread: not twice

  if (init.role === "snapshot") {
    const engine = engineFromPyodide(py as never) as unknown as Engine;
    engine.run(WARM_SOURCE, { maxSteps: 10_000 });
    forgetBuiltins((py as unknown as { _module: WasmHeap })._module, ABSENT_BUILTINS);
    const left = String(py.runPython(`import _imp\n",".join(n for n in ${JSON.stringify(ABSENT_BUILTINS)} if _imp.is_builtin(n))`)); // operator-facing
    const kept = String(py.runPython(`import _imp\n",".join(n for n in ["math", "_json", "itertools"] if not _imp.is_builtin(n))`)); // operator-facing
    if (left || kept) throw new Error(`the built-in module table is not as it should be (${left} | ${kept})`); // operator-facing
    const bytes = py.makeMemorySnapshot();
    const copy = bytes.slice().buffer;
    send({ type: "snapshot", bytes: copy }, [copy]);
    return;
  }

  const progressFd = init.progressFd;
  const progress = Buffer.alloc(PROGRESS_HEADER);
  const write = (bytes: Buffer, at: number, length = bytes.length) => {
    if (progressFd === undefined) return;
    try {
      fs.writeSync(progressFd, bytes, 0, length, at);
    } catch {
      // progress is a courtesy for stopped runs; a run never fails for it
    }
  };
  const emit = (json: string) => {
    const bytes = Buffer.from(json, "utf8");
    write(bytes, PROGRESS_HEADER);
    const size = Buffer.alloc(4);
    size.writeUInt32LE(bytes.length, 0);
    write(size, 8);
  };
  // at every traced event: a store in memory the owner of this thread copies into the file
  // (a write to the file each time cost more than a step of the tracer)
  const shared = init.progress ? new Uint32Array(init.progress) : undefined;
  const report = shared
    ? (steps: number, line: number) => {
        shared[0] = steps;
        shared[1] = line;
      }
    : (steps: number, line: number) => {
        progress.writeUInt32LE(steps >>> 0, 0);
        progress.writeUInt32LE(line >>> 0, 4);
        write(progress, 0, 8);
      };
  // the host validates every Trace it receives from this thread: not twice. The tracer tells
  // its progress through the engine's doorbells, not through a call from Python
  const engine = engineFromPyodide(py as never, { progress: report }) as unknown as Engine;
  const globals = py.runPython("{}") as PyProxyLike;
  const install = py.runPython(guardSource, { globals }) as PyProxyLike;
  const control = install(undefined, emit) as PyProxyLike;
  install.destroy?.();
  globals.destroy?.();
  if (init.role === "session") control("session");
  const live = init.control ? liveHost(new Int32Array(init.control)) : undefined;
  if (init.control) py.setInterruptBuffer(new Int32Array(init.control, 0, 1));
  lockCodeGeneration();
  // every run starts from the same state, however soon after this it comes: whatever
  // start-up left for later (callbacks, garbage) is done now, not during the program
  await new Promise((resolve) => setTimeout(resolve, 0));
  py.runPython("import gc; gc.collect()"); // operator-facing

  send({
    type: "ready",
    runtime: engine.runtime,
    timings: {
      importMs: Math.round(tImported - started),
      loadMs: Math.round(tLoaded - tImported),
      totalMs: Math.round(performance.now() - started),
    },
  });

  let runs = 0;
  parentPort?.on("message", (msg: ThreadIn) => {
    if (msg.type !== "run") return;
    // a session's next program finds what the last one left, and only that
    if (runs++ > 0) {
      try {
        runHeldFinalizers();
      } catch {
        // the run itself reports whatever is wrong with the interpreter
      }
    }
    heap.hit = false;
    progress.fill(0);
    write(progress, 0, PROGRESS_HEADER);
    if (shared) shared.fill(0);
    let text: string | undefined;
    let failure: unknown;
    try {
      text = engine.runJson(msg.source, {
        maxSteps: msg.maxSteps,
        timeLimitMs: msg.timeLimitMs,
        stdin: msg.stdin,
        stdoutCap: msg.stdoutCap,
        maxDepth: msg.maxDepth,
        ...(msg.display ? { display: true } : {}),
        ...(live ? { host: live(msg.id, msg.interactive === true, msg.output === true) } : {}),
      });
    } catch (error) {
      failure = error;
    }
    if (text === undefined) {
      if (heap.hit) send({ type: "result", id: msg.id, json: "", memoryHit: true });
      else send({ type: "failed", id: msg.id, message: describe(failure) });
      return;
    }
    const { json, cut } = fitTrace(text, msg.maxTraceBytes, heap.hit ? Math.round(init.memoryBytes / MiB) : undefined);
    send({ type: "result", id: msg.id, json, ...(cut ? { cut } : {}), ...(heap.hit ? { memoryHit: true } : {}) });
  });
}

/**
 * What a run a person watches may ask of its owner (see RunHost in engine.ts): the thread
 * blocks on the control words while the owner answers or interrupts.
 */
function liveHost(ctl: Int32Array): (runId: number, interactive: boolean, output: boolean) => RunHost {
  const answerBytes = new Uint8Array(ctl.buffer, CONTROL.ANSWER_AT, ANSWER_BYTES);
  // an interrupt asked for is taken here (Pyodide would raise it again at its next check)
  const interrupted = () => {
    if (Atomics.compareExchange(ctl, CONTROL.INTERRUPT, 2, 0) !== 2) return false;
    Atomics.store(ctl, CONTROL.ASKED, 2);
    return true;
  };
  return (runId, interactive, output) => ({
    // present only when the owner shows the output as it is printed (the tracer looks for it)
    ...(output ? { output: (pieces: string) => send({ type: "output", id: runId, pieces: JSON.parse(pieces) as OutputPiece[] }) } : {}),
    asked: () => (Atomics.load(ctl, CONTROL.ASKED) === 1 ? 1 : 0),
    taken: () => void Atomics.store(ctl, CONTROL.ASKED, 2),
    sleep(seconds) {
      const end = performance.now() + Math.max(0, seconds) * 1000;
      for (;;) {
        if (interrupted()) return 1;
        const left = end - performance.now();
        if (left <= 0) return 0;
        Atomics.wait(ctl, CONTROL.INTERRUPT, 0, left);
      }
    },
    ask(prompt) {
      if (!interactive) return "N";
      if (interrupted()) return "I";
      Atomics.store(ctl, CONTROL.INPUT, INPUT_STATE.WAITING);
      send({ type: "input", id: runId, prompt: prompt.slice(0, PROMPT_CHARS) });
      // the owner answers within INPUT_WAIT_MS; this bound only covers an owner that cannot
      const end = performance.now() + INPUT_WAIT_MS + 60_000;
      for (;;) {
        const state = Atomics.load(ctl, CONTROL.INPUT);
        if (state !== INPUT_STATE.WAITING || performance.now() > end) {
          Atomics.store(ctl, CONTROL.INPUT, INPUT_STATE.IDLE);
          if (state === INPUT_STATE.INTERRUPTED) {
            interrupted();
            return "I";
          }
          if (state !== INPUT_STATE.ANSWERED) return "N";
          const length = Math.min(Math.max(0, Atomics.load(ctl, CONTROL.LENGTH)), ANSWER_BYTES);
          return "A" + Buffer.from(answerBytes.slice(0, length)).toString("utf8");
        }
        Atomics.wait(ctl, CONTROL.INPUT, INPUT_STATE.WAITING, Math.max(1, end - performance.now()));
      }
    },
  });
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause;
    const inner = cause instanceof Error ? `: ${cause.message.split("\n").slice(-3).join(" ")}` : "";
    return `${error.message}${inner}`.slice(0, 500);
  }
  return String(error).slice(0, 500);
}

/**
 * The tracer's text as it is when it fits `maxBytes` (the common case: nothing is parsed here);
 * otherwise the trace's steps cut until it does, keeping the objects those steps use. A run that
 * reached its memory limit (`memoryMb`) says so in its outcome.
 */
function fitTrace(text: string, maxBytes: number, memoryMb?: number): { json: string; cut?: { keptSteps: number; totalSteps: number } } {
  if (text.length <= maxBytes && memoryMb === undefined) return { json: text };
  const trace = decodeTrace(JSON.parse(text)) as Trace;
  // a run cut or stopped at its memory did not finish: it shows no last value
  delete trace.display;
  if (memoryMb !== undefined) {
    const last = trace.steps[trace.steps.length - 1];
    trace.outcome = { status: "limit", limit: "memory", max: memoryMb, ...(last ? { line: last.line } : {}) };
  }
  let json = JSON.stringify(encodeTrace(trace));
  if (json.length <= maxBytes || trace.steps.length === 0) return { json };
  const total = trace.steps.length;
  let keep = Math.max(1, Math.floor(total * (maxBytes / json.length) * 0.9));
  for (;;) {
    const objects: Trace["objects"] = {};
    for (const [id, obj] of Object.entries(trace.objects)) {
      if (obj.createdAt >= keep) continue;
      if (obj.freedAt !== undefined && obj.freedAt >= keep) {
        const { freedAt: _, ...alive } = obj;
        objects[id] = alive;
      } else objects[id] = obj;
    }
    const steps = trace.steps.slice(0, keep);
    const last = steps[steps.length - 1]!;
    const cut: Trace = { ...trace, steps, objects, outcome: { status: "limit", limit: "steps", max: keep, line: last.line } };
    json = JSON.stringify(encodeTrace(cut));
    if (json.length <= maxBytes || keep === 1) return { json, cut: { keptSteps: keep, totalSteps: total } };
    keep = Math.max(1, Math.floor(keep * (maxBytes / json.length) * 0.9));
  }
}

harden();
capMemory();
main().catch((error: unknown) => {
  send({ type: "failed", message: describe(error) });
});
