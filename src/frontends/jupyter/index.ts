/**
 * The memsim Jupyter kernel: the protocol server (`protocol/`) serving a handler (`handler/`)
 * through the seam in `types.ts`.
 */
import { KernelServer, readConnectionFile, type KernelServerOptions } from "./protocol/index.js";
import type { KernelHandler } from "./types.js";

export type { KernelHandler } from "./types.js";
export { KernelServer } from "./protocol/index.js";

/**
 * Starts the kernel on the sockets of `connectionFile`, as a kernelspec's argv does. Interrupts
 * come as messages (the kernelspec's interrupt_mode), so SIGINT is ignored as ipykernel does;
 * SIGTERM closes the sockets and ends the process.
 */
export async function startKernel(connectionFile: string, handler: KernelHandler, options: KernelServerOptions = {}): Promise<KernelServer> {
  const server = await KernelServer.start(readConnectionFile(connectionFile), handler, options);
  const ignore = () => undefined;
  const terminate = () => {
    void server.close().finally(() => process.exit(0));
  };
  process.on("SIGINT", ignore);
  process.on("SIGTERM", terminate);
  void server.done.then(() => {
    process.off("SIGINT", ignore);
    process.off("SIGTERM", terminate);
  });
  return server;
}
