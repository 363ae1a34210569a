/**
 * Quiz C programs as gcc builds them and x86-64 glibc runs them: each program with a probe line
 * added (printing what a question's answer says), built and run together by the C corpus's
 * harness; and valgrind's count of the bytes still allocated at exit.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { GCC, runNative } from "../../runners/c/interp/native.js";

const run = promisify(execFile);

/** A program with `probe` (C statements) put after its line `after`, and the headers the probe needs. */
export function probed(program: string, after: number, probe: string): string {
  const lines = program.split("\n");
  lines.splice(after, 0, probe);
  return ["#include <stdio.h>", "#include <malloc.h>", ...lines].join("\n");
}

/** What each program prints, built with gcc -O0 and run on this machine, in the order given. */
export async function gccOutputs(programs: string[]): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), "memsim-quizc-"));
  try {
    const files = programs.map((p, i) => {
      const file = join(dir, `q${i}.c`);
      writeFileSync(file, p);
      return file;
    });
    const runs = await runNative(files);
    return programs.map((_, i) => {
      const r = runs.get(`q${i}`)!;
      if (r.status !== 0) throw new Error(`a quiz program exited with ${r.status} under gcc:\n${programs[i]}`);
      return r.stdout;
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The bytes valgrind finds still allocated when the program exits ("in use at exit"). */
export async function valgrindInUse(program: string): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), "memsim-quizc-"));
  try {
    writeFileSync(join(dir, "p.c"), program);
    await run(GCC, ["-O0", "-std=gnu11", "-w", "-o", join(dir, "p"), join(dir, "p.c")]);
    const { stderr } = await run("valgrind", ["--leak-check=no", join(dir, "p")]);
    const m = /in use at exit: ([\d,]+) bytes/.exec(stderr);
    if (!m) throw new Error(`valgrind gave no heap summary:\n${stderr}`);
    return Number(m[1]!.replace(/,/g, ""));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
