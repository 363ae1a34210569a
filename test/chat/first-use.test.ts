/**
 * What every front end gets from the command layer on a first try: a run opens on its most
 * telling step, input() can be given its lines (option, form, stored for the buttons),
 * /memsim explain alone lists the topics, and a platform's own wording where it has one.
 */
import { describe, expect, it } from "vitest";
import { TOPICS } from "../../commands/memsim.js";
import { canvasDrawer, createChatCore, decodeAction, NO_LIMITS, openRunStore, spanText, type Acceptance, type Answer, type Invocation, type Reply, type Who } from "../../src/chat/index.js";
import { stdinLines } from "../../src/chat/handlers/run.js";
import { openingStep } from "../../src/chat/views/run.js";
import { stateAt } from "../../src/core/state.js";
import { traceC } from "../../src/runners/c/run.js";
import { inlineSimulator, trace } from "../helpers.js";

const who: Who = { userId: "u1", channelId: "c1", locale: "en-US" };
const store = openRunStore(":memory:");
const core = createChatCore({ simulator: inlineSimulator(), drawer: canvasDrawer(), store, limits: NO_LIMITS });

async function answer(acceptance: Acceptance): Promise<Answer> {
  if (acceptance.kind === "form") throw new Error("a form, not an answer");
  return acceptance.kind === "answer" ? acceptance.answer : acceptance.finish();
}

function text(reply: Reply): string {
  return reply.blocks.map((b) => (b.kind === "code" ? b.code : b.kind === "bullets" ? b.items.map(spanText).join("\n") : spanText(b.spans))).join("\n");
}

const run = (options: Record<string, unknown>, by: Who = who): Invocation => ({ kind: "command", command: "run", options, who: by });
const press = (reply: Reply, label: string): Invocation => {
  const button = reply.buttons.flat().find((b) => b.label === label);
  if (!button) throw new Error(`no button ${label}`);
  return { kind: "button", actionId: button.id, who };
};

describe("the step a run opens on", () => {
  it("is the last step that changed memory, not a closing print", async () => {
    const t = await trace("x = [1, 2]\ny = x\nprint(y)\n");
    expect(t.steps).toHaveLength(3);
    expect(openingStep(t)).toBe(1);
    const got = await answer(core.accept(run({ code: "x = [1, 2]\ny = x\nprint(y)\n" })));
    expect(text(got.reply)).toContain("Step 2 of 3 · line 2: y = x");
    expect(got.reply.buttons.flat().map((b) => [b.label, !!b.disabled])).toContainEqual(["Next ▶", false]);
  });

  it("is the last step when the program failed there, or when no step changed anything", async () => {
    const failed = await trace("x = [1]\nprint(x)\nx[5]\n");
    expect(failed.outcome.status).toBe("error");
    expect(openingStep(failed)).toBe(failed.steps.length - 1);
    const quiet = await trace("print('hi')\nprint('there')\n");
    expect(openingStep(quiet)).toBe(quiet.steps.length - 1);
  });

  it("is, for C, a step with main's frame still on the stack, not the step after main returned", async () => {
    const c = await traceC("#include <stdlib.h>\nint main(void) {\n  int *p = malloc(8);\n  p[0] = 1;\n  return 0;\n}\n");
    expect(c.outcome.status).toBe("finished");
    const at = openingStep(c);
    expect(at).toBeLessThan(c.steps.length - 1);
    const frames = stateAt(c, at).frames;
    expect(frames.map((f) => f.name)).toEqual(["main"]);
    expect(Object.keys(frames[0]!.vars)).toContain("p");
  });

  it("tells which blocks are the step's, so a front end can print just those when stepping", async () => {
    const got = await answer(core.accept(run({ code: "x = [1, 2]\ny = x\nprint(y)\n" })));
    const part = got.reply.blocks.slice(0, got.reply.stepPart);
    expect(text({ ...got.reply, blocks: part })).toMatch(/^Step 2 of 3 · line 2: y = x\ny now refers to/);
    expect(text({ ...got.reply, blocks: part })).not.toContain("What the program did to memory");
  });
});

