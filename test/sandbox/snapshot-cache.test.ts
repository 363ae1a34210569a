/**
 * The start-up snapshot kept between starts of the command line: made once and reused, made
 * again for a changed key or a damaged file, never read from a file that is not this user's,
 * and a run's output is the same whether its snapshot came from the cache or was just made.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cacheFolder, cachePath, readCachedSnapshot, writeCachedSnapshot } from "../../src/sandbox/snapshot-cache.js";
import { snapshotKey } from "../../src/sandbox/snapshot.js";
import { workerFiles } from "../../src/sandbox/launch.js";

const root = join(import.meta.dirname, "..", "..");
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), "memsim-snapcache-"));
  dirs.push(dir);
  return dir;
}

const bytes = Uint8Array.from({ length: 5000 }, (_, i) => (i * 7919) & 255);
const KEY = "0123456789abcdef01234567";

describe("the snapshot cache file", () => {
  it("gives back exactly what was written, in shared memory, and checks it", async () => {
    const dir = folder();
    writeCachedSnapshot(dir, KEY, bytes);
    expect(statSync(cachePath(dir, KEY)).mode & 0o777).toBe(0o600);
    const read = await readCachedSnapshot(dir, KEY);
    expect(read?.bytes.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(Buffer.from(read!.bytes).equals(Buffer.from(bytes))).toBe(true);
    expect(read!.intact()).toBe(true);
  });

  it("has nothing for another key, a foreign or cut-short file, a link, or a file others may write", async () => {
    const dir = folder();
    writeCachedSnapshot(dir, KEY, bytes);
    expect(await readCachedSnapshot(dir, "fedcba9876543210fedcba98")).toBeUndefined();
    const path = cachePath(dir, KEY);
    const whole = readFileSync(path);

    // a file for another key under this key's name
    const other = folder();
    writeCachedSnapshot(other, "fedcba9876543210fedcba98", bytes);
    copyFileSync(cachePath(other, "fedcba9876543210fedcba98"), path);
    expect(await readCachedSnapshot(dir, KEY)).toBeUndefined();

    writeFileSync(path, whole.subarray(0, whole.length - 10));
    expect(await readCachedSnapshot(dir, KEY)).toBeUndefined();
    writeFileSync(path, Buffer.concat([Buffer.from("not a snapshot at all, just text\n"), whole.subarray(33)]));
    expect(await readCachedSnapshot(dir, KEY)).toBeUndefined();

    writeFileSync(path, whole);
    chmodSync(path, 0o622);
    expect(await readCachedSnapshot(dir, KEY)).toBeUndefined();
    chmodSync(path, 0o600);
    expect(await readCachedSnapshot(dir, KEY)).toBeDefined();

    const linked = folder();
    symlinkSync(path, cachePath(linked, KEY));
    expect(await readCachedSnapshot(linked, KEY)).toBeUndefined();
  });

  it("finds a damaged snapshot by its check", async () => {
    const dir = folder();
    writeCachedSnapshot(dir, KEY, bytes);
    const whole = readFileSync(cachePath(dir, KEY));
    whole[whole.length - 100] ^= 0x40;
    writeFileSync(cachePath(dir, KEY), whole);
    const read = await readCachedSnapshot(dir, KEY);
    expect(read).toBeDefined();
    expect(read!.intact()).toBe(false);
  });

  it("refuses to write where it cannot, and clears old snapshots of other keys", () => {
    const dir = folder();
    const blocked = join(dir, "a-file");
    writeFileSync(blocked, "");
    expect(() => writeCachedSnapshot(join(blocked, "memsim"), KEY, bytes)).toThrow();

    const old = join(dir, "snapshot-aaaaaaaaaaaaaaaaaaaaaaaa.bin");
    const recent = join(dir, "snapshot-bbbbbbbbbbbbbbbbbbbbbbbb.bin");
    const lost = join(dir, `.snapshot-${KEY}.1.abcd.tmp`);
    for (const f of [old, recent, lost]) writeFileSync(f, "x");
    const longAgo = new Date(Date.now() - 30 * 24 * 3600_000);
    utimesSync(old, longAgo, longAgo);
    utimesSync(lost, longAgo, longAgo);
    chmodSync(dir, 0o700);
    writeCachedSnapshot(dir, KEY, bytes);
    expect([old, recent, lost].map((f) => { try { statSync(f); return true; } catch { return false; } })).toEqual([false, true, false]);
  });

  it("is kept where the environment says", () => {
    expect(cacheFolder({ MEMSIM_CACHE_DIR: "/x/m", XDG_CACHE_HOME: "/x/c" })).toBe("/x/m");
    expect(cacheFolder({ XDG_CACHE_HOME: "/x/c" })).toBe(join("/x/c", "memsim"));
    expect(cacheFolder({})).toMatch(/[/\\]\.cache[/\\]memsim$/);
  });
});

describe("the snapshot's key", () => {
  it("changes with memsim's version, the guard, the tracer, the parser's module and Pyodide's files", () => {
    const real = workerFiles();
    const dir = folder();
    const codeDir = join(dir, "dist", "src");
    const pyodideDir = join(dir, "pyodide");
    const tracer = join(codeDir, "runners", "python", "memsim_tracer");
    mkdirSync(tracer, { recursive: true });
    mkdirSync(join(codeDir, "sandbox"), { recursive: true });
    mkdirSync(pyodideDir);
    writeFileSync(join(tracer, "tracer.py"), "x = 1\n");
    writeFileSync(join(codeDir, "runners", "python", "ast_json.py"), "# parser\n");
    writeFileSync(join(codeDir, "runners", "python", "engine.js"), "// engine\n");
    writeFileSync(join(codeDir, "sandbox", "guard.py"), "# guard\n");
    writeFileSync(join(codeDir, "sandbox", "interpreter.js"), "// interpreter\n");
    writeFileSync(join(pyodideDir, "package.json"), readFileSync(join(real.pyodideDir, "package.json")));
    writeFileSync(join(pyodideDir, "pyodide.asm.wasm"), "wasm");
    const packageJson = join(dir, "package.json");
    writeFileSync(packageJson, JSON.stringify({ name: "memsim", version: "1.0.0" }));
    const files = { codeDir, pyodideDir, packageJsons: [packageJson] };

    const keys = new Set([snapshotKey(files)]);
    expect(snapshotKey(files)).toBe([...keys][0]);
    const changes: (() => void)[] = [
      () => writeFileSync(packageJson, JSON.stringify({ name: "memsim", version: "1.0.1" })),
      () => writeFileSync(join(codeDir, "sandbox", "guard.py"), "# guard, changed\n"),
      () => writeFileSync(join(tracer, "tracer.py"), "x = 2\n"),
      () => writeFileSync(join(codeDir, "runners", "python", "ast_json.py"), "# parser, changed\n"),
      () => writeFileSync(join(pyodideDir, "pyodide.asm.wasm"), "wasm, rebuilt"),
      () => utimesSync(join(pyodideDir, "pyodide.asm.wasm"), new Date(2001, 1, 1), new Date(2001, 1, 1)),
      () => writeFileSync(join(pyodideDir, "python_stdlib.zip"), "zip"),
    ];
    for (const change of changes) {
      change();
      const key = snapshotKey(files);
      expect(keys.has(key)).toBe(false);
      keys.add(key);
    }
  });
});

describe("memsim run with the cached snapshot", () => {
  const bin = join(root, "bin", "memsim.js");
  const example = join(root, "assets", "examples", "slicing.py");
  const cache = folder();
  const run = (dir = cache) => spawnSync(process.execPath, [bin, "run", example], { encoding: "utf8", env: { ...process.env, LANG: "C", MEMSIM_LOCALE: "", MEMSIM_SANDBOX: "", MEMSIM_CACHE_DIR: dir } });
  let account = "";
  const theFile = () => {
    const key = snapshotKey(workerFiles());
    return { path: cachePath(cache, key), key };
  };

  it("makes the snapshot once, reuses it, makes it again when damaged, and prints the same account each time", async () => {
    const made = run();
    expect(made.status).toBe(0);
    expect(made.stderr).toBe("");
    account = made.stdout;
    const { path, key } = theFile();
    const first = statSync(path);

    const reused = run();
    expect(reused.status).toBe(0);
    expect(reused.stderr).toBe("");
    expect(reused.stdout).toBe(made.stdout);
    const again = statSync(path);
    expect([again.ino, again.mtimeMs]).toEqual([first.ino, first.mtimeMs]);

    // damaged in the middle of the memory image: found, made again, silently
    const whole = readFileSync(path);
    whole.fill(0x5a, whole.length >> 1, (whole.length >> 1) + 4096);
    writeFileSync(path, whole);
    const repaired = run();
    expect(repaired.status).toBe(0);
    expect(repaired.stderr).toBe("");
    expect(repaired.stdout).toBe(made.stdout);
    expect(statSync(path).ino).not.toBe(first.ino);
    expect((await readCachedSnapshot(cache, key))?.intact()).toBe(true);
  }, 180_000);

  it("runs as well when the cache folder cannot be written, and says nothing of it", () => {
    const blocked = join(folder(), "a-file");
    writeFileSync(blocked, "");
    const r = run(join(blocked, "memsim"));
    expect(r.status).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe(account);
  }, 120_000);
});
