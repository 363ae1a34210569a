/**
 * Cells run in one session per kernel, in interpreter threads as `memsim kernel` runs them:
 * names carry from cell to cell and are never called new again, each cell publishes its
 * output, its diagram (a PNG that decodes), its account and its failure as one error.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKernelHandler } from "../../../../src/frontends/jupyter/handler/index.js";
import type { KernelHandler } from "../../../../src/frontends/jupyter/types.js";
import { translator } from "../../../../src/i18n/index.js";
import { loadImage } from "../../../../src/render/canvas.js";
import { createSessionLayer, type SessionLayer } from "../../../../src/session/index.js";
import { execute, FakeIO, request } from "./fake-io.js";

let layer: SessionLayer;
let handler: KernelHandler;
beforeAll(() => {
  layer = createSessionLayer({ engine: "threads", limits: { timeLimitMs: 10_000 } });
  handler = createKernelHandler({ env: {}, layer, locale: "en", limits: { timeLimitMs: 10_000, maxSteps: 5_000 } });
});
afterAll(async () => {
  await handler?.shutdown(false);
  await layer?.close();
});

type Data = Record<string, string>;

function displayOf(io: FakeIO): { data: Data; metadata: Record<string, { width: number; height: number }> } {
  const shown = io.of("display_data");
  expect(shown).toHaveLength(1);
  return shown[0]!.content as never;
}

describe("a notebook's cells in one session", () => {
  it("publishes a cell's input, output and diagram; the PNG decodes at the size it declares", async () => {
    const { reply, io } = await execute(handler, 'xs = [1, 2, 3]\nprint("made", len(xs))\n');
    expect(reply.content).toMatchObject({ status: "ok", execution_count: 1 });
    expect(io.published.map((p) => p.msgType)).toEqual(["execute_input", "stream", "display_data"]);
    expect(io.of("execute_input")[0]!.content).toEqual({ code: 'xs = [1, 2, 3]\nprint("made", len(xs))\n', execution_count: 1 });
    expect(io.stream("stdout")).toBe("made 3\n");
    const { data, metadata } = displayOf(io);
    const png = Buffer.from(data["image/png"]!, "base64");
    const image = await loadImage(png);
    expect(image.width).toBeGreaterThan(100);
    expect(metadata["image/png"]).toEqual({ width: image.width, height: image.height });
    expect(data["text/markdown"]).toMatch(/What this cell did to memory/);
    expect(data["text/markdown"]).toMatch(/Made a list of 3 items/);
    // the alt text says the diagram in words: the frame's names and the heap
    expect(data["text/plain"]).toMatch(/xs/);
    expect(data["text/plain"]).toMatch(/list/);
  }, 120_000);

  it("runs the 2nd cell with the 1st cell's names, and does not call them new", async () => {
    const { reply, io } = await execute(handler, "xs.append(4)\nys = xs[:2]\n");
    expect(reply.content).toMatchObject({ status: "ok", execution_count: 2 });
    const md = displayOf(io).data["text/markdown"]!;
    // only ys is this cell's: one object of 72 bytes (a 2-item list), not xs's 88 again
    expect(md).toMatch(/Allocated 1 object \(72 bytes\)/);
    expect(md).not.toMatch(/Made a list of 3 items/);
    expect(md).not.toMatch(/Made a list of 4 items/);
    expect(md).toMatch(/xs in place/);
    // the diagram in words names both lists, xs's as an earlier cell's
    expect(displayOf(io).data["text/plain"]).toMatch(/list of 88 bytes, from an earlier run; list of 72 bytes|list of 72 bytes; list of 88 bytes, from an earlier run/);
    const third = await execute(handler, "print(xs, ys)\n");
    expect(third.io.stream("stdout")).toBe("[1, 2, 3, 4] [1, 2]\n");
    expect(displayOf(third.io).data["text/markdown"]).toMatch(/Allocated 0 objects/);
  }, 120_000);

  it("completes and inspects the session's names without running code", async () => {
    const { reply } = await request(handler, "complete_request", { code: "print(y", cursor_pos: 7 });
    expect(reply?.content).toMatchObject({ status: "ok", cursor_start: 6, cursor_end: 7 });
    expect((reply?.content.matches as string[])[0]).toBe("ys");
    expect(reply?.content.matches).toContain("yield");
    // the list's size as the tracer measured it (64-bit CPython's sys.getsizeof), not a number typed here
    const probe = await layer.simulate("xs = [1, 2, 3]\nxs.append(4)\n", { language: "python" });
    if (!probe.ok) throw new Error(probe.error.code);
    const list = Object.values(probe.trace.objects).find((o) => o.address && o.shape === "sequence" && o.mutable);
    expect(list).toBeDefined();
    const inspected = await request(handler, "inspect_request", { code: "len(xs)", cursor_pos: 5, detail_level: 0 });
    expect(inspected.reply?.content).toMatchObject({ status: "ok", found: true });
    const text = (inspected.reply?.content.data as Data)["text/plain"]!;
    expect(text).toContain(`xs is a list of 4 items: ${translator("en").bytes(list!.size)}`);
    expect(text).toMatch(/address 0x[0-9a-f]+/);
    expect(text).toContain("1, 2, 3, 4");
    expect((inspected.reply?.content.data as Data)["text/markdown"]).toBeTruthy();
    // the language's own names are found too, and said to be no object of the notebook's
    const builtin = await request(handler, "inspect_request", { code: "print", cursor_pos: 5, detail_level: 0 });
    expect(builtin.reply?.content).toMatchObject({ status: "ok", found: true });
    expect((builtin.reply?.content.data as Data)["text/plain"]).toMatch(/^print is one of Python's built-in names/);
    const keyword = await request(handler, "inspect_request", { code: "while", cursor_pos: 2, detail_level: 0 });
    expect((keyword.reply?.content.data as Data)["text/plain"]).toMatch(/^while is a keyword/);
    const unknown = await request(handler, "inspect_request", { code: "nothing_here", cursor_pos: 3, detail_level: 0 });
    expect(unknown.reply?.content).toMatchObject({ status: "ok", found: false });
  }, 120_000);

  it("publishes exactly one error for 1/0, with the learner's traceback", async () => {
    const { reply, io } = await execute(handler, "def half(n):\n    return n / 0\n\nhalf(len(xs))\n");
    const errors = io.of("error");
    expect(errors).toHaveLength(1);
    const error = errors[0]!.content as { ename: string; evalue: string; traceback: string[] };
    expect(error.ename).toBe("ZeroDivisionError");
    expect(error.evalue).toBe("division by zero");
    expect(error.traceback).toEqual([
      "Traceback (most recent call last):",
      expect.stringMatching(/line 4, in <module>$/),
      "    half(len(xs))",
      expect.stringMatching(/line 2, in half$/),
      "    return n / 0",
      "ZeroDivisionError: division by zero",
    ]);
    expect(error.traceback.join("\n")).not.toMatch(/memsim_tracer|\.ts\b|\.py"/);
    expect(reply.content).toMatchObject({ status: "error", ename: "ZeroDivisionError", evalue: "division by zero", traceback: error.traceback });
    // the error is the cell's one output, as Jupyter's own test suite asks of a failing cell
    expect(io.published.map((p) => p.msgType)).toEqual(["execute_input", "error"]);
  }, 120_000);

  it("tells a syntax error's line and column", async () => {
    const { reply, io } = await execute(handler, "total = 0\nx = (1,\n  2\n");
    expect(io.of("error")).toHaveLength(1);
    expect(io.of("display_data")).toHaveLength(0);
    const content = reply.content as { status: string; ename: string; traceback: string[] };
    expect(content.status).toBe("error");
    expect(content.ename).toBe("SyntaxError");
    const said = content.traceback.join("\n");
    expect(said).toMatch(/line 2, column 5/);
    expect(said).toContain("  2 | x = (1,\n    |     ^");
  }, 120_000);

  it("keeps the session's names after a failed cell", async () => {
    const { io } = await execute(handler, "print(len(ys))\n");
    expect(io.stream("stdout")).toBe("2\n");
  }, 120_000);

  it("draws nothing for a cell of comments alone", async () => {
    const { reply, io } = await execute(handler, "# nothing to run here\n");
    expect(reply.content.status).toBe("ok");
    expect(io.published.map((p) => p.msgType)).toEqual(["execute_input"]);
  }, 120_000);

  it("runs a silent cell without publishing anything or counting it", async () => {
    const before = (await execute(handler, "zs = 1\n")).reply.content.execution_count as number;
    const { reply, io } = await execute(handler, "zs = [zs]\nprint(zs)\n", { silent: true });
    expect(io.published).toEqual([]);
    expect(reply.content).toMatchObject({ status: "ok", execution_count: before });
    const after = await execute(handler, "print(zs)\n", { store_history: false });
    expect(after.io.stream("stdout")).toBe("[1]\n");
    expect(after.reply.content.execution_count).toBe(before);
  }, 120_000);

  it("keeps the history of the cells run, as tail, range and search", async () => {
    const tail = await request(handler, "history_request", { hist_access_type: "tail", n: 2, output: false, raw: true });
    const history = tail.reply?.content.history as [number, number, string][];
    expect(history).toHaveLength(2);
    expect(history.at(-1)).toEqual([1, expect.any(Number), "zs = 1\n"]);
    const range = await request(handler, "history_request", { hist_access_type: "range", session: 0, start: 1, stop: 3, output: false, raw: true });
    expect(range.reply?.content.history).toEqual([
      [1, 1, 'xs = [1, 2, 3]\nprint("made", len(xs))\n'],
      [1, 2, "xs.append(4)\nys = xs[:2]\n"],
    ]);
    const search = await request(handler, "history_request", { hist_access_type: "search", pattern: "print(xs*", output: false, raw: true });
    expect(search.reply?.content.history).toEqual([[1, 3, "print(xs, ys)\n"]]);
    // with output: each input beside the value the cell showed, none here
    const withOutput = await request(handler, "history_request", { hist_access_type: "range", session: 0, start: 3, stop: 4, output: true, raw: true });
    expect(withOutput.reply?.content.history).toEqual([[1, 3, ["print(xs, ys)\n", null]]]);
  });
});

describe("a cell stopped by its time limit", () => {
  it("shows the partial trace and says why it stopped, as the explanation words it", async () => {
    const short = createSessionLayer({ engine: "threads" });
    const kernel = createKernelHandler({ env: {}, layer: short, locale: "en", limits: { timeLimitMs: 1_500, maxSteps: 100_000_000 } });
    try {
      await execute(kernel, "n = 0\n");
      const { reply, io } = await execute(kernel, "while True: pass\n");
      expect(io.of("error")).toHaveLength(1);
      const error = io.of("error")[0]!.content as { ename: string; evalue: string };
      expect(error.evalue).toMatch(/^Stopped after 1\.5 s, the time limit, at line 1 \([\d,]+ steps? kept\)/);
      expect(reply.content).toMatchObject({ status: "error", evalue: error.evalue });
      const shown = io.of("display_data");
      expect(shown).toHaveLength(1);
      expect((shown[0]!.content.data as Data)["image/png"]).toBeTruthy();
      // the session lives on after the stop
      const next = await execute(kernel, "print(n)\n");
      expect(next.io.stream("stdout")).toBe("0\n");
    } finally {
      await kernel.shutdown(false);
      await short.close();
    }
  }, 120_000);
});
