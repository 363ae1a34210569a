/**
 * The programs of the corpus as gcc builds them (-O0) and x86-64 runs them, in few processes:
 * two `gcc -c` over all of them, each object's `main` renamed and its other symbols made local
 * (objcopy), one link with a small driver choosing the program by name; each program then runs
 * in its own process, in parallel, with stdout unbuffered (so what a crash leaves printed is all
 * of it, as memsim shows). No gcc is a failure.
 */
import { execFile, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { constants, tmpdir } from "node:os";
import { basename, join } from "node:path";
import { promisify } from "node:util";

export const GCC = "/usr/bin/gcc";
const run = promisify(execFile);

export interface NativeRun {
  stdout: string;
  /** as a shell reports it: the exit status, or 128 + the signal */
  status: number;
}

async function pool<T, R>(items: T[], width: number, f: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await f(items[i]!);
    }
  }));
  return out;
}

function execute(binary: string, name: string, stdin: Buffer): Promise<NativeRun> {
  return new Promise((resolve, reject) => {
    const child = spawn("stdbuf", ["-o0", binary, name], { stdio: ["pipe", "pipe", "ignore"] });
    const chunks: Buffer[] = [];
    child.stdout.on("data", (c: Buffer) => chunks.push(c));
    child.on("error", reject);
    child.on("close", (code, signal) => {
      const status = signal ? 128 + constants.signals[signal] : (code ?? 0);
      resolve({ stdout: Buffer.concat(chunks).toString("utf8"), status });
    });
    // a program that reads none of its input closes the pipe early
    child.stdin.on("error", () => undefined);
    child.stdin.end(stdin);
  });
}

/** Builds and runs each `.c` file (with `NAME.stdin` as its input when there is one). */
export async function runNative(files: string[]): Promise<Map<string, NativeRun>> {
  if (!existsSync(GCC)) throw new Error(`gcc is needed at ${GCC} to check the C interpreter`);
  const dir = mkdtempSync(join(tmpdir(), "memsim-cinterp-"));
  try {
    // two gcc processes, one per core, each compiling half of the programs
    const halves = [files.filter((_, i) => i % 2 === 0), files.filter((_, i) => i % 2 === 1)].filter((h) => h.length > 0);
    await Promise.all(halves.map((h) => run(GCC, ["-O0", "-std=gnu11", "-w", "-c", ...h], { cwd: dir, maxBuffer: 1 << 24 })));
    const names = files.map((f) => basename(f, ".c"));
    const entry = (n: string) => `main_${n.replace(/\W/g, "_")}`;
    await pool(names, 4, (n) => run("objcopy", ["--redefine-sym", `main=${entry(n)}`, "-G", entry(n), `${n}.o`], { cwd: dir }));
    const driver = [
      "#include <string.h>",
      ...names.map((n) => `int ${entry(n)}();`),
      "int main(int argc, char **argv) {",
      ...names.map((n) => `  if (argc > 1 && strcmp(argv[1], "${n}") == 0) return ${entry(n)}();`),
      "  return 255;",
      "}",
    ].join("\n");
    writeFileSync(join(dir, "driver.c"), driver);
    await run(GCC, ["-O0", "-w", "-o", "corpus", "driver.c", ...names.map((n) => `${n}.o`)], { cwd: dir });
    const results = await pool(files, 4, (f) => {
      const input = f.replace(/\.c$/, ".stdin");
      return execute(join(dir, "corpus"), basename(f, ".c"), existsSync(input) ? readFileSync(input) : Buffer.alloc(0));
    });
    return new Map(names.map((n, i) => [n, results[i]!]));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
