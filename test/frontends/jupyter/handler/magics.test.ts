/** The `%memsim` magics on a cell's first lines, and `%%c` cells. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readCell } from "../../../../src/frontends/jupyter/handler/magics.js";
import { createKernelHandler } from "../../../../src/frontends/jupyter/handler/index.js";
import type { KernelHandler } from "../../../../src/frontends/jupyter/types.js";
import { createSessionLayer, type SessionLayer } from "../../../../src/session/index.js";
import { execute } from "./fake-io.js";

const STRINGS = readFileSync(join(import.meta.dirname, "..", "..", "..", "..", "assets", "examples", "string_building.py"), "utf8");

let layer: SessionLayer;
let handler: KernelHandler;
beforeAll(() => {
  layer = createSessionLayer({ engine: "threads", limits: { timeLimitMs: 10_000 } });
  handler = createKernelHandler({ env: {}, layer, locale: "en" });
});
afterAll(async () => {
  await handler?.shutdown(false);
  await layer?.close();
});

describe("reading a cell's magics", () => {
  it("blanks the magic lines so the learner's line numbers stay the cell's", () => {
    const cell = readCell("%memsim stdin Ada Lovelace\n%memsim off\nname = input()\n");
    expect(cell.magics).toEqual([{ kind: "stdin", line: "Ada Lovelace" }, { kind: "off" }]);
    expect(cell.code).toBe("\n\nname = input()\n");
    expect(cell.empty).toBe(false);
    expect(readCell("%%c\nint main(void) { return 0; }\n")).toMatchObject({ c: true, magics: [] });
    expect(readCell("x = 1\n%memsim off\n").magics).toEqual([]);
    expect(readCell("%memsim steps now").magics).toEqual([{ kind: "unknown", text: "%memsim steps now" }]);
    expect(readCell("%timeit x").magics).toEqual([{ kind: "unknown", text: "%timeit x" }]);
  });
});

describe("the magics", () => {
  it("says there is nothing to show before any cell ran", async () => {
    const { reply, io } = await execute(handler, "%memsim steps\n");
    expect(reply.content.status).toBe("ok");
    expect(io.stream("stdout")).toMatch(/No cell has run yet/);
  });

  it("%memsim steps: the animated GIF of the last cell's steps", async () => {
    await execute(handler, STRINGS);
    const { reply, io } = await execute(handler, "%memsim steps\n");
    expect(reply.content.status).toBe("ok");
    const shown = io.of("display_data");
    expect(shown).toHaveLength(1);
    const data = shown[0]!.content.data as Record<string, string>;
    expect(Buffer.from(data["image/gif"]!, "base64").subarray(0, 6).toString("latin1")).toBe("GIF89a");
    expect(data["text/plain"]).toMatch(/Every step of the last cell/);
  }, 120_000);

  it("%memsim advice: every piece of advice for the last cell, in full", async () => {
    const { io } = await execute(handler, "%memsim advice\n");
    const md = (io.of("display_data")[0]!.content.data as Record<string, string>)["text/markdown"]!;
    expect(md).toMatch(/Line 5: a string built with \+ in a loop/);
    // the advisor's code stays code
    expect(md).toContain("`sentence += word + \" \"`");
  });

  it("%memsim off and on: plain output, then the diagram again", async () => {
    const off = await execute(handler, "%memsim off\nprint(sentence)\n");
    expect(off.io.stream("stdout")).toMatch(/memsim is off/);
    expect(off.io.stream("stdout")).toMatch(/memory is fun \n$/);
    expect(off.io.of("display_data")).toHaveLength(0);
    const still = await execute(handler, "n = len(sentence)\n");
    expect(still.io.of("display_data")).toHaveLength(0);
    const on = await execute(handler, "%memsim on\nprint(n)\n");
    expect(on.io.stream("stdout")).toMatch(/memsim is on/);
    expect(on.io.of("display_data")).toHaveLength(1);
  }, 120_000);

  it("%memsim locale zh-CN and en: the language of everything the kernel writes", async () => {
    const zh = await execute(handler, "%memsim locale zh-CN\nws = [1, 2]\n");
    expect(zh.io.stream("stdout")).toMatch(/简体中文/);
    const data = zh.io.of("display_data")[0]!.content.data as Record<string, string>;
    expect(data["text/markdown"]).toMatch(/这个单元格对内存做了什么/);
    expect(data["text/plain"]).toMatch(/内存示意图/);
    const bad = await execute(handler, "%memsim bogus\n");
    expect((bad.io.of("error")[0]!.content as { evalue: string }).evalue).toMatch(/memsim 不认识/);
    const unknownLocale = await execute(handler, "%memsim locale fr\n");
    expect(unknownLocale.io.of("error")).toHaveLength(1);
    const en = await execute(handler, "%memsim locale en\nws.append(3)\n");
    expect(en.io.stream("stdout")).toMatch(/English/);
    expect((en.io.of("display_data")[0]!.content.data as Record<string, string>)["text/markdown"]).toMatch(/What this cell did to memory/);
  }, 120_000);

  it("answers an unknown magic with one kind error naming the ones it knows, and runs nothing", async () => {
    const { reply, io } = await execute(handler, "%memsim colour\nnever = 1\n");
    expect(io.of("error")).toHaveLength(1);
    expect(reply.content).toMatchObject({ status: "error", ename: "UsageError" });
    const said = String(reply.content.evalue);
    expect(said).toMatch(/does not know the magic “%memsim colour”/);
    for (const known of ["%memsim steps", "%memsim off", "%memsim on", "%memsim locale zh-CN", "%memsim advice", "%memsim stdin"]) expect(said).toContain(known);
    const check = await execute(handler, "print('never' in globals())\n");
    expect(check.io.stream("stdout")).toBe("False\n");
  }, 120_000);

  it("says clearly that C is not simulated yet", async () => {
    const { reply, io } = await execute(handler, "%%c\n#include <stdio.h>\nint main(void) { return 0; }\n");
    expect(io.of("error")).toHaveLength(1);
    expect(String(reply.content.evalue)).toMatch(/cannot simulate C yet/);
  });

  it("%memsim stdin: lines input() reads when the front end gives no input", async () => {
    const { reply, io } = await execute(handler, '%memsim stdin Ada Lovelace\n%memsim stdin 36\nname = input("Name? ")\nage = int(input())\nprint(name, age + 1)\n');
    expect(reply.content.status).toBe("ok");
    expect(io.stream("stdout")).toMatch(/Ada Lovelace 37\n$/);
  }, 120_000);

  it("tells how to give input when the front end allows none and the cell asks for more", async () => {
    const { reply, io } = await execute(handler, "name = input()\n");
    expect(io.of("error")).toHaveLength(1);
    expect(reply.content.ename).toBe("EOFError");
    const said = (reply.content.traceback as string[]).join("\n");
    expect(said).toMatch(/cannot send typed input/);
    expect(said).toContain("%memsim stdin Ada");
  }, 120_000);
});
