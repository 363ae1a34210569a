/** Every language runner, registered by language. */
import { registerRunner } from "./registry.js";
import { pythonRunner } from "./python.js";
import { cRunner } from "./c.js";

registerRunner("python", pythonRunner);
registerRunner("c", cRunner);
