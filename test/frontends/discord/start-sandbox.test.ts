/**
 * `memsim start` with a Discord token on a host where bubblewrap is missing or does not work:
 * the bot refuses at once, before it warms the sandbox pool or connects to Discord, and tells
 * the operator what to install (needs the build: `npm run build`).
 */
import { spawn } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeDiscord, type FakeDiscord } from "./fake/server.js";

const bin = join(import.meta.dirname, "..", "..", "..", "bin", "memsim.js");

/** Runs the bot as an operator would, with a PATH holding only node (and what `extra` adds). */
function start(fake: FakeDiscord, dir: string, env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [bin, "start"], {
    cwd: dir,
    env: { PATH: join(dir, "bin"), HOME: dir, DISCORD_TOKEN: fake.token, DISCORD_API_URL: fake.apiUrl, MEMSIM_DB: join(dir, "chat.sqlite"), LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (c: string) => (stdout += c));
  child.stderr.setEncoding("utf8").on("data", (c: string) => (stderr += c));
  return new Promise((resolve) => child.once("exit", (code) => resolve({ code, stdout, stderr })));
}

describe("the bot without a working bubblewrap", () => {
  let fake: FakeDiscord;
  let dir: string;
  beforeAll(async () => {
    fake = await startFakeDiscord();
    dir = mkdtempSync(join(tmpdir(), "memsim-nobwrap-"));
    // a PATH with node and nothing else: no bwrap on it
    mkdirSync(join(dir, "bin"));
    symlinkSync(process.execPath, join(dir, "bin", "node"));
  });
  afterAll(async () => {
    await fake?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("refuses to start when bwrap is not installed, says what to install, and never connects", async () => {
    const out = await start(fake, dir);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain("memsim could not start (sandbox-too-weak): bubblewrap (bwrap) is not installed.");
    expect(out.stderr).toContain("apt-get install bubblewrap");
    // refused before the pool was warmed (its log line) and before Discord was reached
    expect(out.stdout).not.toContain('"evt":"sandbox"');
    expect(fake.gatewayLog.identifies).toBe(0);
  });

  it("says so when bwrap is there but cannot make its sandbox", async () => {
    const fakeBwrap = join(dir, "bin", "bwrap");
    writeFileSync(fakeBwrap, "#!/bin/sh\necho 'bwrap: No permissions to create new namespace' >&2\nexit 1\n");
    chmodSync(fakeBwrap, 0o755);
    try {
      const out = await start(fake, dir);
      expect(out.code).toBe(2);
      expect(out.stderr).toContain("bubblewrap does not work here: bwrap: No permissions to create new namespace.");
      expect(out.stderr).toContain("allow unprivileged user namespaces");
      expect(fake.gatewayLog.identifies).toBe(0);
    } finally {
      rmSync(fakeBwrap);
    }
  });

  it("refuses MEMSIM_SANDBOX=node unless the weaker sandbox is accepted", async () => {
    const out = await start(fake, dir, { MEMSIM_SANDBOX: "node" });
    expect(out.code).toBe(2);
    expect(out.stderr).toContain("MEMSIM_SANDBOX=node turns bubblewrap off.");
    expect(out.stderr).toContain("MEMSIM_ALLOW_WEAK_SANDBOX=1");
  });
});
