/** memsim's side of the truth test names what a name's object holds as recorder.py does. */
import { describe, expect, it } from "vitest";
import { trace } from "../helpers.js";
import { memsimFacts } from "./facts.js";

describe("memsimFacts", () => {
  it("gives each name, and the items, keys and attributes its object holds, a fact", async () => {
    const t = await trace([
      "class P:",
      "    def __init__(self):",
      "        self.x = 'hi'",
      "xs = [1000, 'ab']",
      "d = {'k': xs, 7: None}",
      "p = P()",
      "def add(x, to=xs):",
      "    return x",
      "",
    ].join("\n"));
    const facts = memsimFacts(t);
    const last = facts.steps.at(-1)!.frames[0]!.vars;
    expect(Object.keys(last).sort()).toEqual([
      "P", "P.__init__", "add", "add.to", "d", "d['k']", "d[7]", "p", "p.x", "xs", "xs[0]", "xs[1]",
    ]);
    expect(last["add.to"]!.id).toBe(last.xs!.id);
    expect(last["d['k']"]!.id).toBe(last.xs!.id);
    expect(last["xs[0]"]).toMatchObject({ type: "int", value: "1000", size: 28 });
    expect(last["p.x"]).toMatchObject({ type: "str", value: "'hi'", length: 2 });
    expect(facts.error).toBeNull();
  });
});
