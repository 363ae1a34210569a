/**
 * How a worker process is started: the files it may read, Node's permission flags, and
 * (in bwrap mode) the bubblewrap command line around it.
 */
import { spawnSync } from "node:child_process";
import { existsSync, realpathSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { SandboxError } from "./errors.js";
import type { SandboxMode } from "./options.js";

/** The files a worker needs, found once per pool. */
export interface WorkerFiles {
  /** the compiled worker entry script */
  script: string;
  /** compiled code the worker imports (the dist/src folder) */
  codeDir: string;
  pyodideDir: string;
  zodDir: string;
  /** package.json files Node reads to learn a module's type */
  packageJsons: string[];
}

export function workerFiles(): WorkerFiles {
  const here = dirname(fileURLToPath(import.meta.url));
  // from the compiled pool the worker is beside it; from TypeScript sources (tests) it is in dist
  const codeDir = here.endsWith(`${sep}dist${sep}src${sep}sandbox`) ? dirname(here) : join(here, "..", "..", "dist", "src"); // operator-facing
  const script = join(codeDir, "sandbox", "worker.js");
  if (!existsSync(script)) throw new SandboxError("worker-missing", `The sandbox worker ${script} is missing: run "npm run build".`);
  const require = createRequire(import.meta.url);
  const pyodideDir = dirname(require.resolve("pyodide/package.json"));
  const zodDir = dirname(require.resolve("zod/package.json"));
  const packageJsons: string[] = [];
  for (let dir = codeDir; ; dir = dirname(dir)) {
    const file = join(dir, "package.json");
    if (existsSync(file)) {
      packageJsons.push(file);
      break;
    }
    if (dirname(dir) === dir) break;
  }
  return { script: realpathSync(script), codeDir: realpathSync(codeDir), pyodideDir: realpathSync(pyodideDir), zodDir: realpathSync(zodDir), packageJsons };
}

export interface LaunchPlan {
  command: string;
  args: string[];
}

/** Node's own flags: the permission model and the limits that hold in both modes. */
function nodeArgs(files: WorkerFiles, snapshotPath: string | undefined, heapMb: number): string[] {
  const reads = [`${files.codeDir}${sep}`, `${files.pyodideDir}${sep}`, `${files.zodDir}${sep}`, ...files.packageJsons];
  if (snapshotPath) reads.push(snapshotPath);
  return [
    "--experimental-permission",
    // the worker runs each program in a thread of its own (threads.ts)
    "--allow-worker",
    ...reads.map((path) => `--allow-fs-read=${path}`),
    "--disallow-code-generation-from-strings",
    `--max-old-space-size=${heapMb}`,
    "--no-warnings",
    files.script,
  ];
}

let setprivPath: string | null | undefined;

/** util-linux's setpriv, which can ask the kernel to kill the worker when the host dies. */
function deathSignalHelper(): string | undefined {
  if (setprivPath === undefined) {
    const found = spawnSync("/bin/sh", ["-c", "command -v setpriv"], { encoding: "utf8" });
    const path = found.stdout?.trim();
    const works = path && spawnSync(path, ["--pdeathsig", "KILL", "--", "true"]).status === 0;
    setprivPath = works ? path : null;
  }
  return setprivPath ?? undefined;
}

let libraries: string[] | undefined;

/** The shared libraries the node binary loads, so bubblewrap can show it exactly those. */
function nodeLibraries(): string[] {
  if (libraries) return libraries;
  const out = spawnSync("ldd", [process.execPath], { encoding: "utf8" });
  const found: string[] = [];
  if (out.status === 0) {
    for (const line of out.stdout.split("\n")) {
      const m = /(?:=>\s*)?(\/\S+)\s+\(0x/.exec(line);
      if (m) found.push(m[1]!);
    }
  }
  libraries = found;
  return found;
}

/** The command that starts one worker under `mode`. */
export function launchPlan(mode: SandboxMode, bwrap: string | undefined, files: WorkerFiles, snapshotPath: string | undefined, heapMb: number): LaunchPlan {
  const node = nodeArgs(files, snapshotPath, heapMb);
  if (mode === "node") {
    // without bubblewrap's --die-with-parent, a worker stuck in a loop would outlive a host that dies
    const setpriv = deathSignalHelper();
    return setpriv ? { command: setpriv, args: ["--pdeathsig", "KILL", "--", process.execPath, ...node] } : { command: process.execPath, args: node };
  }
  const args = [
    "--unshare-all",
    "--die-with-parent",
    "--new-session",
    "--cap-drop",
    "ALL",
    "--clearenv",
    "--setenv",
    "NODE_CHANNEL_FD",
    "3",
    "--setenv",
    "NODE_CHANNEL_SERIALIZATION_MODE",
    "advanced",
    "--hostname",
    "memsim",
  ];
  const ro = (path: string, at = path) => args.push("--ro-bind", path, at);
  ro(realpathSync(process.execPath), process.execPath);
  const libs = nodeLibraries();
  if (libs.length > 0) {
    for (const lib of libs) ro(realpathSync(lib), lib);
    if (existsSync("/etc/ld.so.cache")) ro("/etc/ld.so.cache");
  } else {
    // no ldd: show the system's libraries, read-only
    for (const dir of ["/usr/lib", "/usr/lib64", "/lib", "/lib64"]) if (existsSync(dir)) args.push("--ro-bind", dir, dir);
  }
  for (const path of [files.codeDir, files.pyodideDir, files.zodDir, ...files.packageJsons]) ro(path);
  if (snapshotPath) ro(snapshotPath);
  args.push("--dev", "/dev", "--proc", "/proc", "--chdir", "/", "--unsetenv", "PWD", "--", process.execPath, ...node);
  return { command: bwrap ?? "bwrap", args };
}
