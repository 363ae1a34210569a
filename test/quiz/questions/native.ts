/** Quiz programs run under the native CPython (./native.py), one process for many requests. */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";

const PYTHON = process.env.MEMSIM_TRUTH_PYTHON ?? (existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3");

export type NativeRequest = { mode: string; program: string } & Record<string, string | number>;

export function native(requests: NativeRequest[]): unknown[] {
  const out = execFileSync(PYTHON, [join(import.meta.dirname, "native.py")], {
    input: JSON.stringify(requests),
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  // the programs' own prints come first; the answers are the last line
  return JSON.parse(out.trim().split("\n").at(-1)!) as unknown[];
}
