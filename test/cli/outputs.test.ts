/** The picture paths readied before a run: folders made, and a path that cannot be written told plainly. */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { outputProblemText, readyOutputs } from "../../src/cli/outputs.js";
import { translator } from "../../src/i18n/index.js";

const en = translator("en");
const zh = translator("zh-CN");

function scratch(): string {
  return mkdtempSync(join(tmpdir(), "memsim-out-"));
}

describe("readyOutputs", () => {
  it("makes the missing folders of --png and --gif, and leaves no file behind before the picture", () => {
    const dir = scratch();
    const png = join(dir, "a", "b", "step.png");
    const gif = join(dir, "c", "run.gif");
    expect(readyOutputs({ png, gif })).toBeUndefined();
    expect(statSync(join(dir, "a", "b")).isDirectory()).toBe(true);
    expect(statSync(join(dir, "c")).isDirectory()).toBe(true);
    expect(existsSync(png)).toBe(false);
    expect(existsSync(gif)).toBe(false);
  });

  it("does not empty a picture that is already there", () => {
    const png = join(scratch(), "old.png");
    writeFileSync(png, "old picture");
    expect(readyOutputs({ png })).toBeUndefined();
    expect(readFileSync(png, "utf8")).toBe("old picture");
  });

  it("makes the --frames folder with its parents", () => {
    const frames = join(scratch(), "x", "frames");
    expect(readyOutputs({ frames })).toBeUndefined();
    expect(statSync(frames).isDirectory()).toBe(true);
  });

  it("says a --gif or --png naming a folder is a folder, and offers a file inside it", () => {
    const dir = scratch();
    const p = readyOutputs({ gif: dir })!;
    expect(p.reason.key).toBe("cli.path.isFolder");
    expect(outputProblemText(p, en)).toBe(`Cannot write --gif ${dir}: ${dir} is a folder, and a file name is needed here. Try, for example, --gif ${join(dir, "run.gif")}`);
    expect(outputProblemText(p, zh)).toBe(`无法写入 --gif ${dir}：${dir} 是一个文件夹，这里需要的是文件名。可以试试，例如 --gif ${join(dir, "run.gif")}`);
    expect(readyOutputs({ png: dir })!.example).toBe(join(dir, "step.png"));
  });

  it("says which part of the path is a file where a folder is needed", () => {
    const dir = scratch();
    const file = join(dir, "notes.txt");
    writeFileSync(file, "");
    const p = readyOutputs({ png: join(file, "sub", "x.png") })!;
    expect(outputProblemText(p, en)).toBe(`Cannot write --png ${join(file, "sub", "x.png")}: ${file} is a file, so no folder can be made inside it. Try, for example, --png x.png`);
    const frames = readyOutputs({ frames: file })!;
    expect(outputProblemText(frames, en)).toContain(`${file} is a file, and --frames needs a folder`);
  });

  it("fails at once where no folder can be made (/proc), instead of retrying", () => {
    const frames = readyOutputs({ frames: "/proc/x" })!;
    expect(outputProblemText(frames, en)).toBe("Cannot write --frames /proc/x: memsim is not allowed to write in /proc. Try, for example, --frames frames");
    const png = readyOutputs({ png: "/proc/x/y.png" })!;
    expect(outputProblemText(png, en)).toContain("memsim is not allowed to write in /proc");
    expect(png.example).toBe("y.png");
  });

  it("shows a relative path as it was typed", () => {
    const dir = scratch();
    mkdirSync(join(dir, "sub"));
    writeFileSync(join(dir, "sub", "f"), "");
    const cwd = process.cwd();
    try {
      process.chdir(dir);
      expect(outputProblemText(readyOutputs({ png: "sub/f/x.png" })!, en)).toContain(": sub/f is a file");
    } finally {
      process.chdir(cwd);
    }
  });
});
