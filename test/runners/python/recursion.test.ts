/** Recursion as deep as CPython allows, a stack stored as changes, and the limits told truly. */
import { describe, expect, it } from "vitest";
import { stackDepths, stateAt } from "../../../src/core/index.js";
import { trace } from "../../helpers.js";

const DIVE = [
  "import sys",
  "best = 0",
  "def dive(n):",
  "    global best",
  "    best = n",
  "    dive(n + 1)",
  "try:",
  "    dive(1)",
  "except RecursionError as e:",
  "    print(best, e)",
  "print(sys.getrecursionlimit())",
].join("\n");

describe("recursion", () => {
  it("goes as deep as CPython's default limit lets a program (1,000 frames, the module's included)", async () => {
    const t = await trace(DIVE);
    // what 64-bit CPython prints for the same program
    expect(t.stdout).toBe("999 maximum recursion depth exceeded\n1000\n");
    expect(Math.max(...stackDepths(t))).toBe(1000);
  });

  it("runs factorial(300) to its base case, with a Trace that grows with changes, not depth × steps", async () => {
    const src = ["def factorial(n):", "    if n <= 1:", "        return 1", "    return n * factorial(n - 1)", "", "print(len(str(factorial(300))))"].join("\n");
    const t = await trace(src);
    expect(t.outcome.status).toBe("finished");
    expect(t.stdout).toBe("615\n");
    expect(Math.max(...stackDepths(t))).toBe(301);
    // 1,200 steps over a stack up to 301 frames deep: each step stores only its own changes
    expect(JSON.stringify(t).length).toBeLessThan(400_000);
    // the deepest state still has every frame, each with its own n
    const deepest = stackDepths(t).indexOf(301);
    const state = stateAt(t, deepest);
    expect(state.frames.map((f) => f.name)).toEqual(["<module>", ...Array(300).fill("factorial")]);
    const n = (i: number) => {
      const slot = state.frames[i]!.vars.n;
      return slot && "ref" in slot ? t.objects[slot.ref]?.value : undefined;
    };
    expect(n(1)).toBe("300");
    expect(n(300)).toBe("1");
  });

  it("honours a limit the program raises, and says so when it passes what memsim follows", async () => {
    const raised = await trace(DIVE.replace("best = 0", "best = 0\nsys.setrecursionlimit(1500)"));
    expect(raised.stdout).toBe("1499 maximum recursion depth exceeded\n1500\n");
    const endless = await trace("import sys\nsys.setrecursionlimit(100000)\ndef f(n):\n    return f(n + 1)\nf(0)\n", { maxSteps: 100_000, timeLimitMs: 120_000 });
    expect(endless.outcome.status).toBe("error");
    if (endless.outcome.status !== "error") return;
    expect(endless.outcome.recursion).toBe(true);
    expect(endless.outcome.runtimeLimit).toBe(true);
    expect(endless.outcome.line).toBe(4);
  });

  it("blames an endless recursion on the line that makes the call", async () => {
    const t = await trace("def f(n):\n    return f(n + 1)\n\nf(0)\n");
    expect(t.outcome).toMatchObject({ status: "error", type: "RecursionError", recursion: true, max: 1000, line: 2 });
  });
});
