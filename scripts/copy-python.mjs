// The Python tracer ships beside the compiled runner, so it is found the same way from src/ or dist/.
import { cpSync, mkdirSync, readdirSync } from "node:fs";
const from = "src/runners/python";
const to = "dist/src/runners/python";
mkdirSync(to, { recursive: true });
for (const name of readdirSync(from)) if (name.endsWith(".py")) cpSync(`${from}/${name}`, `${to}/${name}`);
