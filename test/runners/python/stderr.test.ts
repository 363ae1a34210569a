/**
 * What a program writes to its standard error: in its output, where a terminal shows it, with
 * the parts that came from standard error marked (`stderrParts`), which the Jupyter kernel sends
 * as a stream of its own.
 */
import { describe, expect, it } from "vitest";
import { outputStreams } from "../../../src/frontends/jupyter/handler/output.js";
import { trace } from "../../helpers.js";

describe("standard error", () => {
  it("is written into the output in order, its parts marked", async () => {
    const t = await trace('import sys\nprint("a")\nprint("b", file=sys.stderr)\nsys.stderr.write("c")\nprint("d")\n');
    expect(t.stdout).toBe("a\nb\ncd\n");
    expect(t.stderrParts).toEqual([{ start: 2, end: 5 }]);
    expect(outputStreams(t)).toEqual([
      { name: "stdout", text: "a\n" },
      { name: "stderr", text: "b\nc" },
      { name: "stdout", text: "d\n" },
    ]);
  });

  it("counts characters as Python does, past a character JavaScript writes as two", async () => {
    const t = await trace('import sys\nprint("🐍")\nprint("é", file=sys.stderr)\n');
    expect(t.stderrParts).toEqual([{ start: 2, end: 4 }]);
    expect(outputStreams(t)).toEqual([
      { name: "stdout", text: "🐍\n" },
      { name: "stderr", text: "é\n" },
    ]);
  });

  it("leaves a program that writes none to it as it was", async () => {
    const t = await trace('print("only out")\n');
    expect(t.stderrParts).toBeUndefined();
    expect(outputStreams(t)).toEqual([{ name: "stdout", text: "only out\n" }]);
  });

  it("keeps what was written before the output's cap, and marks no part past it", async () => {
    const t = await trace('import sys\nsys.stderr.write("x" * 70000)\nprint("y")\n');
    expect(t.stdoutTruncated).toBe(true);
    expect(t.stderrParts).toEqual([{ start: 0, end: t.stdout.length }]);
  });
});
