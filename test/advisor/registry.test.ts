/** The rule registry: every rule file listed once, stable unique ids, and words for every case. */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { RULE_IDS } from "../../src/advisor/index.js";
import { rules } from "../../src/advisor/python/rules/index.js";
import { catalog, placeholders } from "../../src/i18n/index.js";

const dir = join(import.meta.dirname, "..", "..", "src", "advisor", "python", "rules");

describe("the Python rule registry", () => {
  it("lists every rule file exactly once", async () => {
    const files = readdirSync(dir).filter((f) => f.endsWith(".ts") && f !== "index.ts");
    expect(rules.length).toBe(files.length);
    for (const file of files) {
      const module = (await import(join(dir, file))) as Record<string, unknown>;
      const exported = Object.values(module).filter((v) => rules.includes(v as (typeof rules)[number]));
      expect(exported, file).toHaveLength(1);
    }
  });

  it("has unique ids, the stable ones front ends rely on", () => {
    const ids = rules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(["slice-copy", "range-len", "string-concat-loop", "list-built-once", "use-stdlib", "memory-trap"]);
    expect([...RULE_IDS]).toEqual(ids);
  });

  it("has a title, an explanation and a fix for every case, in both languages alike", () => {
    const en = catalog("en");
    const zh = catalog("zh-CN");
    for (const rule of rules) {
      for (const kind of rule.kinds) {
        const keys = [`advice.${rule.id}.${kind}.title`, `advice.${rule.id}.${kind}`];
        if (rule.id !== "slice-copy") keys.push(`advice.${rule.id}.${kind}.fix`);
        for (const key of keys) {
          expect(en[key], key).toBeDefined();
          expect(placeholders(zh[key]!), key).toEqual(placeholders(en[key]!));
        }
      }
    }
    for (const type of ["list", "str", "bytes", "recursion"]) expect(en[`advice.slice-copy.fix.${type}`]).toBeDefined();
  });
});
