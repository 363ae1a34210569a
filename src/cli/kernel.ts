/**
 * `memsim kernel`: `-f CONNECTION_FILE` starts the Jupyter kernel (what the kernelspec's argv runs);
 * `install` and `uninstall` [--user | --prefix P] write or remove the kernelspec.
 */
import type { Translator } from "../i18n/index.js";
import type { KernelHandler } from "../frontends/jupyter/types.js";
import { installKernelSpec, uninstallKernelSpec, type SpecPlace } from "./kernelspec.js";

interface KernelIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
}

type KernelArgs =
  | { action: "start"; connectionFile: string }
  | { action: "install" | "uninstall"; place: SpecPlace }
  | { action: "help" }
  | { action: "problem"; key: string; params: Record<string, string> };

/** Reads the words after `memsim kernel`. */
export function parseKernelArgs(argv: readonly string[]): KernelArgs {
  const [first, ...rest] = argv;
  if (first === undefined || first === "--help" || first === "-h" || first === "help") return { action: "help" };
  if (first === "-f" || first === "--connection-file" || first.startsWith("-f=") || first.startsWith("--connection-file=")) {
    const file = first.includes("=") ? first.slice(first.indexOf("=") + 1) : rest.shift();
    if (!file) return { action: "problem", key: "cli.kernel.error.noConnectionFile", params: {} };
    if (rest.length > 0) return { action: "problem", key: "cli.kernel.error.unknownWord", params: { word: rest[0]! } };
    return { action: "start", connectionFile: file };
  }
  if (first !== "install" && first !== "uninstall") return { action: "problem", key: "cli.kernel.error.unknownWord", params: { word: first } };
  let user = false;
  let prefix: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    const word = rest[i]!;
    if (word === "--user") user = true;
    else if (word === "--prefix" || word.startsWith("--prefix=")) {
      prefix = word.includes("=") ? word.slice("--prefix=".length) : rest[++i];
      if (!prefix) return { action: "problem", key: "cli.error.missingValue", params: { option: "--prefix", example: "/usr/local" } };
    } else return { action: "problem", key: "cli.kernel.error.unknownWord", params: { word } };
  }
  if (user && prefix !== undefined) return { action: "problem", key: "cli.kernel.error.bothPlaces", params: {} };
  return { action: first, place: prefix !== undefined ? { kind: "prefix", prefix } : { kind: "user" } };
}

/** The handler, from the handler's own folder (loaded only when a kernel starts). */
async function loadHandler(env: NodeJS.ProcessEnv): Promise<KernelHandler> {
  const { createKernelHandler } = await import("../frontends/jupyter/handler/index.js");
  return createKernelHandler({ env });
}

/** Runs `memsim kernel …`; returns the exit status. */
export async function kernelCommand(argv: readonly string[], tr: Translator, io: KernelIo): Promise<number> {
  const args = parseKernelArgs(argv);
  switch (args.action) {
    case "help":
      io.stdout(tr.t("cli.kernel.usage") + "\n");
      return 0;
    case "problem":
      io.stderr(tr.t(args.key, args.params) + "\n\n" + tr.t("cli.kernel.usage") + "\n");
      return 2;
    case "install":
    case "uninstall":
      return changeSpec(args.action, args.place, tr, io);
    case "start":
      return startFromFile(args.connectionFile, tr, io);
  }
}

function changeSpec(action: "install" | "uninstall", place: SpecPlace, tr: Translator, io: KernelIo): number {
  try {
    if (action === "install") {
      io.stdout(tr.t("cli.kernel.installed", { dir: installKernelSpec(place, io.env) }) + "\n");
      return 0;
    }
    const removed = uninstallKernelSpec(place, io.env);
    if (removed) io.stdout(tr.t("cli.kernel.uninstalled", { dir: removed }) + "\n");
    else io.stderr(tr.t("cli.kernel.notInstalled") + "\n");
    return removed ? 0 : 1;
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    io.stderr(tr.t("cli.kernel.error.write", { reason }) + "\n");
    return 2;
  }
}

async function startFromFile(connectionFile: string, tr: Translator, io: KernelIo): Promise<number> {
  const { startKernel } = await import("../frontends/jupyter/index.js");
  const { readConnectionFile } = await import("../frontends/jupyter/protocol/index.js");
  let server: Awaited<ReturnType<typeof startKernel>>;
  try {
    // a connection file that will not do is told before the handler (and its interpreter) is loaded
    readConnectionFile(connectionFile);
    server = await startKernel(connectionFile, await loadHandler(io.env));
  } catch (error) {
    io.stderr(tr.t("cli.kernel.error.start", { file: connectionFile, reason: (error as Error).message }) + "\n");
    if (io.env.MEMSIM_DEBUG) io.stderr(String((error as Error).stack ?? error) + "\n");
    return 2;
  }
  await server.done;
  // the sockets are closed; whatever the handler still holds (interpreter threads) must not keep the process alive
  setTimeout(() => process.exit(0), 1000).unref();
  return 0;
}
