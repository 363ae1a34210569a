/**
 * Hostile programs. Each one's attempt must fail, the host process must be unharmed (its
 * files, its environment and its secrets), and the pool must serve the next run.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Trace } from "../../src/core/index.js";
import { createPool, type Pool, type RunResult, type SandboxMode } from "../../src/sandbox/index.js";

const secret = `memsim-test-token-${randomUUID()}`;
const hostDir = mkdtempSync(join(tmpdir(), "memsim-host-"));
const dotEnv = join(hostDir, ".env");
const sentinel = join(hostDir, "sentinel.txt");
const target = join(hostDir, "written-by-the-program.txt");
let server: Server;
let port = 0;
let connections = 0;

beforeAll(async () => {
  process.env.MEMSIM_TEST_BOT_TOKEN = secret;
  writeFileSync(dotEnv, `DISCORD_TOKEN=${secret}\n`);
  writeFileSync(sentinel, "unchanged");
  server = createServer((socket) => {
    connections++;
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as { port: number }).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(hostDir, { recursive: true, force: true });
  delete process.env.MEMSIM_TEST_BOT_TOKEN;
});

type Check = (r: RunResult, pool: Pool) => void | Promise<void>;

function traceOf(r: RunResult): Trace {
  if (!r.ok) throw new Error(`the run failed: ${r.error.code}`);
  return r.trace;
}

const failsWith = (type: string | RegExp): Check => (r) => {
  const o = traceOf(r).outcome;
  expect(o.status).toBe("error");
  if (o.status === "error") expect(o.type).toMatch(type);
};
const stoppedBy = (...limits: string[]): Check => (r) => {
  const o = traceOf(r).outcome;
  expect(o.status).toBe("limit");
  if (o.status === "limit") expect(limits).toContain(o.limit);
};
const crashes: Check = (r) => {
  expect(r).toMatchObject({ ok: false, error: { code: "worker-crashed" } });
};
const noConnection: Check = () => {
  expect(connections).toBe(0);
};
const both = (...checks: Check[]): Check => async (r, pool) => {
  for (const c of checks) await c(r, pool);
};
/** The program could not do it: an error, or a limit it ran into while trying. */
const refused: Check = (r) => {
  expect(["error", "limit"]).toContain(traceOf(r).outcome.status);
};
const printed = (text: string): Check => (r) => {
  expect(traceOf(r).stdout).toBe(text);
};

/** What every hostile run must leave true. */
async function attempt(pool: Pool, source: string, check: Check, timeLimitMs = 1500): Promise<void> {
  const r = await pool.run(source, { timeLimitMs });
  await check(r, pool);
  // the host is unharmed and kept its secrets
  expect(readFileSync(sentinel, "utf8")).toBe("unchanged");
  expect(readFileSync(dotEnv, "utf8")).toContain(secret);
  expect(process.env.MEMSIM_TEST_BOT_TOKEN).toBe(secret);
  expect(existsSync(target)).toBe(false);
  expect(JSON.stringify(r)).not.toContain(secret);
  expect(JSON.stringify(r)).not.toContain("root:x:0");
  // and the pool serves the next run
  const next = traceOf(await pool.run("numbers = [1, 2, 3]\nprint(sum(numbers))\n"));
  expect(next.stdout).toBe("6\n");
  expect(next.outcome.status).toBe("finished");
  expect(next.steps.length).toBe(2);
}

const url = () => `http://127.0.0.1:${port}/`;

