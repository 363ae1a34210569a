/**
 * gcc's own verdict on small programs, in few processes (the machine is shared): one
 * `gcc -c` over all of them gives the compile errors and the objects; the linker's verdict is
 * whether every symbol an object needs is one libc defines (`nm`), and a program that fails
 * that is confirmed by a real link.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

export const GCC = "/usr/bin/gcc";
const run = promisify(execFile);

export interface GccVerdict {
  ok: boolean;
  /** the first error's line, or "link" when only the linker refused */
  firstError?: number | "link";
  /** the first error's column */
  column?: number;
}

const stderrOf = async (file: string, args: string[], cwd: string): Promise<string> => {
  try {
    await run(file, args, { cwd, maxBuffer: 1 << 24 });
    return "";
  } catch (error) {
    return String((error as { stderr?: string }).stderr ?? error);
  }
};

let libcSymbols: Set<string> | undefined;
async function libc(): Promise<Set<string>> {
  if (libcSymbols) return libcSymbols;
  const path = (await run(GCC, ["-print-file-name=libc.so.6"])).stdout.trim();
  const { stdout } = await run("nm", ["-D", "--defined-only", path], { maxBuffer: 1 << 26 });
  libcSymbols = new Set(stdout.split("\n").map((l) => l.trim().split(/\s+/).at(-1)!.replace(/@.*$/, "")));
  return libcSymbols;
}

/** Builds every program with `gcc -std=c11 -O0 -Wall` and says how each fared. */
export async function gccVerdicts(programs: Record<string, string>): Promise<Map<string, GccVerdict>> {
  if (!existsSync(GCC)) throw new Error(`${GCC} is needed to compare against gcc`);
  const dir = mkdtempSync(join(tmpdir(), "memsim-cfront-"));
  try {
    const names = Object.keys(programs);
    for (const name of names) writeFileSync(join(dir, `${name}.c`), programs[name]!);
    const stderr = await stderrOf(GCC, ["-std=c11", "-O0", "-Wall", "-c", ...names.map((n) => `${n}.c`)], dir);
    const verdicts = new Map<string, GccVerdict>();
    for (const m of stderr.matchAll(/(\w+)\.c:(\d+):(\d+): (?:fatal )?error/g)) if (!verdicts.has(m[1]!)) verdicts.set(m[1]!, { ok: false, firstError: Number(m[2]), column: Number(m[3]) });
    const compiled = names.filter((n) => !verdicts.has(n));
    if (compiled.length === 0) return verdicts;
    const { stdout } = await run("nm", compiled.map((n) => `${n}.o`), { cwd: dir, maxBuffer: 1 << 24 });
    const needs = new Map<string, string[]>();
    const hasMain = new Set<string>();
    let current = compiled.length === 1 ? compiled[0]! : "";
    for (const line of stdout.split("\n")) {
      const header = /^(\w+)\.o:$/.exec(line);
      const symbol = /^\s*[0-9a-f]*\s+([A-Za-z])\s+(\S+)$/.exec(line);
      if (header) current = header[1]!;
      else if (symbol?.[1] === "U") needs.set(current, [...(needs.get(current) ?? []), symbol[2]!]);
      else if (symbol?.[1] === "T" && symbol[2] === "main") hasMain.add(current);
    }
    const defined = await libc();
    for (const name of compiled) {
      const missing = (needs.get(name) ?? []).filter((s) => !defined.has(s));
      if (!hasMain.has(name)) missing.push("main");
      // a program the symbol check refuses is linked for real, so the verdict is the linker's own
      const links = missing.length === 0 || (await stderrOf(GCC, ["-o", name, `${name}.o`], dir)) === "";
      verdicts.set(name, links ? { ok: true } : { ok: false, firstError: "link" });
    }
    return verdicts;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
