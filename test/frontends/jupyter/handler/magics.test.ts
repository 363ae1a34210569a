/** The `%memsim` magics on a cell's first lines, and `%%c` cells. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readCell } from "../../../../src/frontends/jupyter/handler/magics.js";
import { createKernelHandler } from "../../../../src/frontends/jupyter/handler/index.js";
import type { KernelHandler } from "../../../../src/frontends/jupyter/types.js";
import { createSessionLayer, type SessionLayer } from "../../../../src/session/index.js";
import { loadImage } from "../../../../src/render/canvas.js";
import { gccRun } from "../../../runners/c/memory/gcc.js";
import { execute, FakeIO, request } from "./fake-io.js";

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

const LEAK = `#include <stdio.h>
#include <stdlib.h>

int main(void) {
    int *a = malloc(4 * sizeof(int));
    for (int i = 0; i < 4; i++) a[i] = i * i;
    printf("%d\\n", a[3]);
    char *s = malloc(16);
    free(a);
    return 0;
}
`;

type Data = Record<string, string>;

describe("%%c cells: a whole C program", () => {
  it("prints what gcc's build prints, draws main's frame and the heap before main returns, and counts blocks, bytes and leaks", async () => {
    const { reply, io } = await execute(handler, `%%c\n${LEAK}`);
    expect(reply.content).toMatchObject({ status: "ok" });
    expect(io.published.map((p) => p.msgType)).toEqual(["execute_input", "stream", "display_data"]);
    expect(io.stream("stdout")).toBe(gccRun(LEAK));
    const { data, metadata } = io.of("display_data")[0]!.content as { data: Data; metadata: Record<string, { width: number; height: number }> };
    const image = await loadImage(Buffer.from(data["image/png"]!, "base64"));
    expect(metadata["image/png"]).toEqual({ width: image.width, height: image.height });
    // the step drawn still has main's frame, with its pointers into the heap (the last step has an empty stack);
    // the for loop's i ended with its loop
    expect(data["text/plain"]).toMatch(/Stack: main with a, s\. Heap: char\[16\] of 16 bytes/);
    // the figures against gcc's: the bytes asked for, and the block never freed
    const [asked, leaked] = gccRun("#include <stdio.h>\nint main(void) { printf(\"%zu %zu\", 4 * sizeof(int) + 16, (size_t)16); return 0; }\n").split(" ");
    const md = data["text/markdown"]!;
    expect(md).toContain(`Allocated 2 heap blocks (${asked} bytes asked for); freed 1 of them (${Number(asked) - Number(leaked)} bytes).`);
    expect(md).toContain(`Most heap memory in use at once: ${asked} bytes`);
    expect(md).toContain(`Never freed: 1 block (${leaked} bytes)`);
    expect(md).toMatch(/finished after \d+ steps, with exit status 0/);
    // a C cell keeps no names: the Python session never saw s
    const after = await execute(handler, "print('s' in globals())\n");
    expect(after.io.stream("stdout")).toBe("False\n");
  }, 120_000);

  it("plays the C cell's steps with %memsim steps, and has no Python advice for it", async () => {
    await execute(handler, `%%c\n${LEAK}`);
    const steps = await execute(handler, "%memsim steps\n%memsim advice\n");
    const [gif, advice] = steps.io.of("display_data").map((p) => p.content.data as Data);
    expect(Buffer.from(gif!["image/gif"]!, "base64").subarray(0, 6).toString("latin1")).toBe("GIF89a");
    expect(advice!["text/markdown"]).toMatch(/advice is for Python cells; the last cell was a C program/);
  }, 120_000);

  it("shows a compile error as one CompileError with its line and caret, and runs nothing", async () => {
    const { reply, io } = await execute(handler, '%%c\n#include <stdio.h>\nint main(void) {\n    int x = 3\n    printf("%d\\n", x);\n    return 0;\n}\n');
    expect(io.published.map((p) => p.msgType)).toEqual(["execute_input", "error"]);
    expect(reply.content).toMatchObject({ status: "error", ename: "CompileError" });
    const tb = reply.content.traceback as string[];
    expect(tb[0]).toMatch(/^The compiler could not read line 5, column 5: .*printf.* Fix that line and run it again\.$/);
    expect(tb.join("\n")).not.toMatch(/not supported|\.\./);
    expect(tb).toContain("  5 |     printf(\"%d\\n\", x);");
    expect(tb).toContain("    |     ^");
  }, 120_000);

  it("shows a fault as one error with the call stack, after the output printed before it", async () => {
    const program = '%%c\n#include <stdio.h>\nvoid put(int *p) {\n    *p = 4;\n}\nint main(void) {\n    printf("before\\n");\n    put(NULL);\n    return 0;\n}\n';
    const { reply, io } = await execute(handler, program);
    expect(io.published.map((p) => p.msgType)).toEqual(["execute_input", "stream", "error"]);
    expect(io.stream("stdout")).toBe("before\n");
    expect(reply.content).toMatchObject({ status: "error", ename: "Segmentation fault" });
    const tb = (reply.content.traceback as string[]).join("\n");
    expect(tb).toMatch(/Cell In\[\d+\], line 8, in main\n    put\(NULL\);\n  Cell In\[\d+\], line 4, in put\n    \*p = 4;/);
  }, 120_000);

  it("gives scanf the %memsim stdin lines, and says kindly how when a program reads none", async () => {
    const reads = '#include <stdio.h>\nint main(void) {\n    int n = 0;\n    if (scanf("%d", &n) != 1) { printf("none\\n"); return 1; }\n    printf("%d\\n", n * 2);\n    return 0;\n}\n';
    const given = await execute(handler, `%%c\n%memsim stdin 21\n${reads}`);
    expect(given.io.stream("stdout")).toBe("42\n");
    expect(given.io.stream("stderr")).toBe("");
    const none = await execute(handler, `%%c\n${reads}`);
    expect(none.io.stream("stdout")).toBe("none\n");
    expect(none.io.stream("stderr")).toMatch(/reads standard input, and a %%c cell has no keyboard.*%memsim stdin 42/);
  }, 120_000);

  it("writes in Simplified Chinese after %memsim locale zh-CN, the compiler's warnings too", async () => {
    await execute(handler, "%memsim locale zh-CN\n");
    try {
      const { io } = await execute(handler, "%%c\n#include <stdlib.h>\nint main(void) {\n    int *p = 5;\n    char *s = malloc(8);\n    return 0;\n}\n");
      expect(io.stream("stderr")).toMatch(/^警告，第 4 行第 14 列：/);
      const md = (io.of("display_data")[0]!.content.data as Data)["text/markdown"]!;
      expect(md).toMatch(/这个单元格对内存做了什么/);
      expect(md).toMatch(/memsim 的解释器/);
      const failed = await execute(handler, "%%c\nint main(void) {\n    return 0\n}\n");
      expect((failed.reply.content.traceback as string[])[0]).toMatch(/^编译器无法读懂第 3 行第 13 列/);
    } finally {
      await execute(handler, "%memsim locale en\n");
    }
  }, 120_000);

  it("calls a %%c cell complete as it stands, and completes C's keywords, not Python's names", async () => {
    const code = "%%c\nint main(void) {\n    ret";
    expect((await request(handler, "is_complete_request", { code })).reply?.content).toEqual({ status: "complete" });
    const done = await request(handler, "complete_request", { code, cursor_pos: [...code].length });
    expect(done.reply?.content.matches).toEqual(["return"]);
    const typed = "%%c\nint main(void) {\n    pri";
    expect((await request(handler, "complete_request", { code: typed, cursor_pos: [...typed].length })).reply?.content.matches).toEqual([]);
    const inspected = await request(handler, "inspect_request", { code: typed, cursor_pos: 20, detail_level: 0 }, new FakeIO());
    expect(inspected.reply?.content).toMatchObject({ found: false });
  });
});
