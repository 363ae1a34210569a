/** The console as a newcomer meets it: choices that keep their numbers, its own words, input(), stepping, files, safe output. */
import { readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { NO_LIMITS } from "../../src/chat/index.js";
import { highestNumber, numberedChoices } from "../../src/frontends/console/adapter.js";
import { ConsoleHarness, tempDir } from "./console-harness.js";
import { inlineSimulator } from "../helpers.js";

const PROGRAM = ["x = [1, 2]", "y = x", "print(y)"];
const CHOICES = /^ {2}\[(\d+)\] (.+)$/gm;

/** The choices a screen lists, as "number label". */
function listed(out: string): string[] {
  return [...out.matchAll(CHOICES)].map((m) => `${m[1]} ${m[2]}`);
}

describe("the console's choices", () => {
  it("keep their numbers on every screen, and stay on offer after a reply without any", async () => {
    const h = new ConsoleHarness(inlineSimulator(), NO_LIMITS);
    const opened = await h.type("/memsim run", ...PROGRAM, ".");
    expect(listed(opened)).toEqual(["1 ◀ Back", "2 Next ▶", "3 All steps", "4 Explain more", "5 Run in 中文"]);
    const gif = await h.type("3");
    expect(gif).toContain("All 3 steps, as an animation.");
    expect(listed(gif)).toEqual([]);
    const back = await h.type("1");
    expect(back).toContain("Step 1 of 3");
    expect(listed(back)).toEqual(["1 ◀ Back (not available here)", "2 Next ▶", "3 All steps", "4 Explain more", "5 Run in 中文"]);
    expect(await h.type("1")).toContain("◀ Back cannot be chosen here: the run is already at that end.");
    const zh = await h.type("5");
    expect(listed(zh)).toEqual(["1 ◀ 上一步（此处不可用）", "2 下一步 ▶", "3 全部步骤", "4 详细讲解", "5 用 English 运行"]);
    expect(h.printed()).not.toContain("from 1 to 0");
    await h.close();
  });

  it("add the step list's pages beside the run's own, so both work", async () => {
    const h = new ConsoleHarness(inlineSimulator(), NO_LIMITS);
    await h.type("/memsim run", ...Array.from({ length: 30 }, (_, i) => `v${i} = [${i}] * ${i + 1}`), ".");
    const more = await h.type("4");
    expect(more).toMatch(/Every step, page 1 of \d+/);
    expect(listed(more).map((c) => c.split(" ")[0])).toEqual(["1", "2", "3", "4", "5", "6", "7"]);
    expect(await h.type("7")).toMatch(/Every step, page 2 of \d+/);
    expect(await h.type("1")).toContain("Step 29 of 30");
    await h.close();
  });

  it("say so when there is nothing to choose yet", async () => {
    const h = new ConsoleHarness(inlineSimulator(), NO_LIMITS);
    expect(await h.type("2")).toContain("There is nothing to choose yet: type a /memsim command, such as /memsim help.");
    await h.close();
  });

  it("number actions by what they do, whatever else the reply has", () => {
    const b = (id: string, label: string) => ({ id, label, style: "secondary" as const });
    const card = numberedChoices([b("ms1:example:heap:en", "Run this example"), b("ms1:card:heap:zh-CN", "Run in 中文")]);
    expect(card.map(([n]) => n)).toEqual([10, 5]);
    const oneStep = numberedChoices([b("ms1:more:AAAAAAAA:0:en", "Explain more"), b("ms1:lang:AAAAAAAA:0:zh-CN", "Run in 中文")]);
    expect(oneStep.map(([n]) => n)).toEqual([4, 5]);
  });
});

describe("the console's words", () => {
  it("help speaks of typing: the text-command syntax with examples, step: and locale:, never Discord's", async () => {
    const h = new ConsoleHarness(inlineSimulator(), NO_LIMITS);
    const help = await h.type("/memsim help");
    expect(help).toContain("/memsim run prog.py step:2 locale:zh-CN");
    expect(help).toContain("/memsim run path/to/prog.py runs a .py or .c file from this computer");
    expect(help).toContain("type the number beside a choice");
    expect(help).not.toMatch(/code option|attach|a form|Apps menu/i);
    const zh = await h.type("/memsim help locale:zh-CN");
    expect(zh).toContain("格式为 名称:值");
    expect(zh).not.toMatch(/附上|表单|“应用”菜单/);
    await h.close();
  });

  it("/memsim explain alone lists the topics and how to ask for one", async () => {
    const h = new ConsoleHarness(inlineSimulator(), NO_LIMITS);
    const out = await h.type("/memsim explain");
    expect(out).toContain("Ideas memsim can explain");
    expect(out).toContain("  • heap — Heap: Names are on the stack");
    expect(out).toContain("Type /memsim explain and the name of one, for example /memsim explain heap.");
    await h.close();
  });
});

describe("a program that calls input()", () => {
  const program = ["name = input()", "age = int(input())", "print(name, 'is', age)"];

  it("is asked for its lines, and runs again with them", async () => {
    const h = new ConsoleHarness(inlineSimulator(), NO_LIMITS);
    const asked = await h.type("/memsim run", ...program, ".", "Ada", "36", ".");
    expect(asked).toContain("The program reads input: line 1 calls input(), and no line is left for it. Type the lines it should read, one per line, and end with a line holding only .; a . alone shows the run without them.");
    expect(asked).toContain("Ada is 36");
    expect(asked).not.toContain("EOFError");
    // stdin: given with the command reaches the program pasted after it
    const pasted = await h.type('/memsim run stdin:"Lin\\n9"', ...program, ".");
    expect(pasted).toContain("Lin is 9");
    expect(pasted).not.toContain("The program reads input");
    await h.close();
  });

  it("takes stdin: in the command, and shows the run as it is when no lines are typed", async () => {
    const h = new ConsoleHarness(inlineSimulator(), NO_LIMITS);
    const path = join(h.dir, "ask.py");
    writeFileSync(path, program.join("\n") + "\n");
    const given = await h.type(`/memsim run ${path} stdin:"Grace\\n84"`);
    expect(given).toContain("Grace is 84");
    expect(given).not.toContain("The program reads input");
    const declined = await h.type(`/memsim run ${path} stdin:Grace`, ".");
    expect(declined).toContain("line 2 calls input()");
    expect(declined).toContain("EOFError");
    expect(declined).toContain('To give the program input, run it again with the stdin option, for example /memsim run prog.py stdin:"Ada\\n36"');
    await h.close();
  });
});

describe("a run in the console", () => {
  it("opens on the last step that changed memory, and stepping prints only that step", async () => {
    const h = new ConsoleHarness(inlineSimulator(), NO_LIMITS);
    const opened = await h.type("/memsim run", ...PROGRAM, ".");
    expect(opened).toContain("Step 2 of 3 · line 2: y = x");
    expect(opened).toContain("What the program did to memory");
    expect(opened).toContain("Output");
    const next = await h.type("2");
    expect(next).toContain("Step 3 of 3 · line 3: print(y)");
    expect(next).toContain("Nothing changed in memory at this step.");
    expect(next).toMatch(/Picture: \S+-memsim-step-3\.png/);
    expect(next).not.toMatch(/What the program did to memory|Output|Sizes as on/);
    await h.close();
  });

  it("numbers its pictures on from the files an earlier session left", async () => {
    const out = join(tempDir(), "pictures");
    const first = new ConsoleHarness(inlineSimulator(), NO_LIMITS, { outDir: out });
    await first.type("/memsim run", ...PROGRAM, ".");
    await first.type("1");
    await first.close();
    const second = new ConsoleHarness(inlineSimulator(), NO_LIMITS, { outDir: out });
    expect(await second.type("/memsim run", ...PROGRAM, ".")).toMatch(/Picture: \S+\/003-memsim-step-2\.png/);
    await second.close();
    expect(readdirSync(out).sort()).toEqual(["001-memsim-step-2.png", "002-memsim-step-1.png", "003-memsim-step-2.png"]);
    expect(highestNumber(out)).toBe(3);
    expect(highestNumber(join(out, "none"))).toBe(0);
  });

  it("strips escape sequences and bidirectional overrides from the program's output", async () => {
    const h = new ConsoleHarness(inlineSimulator(), NO_LIMITS);
    const out = await h.type("/memsim run", "print('safe\\u202etxt.exe\\u2066x\\u2069 \\x1b[31mred')", ".");
    expect(out).toContain("safetxt.exex [31mred");
    expect(out).not.toMatch(/[\u202a-\u202e\u2066-\u2069\u001b]/);
    await h.close();
  });
});
