/** string-concat-loop: strings grown with + in a loop; numbers, lists and one-off joins left alone. */
import { describe, expect, it } from "vitest";
import { adviceFor, expectRewriteHolds, only } from "./support.js";

const WORDS = "['stack', 'heap', 'frame', 'object', 'reference', 'count', 'slice', 'copy', 'string', 'list', 'generator', 'iterator']";

describe("string-concat-loop", () => {
  it("counts the strings a += loop builds and offers ''.join", async () => {
    const source = [`words = ${WORDS}`, "line = ''", "for w in words:", "    line += w + ','", "print(line)"].join("\n");
    const { trace, findings } = await adviceFor(source);
    const [f] = only(findings, "string-concat-loop");
    expect(f).toMatchObject({ kind: "loop", lines: [4], code: { name: "line", stmt: "line += w + ','" } });
    const strs = Object.values(trace.objects).filter((o) => o.site.line === 4 && o.type === "str" && !o.origin);
    expect(f!.evidence.longest).toBe(Math.max(...strs.map((o) => o.length ?? 0)));
    expect(f!.evidence.strings).toBeGreaterThanOrEqual(strs.length);
    expect(f!.rewrite!.source).toMatch(/line = ""\.join\(\[?w \+ ',' for w in words\]?\)/);
    await expectRewriteHolds(source, f!);
  });

  it("sees s = s + piece and a condition in the loop", async () => {
    const source = [`words = ${WORDS}`, "s = ''", "for w in words:", "    if len(w) > 4:", "        s = s + w.upper() + ' '", "print(s)"].join("\n");
    const { findings } = await adviceFor(source);
    const [f] = only(findings, "string-concat-loop");
    expect(f!.lines).toEqual([5]);
    expect(f!.rewrite!.source).toContain("for w in words if len(w) > 4");
    await expectRewriteHolds(source, f!);
  });

  it("warns without a rewrite when the loop variable is read afterwards", async () => {
    const source = [`words = ${WORDS}`, "s = ''", "for w in words:", "    s += w", "print(s, w)"].join("\n");
    const { findings } = await adviceFor(source);
    const [f] = only(findings, "string-concat-loop");
    expect(f).toBeDefined();
    expect(f!.rewrite).toBeUndefined();
  });

  describe("leaves other additions alone", () => {
    const cases: Record<string, string> = {
      "numbers (near miss: the same += in a loop)": "total = 0\nfor x in [300, 400, 500]:\n    total += x\n    print(total)",
      "lists": "items = []\nfor x in range(3):\n    items += [x]\nprint(items)",
      "one += outside a loop": "s = 'apple'\ns += 'sauce'\nprint(s)",
      "a loop that runs once": "s = ''\nfor w in ['only']:\n    s += w\nprint(s)",
    };
    for (const [name, source] of Object.entries(cases)) {
      it(name, async () => {
        const { findings } = await adviceFor(source);
        expect(only(findings, "string-concat-loop")).toEqual([]);
      });
    }
  });
});
