/**
 * The worker process: one Pyodide interpreter with the tracer and the guard, serving runs
 * sent by the pool over IPC. It is started by the pool inside the sandbox (see launch.ts)
 * and is never imported by the host.
 *
 * Order matters: the process is hardened before Pyodide is imported, so nothing Pyodide
 * keeps can lead to network globals, child processes or the host's signals.
 */
import fs from "node:fs";
import os from "node:os";
import { PROGRESS_HEADER, type HostMessage, type InitMessage, type RunMessage, type WorkerMessage } from "./protocol.js";

const started = performance.now();
const MiB = 1024 * 1024;

function send(message: WorkerMessage): void {
  process.send?.(message);
}

/** Removes what a sandboxed program must never reach, before any other code loads. */
function harden(): void {
  const proc0 = process as unknown as { binding: (name: string) => unknown };
  const binding = proc0.binding.bind(process);
  // Pyodide reads fs and os constants through process.binding, which the permission model denies
  (process as unknown as { binding: (name: string) => unknown }).binding = (name: string) =>
    name === "constants" ? { fs: fs.constants, os: os.constants } : binding(name);
  for (const name of ["fetch", "WebSocket", "EventSource", "XMLHttpRequest", "Request", "Response", "Headers", "FormData", "navigator"]) {
    try {
      delete (globalThis as Record<string, unknown>)[name];
    } catch {
      // a non-configurable global stays, and the sandbox's other layers still hold
    }
  }
  const refuse = () => {
    throw new Error("not available in memsim's sandbox");
  };
  const proc = process as unknown as Record<string, unknown>;
  for (const name of ["kill", "_kill", "dlopen", "_linkedBinding", "chdir", "setuid", "setgid", "seteuid", "setegid", "setgroups", "initgroups"]) {
    try {
      proc[name] = refuse;
    } catch {
      // already locked down by Node
    }
  }
  Object.defineProperty(Error, "prepareStackTrace", { value: undefined, writable: false, configurable: false });
}

/** Caps the Python heap: growing WebAssembly memory past the cap fails, so CPython raises MemoryError. */
const heap = { capBytes: Number.POSITIVE_INFINITY, hit: false };
interface WasmMemory {
  buffer: ArrayBuffer;
  grow(delta: number): number;
}
function capMemory(): void {
  const memory = (globalThis as unknown as { WebAssembly: { Memory: { prototype: WasmMemory } } }).WebAssembly.Memory.prototype;
  const grow = memory.grow;
  memory.grow = function (this: WasmMemory, delta: number): number {
    if (this.buffer.byteLength + delta * 65536 > heap.capBytes) {
      heap.hit = true;
      throw new RangeError("memory limit");
    }
    return grow.call(this, delta);
  };
}

interface PyProxyLike {
  (...args: unknown[]): unknown;
  toJs?: () => unknown;
  destroy?: () => void;
}

interface Engine {
  runtime: { name: string; version: string; sizeModel: string; engine: string };
  run(source: string, options: Record<string, unknown>): { steps: { line: number }[]; objects: Record<string, { createdAt: number; freedAt?: number }>; outcome: Record<string, unknown> } & Record<string, unknown>;
}

