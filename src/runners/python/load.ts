/**
 * Pyodide for an engine in this process (the command line's parser, the bot's inline engine,
 * the Jupyter handler, the offload threads, tests), restored from the same start-up snapshot
 * the sandbox's interpreter threads start from: the one kept in the user's cache folder
 * (src/sandbox/snapshot-cache.ts), made in a thread of this process and kept when there is
 * none. A restore costs a fifth of a full load (about 0.9 s of CPU against 5 s).
 *
 * An interpreter restored so is the sandbox's before its guard: the tracer loaded, and the
 * built-in modules no program may have already gone. When the snapshot cannot be had, or would
 * hold other Python files than the ones beside this file (sources edited since the last build),
 * Pyodide loads in full, as it always may.
 */
import { join } from "node:path";
import { loadPyodide, type PyodideInterface } from "pyodide";
import { pyodideIndexURL } from "./engine.js";
import { PYTHON_DIR, sameEngineFiles } from "./files.js";

const MiB = 1024 * 1024;

/** The options every interpreter of memsim's is loaded with (the snapshot was made with them). */
function baseOptions(): Parameters<typeof loadPyodide>[0] {
  return {
    indexURL: pyodideIndexURL(),
    jsglobals: {},
    // one hash seed: the same program lays out its dicts and sets, and so its memory, the same way
    env: { PYTHONHASHSEED: "0" },
    stdout: () => undefined,
    stderr: () => undefined,
  };
}

async function snapshotBytes(): Promise<Uint8Array | undefined> {
  const [{ workerFiles }, { snapshotKey }, cache, { makeSnapshotInThread }, { DEFAULTS }] = await Promise.all([
    import("../../sandbox/launch.js"),
    import("../../sandbox/snapshot.js"),
    import("../../sandbox/snapshot-cache.js"),
    import("../../sandbox/threads.js"),
    import("../../sandbox/options.js"),
  ]);
  const files = workerFiles();
  // the snapshot holds the compiled code's Python files: these must be the same ones
  if (!sameEngineFiles(PYTHON_DIR, join(files.codeDir, "runners", "python"))) return undefined;
  const folder = cache.cacheFolder(process.env);
  const key = snapshotKey(files);
  const cached = await cache.readCachedSnapshot(folder, key);
  if (cached?.intact()) return cached.bytes.slice();
  const made = await makeSnapshotInThread(`${files.pyodideDir}/`, DEFAULTS.memoryMb * MiB);
  try {
    cache.writeCachedSnapshot(folder, key, made);
  } catch {
    // kept or not, this process has its copy; the next start makes it again
  }
  return made;
}

/** Pyodide restored from the start-up snapshot, or loaded in full when there is none to be had. */
export async function loadProcessPyodide(): Promise<PyodideInterface> {
  const bytes = await snapshotBytes().catch(() => undefined);
  if (bytes) {
    try {
      return await loadPyodide({ ...baseOptions(), _loadSnapshot: bytes } as Parameters<typeof loadPyodide>[0]);
    } catch {
      // a snapshot this Pyodide cannot restore: a full load below
    }
  }
  return loadPyodide(baseOptions());
}
