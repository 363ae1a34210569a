/** A platform's own wording: `key@platform` read in place of `key` where the catalog has it. */
import { describe, expect, it } from "vitest";
import { platformWords } from "../../src/chat/wording.js";
import { catalog, placeholders, translator } from "../../src/i18n/index.js";

describe("platform wording", () => {
  it("reads key@platform where the catalog has it, and the key itself elsewhere", () => {
    const en = translator("en");
    const onConsole = platformWords(en, "console");
    expect(onConsole.t("chat.run.fileUnreadable", { name: "a.py" })).toBe("memsim could not read a.py: check that you may read the file, or paste the program instead.");
    expect(platformWords(en, "discord").t("chat.run.fileUnreadable", { name: "a.py" })).toBe("memsim could not read a.py. Attach it again, or paste the code instead.");
    expect(platformWords(en, undefined).t("chat.run.fileUnreadable", { name: "a.py" })).toBe(en.t("chat.run.fileUnreadable", { name: "a.py" }));
    expect(onConsole.t("chat.run.empty")).toBe(en.t("chat.run.empty"));
    expect(platformWords(translator("zh-CN"), "console").t("chat.run.fileBinary", { name: "a.bin" })).toBe("a.bin 不是文本文件。请给出程序源代码（.py 或 .c）的路径。");
  });

  it("has a base key for every platform's wording, needing no placeholder the base key is not given", () => {
    const en = catalog("en");
    const variants = Object.keys(en).filter((k) => k.includes("@"));
    expect(variants.length).toBeGreaterThan(5);
    for (const key of variants) {
      const base = key.slice(0, key.indexOf("@"));
      expect(en[base], key).toBeDefined();
      const allowed = new Set(placeholders(en[base]!));
      for (const name of placeholders(en[key]!)) expect(allowed.has(name), `${key} uses {${name}}`).toBe(true);
    }
  });
});
