/** The command layer's parts on their own: action ids, options, limits, the run store, text helpers. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { MEMSIM } from "../../commands/memsim.js";
import { decodeAction, encodeAction, openRunStore } from "../../src/chat/index.js";
import { Limits, DEFAULT_LIMITS } from "../../src/chat/limits.js";
import { parseOptions } from "../../src/chat/options.js";
import { codeInMessage, clip } from "../../src/chat/views/text.js";
import { translator } from "../../src/i18n/index.js";

const en = translator("en");
const zh = translator("zh-CN");
const spec = (name: string) => MEMSIM.subcommands.find((s) => s.name === name)!;

describe("action ids", () => {
  it("round-trip every action within Discord's 100 characters", () => {
    const actions = [
      { do: "step", run: "AbCdEfGhIjKl", step: 41, locale: "zh-CN" },
      { do: "gif", run: "AbCdEfGhIjKl", locale: "en" },
      { do: "open", run: "AbCdEfGhIjKl", side: "after", locale: "en" },
      { do: "example", topic: "private-heap", locale: "zh-CN" },
      { do: "form-run", locale: undefined, step: undefined, language: "python" },
      { do: "form-run", locale: "en", step: 3, language: "python" },
    ] as const;
    for (const a of actions) {
      const id = encodeAction(a);
      expect(id.length).toBeLessThanOrEqual(100);
      expect(decodeAction(id)).toEqual(a);
    }
  });

  it("refuses ids memsim did not make", () => {
    for (const id of ["", "ms1", "ms2:step:AbCdEfGhIjKl:1:en", "ms1:step:short:1:en", "ms1:step:AbCdEfGhIjKl:-1:en", "ms1:step:AbCdEfGhIjKl:1:fr", "ms1:rm:x"]) {
      expect(decodeAction(id), id).toBeUndefined();
    }
  });
});

describe("options", () => {
  it("are checked against the one command description, with what to change", () => {
    expect(parseOptions(spec("run"), { step: 0 }, en)).toEqual({ ok: false, message: "The option step takes a whole number from 1 to 100,000, not 0." });
    expect(parseOptions(spec("run"), { step: "3" }, en)).toMatchObject({ ok: true, options: { step: 3 } });
    expect(parseOptions(spec("run"), { language: "cobol" }, en)).toEqual({ ok: false, message: 'The option language can be one of: python, c. "cobol" is not one of them.' });
    expect(parseOptions(spec("run"), { language: "C" }, en)).toMatchObject({ ok: true, options: { language: "c" } });
    expect(parseOptions(spec("run"), { locale: "ZH-cn" }, en)).toMatchObject({ ok: true, options: { locale: "zh-CN" } });
    expect(parseOptions(spec("run"), { colour: "red" }, en)).toEqual({ ok: false, message: "memsim has no option called colour. The options here are: code, file, language, step, stdin, locale." });
    expect(parseOptions(spec("compare"), { before: 3 }, zh)).toEqual({ ok: false, message: "选项 before 需要文字。" });
    const long = parseOptions(spec("run"), { code: "x".repeat(4001) }, en);
    expect(long).toMatchObject({ ok: false });
    expect((long as { message: string }).message).toContain("attach it as a .py or .c file");
  });

  it("check a file's name and size before it is read", () => {
    const file = (name: string, size: number) => ({ name, size, read: async () => "" });
    expect(parseOptions(spec("run"), { file: file("prog.py", 10) }, en)).toMatchObject({ ok: true });
    expect(parseOptions(spec("run"), { file: file("prog.exe", 10) }, en)).toMatchObject({ ok: false, message: expect.stringContaining("ends in .py or .c") });
    expect(parseOptions(spec("run"), { file: file("prog.c", 10) }, en)).toMatchObject({ ok: true });
    expect(parseOptions(spec("run"), { file: file("big.py", 10_000_000) }, en)).toMatchObject({ ok: false, message: expect.stringContaining("too large") });
  });
});

describe("limits", () => {
  it("give a burst, then make a person wait for tokens to come back", () => {
    let now = 0;
    const limits = new Limits(DEFAULT_LIMITS, () => now);
    for (let n = 0; n < DEFAULT_LIMITS.userBurst; n++) expect(limits.take("simulate", "u", "c")).toEqual({ ok: true });
    expect(limits.take("simulate", "u", "c")).toEqual({ ok: false, scope: "user", waitMs: DEFAULT_LIMITS.userRefillMs });
    expect(limits.take("simulate", "someone-else", "c")).toEqual({ ok: true });
    now += DEFAULT_LIMITS.userRefillMs;
    expect(limits.take("simulate", "u", "c")).toEqual({ ok: true });
  });

  it("allow one running simulation per person", () => {
    const limits = new Limits(DEFAULT_LIMITS, () => 0);
    expect(limits.begin("u")).toBe(true);
    expect(limits.begin("u")).toBe(false);
    expect(limits.take("simulate", "u", "c")).toMatchObject({ ok: false, scope: "running" });
    limits.end("u");
    expect(limits.take("simulate", "u", "c")).toEqual({ ok: true });
  });
});

describe("the run store", () => {
  const dir = mkdtempSync(join(tmpdir(), "memsim-store-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("keeps runs by id across reopening, and forgets them after the retention period", () => {
    let now = 1_000;
    const path = join(dir, "runs.sqlite");
    const store = openRunStore(path, { now: () => now, retentionMs: 10_000 });
    const saved = store.save({ kind: "compare", language: "python", locale: "zh-CN", source: "a = 1\n", after: "b = 2\n", label: "slicing", userId: "u1" });
    expect(saved.id).toMatch(/^[A-Za-z0-9]{12}$/);
    store.close();
    const again = openRunStore(path, { now: () => now, retentionMs: 10_000 });
    expect(again.get(saved.id)).toEqual(saved);
    expect(again.get("nope")).toBeUndefined();
    now += 20_000;
    expect(again.get(saved.id)).toBeUndefined();
    expect(again.prune()).toBe(1);
    again.close();
  });
});

describe("code in a message", () => {
  it("is the first Python block, else an untagged block, else the plain text", () => {
    expect(codeInMessage("look:\n```js\nx\n```\n```python\na = 1\n```")).toBe("a = 1\n");
    expect(codeInMessage("```\nb = 2\n```")).toBe("b = 2\n");
    expect(codeInMessage("c = [1, 2]")).toBe("c = [1, 2]\n");
    expect(codeInMessage("`d = 3`")).toBe("d = 3\n");
    expect(codeInMessage("```js\nconsole.log(1)\n```")).toBeUndefined();
    expect(codeInMessage("   ")).toBeUndefined();
  });

  it("clips with an ellipsis", () => {
    expect(clip("abcdef", 4)).toBe("abc…");
    expect(clip("abc", 4)).toBe("abc");
  });
});
