/** memsim's own reading of the command line: every mistake answered in its words, with what to type. */
import { describe, expect, it } from "vitest";
import { closestOption, OPTIONS, parseArgv, type Problem } from "../../src/cli/args.js";
import { translator } from "../../src/i18n/index.js";

function problemOf(argv: string[]): Problem {
  const r = parseArgv(argv);
  if (r.ok) throw new Error(`expected a problem for ${argv.join(" ")}`);
  return r.problem;
}

const en = translator("en");
const zh = translator("zh-CN");

/** Wording that belongs to Node's parseArgs or to zod, never to be shown to a user. */
const FOREIGN = /ambiguous|positional|Invalid option|expected one of|ERR_|argument starting with|To specify/i;

describe("parseArgv", () => {
  it("reads options in any order, with = or a space, and repeated --stdin", () => {
    const r = parseArgv(["run", "--max-steps=50", "prog.py", "--stdin", "Ada", "--stdin", "36", "--theme", "light", "--json", "--all-steps"]);
    expect(r).toEqual({
      ok: true,
      positionals: ["run", "prog.py"],
      options: { json: true, allSteps: true, advice: false, help: false, version: false, maxSteps: 50, stdin: ["Ada", "36"], theme: "light" },
    });
  });

  it("takes a value that starts with one dash as the value, and checks it", () => {
    expect(problemOf(["run", "p.py", "--max-steps", "-1"])).toEqual({ key: "cli.error.badNumber", params: { option: "--max-steps", min: 1, value: "-1", example: "500" } });
    expect(parseArgv(["run", "p.py", "--stdin", "-5"])).toMatchObject({ ok: true, options: { stdin: ["-5"] } });
  });

  it("names the closest option for a slip, and lists them all for a stranger", () => {
    expect(problemOf(["run", "p.py", "--max-step", "5"])).toEqual({ key: "cli.error.unknownOption", params: { option: "--max-step", suggestion: "--max-steps" } });
    expect(closestOption("--verison")).toBe("--version");
    expect(closestOption("--them")).toBe("--theme");
    const stranger = problemOf(["run", "p.py", "--frobnicate"]);
    expect(stranger.key).toBe("cli.error.unknownOptionList");
    for (const name of Object.keys(OPTIONS)) expect(stranger.params.list).toContain(`--${name}`);
    expect(problemOf(["-x"]).key).toBe("cli.error.unknownOptionList");
  });

  it("says which values a choice takes", () => {
    expect(problemOf(["run", "p.py", "--theme", "blue"])).toEqual({ key: "cli.error.badChoice", params: { option: "--theme", value: "blue", first: "dark", second: "light" } });
    expect(problemOf(["run", "p.py", "--values", "stack"]).params).toMatchObject({ first: "inline", second: "heap" });
  });

  it("asks for a missing value with an example, and refuses a value on a switch", () => {
    expect(problemOf(["run", "p.py", "--png"])).toEqual({ key: "cli.error.missingValue", params: { option: "--png", example: "step.png" } });
    expect(problemOf(["run", "p.py", "--png", "--json"]).key).toBe("cli.error.missingValue");
    expect(problemOf(["run", "p.py", "--json=yes"])).toEqual({ key: "cli.error.flagValue", params: { option: "--json" } });
  });

  it("keeps the locale asked for beside a problem, so the problem is told in that language", () => {
    expect(parseArgv(["run", "p.py", "--locale", "zh-CN", "--theme", "blue"])).toMatchObject({ ok: false, locale: "zh-CN" });
    expect(parseArgv(["--locale=zh-CN", "--bogus"])).toMatchObject({ ok: false, locale: "zh-CN" });
  });

  it("treats everything after -- as a file name", () => {
    expect(parseArgv(["run", "--", "--odd-name.py"])).toMatchObject({ ok: true, positionals: ["run", "--odd-name.py"] });
  });

  it("words every problem in both languages, with no placeholder left and none of Node's or zod's wording", () => {
    const cases = [
      ["--max-steps", "-1"],
      ["--time-limit", "0"],
      ["--step", "x"],
      ["--state", "first"],
      ["--frobnicate"],
      ["--max-step", "3"],
      ["--theme", "blue"],
      ["--values"],
      ["--json=1"],
    ];
    for (const extra of cases) {
      const p = problemOf(["run", "p.py", ...extra]);
      for (const tr of [en, zh]) {
        const text = tr.t(p.key, p.params);
        expect(text).not.toMatch(/[{}]/);
        expect(text).not.toMatch(FOREIGN);
        expect(text).toContain(extra[0]!.replace(/=.*/, ""));
      }
    }
    expect(en.t("cli.error.badChoice", problemOf(["--theme", "blue"]).params)).toBe('--theme takes dark or light, not "blue": for example --theme light.');
    expect(zh.t("cli.error.badChoice", problemOf(["--theme", "blue"]).params)).toBe("--theme 只能是 dark 或 light，而不是“blue”：例如 --theme light。");
  });
});
