/**
 * The command line and the console run one person's programs without the sandbox pool
 * (unless MEMSIM_SANDBOX asks for it): in interpreter threads of memsim's own process. A
 * hostile program there still cannot reach that process's JavaScript, environment, files,
 * network or processes, and a time limit stops even a loop inside one C call.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NO_LIMITS, sessionSimulator } from "../../src/chat/index.js";
import { main, type Io } from "../../src/cli/main.js";
import { terminalSafe } from "../../src/core/terminal.js";
import { createSessionLayer, engineFromEnv, type SessionLayer } from "../../src/session/index.js";
import { ConsoleHarness } from "../frontends/console-harness.js";

const dir = mkdtempSync(join(tmpdir(), "memsim-local-"));
const target = join(dir, "written-by-the-program");
const SECRET = "memsim-host-secret-4711";

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `memsim run FILE ARGS…` in this process, as a person at a terminal would run it. */
async function cli(source: string, ...args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const file = join(dir, `p${Math.random().toString(36).slice(2)}.py`);
  writeFileSync(file, source);
  let stdout = "";
  let stderr = "";
  const io: Io = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    readStdin: () => "",
    // the host's environment, with a secret in it, as `npm start` would have
    env: { ...process.env, MEMSIM_SANDBOX: "", MEMSIM_TEST_SECRET: SECRET },
  };
  const status = await main(["run", file, ...args], io);
  return { status, stdout, stderr };
}

