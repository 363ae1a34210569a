/**
 * `memsim run prog.c`: C chosen by the file's ending, its Trace printed (--json), drawn (--png)
 * and told (the account), a compile error reported as Python's syntax error is.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { syntaxErrorBlock } from "../../src/cli/account.js";
import { main, type Io } from "../../src/cli/main.js";
import { stateAt } from "../../src/core/state.js";
import { checkTrace } from "../../src/core/trace-check.js";
import { Trace } from "../../src/core/trace.js";
import { decodeGif } from "../render/gifdecode.js";

const root = join(import.meta.dirname, "..", "..");
const examples = join(root, "assets", "examples");
const dir = mkdtempSync(join(tmpdir(), "memsim-cli-c-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function memsim(args: string[]) {
  let stdout = "";
  let stderr = "";
  const io: Io = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), readStdin: () => "", env: { LANG: "C" } };
  const status = await main(args, io);
  return { status, stdout, stderr };
}

function file(name: string, source: string): string {
  const path = join(dir, name);
  writeFileSync(path, source);
  return path;
}

describe("memsim run on a C program", () => {
  it("prints the linked-list example's Trace with --json: a C Trace that checks and rebuilds", async () => {
    const r = await memsim(["run", join(examples, "c_linked_list.c"), "--json"]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const trace = checkTrace(Trace.parse(JSON.parse(r.stdout)));
    expect(trace.language).toBe("c");
    expect(trace.stdout).toBe("30 20 10 \n");
    expect(trace.outcome).toEqual({ status: "finished", exitStatus: 0 });
    // three nodes malloc'd, and each freed
    const frees = trace.steps.flatMap((s) => s.events ?? []).filter((e) => e.kind === "free");
    expect(frees).toHaveLength(3);
    stateAt(trace, trace.steps.length - 1);
  });

  it("gives the memory state at a step with --json --state, in the locale asked for", async () => {
    const r = await memsim(["run", join(examples, "c_recursion.c"), "--json", "--state", "17", "--locale", "zh-CN"]);
    expect(r.status).toBe(0);
    const state = JSON.parse(r.stdout) as { frames: { name: string }[] };
    expect(state.frames.map((f) => f.name)).toEqual(["main", "factorial", "factorial", "factorial", "factorial"]);
  });

  it("draws a step with --png --step", async () => {
    const out = join(dir, "step.png");
    const r = await memsim(["run", join(examples, "c_recursion.c"), "--png", out, "--step", "17"]);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain(out);
    const png = readFileSync(out);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.readUInt32BE(16)).toBeGreaterThan(600);
  });

  it("tells the recursion example step by step, with its output and summary", async () => {
    const r = await memsim(["run", join(examples, "c_recursion.c")]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("C (gcc 12, -O0)");
    expect(r.stdout.match(/Called factorial\(\)/g)).toHaveLength(4);
    expect(r.stdout).toContain("factorial() returned 24");
    expect(r.stdout).toContain("  4! = 24");
  });

  it("draws every step into a GIF with --gif, and says --advice is for Python programs", async () => {
    const out = join(dir, "run.gif");
    const r = await memsim(["run", join(examples, "c_malloc_free.c"), "--gif", out, "--advice"]);
    expect(r.status).toBe(0);
    const gif = decodeGif(readFileSync(out));
    // one frame a step
    expect(r.stdout).toContain("The program finished after 21 steps");
    expect(gif.frames).toHaveLength(21);
    expect(r.stdout).toContain("Advice:\n  The practices memsim advises on are Python's; it has no advice for C programs.");
  });

  it("reads --stdin for scanf", async () => {
    const path = file("sum.c", '#include <stdio.h>\nint main(void) {\n  int a, b;\n  scanf("%d %d", &a, &b);\n  printf("%d\\n", a * b);\n  return 0;\n}\n');
    const r = await memsim(["run", path, "--json", "--stdin", "6\\n7"]);
    expect(JSON.parse(r.stdout).stdout).toBe("42\n");
  });

  it("reports a compile error with its line, column and caret, and exit status 2, as for a Python syntax error", async () => {
    const path = file("bad.c", "int main(void) {\n  int x = 1;\n  return y;\n}\n");
    const r = await memsim(["run", path, "--json"]);
    expect(r.status).toBe(2);
    const trace = checkTrace(Trace.parse(JSON.parse(r.stdout)));
    expect(trace.outcome).toMatchObject({ status: "syntax-error", line: 3, column: 10 });
    expect(syntaxErrorBlock(trace)).toBe("  3 |   return y;\n    |          ^\n");
  });

  it("stops a runaway program at --max-steps with the steps it made, exit status 3", async () => {
    const path = file("loop.c", "int main(void) {\n  int n = 0;\n  while (1) n++;\n}\n");
    const r = await memsim(["run", path, "--json", "--max-steps", "300"]);
    expect(r.status).toBe(3);
    const trace = checkTrace(Trace.parse(JSON.parse(r.stdout)));
    expect(trace.outcome).toMatchObject({ status: "limit", limit: "steps", max: 300 });
    expect(trace.steps.length).toBeGreaterThanOrEqual(300);
  });

  it("still refuses a header file, and names both languages for another ending", async () => {
    const h = await memsim(["run", file("list.h", "int f(void);\n")]);
    expect(h.status).toBe(2);
    expect(h.stderr).toContain("C header");
    const js = await memsim(["run", file("prog.js", "console.log(1)\n")]);
    expect(js.status).toBe(2);
    expect(js.stderr).toContain("(.c)");
  });
});