async function main(init: InitMessage): Promise<void> {
  heap.capBytes = init.memoryBytes;
  const { loadPyodide } = await import("pyodide");
  const { engineFromPyodide } = await import("../runners/python/engine.js");
  const { GUARD_SOURCE } = await import("./guard-python.js");
  const tImported = performance.now();

  const diagnostics: string[] = [];
  const keep = (text: string) => {
    if (diagnostics.join("").length < 4096) diagnostics.push(text);
  };
  const options: Record<string, unknown> = {
    indexURL: init.indexURL,
    jsglobals: {},
    // one hash seed: the same program lays out its dicts and sets, and so its memory, the same way
    env: { PYTHONHASHSEED: "0" },
    stdout: () => undefined,
    stderr: keep,
  };
  if (init.role === "snapshot") options._makeSnapshot = true;
  else options._loadSnapshot = fs.readFileSync(init.snapshotPath!);
  const py = (await loadPyodide(options)) as unknown as {
    runPython(code: string, options?: { globals?: unknown }): unknown;
    toPy(value: unknown): unknown;
    makeMemorySnapshot(): Uint8Array;
    FS: FsLike;
    _module: { HEAPU8: Uint8Array };
  };
  delete options._loadSnapshot;
  const tLoaded = performance.now();
  const engine = engineFromPyodide(py as never) as unknown as Engine;
  const warmSource = "def f(n):\n    items = [i * i for i in range(n)]\n    return items[:]\nxs = f(20)\ntext = ''\nfor x in xs:\n    text += str(x)\nprint(len(text))\n"; // operator-facing

  if (init.role === "snapshot") {
    engine.run(warmSource, { maxSteps: 10_000 });
    send({ type: "snapshot", bytes: py.makeMemorySnapshot() });
    return;
  }

  const progress = Buffer.alloc(PROGRESS_HEADER);
  const clearProgress = () => {
    progress.fill(0);
    try {
      fs.writeSync(init.progressFd, progress, 0, PROGRESS_HEADER, 0);
    } catch {
      // see report
    }
  };
  const emit = (json: string) => {
    const bytes = Buffer.from(json, "utf8");
    try {
      fs.writeSync(init.progressFd, bytes, 0, bytes.length, PROGRESS_HEADER);
      const size = Buffer.alloc(4);
      size.writeUInt32LE(bytes.length, 0);
      fs.writeSync(init.progressFd, size, 0, 4, 8);
    } catch {
      // the host then reports the kill without the steps
    }
  };
  const report = (steps: number, line: number) => {
    progress.writeUInt32LE(steps >>> 0, 0);
    progress.writeUInt32LE(line >>> 0, 4);
    try {
      fs.writeSync(init.progressFd, progress, 0, 8, 0);
    } catch {
      // progress is a courtesy for killed runs; a run never fails for it
    }
  };
  const install = py.runPython(GUARD_SOURCE, { globals: py.runPython("{}") }) as PyProxyLike;
  const control = install(report, emit) as PyProxyLike;
  install.destroy?.();
  const call = (command: string, source?: string): unknown => {
    const out = (source === undefined ? control(command) : control(command, source)) as PyProxyLike | unknown;
    if (out && typeof out === "object" && "toJs" in (out as object)) {
      const value = (out as PyProxyLike).toJs!();
      (out as PyProxyLike).destroy?.();
      return value;
    }
    return out;
  };

  engine.run(warmSource, { maxSteps: 10_000 });
  const watched = call("baseline");
  const reachable = reachableFromPython(py, [report, control("snap")]);
  const jsPrint = fingerprint(reachable);
  const fsPrint = fsSignature(py.FS);
  const heapBaseline = py._module.HEAPU8.length;

  const reset = (): string | undefined => {
    for (let round = 0; round < 3; round++) {
      const [changed, taint] = call("reset") as [number, string[]];
      if (changed > 0) call("release");
      if (taint.length > 0) return `the program ${taint[0]}`; // operator-facing
      if (changed === 0) {
        call("idle");
        return undefined;
      }
    }
    call("idle");
    return "the interpreter would not settle"; // operator-facing
  };

  // runs until the engine is compiled and warm, but never more than a couple of seconds
  for (let i = 0; i < init.warmupRuns && performance.now() - tLoaded < 2_500; i++) {
    call("begin", i % 2 === 0 ? warmSource : undefined);
    engine.run(warmSource, { maxSteps: 10_000 });
    call("end");
    const retire = reset();
    if (retire) throw new Error(`the reset does not hold for an ordinary program: ${retire}`);
  }
  if (fsSignature(py.FS) !== fsPrint || !sameFingerprint(jsPrint, fingerprint(reachable))) {
    throw new Error("the warm-up changed the interpreter");
  }
  // a session's namespace starts empty, after the warm-up runs
  if (init.role === "session") call("session");
  const tWarm = performance.now();
  send({
    type: "ready",
    runtime: engine.runtime,
    timings: {
      importMs: Math.round(tImported - started),
      loadMs: Math.round(tLoaded - tImported),
      warmMs: Math.round(tWarm - tLoaded),
      totalMs: Math.round(tWarm - started),
      watchedContainers: Number(watched),
      heapBytes: heapBaseline,
    },
  });

  let runs = 0;
  const serve = (msg: RunMessage) => {
    runs++;
    heap.hit = false;
    clearProgress();
    let trace: ReturnType<Engine["run"]> | undefined;
    let failure: unknown;
    call("begin", msg.source);
    try {
      trace = engine.run(msg.source, {
        maxSteps: msg.maxSteps,
        timeLimitMs: msg.timeLimitMs,
        stdin: msg.stdin,
        stdoutCap: msg.stdoutCap,
        maxDepth: msg.maxDepth,
      });
    } catch (error) {
      failure = error;
    }
    const taint = call("end") as string[];
    if (!trace) {
      if (!heap.hit) {
        send({ type: "failed", id: msg.id, message: describe(failure) });
        process.exit(1);
      }
      send({ type: "result", id: msg.id, json: "", memoryHit: true });
    } else {
      if (heap.hit) {
        const last = trace.steps[trace.steps.length - 1];
        trace.outcome = { status: "limit", limit: "memory", max: Math.round(init.memoryBytes / MiB), ...(last ? { line: last.line } : {}) };
      }
      const { json, cut } = fitTrace(trace, msg.maxTraceBytes);
      send({ type: "result", id: msg.id, json, ...(cut ? { cut } : {}), ...(heap.hit ? { memoryHit: true } : {}) });
    }
    const t0 = performance.now();
    let retire: string | undefined;
    if (heap.hit) retire = "it reached the memory limit"; // operator-facing
    else if (init.role === "shared") {
      retire = taint.length > 0 ? `the program ${taint[0]}` : reset(); // operator-facing
      if (!retire && fsSignature(py.FS) !== fsPrint) retire = "the program changed the file system"; // operator-facing
      if (!retire && !sameFingerprint(jsPrint, fingerprint(reachable))) retire = "the program changed JavaScript objects"; // operator-facing
      if (!retire && runs >= init.maxRuns) retire = "it served its share of runs"; // operator-facing
    }
    if (!retire && py._module.HEAPU8.length > heapBaseline + 64 * MiB) retire = "its heap grew"; // operator-facing
    send({ type: "idle", resetMs: Math.round((performance.now() - t0) * 100) / 100, ...(retire ? { retire } : {}) });
  };

  process.on("message", (msg: HostMessage) => {
    if (msg.type === "run") serve(msg);
    else if (msg.type === "exit") process.exit(0);
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

/** Cuts the trace's steps until its JSON fits `maxBytes`, keeping the objects those steps use. */
function fitTrace(trace: ReturnType<Engine["run"]>, maxBytes: number): { json: string; cut?: { keptSteps: number; totalSteps: number } } {
  let json = JSON.stringify(trace);
  if (json.length <= maxBytes || trace.steps.length === 0) return { json };
  const total = trace.steps.length;
  let keep = Math.max(1, Math.floor(total * (maxBytes / json.length) * 0.9));
  for (;;) {
    const objects: Record<string, { createdAt: number; freedAt?: number }> = {};
    for (const [id, obj] of Object.entries(trace.objects)) {
      if (obj.createdAt >= keep) continue;
      if (obj.freedAt !== undefined && obj.freedAt >= keep) {
        const { freedAt: _, ...alive } = obj;
        objects[id] = alive;
      } else objects[id] = obj;
    }
    const steps = trace.steps.slice(0, keep);
    const last = steps[steps.length - 1]!;
    const cut = { ...trace, steps, objects, outcome: { status: "limit", limit: "steps", max: keep, line: last.line } };
    json = JSON.stringify(cut);
    if (json.length <= maxBytes || keep === 1) return { json, cut: { keptSteps: keep, totalSteps: total } };
    keep = Math.max(1, Math.floor(keep * (maxBytes / json.length) * 0.9));
  }
}

interface FsNode {
  id: number;
  mode: number;
  mtime?: number;
  ctime?: number;
  timestamp?: number;
  usedBytes?: number;
  contents?: unknown;
}

interface FsLike {
  root: FsNode;
  isDir(mode: number): boolean;
}

/** Every path of the virtual file system with what would change if a program wrote to it. */
function fsSignature(FS: FsLike): string {
  const parts: string[] = [];
  const walk = (node: FsNode, path: string) => {
    parts.push(`${path}|${node.id}|${node.mode}|${node.mtime ?? node.timestamp ?? ""}|${node.ctime ?? ""}|${node.usedBytes ?? ""}`);
    if (!FS.isDir(node.mode) || !node.contents || typeof node.contents !== "object" || ArrayBuffer.isView(node.contents)) return;
    for (const [name, child] of Object.entries(node.contents as Record<string, FsNode>)) {
      if (path === "/" && (name === "dev" || name === "proc")) continue;
      walk(child, path === "/" ? `/${name}` : `${path}/${name}`);
    }
  };
  walk(FS.root, "/");
  return parts.join("\n");
}

/**
 * Every JavaScript object a Python program could reach: the objects Pyodide makes for
 * Python values, JS functions handed to Python, errors, and all they lead to through
 * properties and prototypes. A program that changes any of them is found after its run.
 */
function reachableFromPython(py: { runPython(code: string): unknown }, handed: unknown[]): object[] {
  const starts: unknown[] = [...handed, {}, new Error("probe")];
  const list = py.runPython("[1]") as PyProxyLike;
  const fn = py.runPython("lambda: 1") as PyProxyLike;
  starts.push(list, fn);
  const seen = new Set<object>();
  const queue: unknown[] = [...starts, Object.getPrototypeOf(list), Object.getPrototypeOf(fn)];
  while (queue.length > 0) {
    const o = queue.shift();
    if (o === null || (typeof o !== "object" && typeof o !== "function") || seen.has(o)) continue;
    seen.add(o);
    let keys: (string | symbol)[] = [];
    try {
      keys = Reflect.ownKeys(o);
    } catch {
      continue;
    }
    for (const k of keys) {
      let d: PropertyDescriptor | undefined;
      try {
        d = Object.getOwnPropertyDescriptor(o, k);
      } catch {
        continue;
      }
      if (!d) continue;
      if ("value" in d) queue.push(d.value);
      if (d.get) queue.push(d.get);
      if (d.set) queue.push(d.set);
    }
    queue.push(Object.getPrototypeOf(o));
  }
  list.destroy?.();
  fn.destroy?.();
  // a PyProxy is a Proxy over Python: its own keys are Python's, not JavaScript state
  return [...seen].filter((o) => o !== list && o !== fn);
}

type Fingerprint = { object: object; keys: (string | symbol)[]; values: unknown[]; proto: unknown; extensible: boolean }[];

function fingerprint(objects: object[]): Fingerprint {
  return objects.map((object) => {
    const keys = Reflect.ownKeys(object);
    const values: unknown[] = [];
    for (const k of keys) {
      const d = Object.getOwnPropertyDescriptor(object, k);
      values.push(d && ("value" in d ? d.value : d.get), d?.set, d?.writable, d?.configurable);
    }
    return { object, keys, values, proto: Object.getPrototypeOf(object), extensible: Object.isExtensible(object) };
  });
}

function sameFingerprint(a: Fingerprint, b: Fingerprint): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.proto !== y.proto || x.extensible !== y.extensible || x.keys.length !== y.keys.length) return false;
    for (let j = 0; j < x.keys.length; j++) if (x.keys[j] !== y.keys[j]) return false;
    for (let j = 0; j < x.values.length; j++) if (!Object.is(x.values[j], y.values[j])) return false;
  }
  return true;
}

harden();
capMemory();
process.once("message", (msg: HostMessage) => {
  if (msg.type !== "init") return;
  main(msg).catch((error: unknown) => {
    send({ type: "failed", message: describe(error) });
    process.exit(1);
  });
});
