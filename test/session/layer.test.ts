/**
 * The session layer: the one way every front end runs a program. The same program gets the
 * same Trace and refusal from each front end's path; a named session keeps its names between
 * runs in this process as in the pool, and starts again empty (and says why) after idling or a
 * stop; failures come back as codes that only the edges word.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NO_LIMITS, sessionSimulator } from "../../src/chat/index.js";
import { main, type Io } from "../../src/cli/main.js";
import { MemsimError } from "../../src/core/errors.js";
import { NOTICE_CODES } from "../../src/core/notice.js";
import { Trace, type Language } from "../../src/core/trace.js";
import { translator } from "../../src/i18n/index.js";
import { createSessionLayer, engineFromEnv, NOTICE_KEYS, noticeText, type SessionLayer, type Simulation } from "../../src/session/index.js";
import { MAX_SOURCE_BYTES } from "../../src/session/limits.js";
import { ConsoleHarness } from "../frontends/console-harness.js";

const dir = mkdtempSync(join(tmpdir(), "memsim-session-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SHELL = 'import os\nos.system("echo hi")\n';

function traceOf(r: Simulation): Trace {
  if (!r.ok) throw new Error(`the run failed: ${r.error.code}`);
  return r.trace;
}

async function cli(source: string, ...args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const file = join(dir, `p${Math.random().toString(36).slice(2)}.py`);
  writeFileSync(file, source);
  let stdout = "";
  let stderr = "";
  const io: Io = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), readStdin: () => "", env: { ...process.env, MEMSIM_SANDBOX: "" } };
  const status = await main(["run", file, ...args], io);
  return { status, stdout, stderr };
}

describe("the session layer, in interpreter threads of this process", () => {
  let layer: SessionLayer;
  beforeAll(() => {
    layer = createSessionLayer({ engine: "threads", sandbox: { sessionIdleMs: 1_500, maxSessions: 2 }, limits: { timeLimitMs: 3_000 } });
  });
  afterAll(async () => {
    await layer?.close();
  });

  it("refuses to start another process the same way in the CLI, the console and the layer", async () => {
    const direct = traceOf(await layer.simulate(SHELL, { language: "python" }));
    expect(direct.outcome).toMatchObject({ status: "error", type: "PermissionError", unsupported: expect.any(String) });
    // --json prints the Trace and nothing else, whatever the program does
    const json = await cli(SHELL, "--json");
    expect(json.stdout.trim().split("\n")).toHaveLength(1);
    const printed = Trace.parse(JSON.parse(json.stdout));
    expect(printed.outcome).toEqual(direct.outcome);
    expect(printed.stdout).toBe(direct.stdout);
    const text = await cli(SHELL);
    expect(text.stdout).toMatch(/cannot start others/);
    const console_ = new ConsoleHarness(sessionSimulator(layer), NO_LIMITS);
    try {
      const seen = await console_.run(SHELL);
      expect(seen.plain).toMatch(/cannot start others/);
    } finally {
      await console_.close();
    }
  }, 120_000);

  it("keeps a session's names between runs, and only that session's", async () => {
    const first = await layer.simulate("xs = [1, 2, 3]\n", { language: "python", sessionId: "cells" });
    expect(first.ok && first.session).toEqual({ id: "cells", run: 1 });
    const second = await layer.simulate("xs.append(4)\nys = [5]\nprint(xs, ys)\n", { language: "python", sessionId: "cells" });
    expect(traceOf(second).stdout).toBe("[1, 2, 3, 4] [5]\n");
    expect(second.ok && second.session?.run).toBe(2);
    const probe = "try:\n    print(xs)\nexcept NameError:\n    print('not here')\n";
    expect(traceOf(await layer.simulate(probe, { language: "python" })).stdout).toBe("not here\n");
    expect(traceOf(await layer.simulate(probe, { language: "python", sessionId: "other" })).stdout).toBe("not here\n");
  }, 120_000);

  it("starts an idle session again empty, and says why", async () => {
    await layer.simulate("kept = 1\n", { language: "python", sessionId: "idle" });
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    const back = await layer.simulate("print('kept' in globals())\n", { language: "python", sessionId: "idle" });
    expect(traceOf(back).stdout).toBe("False\n");
    expect(back.ok && back.session).toMatchObject({ run: 1, freshBecause: "idle", notice: { code: "session.idle" } });
    expect(back.ok && back.notices.map((n) => n.code)).toContain("session.idle");
  }, 120_000);

  it("starts a session again after a run of it was stopped from outside", async () => {
    await layer.simulate("kept = 1\n", { language: "python", sessionId: "stopped" });
    const stopped = await layer.simulate("print(sum(range(10**13)))\n", { language: "python", sessionId: "stopped" });
    expect(stopped.ok && stopped.stopped?.by).toBe("time");
    const back = await layer.simulate("print('kept' in globals())\n", { language: "python", sessionId: "stopped" });
    expect(traceOf(back).stdout).toBe("False\n");
    expect(back.ok && back.session).toMatchObject({ run: 1, freshBecause: "replaced" });
  }, 120_000);
});

describe("the registry and the notices", () => {
  it("names a language no runner serves as memsim's own failure, not the learner's", async () => {
    const layer = createSessionLayer({ engine: "inline" });
    // every language of the Trace has a runner now: one from outside the type stands for a new one
    await expect(layer.simulate("IDENTIFICATION DIVISION.\n", { language: "cobol" as Language })).rejects.toBeInstanceOf(MemsimError);
    await layer.close();
  });

  it("refuses a program longer than it reads at once, saying how long each is, and runs one at the limit", async () => {
    const layer = createSessionLayer({ engine: "inline" });
    const line = "x = 1\n";
    const atLimit = line.repeat(Math.floor(MAX_SOURCE_BYTES / line.length));
    const over = atLimit + "y = 2\n".repeat(200);
    const refused = await layer.simulate(over, { language: "python" });
    expect(refused).toEqual({ ok: false, error: { code: "source.too-large", params: { size: Buffer.byteLength(over), max: MAX_SOURCE_BYTES } } });
    if (!refused.ok) {
      expect(noticeText(refused.error, translator("en"))).toContain("up to 64 KB");
      expect(noticeText(refused.error, translator("zh-CN"))).toContain("64 KB");
    }
    const run = await layer.simulate(atLimit, { language: "python", limits: { maxSteps: 20 } });
    expect(run.ok).toBe(true);
    await layer.close();
  });

  it("chooses the pool when MEMSIM_SANDBOX asks for it, threads otherwise", () => {
    expect(engineFromEnv({ MEMSIM_SANDBOX: "node" })).toMatchObject({ engine: "pool", sandbox: { sandbox: "node" } });
    expect(engineFromEnv({})).toMatchObject({ engine: "threads" });
  });

  it("has words for every notice code in both languages, with its values", () => {
    for (const code of NOTICE_CODES) {
      for (const locale of ["en", "zh-CN"] as const) {
        const tr = translator(locale);
        expect(tr.has(NOTICE_KEYS[code]), `${code} in ${locale}`).toBe(true);
      }
    }
    const params = { seconds: 5, line: 7, steps: 12 };
    expect(noticeText({ code: "stopped.time", params }, translator("en"))).toContain("line 7");
    expect(noticeText({ code: "stopped.time", params }, translator("zh-CN"))).toContain("第 7 行");
  });
});
