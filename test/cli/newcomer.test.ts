/**
 * What a newcomer meets on the command line: the help, mistakes in the command, paths that
 * cannot be written, an empty file, an endless loop, and the exit status of each.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ACCOUNT_HEAD, ACCOUNT_TAIL, ACCOUNT_WHOLE_UP_TO } from "../../src/cli/account.js";
import { main, type Io } from "../../src/cli/main.js";
import { exitStatus } from "../../src/cli/run.js";
import type { Trace } from "../../src/core/index.js";

const root = join(import.meta.dirname, "..", "..");
const bin = join(root, "bin", "memsim.js");
const examples = join(root, "assets", "examples");

async function memsim(args: string[], input = "") {
  let stdout = "";
  let stderr = "";
  const io: Io = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), readStdin: () => input, env: { LANG: "C" } };
  const status = await main(args, io);
  return { status, stdout, stderr };
}

function scratch(): string {
  return mkdtempSync(join(tmpdir(), "memsim-new-"));
}

function file(source: string, name = "prog.py"): string {
  const path = join(scratch(), name);
  writeFileSync(path, source);
  return path;
}

describe("memsim --help and --version", () => {
  it("lists every command, the exit statuses and the environment settings, in both languages", async () => {
    const help = await memsim(["--help"]);
    expect(help.status).toBe(0);
    for (const part of ["memsim run FILE", "memsim start", "--version", "--all-steps", "Exit status", "  3  a limit stopped the run", "MEMSIM_LOCALE", "MEMSIM_SANDBOX", "DISCORD_TOKEN", "--stdin 'Ada\\n36'"]) expect(help.stdout).toContain(part);
    expect(help.stdout).toContain(`shows its first ${ACCOUNT_HEAD}`);
    expect(await memsim(["help"])).toEqual(help);
    const zh = await memsim(["--help", "--locale", "zh-CN"]);
    for (const part of ["memsim start", "退出状态", "  3  运行被某个限制停下", "MEMSIM_CACHE_DIR"]) expect(zh.stdout).toContain(part);
  });

  it("are described in the README with the same numbers and statuses", () => {
    const readme = readFileSync(join(root, "README.md"), "utf8");
    expect(readme).toContain(`a run of more than ${ACCOUNT_WHOLE_UP_TO} steps otherwise shows its first ${ACCOUNT_HEAD} and its last ${ACCOUNT_TAIL}`);
    for (const status of [0, 1, 2, 3]) expect(readme).toMatch(new RegExp(`^\\| ${status} \\| `, "m"));
    expect(readme).toContain("better-sqlite3");
  });

  it("prints the version in package.json", async () => {
    const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string };
    expect(await memsim(["--version"])).toEqual({ status: 0, stdout: `memsim ${version}\n`, stderr: "" });
  });
});

describe("mistakes in the command", () => {
  it("answers -1, an unknown option and an unknown theme in memsim's words, exit 2, before running anything", async () => {
    const prog = join(examples, "aliasing.py");
    const negative = await memsim(["run", prog, "--max-steps", "-1"]);
    expect(negative).toEqual({ status: 2, stdout: "", stderr: '--max-steps takes a whole number of at least 1, not "-1": for example --max-steps 500.\n' });
    const unknown = await memsim(["run", prog, "--frobnicate"]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/^memsim has no option --frobnicate\. Its options are: --json .*--theme.*\. memsim --help says what each one does\.\n$/);
    expect((await memsim(["run", prog, "--theme", "blue"])).stderr).toBe('--theme takes dark or light, not "blue": for example --theme light.\n');
    const zh = await memsim(["run", prog, "--frobnicate", "--locale", "zh-CN"]);
    expect(zh.stderr).toMatch(/^memsim 没有 --frobnicate 这个选项。/);
  });

  it("suggests memsim run when the file is given as the command", async () => {
    const r = await memsim(["slicing.py"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^To run slicing\.py, type: memsim run slicing\.py\n/);
  });

  it("notes a --step that nothing draws, and still runs", async () => {
    const r = await memsim(["run", join(examples, "aliasing.py"), "--step", "2"]);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain("--step 2 chooses the step that --png draws, and there is no --png here, so it changes nothing.");
    expect(r.stdout).toContain("Summary:");
  });

  it("notes a locale it has no text for, going on in the nearest it has", async () => {
    const tw = await memsim(["run", join(examples, "aliasing.py"), "--locale", "zh-TW"]);
    expect(tw.status).toBe(0);
    expect(tw.stderr).toBe("memsim 还没有“zh-TW”的文字（只有 en 和 zh-CN），这里用简体中文。\n");
    expect(tw.stdout).toContain("小结：");
    expect((await memsim(["run", join(examples, "aliasing.py"), "--locale", "en-GB"])).stderr).toBe("");
  });
});

describe("a program with nothing in it", () => {
  it("says an empty file is empty and what to write in it, exit 2", async () => {
    const path = file("");
    const r = await memsim(["run", path]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(`${path} is empty: there is no program in it to run. Write a few lines of Python in it, for example:\n    names = ["Ada", "Alan"]`);
    expect((await memsim(["run", "-"], "\n\n")).stderr).toMatch(/^Standard input is empty/);
  });

  it("says a file of only comments holds no code, in both languages", async () => {
    const path = file("# TODO: write the program\n\n   # later\n");
    expect((await memsim(["run", path])).stderr).toContain(`${path} holds only comments and blank lines`);
    const zh = await memsim(["run", path, "--locale", "zh-CN"]);
    expect(zh.status).toBe(2);
    expect(zh.stderr).toContain(`${path} 里只有注释和空行`);
  });
});

describe("picture paths", () => {
  it("tells what is wrong with a path before running, never an internal failure", async () => {
    const dir = scratch();
    const blocker = join(dir, "notes.txt");
    writeFileSync(blocker, "");
    const prog = join(examples, "aliasing.py");
    const cases: [string[], string][] = [
      [["--png", join(blocker, "x.png")], `Cannot write --png ${join(blocker, "x.png")}: ${blocker} is a file, so no folder can be made inside it. Try, for example, --png x.png`],
      [["--gif", dir], `Cannot write --gif ${dir}: ${dir} is a folder, and a file name is needed here. Try, for example, --gif ${join(dir, "run.gif")}`],
      [["--frames", "/proc/x"], "Cannot write --frames /proc/x: memsim is not allowed to write in /proc. Try, for example, --frames frames"],
      [["--frames", blocker], `Cannot write --frames ${blocker}: ${blocker} is a file, and --frames needs a folder (a missing one is made). Try, for example, --frames frames`],
    ];
    for (const [extra, message] of cases) {
      const r = await memsim(["run", prog, ...extra]);
      expect(r).toEqual({ status: 2, stdout: "", stderr: message + "\n" });
    }
  });

  it("makes the missing folders of --png, as --frames does", async () => {
    const png = join(scratch(), "pictures", "today", "step.png");
    const r = await memsim(["run", join(examples, "aliasing.py"), "--png", png, "--step", "2"]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe(`Wrote ${png}\n`);
    expect(statSync(png).size).toBeGreaterThan(1000);
  });
});

describe("limits and exit statuses", () => {
  it("prints a bounded account of an endless loop under the default limits, exit 3", async () => {
    const r = await memsim(["run", file("while True:\n    x = 1\n")]);
    expect(r.status).toBe(3);
    const steps = r.stdout.split("\n").filter((l) => /^\[[\d,]+\] line /.test(l));
    expect(steps.length).toBe(ACCOUNT_HEAD + ACCOUNT_TAIL);
    expect(steps[0]).toBe("[1] line 1: while True:");
    expect(steps[ACCOUNT_HEAD - 1]).toBe(`[${ACCOUNT_HEAD}] line 2: x = 1`);
    // the time limit may stop it before the step limit on a busy machine: the count is read from the outcome
    const last = Number(/\[([\d,]+)\] line \d+: [^\n]*\n\n(?:Stopped)/.exec(r.stdout)![1]!.replace(/,/g, ""));
    expect(steps.at(-1)).toMatch(new RegExp(`^\\[${last.toLocaleString("en")}\\] line`));
    const left = last - ACCOUNT_HEAD - ACCOUNT_TAIL;
    expect(r.stdout).toContain(
      `… ${left.toLocaleString("en")} steps left out here (steps ${ACCOUNT_HEAD + 1} to ${(last - ACCOUNT_TAIL).toLocaleString("en")} of ${last.toLocaleString("en")}). To see every step: --all-steps. The whole run as data: --json. One of these steps drawn: --png step.png --step ${ACCOUNT_HEAD + 1}`,
    );
    expect(r.stdout).toMatch(/Still held when the run stopped, after step [\d,]+: 0 bytes\./);
    expect(r.stdout).not.toContain("when the program ended");
    expect(r.stdout.split("\n").length).toBeLessThan(ACCOUNT_HEAD + ACCOUNT_TAIL + 30);
  });

  it("prints every step with --all-steps", async () => {
    const r = await memsim(["run", file("while True:\n    x = 1\n"), "--max-steps", "300", "--all-steps"]);
    expect(r.status).toBe(3);
    expect(r.stdout.split("\n").filter((l) => /^\[[\d,]+\] line /.test(l)).length).toBe(300);
    expect(r.stdout).not.toContain("left out");
  });

  it("exits 3 for a time limit too, and says the run stopped", async () => {
    const r = await memsim(["run", file("n = 0\nwhile True:\n    n = (n + 1) % 7\n"), "--time-limit", "1", "--max-steps", "100000000"]);
    expect(r.status).toBe(3);
    expect(r.stdout).toMatch(/Stopped after 1 s, the time limit/);
    expect(r.stdout).toContain("when the run stopped");
  });

  it("gives each outcome its documented status", () => {
    const statusOf = (outcome: Trace["outcome"]) => exitStatus({ outcome } as Trace);
    expect(statusOf({ status: "finished" })).toBe(0);
    expect(statusOf({ status: "error", type: "ValueError", message: "", line: 1 })).toBe(1);
    expect(statusOf({ status: "error", type: "RuntimeError", message: "", line: 1, unsupported: "threads" })).toBe(2);
    expect(statusOf({ status: "syntax-error", type: "SyntaxError", message: "", line: 1, column: 1, text: "" })).toBe(2);
    expect(statusOf({ status: "limit", limit: "steps", max: 10 })).toBe(3);
    expect(statusOf({ status: "limit", limit: "time", max: 1000 })).toBe(3);
    expect(statusOf({ status: "error", type: "RecursionError", message: "", line: 1, recursion: true, runtimeLimit: true })).toBe(3);
  });
});

describe("the memsim binary", () => {
  it("gives --stdin 'Ada\\n36' (a typed backslash-n) to the program as two lines", () => {
    const prog = file('name = input("Name? ")\nage = int(input("Age? "))\nprint(name, age + 1)\n');
    const r = spawnSync(process.execPath, [bin, "run", prog, "--stdin", "Ada\\n36"], { encoding: "utf8", env: { ...process.env, LANG: "C", MEMSIM_LOCALE: "" } });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("Output:\n  Name? Ada\n  Age? 36\n  Ada 37\n");
  });
});

describe("a program file's encoding", () => {
  function bytesFile(bytes: number[] | Buffer, name = "prog.py"): string {
    const path = join(scratch(), name);
    writeFileSync(path, Buffer.from(bytes as number[]));
    return path;
  }

  it("runs a UTF-8 file with a byte-order mark as CPython does, the mark dropped", async () => {
    const path = bytesFile(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('name = "你好"\nprint(name)\n')]));
    const r = await memsim(["run", path]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("你好");
    expect(r.stderr).toBe("");
  });

  it("runs a GBK file that declares its encoding, and refuses one that does not, saying how to save it", async () => {
    const gbk = [0xc4, 0xe3, 0xba, 0xc3]; // 你好 in GBK
    const declared = bytesFile([...Buffer.from('# -*- coding: gbk -*-\ns = "'), ...gbk, ...Buffer.from('"\nprint(s)\n')]);
    const ok = await memsim(["run", declared]);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain("你好");
    const plain = bytesFile([...Buffer.from('s = "'), ...gbk, ...Buffer.from('"\nprint(s)\n')]);
    const refused = await memsim(["run", plain]);
    expect(refused.status).toBe(2);
    expect(refused.stdout).toBe("");
    expect(refused.stderr).toContain("GBK");
    expect(refused.stderr).toContain("Save it as UTF-8");
    expect(refused.stderr).toContain("run it again");
    expect(refused.stderr).not.toContain("attach");
  });
});
