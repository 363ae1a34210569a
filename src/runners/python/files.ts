/**
 * The Python files the engine loads into an interpreter, beside the compiled code (src/ or
 * dist/). The start-up snapshot holds every one of them, so its key reads them all, and an
 * engine restored from it in the host's process must have the same ones.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The folder of this module: the tracer package and the parser's module are in it. */
export const PYTHON_DIR = dirname(fileURLToPath(import.meta.url));

/** Each file's path under `dir` (this folder, or the same folder of another build), and the
 * path the engine gives it under /memsim in the interpreter. */
export function enginePythonFiles(dir: string = PYTHON_DIR): { file: string; target: string }[] {
  const tracer = readdirSync(join(dir, "memsim_tracer"))
    .filter((name) => name.endsWith(".py"))
    .sort()
    .map((name) => ({ file: join("memsim_tracer", name), target: `memsim_tracer/${name}` }));
  return [...tracer, { file: "ast_json.py", target: "memsim_ast.py" }];
}

/** True when the two folders hold the same engine files, byte for byte. */
export function sameEngineFiles(a: string, b: string): boolean {
  if (a === b) return true;
  const ours = enginePythonFiles(a);
  const theirs = enginePythonFiles(b);
  if (ours.map((f) => f.file).join("\n") !== theirs.map((f) => f.file).join("\n")) return false;
  return ours.every((f) => readFileSync(join(a, f.file)).equals(readFileSync(join(b, f.file))));
}
