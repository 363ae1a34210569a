/** is_complete as CPython's prompt judges it, and completion of names at the cursor. */
import { describe, expect, it } from "vitest";
import { completeReply, cursorIndex, isComplete, nameAt } from "../../../../src/frontends/jupyter/handler/complete.js";
import { createKernelHandler } from "../../../../src/frontends/jupyter/handler/index.js";
import { sharedPythonEngine } from "../../../../src/runners/python/index.js";
import type { SessionLayer } from "../../../../src/session/index.js";
import { request } from "./fake-io.js";

/** No cell runs in these tests: a layer that is never asked to run one. */
const idle: SessionLayer = {
  config: { engine: "inline" },
  simulate: () => Promise.reject(new Error("no cell runs here")),
  simulateSealed: () => Promise.reject(new Error("no cell runs here")),
  warm: async () => undefined,
  interrupt: () => false,
  where: () => undefined,
  stats: () => undefined,
  close: async () => undefined,
};

describe("is_complete", () => {
  it("answers complete, incomplete with the indent, or invalid, through Python's parser", async () => {
    const handler = createKernelHandler({ env: {}, layer: idle });
    const ask = async (code: string) => (await request(handler, "is_complete_request", { code })).reply;
    expect(await ask("for i in x:")).toEqual({ msgType: "is_complete_reply", content: { status: "incomplete", indent: "    " } });
    expect((await ask("x = (")).content).toEqual({ status: "incomplete", indent: "" });
    expect((await ask("x = 1")).content).toEqual({ status: "complete" });
    expect((await ask(")")).content).toEqual({ status: "invalid" });
  }, 120_000);

  it("follows the interactive prompt's rules", async () => {
    const engine = await sharedPythonEngine();
    const parse = (source: string) => engine.parse(source);
    const cases: [string, ReturnType<typeof isComplete>][] = [
      ["print('hello, world')", { status: "complete" }],
      ["def f(x):\n  return x*2\n\n\n", { status: "complete" }],
      ["def f(x):\n  x*2", { status: "incomplete", indent: "  " }],
      ["if x:\n    if y:", { status: "incomplete", indent: "        " }],
      ["print('''hello", { status: "incomplete", indent: "" }],
      ["x = [1,\n     2,", { status: "incomplete", indent: "" }],
      ["total = 1 + \\", { status: "incomplete", indent: "" }],
      ["@decorator", { status: "incomplete", indent: "" }],
      ["s = 'a # not a comment'", { status: "complete" }],
      ["x = 1  # (", { status: "complete" }],
      ["import = 7q", { status: "invalid" }],
      ["x = [1, 2)", { status: "invalid" }],
      ["s = 'open", { status: "invalid" }],
      ["", { status: "complete" }],
      ['print("""hello', { status: "incomplete", indent: "" }],
      ["def f(x):\n    return x * 2\n\n", { status: "complete" }],
      ["x = [1, 2}", { status: "invalid" }],
    ];
    for (const [code, expected] of cases) expect(isComplete(code, parse), JSON.stringify(code)).toEqual(expected);
  }, 120_000);
});

describe("complete", () => {
  it("offers the session's names, then builtins and keywords, for the name at the cursor", () => {
    const reply = completeReply("total = pri", 11, ["price", "prices", "other"]);
    expect(reply).toMatchObject({ status: "ok", cursor_start: 8, cursor_end: 11 });
    expect(reply.matches).toEqual(["price", "prices", "print"]);
    expect(completeReply("wh", 2, []).matches).toEqual(["while"]);
  });

  it("counts the cursor in code points, as Jupyter does", () => {
    const code = "名字 = '😀'\nna";
    const pos = [...code].length;
    expect(cursorIndex(code, pos)).toBe(code.length);
    expect(completeReply(code, pos, ["name", "名字"])).toMatchObject({ matches: ["name"], cursor_start: pos - 2, cursor_end: pos });
    expect(completeReply("名", 1, ["名字"]).matches).toEqual(["名字"]);
  });

  it("offers no names after a dot: those are attributes", () => {
    expect(completeReply("xs.ap", 5, ["apples"]).matches).toEqual([]);
  });

  it("finds the whole name the cursor is in", () => {
    expect(nameAt("len(values)", 6)).toBe("values");
    expect(nameAt("len(values)", 10)).toBe("values");
    expect(nameAt("1 + 2", 1)).toBeUndefined();
  });
});