const hostile: [string, () => string, Check, number?][] = [
  ["import js", () => "import js\nprint(js)\n", failsWith("ModuleNotFoundError")],
  ["import pyodide_js", () => "import pyodide_js\nprint(pyodide_js.FS)\n", failsWith("ModuleNotFoundError")],
  ["pyodide.code.run_js", () => "from pyodide.code import run_js\nprint(run_js('process.env'))\n", failsWith(/Error/)],
  [
    "finding pyodide_js in sys.modules",
    () => "import sys\nprint([k for k in sys.modules if k == 'js' or k.startswith('pyodide_js')])\n",
    printed("[]\n"),
  ],
  [
    "the import system's table of JavaScript modules",
    () => "import sys\nprint([list(f.jsproxies) for f in sys.meta_path if hasattr(f, 'jsproxies')])\n",
    printed("[[]]\n"),
  ],
  [
    "a walk over every class and its functions' globals for Pyodide's API",
    // run through exec, so the walk itself is not traced and finishes quickly
    () =>
      "exec(" +
      JSON.stringify(
        [
          "seen, found, todo = set(), [], [object]",
          "while todo:",
          "    c = todo.pop()",
          "    if id(c) in seen:",
          "        continue",
          "    seen.add(id(c))",
          "    try:",
          "        todo.extend(type.__subclasses__(c))",
          "    except TypeError:",
          "        pass",
          "    for v in list(vars(c).values()):",
          "        g = getattr(getattr(v, '__func__', v), '__globals__', None)",
          "        if isinstance(g, dict):",
          "            for name, x in list(g.items()):",
          "                if type(x).__name__.startswith('Js') and any(hasattr(x, a) for a in ('runPython', 'FS', '_module', '_api')):",
          "                    found.append(name)",
          "                proxies = getattr(x, 'jsproxies', None) if type(x).__name__ == 'JsFinder' else None",
          "                if proxies:",
          "                    found.append(name)",
          "print(len(seen) > 100, found)",
        ].join("\n"),
      ) +
      ")\n",
    printed("True []\n"),
    // the walk must finish to show it found nothing: on a busy two-core machine it has
    // taken longer than the other programs' 1.5 s
    15_000,
  ],
  [
    "mounting the host file system through Pyodide's FS",
    () => "import pyodide_js\nFS = pyodide_js.FS\nFS.mkdir('/host')\nFS.mount(FS.filesystems.NODEFS, {'root': '/'}, '/host')\nprint(open('/host/etc/passwd').read())\n",
    failsWith("ModuleNotFoundError"),
  ],
  [
    "mounting the host file system through the tracer's own callback",
    () => "import sys\nsnap = sys._getframe(1).f_locals['tracer'].snap\nfs = snap.constructor('return process.mainModule.require(\"fs\")')()\nprint(fs.readFileSync('/etc/passwd'))\n",
    failsWith(/JsException|KeyError|AttributeError/),
  ],
  ["reading /etc/passwd", () => "print(open('/etc/passwd').read())\n", failsWith("FileNotFoundError")],
  ["reading the bot's .env", () => `print(open(${JSON.stringify(dotEnv)}).read())\n`, failsWith("FileNotFoundError")],
  [
    "searching the whole file system for a .env",
    () => "import os\nfor root, dirs, files in os.walk('/'):\n    for f in files:\n        if f == '.env' or f.endswith('.env'):\n            print(open(os.path.join(root, f)).read())\nprint('searched')\n",
    printed("searched\n"),
  ],
  ["writing a file outside the worker", () => `open(${JSON.stringify(target)}, 'w').write('pwned')\n`, failsWith("FileNotFoundError")],
  ["network through urllib", () => `import urllib.request\nurllib.request.urlopen(${JSON.stringify(url())})\n`, both(refused, noConnection)],
  ["network through socket", () => `import socket\nsocket.create_connection(('127.0.0.1', ${port}))\n`, both(failsWith(/Error/), noConnection)],
  ["network through pyodide.http", () => `from pyodide.http import open_url\nprint(open_url(${JSON.stringify(url())}))\n`, both(failsWith(/Error/), noConnection)],
  [
    "network through JavaScript's fetch",
    () =>
      [
        "results = []",
        "try:",
        "    import js",
        `    js.fetch(${JSON.stringify(url())})`,
        "    results.append('js.fetch ran')",
        "except Exception as e:",
        "    results.append(type(e).__name__)",
        "try:",
        "    from pyodide.ffi import to_js",
        `    to_js({}).constructor.constructor('return fetch')()(${JSON.stringify(url())})`,
        "    results.append('fetch ran')",
        "except Exception as e:",
        "    results.append(type(e).__name__)",
        "print(results)",
      ].join("\n") + "\n",
    // neither js nor pyodide is in the interpreter a program reaches
    both(printed("['ModuleNotFoundError', 'ModuleNotFoundError']\n"), noConnection),
  ],
  [
    "reading environment variables",
    () => "import os\nprint(sorted(os.environ))\nprint(os.environ.get('MEMSIM_TEST_BOT_TOKEN'))\n",
    (r) => expect(traceOf(r).stdout).not.toContain("MEMSIM_TEST_BOT_TOKEN'"),
  ],
  ["reading the process environment from /proc", () => "print(open('/proc/self/environ').read())\n", failsWith("FileNotFoundError")],
  ["process.exit through os._exit", () => "import os\nos._exit(0)\n", crashes],
  [
    "process.exit through the JavaScript Function constructor",
    () => "from pyodide.ffi import to_js\nto_js([]).constructor.constructor('process.exit(1)')()\n",
    failsWith("ModuleNotFoundError"),
  ],
  [
    "the JavaScript Function constructor",
    () => "from pyodide.ffi import to_js\nf = to_js({}).constructor.constructor\nprint(f('return globalThis.process.env')())\n",
    (r) => {
      failsWith("ModuleNotFoundError")(r, undefined as never);
      const o = traceOf(r).outcome;
      expect(o.status === "error" && o.message).toMatch(/No module named 'pyodide/);
    },
  ],
  ["child_process through subprocess", () => "import subprocess\nprint(subprocess.run(['cat', '/etc/passwd'], capture_output=True))\n", failsWith(/Error/)],
  ["child_process through os.system", () => `import os\nos.system('touch ${target}')\n`, failsWith("PermissionError")],
  ["an infinite loop", () => "while True:\n    pass\n", stoppedBy("time", "steps")],
  ["an infinite loop inside a generator", () => "def spin():\n    while True:\n        pass\n    yield\nnext(spin())\n", stoppedBy("time", "steps")],
  ["an infinite loop inside finally", () => "try:\n    x = 1\nfinally:\n    while True:\n        pass\n", stoppedBy("time", "steps")],
  [
    "an infinite loop inside except around KeyboardInterrupt",
    () => "while True:\n    try:\n        while True:\n            pass\n    except KeyboardInterrupt:\n        pass\n    except BaseException:\n        pass\n",
    stoppedBy("time", "steps"),
  ],
  ["10**10**8", () => "x = 10**10**8\n", both(stoppedBy("time"), (r) => expect(r.ok && r.stopped?.by).toBe("time"))],
  [
    "'a' * 10**10",
    () => "s = 'a' * 10**10\n",
    (r) => {
      const o = traceOf(r).outcome;
      expect(o.status === "limit" ? o.limit : o.status === "error" ? o.type : o.status).toMatch(/memory|MemoryError|OverflowError/);
    },
  ],
  ["a list that doubles forever", () => "x = [0] * 10**6\nwhile True:\n    x = x + x\n", stoppedBy("memory", "time")],
  [
    "a flood of output",
    () => "while True:\n    print('x' * 10000)\n",
    both(stoppedBy("time", "steps"), (r) => {
      expect(traceOf(r).stdoutTruncated).toBe(true);
      expect(traceOf(r).stdout.length).toBeLessThanOrEqual(65_536);
    }),
  ],
  [
    "a flood of output straight to the file descriptor",
    () => "import os\nwhile True:\n    os.write(1, b'y' * 100000)\n",
    // which limit comes first depends on the machine's speed: each of them contains it
    both(stoppedBy("time", "steps", "memory"), (r) => expect(traceOf(r).stdout).not.toContain("yyyy")),
  ],
  [
    "deep recursion with the recursion limit raised",
    () => "import sys\nsys.setrecursionlimit(10**6)\ndef f(n):\n    return f(n + 1)\nf(0)\n",
    (r) => {
      const o = traceOf(r).outcome;
      expect(o.status === "limit" || (o.status === "error" && o.recursion === true)).toBe(true);
    },
  ],
  [
    "catching every exception the limits raise and carrying on",
    () => "import sys\nn = 0\nwhile True:\n    try:\n        while True:\n            n += 1\n    except BaseException:\n        try:\n            sys.setrecursionlimit(10**6)\n        except BaseException:\n            pass\n        continue\n",
    both(stoppedBy("time", "steps"), (r) => expect(traceOf(r).steps.length).toBeGreaterThan(0)),
  ],
  [
    "blinding the tracer with the real settrace, then looping",
    () => "import sys\nsys._getframe(1).f_locals['saved'][4](None)\nwhile True:\n    pass\n",
    both(stoppedBy("time"), (r) => expect(r.ok && r.stopped?.by).toBe("time")),
  ],
  [
    "an audit hook of its own",
    () => "import sys\nseen = []\nsys.addaudithook(lambda event, args: seen.append(event))\nimport fractions\nopen('/lib/python314.zip', 'rb').close()\nprint(len(seen))\n",
    printed("0\n"),
  ],
  ["walking the garbage collector's objects", () => "import gc\nprint(len(gc.get_objects()))\n", failsWith("PermissionError")],
  ["finding other objects through gc.get_referrers", () => "import gc\nprint(gc.get_referrers(print))\n", failsWith("PermissionError")],
  ["ctypes", () => "import ctypes\nprint(ctypes.string_at(0, 64))\n", failsWith("ModuleNotFoundError")],
  ["crashing the interpreter", () => "import _pyodide_core\n_pyodide_core.trigger_fatal_error()\n", failsWith("ModuleNotFoundError")],
  [
    // whatever becomes of this run, the canary after it must still be traced properly
    "tampering with the tracer's module and class",
    () => "import sys\nt = sys.modules['memsim_tracer']\nt.run = None\nt.Tracer.trace = None\nt.LEARNER_FILE = 'x'\n",
    () => undefined,
  ],
  ["importing the tracer from its file", () => "import sys\ndel sys.modules['memsim_tracer']\nimport memsim_tracer\n", failsWith("ModuleNotFoundError")],
];

function hostileSuite(name: string, mode: SandboxMode | undefined, programs: typeof hostile): void {
  describe(name, () => {
    let pool: Pool;
    beforeAll(async () => {
      pool = await createPool({ size: 2, killGraceMs: 1500, ...(mode ? { sandbox: mode } : {}) });
    }, 240_000);
    afterAll(async () => {
      await pool?.close();
    });

    for (const [what, source, check, timeLimitMs] of programs) {
      it(`refuses ${what}`, async () => {
        await attempt(pool, source(), check, timeLimitMs);
      });
    }

    it("leaves nothing behind in JavaScript for the next program", async () => {
      // the way to JavaScript is not there: no program gets as far as changing it
      const pollute = "import sys\nprint(sorted(m for m in sys.modules if 'pyodide' in m or m == 'js'))\nfrom pyodide.ffi import to_js\nto_js({}).constructor.prototype.polluted = 1\n";
      for (const r of await Promise.all([pool.run(pollute), pool.run(pollute)])) {
        expect(traceOf(r).stdout).toBe("[]\n");
        failsWith("ModuleNotFoundError")(r, pool);
      }
    });

    it("leaves nothing behind in the tracer for the next program", async () => {
      const probe = "a = [1, 2]\nb = a[:]\nn = len(b)\n";
      const before = traceOf(await pool.run(probe));
      const tamper =
        "import sys\nt = vars(sys.modules['memsim_tracer'])\nfor v in list(t.values()):\n    if type(v) in (set, dict, list):\n        v.clear()\nt['json'] = None\n";
      await Promise.all([pool.run(tamper), pool.run(tamper)]);
      for (const r of await Promise.all([pool.run(probe), pool.run(probe)])) {
        const after = traceOf(r);
        expect(after.outcome).toEqual(before.outcome);
        expect(after.steps.map((s) => s.events.map((e) => e.kind))).toEqual(before.steps.map((s) => s.events.map((e) => e.kind)));
      }
    });
  });
}

hostileSuite("hostile programs, in the default sandbox", undefined, hostile);

const essentials = new Set([
  "reading the bot's .env",
  "writing a file outside the worker",
  "network through urllib",
  "network through JavaScript's fetch",
  "reading environment variables",
  "process.exit through os._exit",
  "the JavaScript Function constructor",
  "child_process through os.system",
  "10**10**8",
  "catching every exception the limits raise and carrying on",
]);
hostileSuite(
  "hostile programs, under Node's permission model alone",
  "node",
  hostile.filter(([what]) => essentials.has(what)),
);
