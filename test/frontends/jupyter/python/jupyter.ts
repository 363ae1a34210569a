/** Runs the Python-side tests (Jupyter's own clients) against kernelspecs installed into a temporary Jupyter path. */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../../../src/cli/main.js";

const here = import.meta.dirname;

export interface JupyterHome {
  env: NodeJS.ProcessEnv;
  remove(): void;
}

/**
 * A temporary Jupyter path holding the memsim kernelspec, as `memsim kernel install --prefix`
 * writes it, and `memsim-test`, the same server with the test handler.
 */
export async function jupyterHome(): Promise<JupyterHome> {
  const root = mkdtempSync(join(tmpdir(), "memsim-jupyter-"));
  const quiet = { stdout: () => undefined, stderr: (t: string) => void process.stderr.write(t), readStdin: () => "", env: { LANG: "en_US.UTF-8" } };
  if ((await main(["kernel", "install", "--prefix", root], quiet)) !== 0) throw new Error("memsim kernel install failed");
  const testSpec = join(root, "share", "jupyter", "kernels", "memsim-test");
  mkdirSync(testSpec, { recursive: true });
  const spec = { argv: [process.execPath, join(here, "..", "test-kernel.mjs"), "-f", "{connection_file}"], display_name: "memsim test handler", language: "python", interrupt_mode: "message" };
  writeFileSync(join(testSpec, "kernel.json"), JSON.stringify(spec));
  const runtime = join(root, "runtime");
  mkdirSync(runtime);
  // the user's own home and cache stay (Python's start-up snapshot is kept there); only Jupyter's paths are this folder's
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    LANG: "en_US.UTF-8",
    JUPYTER_PATH: join(root, "share", "jupyter"),
    JUPYTER_DATA_DIR: join(root, "data"),
    JUPYTER_CONFIG_DIR: join(root, "config"),
    JUPYTER_RUNTIME_DIR: runtime,
    PYTHONDONTWRITEBYTECODE: "1",
  };
  delete env.MEMSIM_LOCALE;
  return { env, remove: () => rmSync(root, { recursive: true, force: true }) };
}

/** `python3 -m unittest -v MODULE` in this folder; its exit status and all it printed. */
export function unittest(module: string, env: NodeJS.ProcessEnv, timeoutMs: number): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn("/usr/bin/python3", ["-m", "unittest", "-v", module], { cwd: here, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("close", (status) => {
      clearTimeout(timer);
      resolve({ status, output });
    });
  });
}
