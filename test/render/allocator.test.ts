/**
 * The canvas's allocator is told not to use transparent huge pages before the native
 * module loads (reading pixels back was several times slower with them), unless the
 * operator chose otherwise.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const bin = join(root, "bin", "memsim.js");
const example = join(root, "assets", "examples", "aliasing.py");

function allowThp(extra: Record<string, string>): string | undefined {
  const env: Record<string, string> = { ...(process.env as Record<string, string>), MIMALLOC_VERBOSE: "1", ...extra };
  if (!("MIMALLOC_ALLOW_THP" in extra)) delete env.MIMALLOC_ALLOW_THP;
  // the CLI drawing a PNG loads the canvas the way a learner's run does
  const r = spawnSync(process.execPath, [bin, "run", example, "--png", join(mkdtempSync(join(tmpdir(), "memsim-")), "step.png")], { encoding: "utf8", env });
  expect(r.status, r.stderr).toBe(0);
  return /option 'allow_thp': (\d+)/.exec(r.stderr)?.[1];
}

describe("the canvas allocator", () => {
  it("runs without transparent huge pages", () => {
    expect(allowThp({})).toBe("0");
  });

  it("keeps an operator's own setting", () => {
    expect(allowThp({ MIMALLOC_ALLOW_THP: "1" })).toBe("1");
  });
});
