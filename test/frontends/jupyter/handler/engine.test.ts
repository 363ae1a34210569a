/**
 * The kernel over the real session layer's kernel features (`display`, `input`,
 * `layer.interrupt`): a cell's last value, input() answered through the stdin channel, and a
 * running cell interrupted with the session's names kept.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKernelHandler } from "../../../../src/frontends/jupyter/handler/index.js";
import type { KernelHandler } from "../../../../src/frontends/jupyter/types.js";
import { createSessionLayer, type SessionLayer } from "../../../../src/session/index.js";
import { execute, FakeIO } from "./fake-io.js";

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
