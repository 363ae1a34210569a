/**
 * `--frames` and GIFs in constant memory: the canvas gives its pixel buffers back only when
 * the event loop turns, so pictures made in one go kept up to 2.5 MB each until the end.
 * Measured in a process of its own (pictures-memory-child.mjs) on a run of ~200 steps.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..", "..");
const child = join(import.meta.dirname, "pictures-memory-child.mjs");
const dir = mkdtempSync(join(tmpdir(), "memsim-pictures-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const program = join(dir, "long.py");
writeFileSync(program, "xs = []\nfor i in range(100):\n    xs.append(i)\n");
const MB = 1024 * 1024;

function measure(mode: "frames" | "gif", ...rest: string[]) {
  const r = spawnSync(process.execPath, [child, mode, join(root, "dist"), program, ...rest], { encoding: "utf8", env: { ...process.env, MEMSIM_SANDBOX: "" } });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Record<string, number> & { atWrite: number[] };
}

describe("pictures of a long run", () => {
  it("--frames keeps its memory flat: a picture's buffers are given back before the next", () => {
    const frames = join(dir, "frames");
    const r = measure("frames", frames);
    expect(r.status).toBe(0);
    expect(readdirSync(frames)).toHaveLength(202);
    expect(r.atWrite).toHaveLength(202);
    // from the 20th picture (the renderer's own start is behind it) to the last: measured
    // ~50 MB, and up to ~150 MB more if the interpreter kept ready starts meanwhile; the 182
    // pictures held ~2.5 MB each when drawn in one go (~470 MB)
    const growth = r.atWrite[r.atWrite.length - 1]! - r.atWrite[20]!;
    expect(growth / MB).toBeLessThan(300);
  }, 120_000);

  it("a GIF of every step kept keeps its memory flat while it is encoded", () => {
    const r = measure("gif");
    expect(r.steps).toBe(202);
    // as many frames as a GIF of about a minute holds
    expect(r.frames).toBeGreaterThanOrEqual(75);
    // measured: ~20 MB; drawn in one go, 102 frames kept ~0.75 MB each (~80 MB)
    expect((r.peak - r.before) / MB).toBeLessThan(50);
  }, 120_000);
});
