// The kernel as a process (startKernel, as `memsim kernel -f` runs it): SIGINT ignored, SIGTERM ends it
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { connectionInfo, TestClient } from "./client.js";

const launcher = join(import.meta.dirname, "..", "test-kernel.mjs");
const folders: string[] = [];
afterEach(() => {
  for (const f of folders.splice(0)) rmSync(f, { recursive: true, force: true });
});

describe("the kernel process", () => {
  it("ignores SIGINT (interrupts come as messages) and closes its sockets and ends on SIGTERM", async () => {
    const info = await connectionInfo();
    const folder = mkdtempSync(join(tmpdir(), "memsim-kernel-"));
    folders.push(folder);
    const file = join(folder, "connection.json");
    writeFileSync(file, JSON.stringify(info));
    const child = spawn(process.execPath, [launcher, "-f", file], { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
    const client = new TestClient(info);
    await client.connect();
    child.kill("SIGINT");
    // still serving after SIGINT: a request sent after it is answered
    const cell = client.request("shell", "execute_request", { code: "after SIGINT", allow_stdin: false });
    expect((await cell).content.status).toBe("ok");
    await client.idle(cell.header.msg_id);
    child.kill("SIGTERM");
    expect(await exited, stderr).toEqual({ code: 0, signal: null });
    await client.close();
  });
});
