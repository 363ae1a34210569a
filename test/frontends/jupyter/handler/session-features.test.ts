/**
 * What the handler does with the session layer's kernel features (a cell's last value, input()
 * asked while the cell runs, interrupting a cell), through a layer built here around a real one:
 * its runs are real, and it adds what the test says the engine reports.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKernelHandler } from "../../../../src/frontends/jupyter/handler/index.js";
import type { KernelHandler } from "../../../../src/frontends/jupyter/types.js";
import { createSessionLayer, type SessionLayer } from "../../../../src/session/index.js";
import { execute, FakeIO, request } from "./fake-io.js";

interface Seen {
  sessions: string[];
  interrupted: string[];
  asked: boolean[];
  ended: string[];
}

/** A real layer, plus: the display text the test names for a source, input() asked for each prompt given, interrupts recorded. */
function featureLayer(real: SessionLayer, displays: Map<string, string>, prompts: Map<string, string[]>, seen: Seen): SessionLayer {
  return {
    ...real,
    async simulate(source, options) {
      const o = options;
      seen.sessions.push(o.sessionId ?? "");
      seen.asked.push(o.input !== undefined);
      const stdin = [...(o.stdin ?? [])];
      for (const prompt of prompts.get(source) ?? []) {
        const line = o.input ? await o.input(prompt) : null;
        if (line !== null) stdin.push(line);
      }
      const { input: _input, display: _display, ...plain } = o;
      const result = await real.simulate(source, { ...plain, stdin });
      const text = displays.get(source);
      if (!result.ok || text === undefined || !o.display) return result;
      return { ...result, trace: { ...result.trace, display: { text } } };
    },
    interrupt(id) {
      seen.interrupted.push(id);
      return true;
    },
    endSession(id) {
      seen.ended.push(id);
      return real.endSession(id);
    },
  };
}

let real: SessionLayer;
let handler: KernelHandler;
const displays = new Map<string, string>();
const prompts = new Map<string, string[]>();
const seen: Seen = { sessions: [], interrupted: [], asked: [], ended: [] };
beforeAll(() => {
  real = createSessionLayer({ engine: "threads", limits: { timeLimitMs: 10_000 } });
  handler = createKernelHandler({ env: {}, layer: featureLayer(real, displays, prompts, seen), locale: "en" });
});
afterAll(async () => {
  await handler?.shutdown(false);
  await real?.close();
});

describe("a cell's last value", () => {
  it("is published as execute_result with the cell's count, after its output and diagram", async () => {
    const code = 'x = [1, 2]\nprint("two")\nx\n';
    displays.set(code, "[1, 2]");
    const { reply, io } = await execute(handler, code);
    expect(io.published.map((p) => p.msgType)).toEqual(["execute_input", "stream", "display_data", "execute_result"]);
    expect(io.of("execute_result")[0]!.content).toEqual({ execution_count: 1, data: { "text/plain": "[1, 2]" }, metadata: {} });
    expect(reply.content).toMatchObject({ status: "ok", execution_count: 1 });
    const history = await request(handler, "history_request", { hist_access_type: "tail", n: 1, output: true, raw: true });
    expect(history.reply?.content.history).toEqual([[1, 1, [code, "[1, 2]"]]]);
  }, 120_000);

  it("is not published by a silent cell", async () => {
    const code = "x\n";
    displays.set(code, "[1, 2]");
    const { io } = await execute(handler, code, { silent: true });
    expect(io.published).toEqual([]);
  }, 120_000);
});

describe("input() while a cell runs", () => {
  it("asks the front end through the stdin channel, with the program's prompt", async () => {
    const code = 'name = input("Name? ")\nprint("Hello", name)\n';
    prompts.set(code, ["Name? "]);
    const io = new FakeIO(true, ["Ada"]);
    const { reply } = await execute(handler, code, {}, io);
    expect(io.prompts).toEqual(["Name? "]);
    expect(seen.asked.at(-1)).toBe(true);
    expect(io.stream("stdout")).toMatch(/Hello Ada\n$/);
    expect(reply.content.status).toBe("ok");
  }, 120_000);

  it("is not asked for when the request allows no stdin", async () => {
    const code = 'again = input("Again? ")\n';
    prompts.set(code, ["Again? "]);
    const io = new FakeIO(false);
    const { reply } = await execute(handler, code, {}, io);
    expect(seen.asked.at(-1)).toBe(false);
    expect(io.prompts).toEqual([]);
    expect((reply.content.traceback as string[])[0]).toMatch(/cannot send typed input/);
  }, 120_000);
});

describe("interrupt and restart", () => {
  it("interrupts the kernel's own session", async () => {
    await handler.interrupt();
    expect(seen.interrupted).toEqual([seen.sessions.at(-1)]);
  });

  it("starts a fresh session on restart: counts from 1 again, history's session number goes on", async () => {
    const before = seen.sessions.at(-1)!;
    await handler.shutdown(true);
    const { reply, io } = await execute(handler, "try:\n    print(x)\nexcept NameError:\n    print('fresh')\n");
    expect(seen.sessions.at(-1)).not.toBe(before);
    // the old session was let go at once, not left to idle out
    expect(seen.ended).toEqual([before]);
    expect(real.endSession(before)).toBe(false);
    expect(io.stream("stdout")).toBe("fresh\n");
    expect(reply.content.execution_count).toBe(1);
    const history = await request(handler, "history_request", { hist_access_type: "range", session: 0, start: 1, stop: 2, output: false, raw: true });
    expect(history.reply?.content.history).toEqual([[2, 1, "try:\n    print(x)\nexcept NameError:\n    print('fresh')\n"]]);
    const complete = await request(handler, "complete_request", { code: "x", cursor_pos: 1 });
    expect(complete.reply?.content.matches).not.toContain("x");
  }, 120_000);
});
