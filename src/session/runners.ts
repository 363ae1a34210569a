/** Every language runner, registered by language (C joins here). */
import { registerRunner } from "./registry.js";
import { pythonRunner } from "./python.js";

registerRunner("python", pythonRunner);
