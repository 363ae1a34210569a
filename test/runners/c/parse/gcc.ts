/** gcc's own verdict on small programs (compile errors from one run over all of them, then the linker's). */
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
}

/** Builds every program with `gcc -std=c11 -O0 -Wall` and says how each fared. */
export async function gccVerdicts(programs: Record<string, string>): Promise<Map<string, GccVerdict>> {
  if (!existsSync(GCC)) throw new Error(`${GCC} is needed to compare against gcc`);
  const dir = mkdtempSync(join(tmpdir(), "memsim-cfront-"));
  try {
    const names = Object.keys(programs);
    for (const name of names) writeFileSync(join(dir, `${name}.c`), programs[name]!);
    let stderr = "";
    try {
      await run(GCC, ["-std=c11", "-O0", "-Wall", "-fsyntax-only", ...names.map((n) => join(dir, `${n}.c`))], { maxBuffer: 1 << 24 });
    } catch (error) {
      stderr = String((error as { stderr?: string }).stderr ?? "");
    }
    const verdicts = new Map<string, GccVerdict>();
    for (const m of stderr.matchAll(/([\w]+)\.c:(\d+):\d+: (?:fatal )?error/g)) if (!verdicts.has(m[1]!)) verdicts.set(m[1]!, { ok: false, firstError: Number(m[2]) });
    const queue = names.filter((n) => !verdicts.has(n));
    const links = async (name: string) => {
      try {
        await run(GCC, ["-std=c11", "-O0", "-o", join(dir, name), join(dir, `${name}.c`)]);
        return true;
      } catch {
        return false;
      }
    };
    // two linkers at a time: the machine has two cores
    await Promise.all(
      [0, 1].map(async () => {
        for (let name = queue.shift(); name; name = queue.shift()) verdicts.set(name, (await links(name)) ? { ok: true } : { ok: false, firstError: "link" });
      }),
    );
    return verdicts;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
