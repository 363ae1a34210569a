import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { main, type Io } from "../../src/cli/main.js";
import { parseKernelArgs } from "../../src/cli/kernel.js";
import { jupyterDataDir, kernelSpecDir } from "../../src/cli/kernelspec.js";

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function temp(): string {
  const dir = mkdtempSync(join(tmpdir(), "memsim-kernelspec-"));
  made.push(dir);
  return dir;
}

function io(env: NodeJS.ProcessEnv = { LANG: "en_US.UTF-8" }): Io & { out: string; err: string } {
  const box = { out: "", err: "" };
  return Object.assign(box, {
    stdout: (t: string) => void (box.out += t),
    stderr: (t: string) => void (box.err += t),
    readStdin: () => "",
    env,
  });
}

describe("memsim kernel install and uninstall", () => {
  it("writes the memsim kernelspec under a prefix, with this node and this memsim in its argv, and removes it again", async () => {
    const prefix = temp();
    const run = io();
    expect(await main(["kernel", "install", "--prefix", prefix], run)).toBe(0);
    const dir = join(prefix, "share", "jupyter", "kernels", "memsim");
    expect(run.out).toContain(dir);
    const spec = JSON.parse(readFileSync(join(dir, "kernel.json"), "utf8"));
    expect(spec).toMatchObject({ display_name: "Python (memsim)", language: "python", interrupt_mode: "message", metadata: { debugger: false } });
    expect(spec.argv[0]).toBe(process.execPath);
    expect(spec.argv[1]).toMatch(/bin[\\/]memsim\.js$/);
    expect(existsSync(spec.argv[1])).toBe(true);
    expect(spec.argv.slice(2)).toEqual(["kernel", "-f", "{connection_file}"]);
    for (const size of [32, 64]) {
      const png = readFileSync(join(dir, `logo-${size}x${size}.png`));
      // a PNG of that size: its IHDR holds width and height
      expect(png.subarray(1, 4).toString()).toBe("PNG");
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([size, size]);
    }
    const again = io();
    expect(await main(["kernel", "uninstall", "--prefix", prefix], again)).toBe(0);
    expect(existsSync(dir)).toBe(false);
    const nothing = io();
    expect(await main(["kernel", "uninstall", "--prefix", prefix], nothing)).toBe(1);
    expect(nothing.err).toMatch(/not installed/);
  });

  it("installs for the user into JUPYTER_DATA_DIR/kernels when it is set, by default and with --user", async () => {
    const data = temp();
    const env = { LANG: "en_US.UTF-8", JUPYTER_DATA_DIR: data };
    expect(await main(["kernel", "install"], io(env))).toBe(0);
    expect(existsSync(join(data, "kernels", "memsim", "kernel.json"))).toBe(true);
    expect(await main(["kernel", "uninstall", "--user"], io(env))).toBe(0);
    expect(existsSync(join(data, "kernels", "memsim"))).toBe(false);
  });

  it("finds the user's Jupyter folder as jupyter_core does", () => {
    expect(jupyterDataDir({ HOME: "/home/ada" }, "linux")).toBe("/home/ada/.local/share/jupyter");
    expect(jupyterDataDir({ HOME: "/home/ada", XDG_DATA_HOME: "/data" }, "linux")).toBe("/data/jupyter");
    expect(jupyterDataDir({ HOME: "/Users/ada" }, "darwin")).toBe("/Users/ada/Library/Jupyter");
    expect(kernelSpecDir({ kind: "prefix", prefix: "/opt/j" }, {})).toBe("/opt/j/share/jupyter/kernels/memsim");
  });

  it("tells what is wrong with the words after memsim kernel, in the reader's language", async () => {
    expect(parseKernelArgs(["install", "--user", "--prefix", "/x"])).toMatchObject({ action: "problem", params: {} });
    expect(parseKernelArgs(["-f"])).toMatchObject({ action: "problem" });
    expect(parseKernelArgs(["-f", "conn.json"])).toEqual({ action: "start", connectionFile: "conn.json" });
    expect(parseKernelArgs(["--connection-file=conn.json"])).toEqual({ action: "start", connectionFile: "conn.json" });
    const en = io();
    expect(await main(["kernel", "instal"], en)).toBe(2);
    expect(en.err).toContain('memsim kernel does not know "instal"');
    const zh = io({ LANG: "zh_CN.UTF-8" });
    expect(await main(["kernel", "install", "--prefix"], zh)).toBe(2);
    expect(zh.err).toMatch(/--prefix 后面需要/);
  });

  it("refuses a connection file it cannot read, before anything is loaded", async () => {
    const run = io();
    expect(await main(["kernel", "-f", join(temp(), "missing.json")], run)).toBe(2);
    expect(run.err).toMatch(/could not start from .*missing\.json: cannot read the connection file/);
  });
});