const hostile: [string, string, (out: string) => void][] = [
  ["the host's JavaScript through import js", "import js\nprint(js.process.env)\n", (o) => expect(o).toMatch(/No module named 'js'/)],
  [
    "the host's JavaScript through pyodide's FFI",
    "from pyodide.ffi import to_js\nf = to_js({}).constructor.constructor\nprint(f('return process.env')())\n",
    (o) => expect(o).toMatch(/No module named 'pyodide/),
  ],
  ["the host's environment", "import os\nprint(dict(os.environ))\n", (o) => expect(o).not.toContain(SECRET)],
  ["the host's files", `print(open(${JSON.stringify(join(process.cwd(), "package.json"))}).read())\n`, (o) => expect(o).toMatch(/FileNotFoundError/)],
  ["the host's /etc/hostname", "print(open('/etc/hostname').read())\n", (o) => expect(o).toMatch(/FileNotFoundError/)],
  ["the network", "import socket\ns = socket.socket()\ns.connect(('127.0.0.1', 22))\n", (o) => expect(o).toMatch(/PermissionError|OSError|not allow/)],
  ["other processes", "import subprocess\nsubprocess.run(['true'])\n", (o) => expect(o).toMatch(/Error/)],
  ["a refused module through importlib", "import importlib\nimportlib.import_module('_testinternalcapi')\n", (o) => expect(o).toMatch(/ModuleNotFoundError/)],
];

describe("memsim run, in this process, with a hostile program", () => {
  for (const [what, source, check] of hostile) {
    it(`keeps the program from ${what}`, async () => {
      const { stdout } = await cli(source);
      check(stdout);
      expect(stdout).not.toContain(SECRET);
    });
  }

  it("keeps the program from writing a file on the host", async () => {
    const { stdout } = await cli(`open(${JSON.stringify(target)}, 'w').write('x')\n`);
    expect(stdout).toMatch(/Error/);
    expect(existsSync(target)).toBe(false);
  });

  it("stops a loop inside one C call at the time limit, and says so", async () => {
    const { status, stderr } = await cli("print(sum(range(10**13)))\n", "--time-limit", "1");
    // 3: a limit stopped the run
    expect(status).toBe(3);
    expect(stderr).toMatch(/Stopped after 1 s, the time limit/);
  });

  it("keeps terminal control and bidirectional overrides out of what it prints", async () => {
    const { stdout } = await cli("print('a\\x1b[2Jb\\rc\\u202ed\\u2066e')\n");
    expect(stdout).toContain("a[2Jbcde");
    expect(stdout).not.toMatch(/[\u001b\r\u202e\u2066]/);
  });
});

describe("MEMSIM_SANDBOX for the command line and the console", () => {
  it("uses the sandbox pool when it is set, and this process's threads when it is not", async () => {
    const runners: SessionLayer[] = [];
    try {
      const pooled = createSessionLayer(engineFromEnv({ ...process.env, MEMSIM_SANDBOX: "node" }));
      runners.push(pooled);
      await pooled.warm("python");
      expect(pooled.where("python")).toBe("node");
      const local = createSessionLayer(engineFromEnv({ ...process.env, MEMSIM_SANDBOX: "" }));
      runners.push(local);
      await local.warm("python");
      expect(local.where("python")).toBe("thread");
      for (const r of runners) {
        const result = await r.simulate("import os\nprint(os.environ.get('MEMSIM_TEST_SECRET'))\n", { language: "python" });
        expect(result.ok && result.trace.stdout).toBe("None\n");
      }
    } finally {
      await Promise.all(runners.map((r) => r.close()));
    }
  }, 240_000);
});

describe("the console, with a hostile program", () => {
  let runner: SessionLayer;
  let console_: ConsoleHarness;
  beforeAll(async () => {
    process.env.MEMSIM_TEST_SECRET = SECRET;
    runner = createSessionLayer({ engine: "threads" });
    console_ = new ConsoleHarness(sessionSimulator(runner), NO_LIMITS);
  }, 120_000);
  afterAll(async () => {
    delete process.env.MEMSIM_TEST_SECRET;
    await console_?.close();
    await runner?.close();
  });

  it("keeps the program from the host's environment and JavaScript", async () => {
    const out = await console_.type("/memsim run", "import os", "print(os.environ.get('MEMSIM_TEST_SECRET'))", "import js", ".");
    expect(out).not.toContain(SECRET);
    expect(out).toMatch(/No module named 'js'/);
  });

  it("stops a loop inside one C call at the time limit", async () => {
    const out = await console_.type("/memsim run", "print(sum(range(10**13)))", ".");
    expect(out).toMatch(/time limit/);
  });

  it("prints no terminal control or bidirectional override from the program", async () => {
    const out = await console_.type("/memsim run", "print('x\\u202ey\\x1b[31mz')", ".");
    expect(out).toContain("xy[31mz");
    expect(out).not.toMatch(/[\u001b\u202e]/);
  });
});

describe("terminalSafe", () => {
  it("removes controls and bidirectional formatting, and keeps tabs, newlines and ordinary text", () => {
    expect(terminalSafe("a\tb\nc\u001b[0m\u0007\u009b\u200f\u202a\u2069d 中文")).toBe("a\tb\nc[0md 中文");
  });
});

describe("an exception in a finalizer", () => {
  it("is reported as CPython reports it, with the program's own lines only", async () => {
    const { stdout } = await cli("class Bad:\n    def __del__(self):\n        1 / 0\n\nb = Bad()\ndel b\nprint('after')\n");
    expect(stdout).toMatch(/File "<learner>", line 3, in __del__/);
    expect(stdout).toMatch(/ZeroDivisionError: division by zero/);
    expect(stdout).not.toMatch(/memsim_tracer|<exec>/);
  });

  it("says nothing of memsim's own limit stopping the run inside a finalizer", async () => {
    const { stdout } = await cli("class Spin:\n    def __del__(self):\n        while True:\n            pass\n\ns = Spin()\ns.me = s\ndel s\nimport gc\ngc.collect()\n", "--max-steps", "200");
    expect(stdout).toMatch(/Stopped after 200 steps/);
    expect(stdout).not.toMatch(/StepLimit|memsim_tracer|Traceback/);
  });
});

describe("a run stopped before its first step", () => {
  it("names no step or line in its summary", async () => {
    const { stdout } = await cli("print(sum(range(10**13)))\n", "--time-limit", "1");
    expect(stdout).toMatch(/Allocated 0 objects/);
    expect(stdout).not.toMatch(/Peak live memory|after step 0|\(line 0\)/);
  });
});
