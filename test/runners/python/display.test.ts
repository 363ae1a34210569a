/**
 * The value of a program's last expression statement (`display`): what Python's prompt would
 * show, and the object it is when the Trace has it (a Trace otherwise the same as without it:
 * display-engine.test.ts).
 */
import { describe, expect, it } from "vitest";
import { trace } from "../../helpers.js";

describe("display: the last expression's value", () => {
  it.each([
    ["1 + 1", "2"],
    ["'a' + 'b'", "'ab'"],
    ["1; 2", "2"],
    ["xs = [3]\nfor x in xs:\n    x\nlen(xs)", "1"],
    ["d = {'k': [1]}\nd", "{'k': [1]}"],
    ['"""doc"""\nx = 1\nx', "1"],
  ])("shows %j as %j, as the prompt does", async (source, text) => {
    const t = await trace(source, { display: true });
    expect(t.outcome.status).toBe("finished");
    expect(t.display?.text).toBe(text);
  });

  it("names the object the Trace has: x = [1, 2] then x", async () => {
    const t = await trace("x = [1, 2]\nx", { display: true });
    expect(t.display?.text).toBe("[1, 2]");
    const ref = t.display?.ref;
    expect(ref).toBeDefined();
    expect(t.objects[ref!]).toMatchObject({ type: "list" });
    expect(t.objects[ref!]!.freedAt).toBeUndefined();
  });

  it("names no object the Trace never showed (a list made and dropped on the last line)", async () => {
    const t = await trace("[1, 2]", { display: true });
    expect(t.display).toEqual({ text: "[1, 2]" });
  });

  it.each([
    ["an assignment", "x = [1, 2]"],
    ["None", "None"],
    ["a print call", "print('hi')"],
    ["a function that returns None", "def f():\n    pass\nf()"],
    ["a loop", "for i in range(2):\n    i"],
    ["an empty program", ""],
  ])("shows nothing for %s", async (_, source) => {
    const t = await trace(source, { display: true });
    expect(t.outcome.status).toBe("finished");
    expect(t.display).toBeUndefined();
  });

  it("shows addresses as the program's id() does, and cuts past 10,000 characters", async () => {
    const obj = await trace("class B:\n    pass\nb = B()\nb", { display: true });
    expect(obj.display?.text).toMatch(/^<__main__\.B object at 0x7f3a[0-9a-f]+>$/);
    const long = await trace("'a' * 20000", { display: true });
    expect(long.display?.text).toHaveLength(10_001);
    expect(long.display?.text.endsWith("a…")).toBe(true);
  });

  it("makes a __repr__ that raises the run's error, and stops one that never ends", async () => {
    const raising = await trace("class A:\n    def __repr__(self):\n        raise ValueError('no')\nA()", { display: true });
    expect(raising.outcome).toMatchObject({ status: "error", type: "ValueError", line: 3 });
    expect(raising.display).toBeUndefined();
    const looping = await trace("class A:\n    def __repr__(self):\n        while True:\n            pass\nA()", { display: true, maxSteps: 500 });
    expect(looping.outcome).toMatchObject({ status: "limit", limit: "steps" });
    expect(looping.display).toBeUndefined();
  });

  it("leaves no name behind (no _), and records the last line's steps as without it", async () => {
    const t = await trace("x = 5\nx * 2", { display: true });
    expect(t.display?.text).toBe("10");
    const names = t.steps.flatMap((s) => [...(s.stack?.push ?? []).flatMap((f) => Object.keys(f.vars ?? {}))]);
    expect(names).not.toContain("_");
  });

  it("is absent when not asked for", async () => {
    const t = await trace("1 + 1");
    expect("display" in t).toBe(false);
  });
});
