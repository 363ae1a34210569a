/** memsim's own version, read once from its package.json. */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** memsim's version, from the package.json above this file (in src/ or in dist/src/). */
export function memsimVersion(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const file = join(dir, "package.json");
    if (existsSync(file)) return (JSON.parse(readFileSync(file, "utf8")) as { version?: string }).version ?? "?";
    if (dirname(dir) === dir) return "?";
  }
}
