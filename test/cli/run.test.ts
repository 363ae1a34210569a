/** `memsim run` as a user meets it: its output and exit status. */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main, type Io } from "../../src/cli/main.js";
import { stateAt, Trace } from "../../src/core/index.js";

const root = join(import.meta.dirname, "..", "..");
const bin = join(root, "bin", "memsim.js");
const examples = join(root, "assets", "examples");

/** The command in this process (same path as the binary, without restarting Pyodide). */
async function memsim(args: string[], input = "") {
  let stdout = "";
  let stderr = "";
  const io: Io = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    readStdin: () => input,
    env: { LANG: "C" },
  };
  const status = await main(args, io);
  return { status, stdout, stderr };
}

function file(source: string): string {
  const dir = mkdtempSync(join(tmpdir(), "memsim-cli-"));
  const path = join(dir, "prog.py");
  writeFileSync(path, source);
  return path;
}

describe("the memsim binary", () => {
  it("prints the step-by-step account of the slicing example", () => {
    const r = spawnSync(process.execPath, [bin, "run", join(examples, "slicing.py")], { encoding: "utf8", env: { ...process.env, LANG: "C", MEMSIM_LOCALE: "" } });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("[2] line 3: b = a[1:4]");
    expect(r.stdout).toMatch(/new 3-item list of 80 bytes, a copy\. a is unchanged/);
    expect(r.stdout).toContain("a[1:4] copied 3 items into a temporary list (80 bytes)");
    expect(r.stdout).toMatch(/Peak live memory: 264 bytes/); // 184 named, and the 80-byte slice sum reads
  });
});

