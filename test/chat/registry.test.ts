/**
 * The command layer's registries are complete, and every learner-facing sentence of the
 * chat front ends comes from the catalog (no prose in string literals).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { MEMSIM, PRACTICES, SUBCOMMANDS, TOPICS } from "../../commands/memsim.js";
import { ACTIONS, COMMANDS } from "../../src/chat/handlers/index.js";
import { PRACTICE_PAIRS, TOPIC_CARDS } from "../../src/chat/index.js";
import { catalog } from "../../src/i18n/index.js";

const root = join(import.meta.dirname, "..", "..");

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : name.endsWith(".ts") ? [path] : [];
  });
}

describe("the registries", () => {
  it("have one handler for every command and every button action", () => {
    expect(Object.keys(COMMANDS).sort()).toEqual([...SUBCOMMANDS].sort());
    for (const [name, handler] of Object.entries(ACTIONS)) expect(typeof handler, name).toBe("function");
  });

  it("have a card, a name and words in both languages for every topic and practice", () => {
    const en = catalog("en");
    const zh = catalog("zh-CN");
    for (const topic of TOPICS) {
      expect(TOPIC_CARDS[topic].program.length).toBeGreaterThan(10);
      for (const key of [`chat.topic.${topic}.title`, `chat.topic.${topic}.body`, `chat.topic.${topic}.takeaway`, `chat.topic.name.${topic}`]) {
        expect(en[key], key).toBeTruthy();
        expect(zh[key], key).toBeTruthy();
      }
    }
    for (const practice of PRACTICES) {
      expect(PRACTICE_PAIRS[practice].before).not.toBe(PRACTICE_PAIRS[practice].after);
      expect(en[`chat.practice.name.${practice}`]).toBeTruthy();
    }
  });

  it("describe every command and option with a catalog key that exists", () => {
    const en = catalog("en");
    const keys = [MEMSIM.description, ...MEMSIM.subcommands.flatMap((s) => [s.description, ...s.options.map((o) => o.description)])];
    for (const key of keys) {
      expect(en[key], key).toBeTruthy();
      expect(en[key]!.length, key).toBeLessThanOrEqual(100);
    }
  });
});

const LITERAL = /"((?:[^"\\\n]|\\.)*)"|'((?:[^'\\\n]|\\.)*)'|(py)?`((?:[^`\\]|\\.)*)`/g;
const WORDS = /\b[A-Za-z]{2,}[,;:.!?']?\s+[A-Za-z]{2,}\b/;
const HAN = /\p{Script=Han}/u;

describe("learner-facing text of the chat front ends", () => {
  it("comes only from the catalog", () => {
    const offenders: string[] = [];
    for (const dir of ["src/chat", "src/frontends", "commands"]) {
      for (const file of files(join(root, dir))) {
        const text = readFileSync(file, "utf8");
        const code = text.replace(/\/\*[\s\S]*?\*\//g, (m) => m.replace(/[^\n]/g, " ")).replace(/(^|[^:"'`])\/\/.*$/gm, "$1");
        const lines = text.split("\n");
        for (let m = LITERAL.exec(code); m; m = LITERAL.exec(code)) {
          // py`…` is a Python program, not prose
          if (m[3] === "py") continue;
          const value = (m[1] ?? m[2] ?? m[4] ?? "").replace(/\$\{[^}]*\}/g, " ");
          const line = code.slice(0, m.index).split("\n").length;
          const here = lines[line - 1] ?? "";
          const above = lines[line - 2] ?? "";
          // a traceback's lines are Python's own words, alike in every locale
          if (/operator-facing|Python's own words/.test(here) || /operator-facing|Python's own words/.test(above)) continue;
          if (/new [A-Za-z]*Error\(/.test(here)) continue;
          // SQL statements are not prose
          if (/^\s*(CREATE|INSERT|SELECT|DELETE|UPDATE) /.test(value)) continue;
          // a command's name is what people type, the same in every language
          if ((SUBCOMMANDS as string[]).includes(value)) continue;
          if (WORDS.test(value) || HAN.test(value)) offenders.push(`${relative(root, file)}:${line}: ${value}`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });
});
