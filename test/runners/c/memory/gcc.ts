/** Compiles a C program with gcc (-O0 -std=c11 -Wall) once and returns what it prints; no gcc is a failure. */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const GCC = "/usr/bin/gcc";

export function gccRun(source: string): string {
  if (!existsSync(GCC)) throw new Error(`gcc is needed at ${GCC} to check the C memory model`);
  const dir = mkdtempSync(join(tmpdir(), "memsim-gcc-"));
  try {
    writeFileSync(join(dir, "p.c"), source);
    try {
      execFileSync(GCC, ["-O0", "-std=c11", "-Wall", "-Wno-unused", "-Wno-format", "-o", join(dir, "p"), join(dir, "p.c")], { stdio: ["ignore", "pipe", "pipe"], encoding: "utf8", maxBuffer: 64 << 20 });
    } catch (e) {
      throw new Error(`gcc could not compile the check program:\n${(e as { stderr?: string }).stderr}\n${e}`);
    }
    return execFileSync(join(dir, "p"), [], { encoding: "latin1", maxBuffer: 64 << 20 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
