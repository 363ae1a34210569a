/** Identity survives address reuse: a block freed and taken again between two trace callbacks
 * holds a new object, and the Trace says so. */
import { describe, expect, it } from "vitest";
import { stateAt, type Trace } from "../../../src/core/index.js";
import { eventsOf, finalVar, trace } from "../../helpers.js";

/** The values a list holds at the last step, read through the Trace's own objects. */
function listValues(t: Trace, name: string): string[] {
  const state = stateAt(t, t.steps.length - 1);
  const o = state.objects.get(finalVar(t, name).id)!;
  return (o.items ?? []).map((s) => (s && "ref" in s ? (t.objects[s.ref]?.value ?? "?") : "?"));
}

describe("identity across a reused block", () => {
  it("shows a recursion's result, not the argument slice whose block it took", async () => {
    const src = [
      "def double_all(xs):",
      "    return [] if not xs else [xs[0] * 2] + double_all(xs[1:])",
      "",
      "result = double_all([1, 2, 3, 4, 5, 6])",
      "print(result)",
    ].join("\n");
    const t = await trace(src);
    expect(t.stdout).toBe("[2, 4, 6, 8, 10, 12]\n");
    expect(listValues(t, "result")).toEqual(["2", "4", "6", "8", "10", "12"]);
    const result = finalVar(t, "result");
    expect(result.currentSize).toBe(56 + 8 * 6);
    // every other list (the argument, its slices, the partial results) was freed by the end
    const others = Object.entries(t.objects).filter(([id, o]) => o.type === "list" && id !== result.id);
    expect(others.length).toBeGreaterThan(6);
    for (const [, o] of others) expect(o.freedAt).toBeDefined();
  });

  it("tells a new list in a freed list's block from the old one", async () => {
    const src = ["a = [1, 2, 3]", "del a; b = [7, 8]", "print(b)"].join("\n");
    const t = await trace(src);
    const b = finalVar(t, "b");
    expect(listValues(t, "b")).toEqual(["7", "8"]);
    const frees = eventsOf(t, "free").map((e) => t.objects[e.id]!);
    expect(frees.some((o) => o.type === "list" && o.length === 3)).toBe(true);
    // the new list is its own object even when CPython gave it the old block
    expect(b.createdAt).toBe(1);
  });

  it("follows instances of the program's own classes through a reused block", async () => {
    const src = [
      "class Node:",
      "    def __init__(self, v):",
      "        self.v = v",
      "def make(v):",
      "    tmp = Node(v)",
      "    return Node(v + 1)",
      "n = make(1)",
      "m = make(10)",
      "print(n.v, m.v)",
    ].join("\n");
    const t = await trace(src);
    expect(t.stdout).toBe("2 11\n");
    const state = stateAt(t, t.steps.length - 1);
    const v = (name: string) => {
      const o = state.objects.get(finalVar(t, name).id)!;
      const slot = o.attributes?.v;
      return slot && "ref" in slot ? t.objects[slot.ref]?.value : undefined;
    };
    expect(v("n")).toBe("2");
    expect(v("m")).toBe("11");
    // each call's `tmp` died when its frame did
    const nodes = Object.values(t.objects).filter((o) => o.cls === "Node");
    expect(nodes).toHaveLength(4);
    expect(nodes.filter((o) => o.freedAt !== undefined)).toHaveLength(2);
  });
});

describe("a str grown in place", () => {
  it("is told in place exactly when the program's own id() check finds the address unchanged", async () => {
    const src = [
      "def build(n):",
      "    s = ''",
      "    same = 0",
      "    for i in range(n):",
      "        before = id(s)",
      "        s += 'ab'",
      "        if id(s) == before:",
      "            same += 1",
      "    return s, same",
      "",
      "s, same = build(30)",
      "print(len(s), same)",
    ].join("\n");
    const t = await trace(src);
    const [length, same] = t.stdout.trim().split(" ").map(Number);
    expect(length).toBe(60);
    const inPlace = eventsOf(t, "mutate").filter((e) => e.inPlace);
    expect(inPlace.length).toBe(same);
    // the others made a new string: as many new strs as moves, each old one freed
    for (const e of inPlace) {
      expect(t.objects[e.id]!.type).toBe("str");
      expect(e.size).toBe(41 + (e.value!.length - 2));
    }
  });
});

describe("id() in the program", () => {
  it("is the address the Trace shows, as on 64-bit CPython", async () => {
    const t = await trace("a = [1, 2]\nprint(hex(id(a)))\nb = a\nprint(id(a) == id(b))");
    const [hexId, same] = t.stdout.trim().split("\n");
    expect(hexId).toBe(finalVar(t, "a").address.replace(/^0x0*/, "0x"));
    expect(same).toBe("True");
  });

  it("is the address an object's default repr names in the program's output", async () => {
    const t = await trace("class Dog:\n    pass\nd = Dog()\nprint(d)\nprint([d], hex(id(d)))\n");
    const address = finalVar(t, "d").address;
    const [one, two] = t.stdout.trim().split("\n");
    expect(one).toBe(`<__main__.Dog object at ${address}>`);
    expect(two).toBe(`[<__main__.Dog object at ${address}>] ${address.replace(/^0x0*/, "0x")}`);
  });
});

describe("a hostile program, then another on the same interpreter", () => {
  it("leaves no trace of its id(), recursion limit or finalizers in the next run", async () => {
    const hostile = [
      "import builtins, sys",
      "builtins.id = lambda o: 42",
      "sys.setrecursionlimit(50)",
      "class Liar:",
      "    def __eq__(self, other):",
      "        return True",
      "    def __del__(self):",
      "        junk.append([0] * 100)",
      "junk = []",
      "for i in range(20):",
      "    x = Liar()",
      "del x",
    ].join("\n");
    const first = await trace(hostile);
    expect(first.outcome.status).toBe("finished");
    const next = await trace("import sys\na = [1, 2]\nprint(hex(id(a)), sys.getrecursionlimit())\ndef f(n):\n    return f(n + 1)\nf(0)\n");
    const [hexId, limit] = next.stdout.trim().split(" ");
    expect(hexId).toBe(finalVar(next, "a").address.replace(/^0x0*/, "0x"));
    expect(limit).toBe("1000");
    expect(next.outcome).toMatchObject({ status: "error", recursion: true, max: 1000 });
    // the finalizers' lists were freed with the program's objects, and told
    expect(eventsOf(first, "free").length).toBeGreaterThan(19);
  });
});