describe("input() given its lines", () => {
  const program = "name = input()\nage = int(input())\nprint(name, age + 1)\n";

  it("splits the stdin text into lines, a typed \\n too", () => {
    expect(stdinLines("Ada\\n36")).toEqual(["Ada", "36"]);
    expect(stdinLines("Ada\n36\n")).toEqual(["Ada", "36"]);
    expect(stdinLines("Ada\r\n36")).toEqual(["Ada", "36"]);
    expect(stdinLines(undefined)).toBeUndefined();
  });

  it("runs with the stdin option, and the buttons run it again with the same lines", async () => {
    const got = await answer(core.accept(run({ code: program, stdin: "Ada\\n36" })));
    expect(text(got.reply)).toContain("Ada 37");
    expect(got.reply.wantsInput).toBeUndefined();
    const id = decodeAction(got.reply.buttons.flat()[0]!.id);
    expect(id && "run" in id ? store.get(id.run)?.stdin : undefined).toEqual(["Ada", "36"]);
    const back = await answer(core.accept(press(got.reply, "◀ Back")));
    expect(text(back.reply)).toContain("Ada 37");
  });

  it("says how to give input when the program asked for more than it got, and marks the line", async () => {
    const got = await answer(core.accept(run({ code: program })));
    expect(got.reply.wantsInput).toEqual({ line: 1 });
    expect(text(got.reply)).toContain("add the stdin option to /memsim run: one line for each input() call, separated by \\n.");
    // in a chat, never the command line's --stdin
    const discord = { ...who, channel: { platform: "discord", id: "c1" } };
    const there = text((await answer(core.accept(run({ code: program }, discord)))).reply);
    expect(there).toContain("or give the program the lines it should read.\nTo give the program input, add the stdin option");
    expect(there).not.toMatch(/--stdin|command line/);
  });

  it("reads the lines from the run form's input field, which is optional", async () => {
    const form = core.accept(run({}));
    if (form.kind !== "form") throw new Error("no form");
    expect(form.form.fields.map((f) => [f.id, f.required, f.label])).toEqual([
      ["code", true, "Your program (Python or C)"],
      ["stdin", false, "Lines for input() (if the program asks)"],
    ]);
    const got = await answer(core.accept({ kind: "form", formId: form.form.id, values: { code: program, stdin: "Grace\n84\n" }, who }));
    expect(text(got.reply)).toContain("Grace 85");
  });
});

describe("/memsim explain without a topic", () => {
  it("lists every topic with its takeaway, privately", async () => {
    const got = await answer(core.accept({ kind: "command", command: "explain", options: {}, who }));
    const said = text(got.reply);
    expect(got.reply.private).toBe(true);
    expect(said).toContain("Ideas memsim can explain");
    for (const topic of TOPICS) expect(said).toContain(`${topic} — `);
    expect(said).toContain("Pick one as the topic of /memsim explain, for example heap.");
  });

  it("says it in Chinese, and in the console's words on the console", async () => {
    const console = { ...who, channel: { platform: "console", id: "console" } };
    const got = await answer(core.accept({ kind: "command", command: "explain", options: { locale: "zh-CN" }, who: console }));
    expect(text(got.reply)).toContain("memsim 可以讲解的概念");
    expect(text(got.reply)).toContain("输入 /memsim explain 加上其中一个的名字，例如 /memsim explain heap。");
  });
});

describe("a platform's own wording", () => {
  it("keeps Discord's help as it was, and words the console's for typing", async () => {
    const discord = text((await answer(core.accept({ kind: "command", command: "help", options: {}, who }))).reply);
    expect(discord).toContain("put it in the code option, attach a .py or .c file");
    expect(discord).toContain("Simulate memory (in a message's Apps menu)");
    const console = { ...who, channel: { platform: "console", id: "console" } };
    const typed = text((await answer(core.accept({ kind: "command", command: "help", options: {}, who: console }))).reply);
    expect(typed).not.toMatch(/code option|attach|a form|Apps menu/i);
    expect(typed).toContain("/memsim run prog.py step:2 locale:zh-CN");
    expect(typed).toContain("/memsim run path/to/prog.py runs a .py or .c file");
  });
});

describe("sentences one after another", () => {
  it("are spaced as each language writes them: no space after a Chinese full stop", async () => {
    // its opening step says three things: the small int is shared, and input() made a temporary
    const program = 'name = input("Name? ")\nage = int(input("Age? "))\n';
    const zh = text((await answer(core.accept(run({ code: program, stdin: "Ada\\n36" }, { ...who, locale: "zh-CN" })))).reply);
    const en = text((await answer(core.accept(run({ code: program, stdin: "Ada\\n36" })))).reply);
    expect(zh).toMatch(/。[^\s]/);
    expect(zh).not.toMatch(/。 /);
    expect(en).toMatch(/\. [A-Z]/);
  });
});
