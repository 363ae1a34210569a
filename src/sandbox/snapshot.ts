/**
 * The start-up snapshot: Pyodide's memory just after it loaded the tracer, made once in a
 * sandboxed worker before any learner code exists, and kept on disk so later workers (and
 * later pools) start in well under a second instead of several.
 */
import { createHash } from "node:crypto";
import { chmodSync, existsSync, lstatSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SandboxError } from "./errors.js";
import type { LaunchPlan, WorkerFiles } from "./launch.js";
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

/** What the snapshot depends on: a change to any of these makes a new one. */
function snapshotKey(files: WorkerFiles): string {
  const hash = createHash("sha256");
  hash.update(process.version);
  hash.update(readFileSync(join(files.pyodideDir, "package.json")));
  hash.update(readFileSync(join(files.codeDir, "runners", "python", "tracer.py")));
  hash.update(readFileSync(join(files.codeDir, "runners", "python", "engine.js")));
  hash.update(readFileSync(files.script));
  return hash.digest("hex").slice(0, 24);
}

/** The snapshot file for these worker files, made now if it does not exist yet. */
export async function ensureSnapshot(
  files: WorkerFiles,
  dir: string | undefined,
  plan: (snapshotPath: string | undefined) => LaunchPlan,
  init: { indexURL: string; memoryBytes: number },
): Promise<{ path: string; madeMs?: number }> {
  const path = join(snapshotFolder(dir), `pyodide-${snapshotKey(files)}.snapshot`);
  if (existsSync(path)) return { path };
  const t0 = performance.now();
  const worker = new WorkerProcess(plan(undefined), { ...init, warmupRuns: 0, maxRuns: 1 }, "snapshot");
  const bytes = await new Promise<Uint8Array>((resolve, reject) => {
    const timer = setTimeout(() => {
      worker.kill("failed");
      reject(new SandboxError("snapshot-failed", "Making the Python start-up snapshot took too long."));
    }, 120_000);
    worker.on((message) => {
      if (message.type === "snapshot") {
        clearTimeout(timer);
        resolve(message.bytes);
      } else if (message.type === "failed") {
        clearTimeout(timer);
        reject(new SandboxError("snapshot-failed", `Making the Python start-up snapshot failed: ${message.message}`));
      }
    });
    worker.onExit((code, signal) => {
      clearTimeout(timer);
      reject(new SandboxError("snapshot-failed", `The snapshot worker exited (${signal ?? `code ${code}`}): ${worker.diagnostics}`));
    });
  });
  worker.kill("closing");
  if (!(bytes instanceof Uint8Array) || bytes.length < 1024) throw new SandboxError("snapshot-failed", "The snapshot worker sent no snapshot.");
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, bytes, { mode: 0o600 });
  renameSync(tmp, path);
  return { path, madeMs: Math.round(performance.now() - t0) };
}
