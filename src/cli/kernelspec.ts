/**
 * The memsim kernelspec: the folder named `memsim` that Jupyter reads to know how to start the
 * kernel (kernel.json and its logos), written where Jupyter looks for kernels.
 */
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const KERNEL_NAME = "memsim";

/** Where a kernelspec goes: the user's own Jupyter data folder, or under an installation prefix. */
export type SpecPlace = { kind: "user" } | { kind: "prefix"; prefix: string };

/** The user's Jupyter data folder, as jupyter_core finds it (JUPYTER_DATA_DIR first). */
export function jupyterDataDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): string {
  if (env.JUPYTER_DATA_DIR) return resolve(env.JUPYTER_DATA_DIR);
  const home = env.HOME || homedir();
  if (platform === "darwin") return join(home, "Library", "Jupyter");
  if (platform === "win32" && env.APPDATA) return join(env.APPDATA, "jupyter");
  return join(env.XDG_DATA_HOME || join(home, ".local", "share"), "jupyter");
}

/** The kernelspec folder for `place`. */
export function kernelSpecDir(place: SpecPlace, env: NodeJS.ProcessEnv): string {
  const kernels = place.kind === "user" ? join(jupyterDataDir(env), "kernels") : join(resolve(place.prefix), "share", "jupyter", "kernels");
  return join(kernels, KERNEL_NAME);
}

/** memsim's own folder (the one holding package.json, bin/ and assets/), from src/cli or dist/src/cli. */
export function packageRoot(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json")) && existsSync(join(dir, "bin", "memsim.js"))) return dir;
    if (dirname(dir) === dir) throw new Error("memsim's package folder (with bin/memsim.js) is not above its code"); // operator-facing
  }
}

/** kernel.json: this node and this memsim start the kernel; interrupts come as messages. */
export function kernelJson(root: string, node: string = process.execPath): Record<string, unknown> {
  return {
    argv: [node, join(root, "bin", "memsim.js"), "kernel", "-f", "{connection_file}"],
    display_name: "Python (memsim)", // operator-facing
    language: "python",
    interrupt_mode: "message",
    metadata: { debugger: false },
  };
}

/** Writes the kernelspec folder (replacing one already there); returns its path. */
export function installKernelSpec(place: SpecPlace, env: NodeJS.ProcessEnv, root: string = packageRoot()): string {
  const dir = kernelSpecDir(place, env);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "kernel.json"), JSON.stringify(kernelJson(root), null, 2) + "\n");
  for (const logo of ["logo-32x32.png", "logo-64x64.png"]) cpSync(join(root, "assets", "kernel", logo), join(dir, logo));
  return dir;
}

/** Removes the kernelspec folder; returns its path, or undefined when there was none. */
export function uninstallKernelSpec(place: SpecPlace, env: NodeJS.ProcessEnv): string | undefined {
  const dir = kernelSpecDir(place, env);
  if (!existsSync(join(dir, "kernel.json"))) return undefined;
  rmSync(dir, { recursive: true, force: true });
  return dir;
}
