/** Which language a program given in chat runs in: its file or code block, the option, or what it plainly is. */
import { describe, expect, it } from "vitest";
import { translator } from "../../src/i18n/index.js";
import { chooseLanguage, languageOfFile, languageOfTag } from "../../src/chat/language.js";
import { programInMessage } from "../../src/chat/views/text.js";
import { languageOf } from "../../src/chat/handlers/run.js";
import type { Context } from "../../src/chat/context.js";
import { findingsAdvisor } from "../../src/chat/advice.js";
import { outcomeSentences } from "../../src/explain/index.js";
import { traceC } from "../../src/runners/c/run.js";

const en = translator("en");
const ctx = { tr: en } as Context;
const C_MAIN = "#include <stdlib.h>\nint main(void) {\n    int *p = malloc(8);\n    free(p);\n    return 0;\n}\n";

describe("the language of a program given in chat", () => {
  it("reads code block tags and file endings", () => {
    expect(["c", "C", "py", "Python3", "python", "", "js", "h"].map(languageOfTag)).toEqual(["c", "c", "python", "python", "python", undefined, undefined, undefined]);
    expect(["a.c", "A.C", "b.py", "c.h", "d.txt"].map(languageOfFile)).toEqual(["c", "c", "python", undefined, undefined]);
  });

  it("finds the first block tagged with a language memsim runs, else the first untagged one", () => {
    expect(programInMessage("look:\n```js\nx\n```\n```c\nint x;\n```\n```py\ny = 1\n```")).toEqual({ code: "int x;\n", tag: "c" });
    expect(programInMessage("```\nx = 1\n```")).toEqual({ code: "x = 1\n", tag: "" });
    expect(programInMessage("```js\nx\n```")).toBeUndefined();
  });

  it("runs a ```c block, a .c file and language: c as C, and a ```python block or .py file as Python", () => {
    const of = (asked: "python" | "c" | undefined, given: string, file?: string) => languageOf(ctx, asked, file)(given);
    expect(of(undefined, "```c\nint main(void) { return 0; }\n```")).toEqual({ language: "c" });
    expect(of(undefined, "```C\nint x;\n```").language).toBe("c");
    expect(of(undefined, "int x;\n", "prog.c")).toEqual({ language: "c" });
    expect(of("c", "int x;\n")).toEqual({ language: "c" });
    expect(of(undefined, "```python\nx = 1\n```")).toEqual({ language: "python" });
    expect(of(undefined, "x = 1\n", "prog.py")).toEqual({ language: "python" });
    expect(of("python", "x = 1\n")).toEqual({ language: "python" });
  });

  it("keeps Python for unmarked code unless it is plainly C, and says when it guessed C", () => {
    expect(languageOf(ctx, undefined)("x = [1, 2]\nprint(x)\n")).toEqual({ language: "python" });
    // a comment that mentions C's words is no C program
    expect(languageOf(ctx, undefined)("# in C: include headers\nx = 1\n")).toEqual({ language: "python" });
    const guessed = languageOf(ctx, undefined)(C_MAIN);
    expect(guessed.language).toBe("c");
    expect(guessed.note).toBe("No language was given and this program reads as C (it has #include or int main), so memsim ran it as C.");
    expect(languageOf(ctx, undefined)("int main(void) {\n    return 0;\n}\n").language).toBe("c");
    // asked for Python, it runs as Python (and the syntax error says how to run it as C)
    expect(languageOf(ctx, "python")(C_MAIN)).toEqual({ language: "python" });
  });

  it("follows the program's own mark when the language option disagrees, and says so", () => {
    expect(languageOf(ctx, "python")("```c\nint x;\n```")).toEqual({
      language: "c",
      note: "The code block is marked as C, so memsim ran it as C, not as Python as the language option says.",
    });
    expect(languageOf(ctx, "c", "prog.py")("x = 1\n")).toEqual({
      language: "python",
      note: "prog.py is a Python file, so memsim ran it as Python, not as C as the language option says.",
    });
    const zh = chooseLanguage(translator("zh-CN"), "python", { tag: "c" }, "int x;\n");
    expect(zh.note).toBe("代码块标明是 C，所以 memsim 按 C 运行了它，而不是按 language 选项所说的 Python。");
  });
});

describe("a C run downstream", () => {
  it("seeks no advice (Python's parser is not asked, no rewrite runs), and its compile error is not called C pasted into Python", async () => {
    const asked: string[] = [];
    const advisor = findingsAdvisor(
      { run: async (source) => (asked.push(`run ${source}`), { ok: false, error: { code: "busy" } }) },
      (source) => {
        asked.push(`parse ${source}`);
        throw new Error("not for C");
      },
    );
    const ran = await traceC(C_MAIN, { maxSteps: 1000, timeLimitMs: 10_000 });
    expect(ran.language).toBe("c");
    expect(await advisor.top(ran, "en")).toBeUndefined();
    expect(asked).toEqual([]);
    const bad = await traceC("#include <stdio.h>\nint main(void) {\n    return y;\n}\n", { maxSteps: 1000, timeLimitMs: 10_000 });
    expect(bad.outcome.status).toBe("syntax-error");
    const said = outcomeSentences(bad, en).join(" ");
    expect(said).toContain("The compiler could not read line 3");
    expect(said).not.toContain("looks like C");
  });
});
