/**
 * The start-up snapshot: Pyodide's memory just after it loaded the tracer, made once before
 * any learner code exists, and kept on disk. Every run's interpreter is restored from it,
 * so every run starts from the same bytes.
 */
import { createHash } from "node:crypto";
import { chmodSync, existsSync, lstatSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { enginePythonFiles } from "../runners/python/files.js";
import { SandboxError } from "./errors.js";
import type { LaunchPlan } from "./launch.js";
import { WorkerProcess } from "./worker-process.js";

/** A private folder (mode 0700, ours) for snapshots. */
function snapshotFolder(dir: string | undefined): string {
  const folder = dir ?? join(tmpdir(), `memsim-${process.getuid?.() ?? "user"}`);
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const st = lstatSync(folder);
  if (!st.isDirectory() || (process.getuid && st.uid !== process.getuid())) {
    throw new SandboxError("snapshot-folder", `${folder} is not a folder of this user: memsim will not trust a snapshot kept there.`);
  }
  if ((st.mode & 0o077) !== 0) chmodSync(folder, 0o700);
  return folder;
}

/** Pyodide's files a snapshot is made from, besides its package.json */
const PYODIDE_FILES = ["pyodide.asm.wasm", "pyodide.asm.mjs", "python_stdlib.zip", "pyodide-lock.json"];

/** What the snapshot depends on: a change to any of these makes a new one. */
export function snapshotKey(files: SnapshotFiles): string {
  const hash = createHash("sha256");
  hash.update(process.version);
  const own = files.packageJsons?.[0];
  if (own) hash.update(`memsim ${String((JSON.parse(readFileSync(own, "utf8")) as { version?: unknown }).version)}`);
  hash.update(readFileSync(join(files.pyodideDir, "package.json")));
  // Pyodide's big files by size and time (reading them would cost more than the start saves)
  for (const name of PYODIDE_FILES) {
    const path = join(files.pyodideDir, name);
    const st = existsSync(path) ? statSync(path) : undefined;
    hash.update(`${name} ${st ? `${st.size} ${st.mtimeMs}` : "absent"}\n`);
  }
  // every Python file the engine loads (the tracer package and the parser's module), named: an
  // edit to any of them makes a new snapshot
  const pythonDir = join(files.codeDir, "runners", "python");
  for (const { file } of enginePythonFiles(pythonDir)) {
    hash.update(file);
    hash.update(readFileSync(join(pythonDir, file)));
  }
  hash.update(readFileSync(join(files.codeDir, "sandbox", "guard.py")));
  hash.update(readFileSync(join(files.codeDir, "runners", "python", "engine.js")));
  hash.update(readFileSync(join(files.codeDir, "sandbox", "interpreter.js")));
  return hash.digest("hex").slice(0, 24);
}

export interface SnapshotFiles {
  pyodideDir: string;
  /** the compiled dist/src folder */
  codeDir: string;
  /** memsim's own package.json first (its version is part of the key) */
  packageJsons?: string[];
}

/**
 * The snapshot file for these files, made now by `make` if it does not exist yet (the pool
 * makes it in a sandboxed worker; the command line in a thread of its own process).
 */
export async function ensureSnapshot(files: SnapshotFiles, dir: string | undefined, make: () => Promise<Uint8Array>): Promise<{ path: string; madeMs?: number }> {
  const path = join(snapshotFolder(dir), `pyodide-${snapshotKey(files)}.snapshot`);
  if (existsSync(path)) return { path };
  const t0 = performance.now();
  const bytes = await make();
  if (!(bytes instanceof Uint8Array) || bytes.length < 1024) throw new SandboxError("snapshot-failed", "The snapshot worker sent no snapshot.");
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, bytes, { mode: 0o600 });
  renameSync(tmp, path);
  return { path, madeMs: Math.round(performance.now() - t0) };
}

/** Makes the snapshot in a sandboxed worker process started with `plan`. */
export function snapshotInWorker(plan: LaunchPlan, init: { indexURL: string; memoryBytes: number }): Promise<Uint8Array> {
  const worker = new WorkerProcess(plan, { ...init, jsHeapMb: 512, rssLimitBytes: Number.MAX_SAFE_INTEGER, graceMs: 0, startTimeoutMs: 120_000, spares: 0 }, "snapshot");
  return new Promise<Uint8Array>((resolve, reject) => {
    const timer = setTimeout(() => {
      worker.kill("failed");
      reject(new SandboxError("snapshot-failed", "Making the Python start-up snapshot took too long."));
    }, 120_000);
    worker.on((message) => {
      if (message.type === "snapshot") {
        clearTimeout(timer);
        worker.kill("closing");
        resolve(message.bytes);
      } else if (message.type === "failed") {
        clearTimeout(timer);
        worker.kill("failed");
        reject(new SandboxError("snapshot-failed", `Making the Python start-up snapshot failed: ${message.message}`));
      }
    });
    worker.onExit((code, signal) => {
      clearTimeout(timer);
      reject(new SandboxError("snapshot-failed", `The snapshot worker exited (${signal ?? `code ${code}`}): ${worker.diagnostics}`));
    });
  });
}
