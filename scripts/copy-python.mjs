// The Python parts (the tracer package, the sandbox's guard) ship beside the compiled code,
// so they are found the same way from src/ or dist/.
import { cpSync, mkdirSync, readdirSync } from "node:fs";
for (const from of ["src/runners/python", "src/runners/python/memsim_tracer", "src/sandbox"]) {
  const to = `dist/${from}`;
  mkdirSync(to, { recursive: true });
  for (const name of readdirSync(from)) if (name.endsWith(".py")) cpSync(`${from}/${name}`, `${to}/${name}`);
}
