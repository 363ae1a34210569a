/** Every learner-facing message exists in English and Simplified Chinese, alike in shape. */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { catalog, format, placeholders, resolveLocale, translator } from "../../src/i18n/index.js";
import { catalogs } from "../../src/i18n/messages/index.js";

describe("the message catalog", () => {
  const en = catalog("en");
  const zh = catalog("zh-CN");

  it("has every key in both languages with the same placeholders", () => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en)) {
      expect(placeholders(zh[key]!), key).toEqual(placeholders(en[key]!));
    }
  });

  it("registers every message file", () => {
    const dir = join(import.meta.dirname, "..", "..", "src", "i18n", "messages");
    const files = readdirSync(dir).filter((f) => f.endsWith(".ts") && f !== "index.ts");
    expect(catalogs.length).toBe(files.length);
  });

  it("writes Chinese that is Chinese", () => {
    const han = /\p{Script=Han}/u;
    const untranslated = Object.keys(en).filter((k) => /[a-z]{4,} [a-z]{4,}/i.test(en[k]!) && !han.test(zh[k]!));
    expect(untranslated).toEqual([]);
  });

  it("formats plurals and numbers per locale", () => {
    expect(format("en", "{n, plural, one {# byte} other {# bytes}}", { n: 1 })).toBe("1 byte");
    expect(format("en", "{n, plural, one {# byte} other {# bytes}}", { n: 1234 })).toBe("1,234 bytes");
    expect(translator("zh-CN").bytes(80)).toBe("80 字节");
    expect(translator("en").bytes(12_800)).toBe("12.5 KB");
  });

  it("puts the right English article before a type name", () => {
    const a = (type: string) => format("en", "made {type, a} ({n, plural, one {{type, a} of # item} other {# items}})", { type, n: 1 });
    expect(a("list")).toBe("made a list (a list of 1 item)");
    expect(a("enumerate")).toBe("made an enumerate (an enumerate of 1 item)");
    expect(a("int")).toBe("made an int (an int of 1 item)");
    expect(a("OrderedDict")).toBe("made an OrderedDict (an OrderedDict of 1 item)");
    expect(a("UnboundLocalError")).toMatch(/^made an Unbound/);
    expect(a("UserDict")).toMatch(/^made a UserDict/);
    expect(format("zh-CN", "{type}", { type: "list" })).toBe("list");
  });

  it("falls back to English for unknown locales", () => {
    expect(resolveLocale("fr-FR")).toBe("en");
    expect(resolveLocale("zh_CN.UTF-8")).toBe("zh-CN");
    expect(resolveLocale(undefined)).toBe("en");
  });
});
