/**
 * The kernel over the real session layer's kernel features (`display`, `input`, `output`,
 * `layer.interrupt`): a cell's last value, input() answered through the stdin channel, output
 * shown as it is printed, and a running cell (Python or %%c) interrupted with the session's names kept.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKernelHandler } from "../../../../src/frontends/jupyter/handler/index.js";
import type { KernelHandler } from "../../../../src/frontends/jupyter/types.js";
import { createSessionLayer, type SessionLayer } from "../../../../src/session/index.js";
import { execute, FakeIO, type Published } from "./fake-io.js";

/** The streams published, as [name, text]. */
const streams = (io: FakeIO) => io.of("stream").map((p) => [p.content.name, p.content.text]);

/** A FakeIO that interrupts the kernel the moment `text` is published as a stream. */
function interruptOn(text: string): FakeIO {
  const io = new FakeIO();
  io.onPublish = (p: Published) => {
    if (p.msgType === "stream" && p.content.text === text) void handler.interrupt();
  };
  return io;
}

let layer: SessionLayer;
let handler: KernelHandler;
beforeAll(() => {
  layer = createSessionLayer({ engine: "threads" });
  handler = createKernelHandler({ env: {}, layer, locale: "en", limits: { timeLimitMs: 30_000, maxSteps: 100_000_000 } });
});
afterAll(async () => {
  await handler?.shutdown(false);
  await layer?.close();
});

describe("the kernel on the session layer's own features", () => {
  it("publishes the last expression's value as Python's prompt shows it", async () => {
    const { io } = await execute(handler, "x = [1, 2]\nx\n");
    expect(io.of("execute_result").map((p) => p.content)).toEqual([{ execution_count: 1, data: { "text/plain": "[1, 2]" }, metadata: {} }]);
    const none = await execute(handler, "y = x\n");
    expect(none.io.of("execute_result")).toEqual([]);
  }, 120_000);

  it("answers input() through the stdin channel, twice in one cell", async () => {
    const io = new FakeIO(true, ["Ada", "36"]);
    const { reply } = await execute(handler, 'name = input("Name? ")\nage = int(input("Age? "))\nprint(name, age + 1)\n', {}, io);
    expect(io.prompts).toEqual(["Name? ", "Age? "]);
    expect(io.stream("stdout")).toMatch(/Ada 37\n$/);
    expect(reply.content.status).toBe("ok");
  }, 120_000);

  it("interrupts a running cell with KeyboardInterrupt, and the next cell reads the names made before", async () => {
    await execute(handler, "kept = [1, 2, 3]\n");
    const running = execute(handler, "while True: pass\n");
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    await handler.interrupt();
    const { reply, io } = await running;
    expect(io.of("error")).toHaveLength(1);
    expect(reply.content).toMatchObject({ status: "error", ename: "KeyboardInterrupt" });
    const next = await execute(handler, "print(len(kept))\n");
    expect(next.io.stream("stdout")).toBe("3\n");
  }, 120_000);
});

// each cell below waits for far longer than its test may take unless its output comes while it runs
describe("a cell's output as it is printed", () => {
  it("shows what was printed before a sleep() while it sleeps, stderr in its place, each piece once", async () => {
    const io = interruptOn("careful\n");
    const { reply } = await execute(handler, 'import sys, time\nprint("first")\nprint("careful", file=sys.stderr)\ntime.sleep(600)\nprint("never")\n', {}, io);
    expect(reply.content).toMatchObject({ status: "error", ename: "KeyboardInterrupt" });
    expect(streams(io)).toEqual([
      ["stdout", "first\n"],
      ["stderr", "careful\n"],
    ]);
  }, 120_000);

  it("shows what a long loop printed while it still runs, and the rest once at the cell's end", async () => {
    const io = interruptOn("go\n");
    const { reply } = await execute(handler, 'print("go")\nn = 0\ntry:\n    while True:\n        n += 1\nexcept KeyboardInterrupt:\n    print("stopped")\n', {}, io);
    expect(reply.content).toMatchObject({ status: "ok" });
    expect(streams(io)).toEqual([
      ["stdout", "go\n"],
      ["stdout", "stopped\n"],
    ]);
  }, 120_000);

  it("shows the output before input() asks, and leaves the prompt and the line typed to the input box", async () => {
    const io = new FakeIO(true, ["Ada"]);
    const { reply } = await execute(handler, 'print("before")\nname = input("Name? ")\nprint("Hello", name)\n', {}, io);
    expect(reply.content.status).toBe("ok");
    expect(io.stdoutAtPrompt).toEqual(["before\n"]);
    expect(io.stream("stdout")).toBe("before\nHello Ada\n");
  }, 120_000);
});

describe("interrupting a %%c cell", () => {
  it("stops the C program with KeyboardInterrupt where it was, its steps kept, and the session's names live on", async () => {
    await execute(handler, "kept_c = 7\n");
    const code = '%%c\n#include <stdio.h>\nint main(void) {\n    long n = 0;\n    printf("start\\n");\n    for (;;) n++;\n}\n';
    const running = execute(handler, code);
    // by then the program is in its loop (line 6) unless its thread was slow to start; it runs
    // to its 30 s time limit if the interrupt does not stop it
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    await handler.interrupt();
    const { reply, io } = await running;
    expect(io.of("error")).toHaveLength(1);
    expect(reply.content).toMatchObject({ status: "error", ename: "KeyboardInterrupt", evalue: "" });
    const traceback = reply.content.traceback as string[];
    const line = Number(/before line (\d+) ran/.exec(traceback[0]!)?.[1]);
    expect(traceback).toEqual([
      `The program was interrupted before line ${line} ran, as you asked. Its steps up to there are kept: %memsim steps plays them.`,
      expect.stringMatching(new RegExp(`^  Cell In\\[${reply.content.execution_count}\\], line ${line}`)),
      `    ${code.split("\n")[line - 1]!.trim()}`,
      "KeyboardInterrupt",
    ]);
    if (line === 6) expect(io.stream("stdout")).toBe("start\n");
    const next = await execute(handler, "print(kept_c)\n");
    expect(next.io.stream("stdout")).toBe("7\n");
  }, 120_000);
});
