// The kernel with the test handler, started by Jupyter's own clients through a kernelspec:
// node test-kernel.mjs -f CONNECTION_FILE (needs the built dist/).
import { startKernel } from "../../../dist/src/frontends/jupyter/index.js";
import { createTestHandler } from "./test-handler.mjs";

const at = process.argv.indexOf("-f");
const server = await startKernel(process.argv[at + 1], createTestHandler());
await server.done;
process.exit(0);
