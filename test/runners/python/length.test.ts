/** A program's length costs only the lines that run: the tracer reads what a line can change. */
import { describe, expect, it } from "vitest";
import { finalVar, engine } from "../../helpers.js";
import { stateAt } from "../../../src/core/index.js";
import { outcomeSentences } from "../../../src/explain/index.js";
import { translator } from "../../../src/i18n/index.js";

/** n straight-line statements binding ints, strings and lists, each reading an earlier name */
function straight(n: number): string {
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    if (i % 3 === 0) lines.push(`x${i} = ${i} * 1000 + 7`);
    else if (i % 3 === 1) lines.push(`s${i} = "item " + str(x${i - 1})`);
    else lines.push(`l${i} = [x${i - 2}, len(s${i - 1})]`);
  }
  return lines.join("\n") + "\n";
}

describe("a long program", () => {
  it("reads a few names per line, however many globals there are", async () => {
    const e = await engine();
    e.run(straight(30));
    const small = e.lastStats!.namesRead / 30;
    const t = e.run(straight(900));
    const large = e.lastStats!.namesRead / 900;
    // before, each line compared every global: 900 lines read about 405,000 names
    expect(large).toBeLessThan(small * 3);
    expect(large).toBeLessThan(5);
    // and still records every name
    expect(Object.keys(stateAt(t, t.steps.length - 1).frames[0]!.vars)).toHaveLength(900);
    expect(finalVar(t, "l899").type).toBe("list");
  });

  it("finds names set through globals() by their keys, not by reading them all", async () => {
    const e = await engine();
    const t = e.run('g = globals()\nfor i in range(400):\n    g[f"v{i}"] = i * 1000\n');
    expect(t.outcome.status).toBe("finished");
    expect(Object.keys(stateAt(t, t.steps.length - 1).frames[0]!.vars)).toHaveLength(402);
    // two lines per turn, each reading the names it may have bound
    expect(e.lastStats!.namesRead).toBeLessThan(802 * 5);
  });

  it("counts memsim's reading of the program against its time limit, and says so", async () => {
    const e = await engine();
    // reading 1,900 lines takes far longer than a millisecond
    const t = e.run(straight(1900), { timeLimitMs: 1 });
    expect(t.outcome).toMatchObject({ status: "limit", limit: "time", preparing: true });
    expect(t.steps).toHaveLength(0);
    // told as a stop before the first line, never as a loop at line 0
    const [en] = outcomeSentences(t, translator("en"), { cli: true });
    expect(en).toContain("before the first line ran");
    expect(en).toContain("1,900 lines");
    expect(en).toContain("--time-limit");
    expect(outcomeSentences(t, translator("zh-CN"))[0]).toContain("第一行还没有运行");
  });
});