describe("memsim run", () => {
  it("prints exactly the Trace with --json", async () => {
    const r = await memsim(["run", join(examples, "aliasing.py"), "--json"]);
    expect(r.status).toBe(0);
    const t = Trace.parse(JSON.parse(r.stdout));
    expect(t.schemaVersion).toBe(2);
    expect(t.runtime.sizeModel).toBe("64-bit CPython 3.14");
  });

  it("prints the whole memory state at a step with --json --state, as stateAt rebuilds it", async () => {
    const path = join(examples, "aliasing.py");
    const whole = Trace.parse(JSON.parse((await memsim(["run", path, "--json"])).stdout));
    const last = await memsim(["run", path, "--json", "--state", "last"]);
    expect(last.status).toBe(0);
    const state = JSON.parse(last.stdout) as { step: number; line: number; frames: { vars: Record<string, { ref?: string }> }[]; objects: Record<string, { size: number; shape: string; items?: unknown[] }> };
    const rebuilt = stateAt(whole, whole.steps.length - 1);
    expect(state.step).toBe(whole.steps.length);
    expect(state.line).toBe(whole.steps.at(-1)!.line);
    expect(state.frames).toEqual(rebuilt.frames);
    expect(Object.keys(state.objects).sort()).toEqual([...rebuilt.objects.keys()].sort());
    for (const [id, o] of rebuilt.objects) expect(state.objects[id]).toMatchObject({ size: o.size, shape: o.base.shape, ...(o.items ? { items: o.items } : {}) });
    // a and b name one list: its id is in both names' slots
    const names = state.frames[0]!.vars;
    expect(names.a?.ref).toBe(names.b?.ref);
    const second = JSON.parse((await memsim(["run", path, "--json", "--state", "2"])).stdout) as { step: number };
    expect(second.step).toBe(2);
  });

  it("answers a --state it cannot give with what to type instead", async () => {
    const path = join(examples, "aliasing.py");
    const noJson = await memsim(["run", path, "--state", "2"]);
    expect(noJson.status).toBe(2);
    expect(noJson.stderr).toContain("add --json");
    const bad = await memsim(["run", path, "--json", "--state", "first"]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("or last");
    const beyond = await memsim(["run", path, "--json", "--state", "999"]);
    expect(beyond.status).toBe(2);
    expect(beyond.stdout).toBe("");
    expect(beyond.stderr).toMatch(/There is no step 999/);
  });

  it("takes --stdin lines separated by a typed \\n, as its help says", async () => {
    const r = await memsim(["run", "-", "--stdin", "Ada\\n36"], "a = input()\nb = input()\nprint(a, int(b) + 1)\n");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("Ada 37");
  });

  it("reads the program from standard input with -", async () => {
    const r = await memsim(["run", "-"], "x = [1, 2]\n");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("Made a list of 2 items on the heap (72 bytes); x now refers to it.");
  });

  it("exits 1 when the program raises, still printing the steps", async () => {
    const r = await memsim(["run", file("a = [1]\nb = a[3]\n")]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("[1] line 1: a = [1]");
    expect(r.stdout).toContain("IndexError");
  });

  it("shows a syntax error with line, column and a caret, and no steps", async () => {
    const r = await memsim(["run", file("x = 1\nif x > 0\n    print(x)\n")]);
    expect(r.status).toBe(2);
    expect(r.stdout).toMatch(/line 2, column 9/);
    expect(r.stdout).toContain("  2 | if x > 0\n    |         ^");
    expect(r.stdout).not.toContain("[1]");
  });

  it("exits 2 for a program that needs what memsim's Python lacks, and says what it lacks", async () => {
    const r = await memsim(["run", file("import threading\nthreading.Thread(target=print).start()\n")]);
    expect(r.status).toBe(2);
    expect(r.stdout).toContain("Line 2 starts a thread.");
  });

  it("runs a .c file as C, piped C as C, and says how to run C kept in a .py file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "memsim-c-"));
    const c = join(dir, "leak.c");
    writeFileSync(c, "#include <stdlib.h>\nint main(void) { malloc(4); return 0; }\n");
    const r = await memsim(["run", c, "--json"]);
    expect(r.status).toBe(0);
    expect(Trace.parse(JSON.parse(r.stdout))).toMatchObject({ language: "c", outcome: { status: "finished", exitStatus: 0 } });
    const piped = await memsim(["run", "-", "--json"], "#include <stdio.h>\nint main(void) { return 0; }\n");
    expect(Trace.parse(JSON.parse(piped.stdout))).toMatchObject({ language: "c", outcome: { status: "finished", exitStatus: 0 } });
    const py = join(dir, "leak.py");
    writeFileSync(py, "#include <stdio.h>\nint main(void) { return 0; }\n");
    const named = await memsim(["run", py]);
    expect(named.stdout).toContain("This looks like C, but it was run as Python. To run it as C, give it in a file whose name ends in .c");
  });

  it("stops at --max-steps, says so and exits 3, keeping the steps", async () => {
    const r = await memsim(["run", file("xs = []\nwhile True:\n    xs.append([1])\n"), "--max-steps", "20"]);
    expect(r.status).toBe(3);
    expect(r.stdout).toContain("[20]");
    expect(r.stdout).not.toContain("[21]");
    expect(r.stdout).toMatch(/Stopped after 20 steps/);
    expect(r.stdout).toContain("Still held when the run stopped, after step 20:");
    expect(r.stdout).not.toContain("when the program ended");
  });

  it("feeds input() from --stdin, and says plainly when there is none", async () => {
    const prog = file("n = int(input('How many? '))\nprint(n * 2)\n");
    const ok = await memsim(["run", prog, "--stdin", "21"]);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain("How many? 21\n  42");
    const none = await memsim(["run", prog]);
    expect(none.status).toBe(1);
    expect(none.stdout).toMatch(/no input was given/);
  });

  it("speaks Chinese with --locale zh-CN", async () => {
    const r = await memsim(["run", join(examples, "slicing.py"), "--locale", "zh-CN"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("切片");
    expect(r.stdout).toContain("小结：");
  });

  it("answers usage errors with status 2 and what to change", async () => {
    expect((await memsim([])).status).toBe(2);
    const bad = await memsim(["run", join(examples, "slicing.py"), "--max-steps", "lots"]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--max-steps takes a whole number of at least 1, not "lots": for example --max-steps 500.');
    const missing = await memsim(["run", "/nonexistent/prog.py"]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain("Could not read /nonexistent/prog.py");
    expect((await memsim(["frobnicate"])).status).toBe(2);
    expect((await memsim(["--help"])).status).toBe(0);
    expect((await memsim(["run", "x.py", "--locale", "fr"])).stderr).toContain('memsim has no text in "fr" yet (only en and zh-CN), so it speaks English here.');
  });
});
