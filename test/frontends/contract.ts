/**
 * The contract every chat adapter passes (console and Discord now, Slack next): the same
 * commands give the same replies — a diagram with alt text, the explanation, the buttons
 * and what they do — whatever the platform, and a reply posted with no command arrives in
 * its channel with buttons that work. Each adapter provides a `Harness` that drives it the
 * way a person would.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  canvasDrawer,
  encodeAction,
  PostError,
  readChannelRef,
  type ChannelRef,
  type ChatAdapter,
  type LimitSettings,
  type PostedRef,
  type Reply,
  type Simulator,
} from "../../src/chat/index.js";

export interface Seen {
  /** the visible text with the platform's markup removed */
  plain: string;
  images: { name: string; alt: string; data: Buffer }[];
  files: { name: string; data: Buffer }[];
  /** labels of the buttons that can be pressed */
  buttons: string[];
  private: boolean;
  /** a form the command opened instead of answering */
  form?: { title: string; fields: string[] };
  /** whatever the harness needs to press a button on this reply */
  ref?: unknown;
}

export interface Harness {
  /** whether the platform can show a reply to one person only */
  readonly privateReplies: boolean;
  /** the adapter under test, as start.ts sees it */
  readonly adapter: ChatAdapter;
  /** the channel the harness's person is in */
  readonly channel: ChannelRef;
  /** `adapter.post` to that channel, with no command, and the post as the channel shows it */
  post(reply: Reply): Promise<{ seen: Seen; posted: PostedRef }>;
  /** runs a program the platform's usual way (Discord: the code option; console: pasting) */
  run(code: string, options?: { locale?: string; step?: number }): Promise<Seen>;
  /** `/memsim run` with no code: the form opens, the program is pasted into it */
  runForm(code: string): Promise<Seen>;
  /** `/memsim run` with a program file */
  runFile(name: string, content: string): Promise<Seen>;
  command(subcommand: "explain" | "compare" | "help" | "run", options?: Record<string, string | number>): Promise<Seen>;
  press(seen: Seen, label: string): Promise<Seen>;
  close(): Promise<void>;
}

export type MakeHarness = (setup: { simulator: Simulator; limits: LimitSettings }) => Promise<Harness>;

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47]);
const PROGRAM = "words = ['memory', 'is']\nsentence = ''\nfor w in words:\n    sentence += w + ' '\nprint(sentence)\n";

/** A C program: three 16-byte records (a char padded to 8, then a double: gcc on x86-64 says 16 and 48,
 * and glibc's malloc_usable_size of the block 56). */
const C_PROGRAM = [
  "#include <stdlib.h>",
  "",
  "struct reading { char tag; double value; };",
  "",
  "int main(void) {",
  "    struct reading *rs = malloc(3 * sizeof(struct reading));",
  "    rs[0].value = 1.5;",
  "    free(rs);",
  "    return 0;",
  "}",
  "",
].join("\n");

function isPng(data: Buffer): boolean {
  return data.subarray(0, 4).equals(PNG);
}

/** Registers the contract for one adapter. */
export function adapterContract(name: string, make: MakeHarness, setup: () => { simulator: Simulator; limits: LimitSettings }): void {
  describe(`${name} adapter contract`, () => {
    let h: Harness;
    let env: { simulator: Simulator; limits: LimitSettings };
    beforeAll(async () => {
      env = setup();
      h = await make(env);
    });
    afterAll(async () => {
      await h?.close();
    });

    it("answers a run with the diagram, what happened to memory, and the buttons", async () => {
      const seen = await h.run(PROGRAM);
      expect(seen.images).toHaveLength(1);
      expect(isPng(seen.images[0]!.data)).toBe(true);
      expect(seen.images[0]!.alt).toMatch(/^Memory diagram at step \d+ of \d+, line \d+\. Stack: .*Heap: /);
      expect(seen.plain).toContain("What the program did to memory");
      expect(seen.plain).toMatch(/Allocated \d+ objects/);
      expect(seen.plain).toContain("memory is");
      // it opens on the last step that changed memory, not on the closing print
      expect(seen.plain).toMatch(/Step \d+ of \d+ · line 4: /);
      expect(seen.buttons).toEqual(["◀ Back", "Next ▶", "All steps", "Explain more", "Run in 中文"]);
    });

    it("steps back and forth with the buttons, redrawing each step", async () => {
      const opened = await h.run(PROGRAM);
      const [, at, stepsTotal] = /Step (\d+) of (\d+)/.exec(opened.plain)!.map(Number);
      const back = await h.press(opened, "◀ Back");
      expect(back.plain).toContain(`Step ${at! - 1} of ${stepsTotal}`);
      expect(back.images[0]!.data.equals(opened.images[0]!.data)).toBe(false);
      expect(back.buttons).toContain("Next ▶");
      const forward = await h.press(back, "Next ▶");
      expect(forward.plain).toContain(`Step ${at} of ${stepsTotal}`);
    });

    it("switches the reply to Chinese and back", async () => {
      const zh = await h.press(await h.run(PROGRAM), "Run in 中文");
      expect(zh.plain).toContain("程序对内存做了什么");
      expect(zh.images[0]!.alt).toMatch(/内存示意图/);
      expect(zh.buttons).toContain("用 English 运行");
      const en = await h.press(zh, "用 English 运行");
      expect(en.plain).toContain("What the program did to memory");
    });

    it("shows all steps as an animation, privately", async () => {
      const gif = await h.press(await h.run(PROGRAM), "All steps");
      expect(gif.images[0]!.data.subarray(0, 6).toString("latin1")).toBe("GIF89a");
      expect(gif.images[0]!.alt).toContain("Animation");
      expect(gif.private).toBe(h.privateReplies);
    });

    it("lists every step on Explain more", async () => {
      const more = await h.press(await h.run(PROGRAM), "Explain more");
      expect(more.plain).toMatch(/Every step, page 1 of \d+/);
      expect(more.plain).toContain("[1] line 1:");
      expect(more.private).toBe(h.privateReplies);
    });

    it("runs a program pasted into the form", async () => {
      const seen = await h.runForm("nums = [1, 2, 3]\ncopy = nums[:]\n");
      expect(seen.plain).toContain("Step 2 of 2");
      expect(seen.plain).toMatch(/a copy/);
    });

    it("runs a program from a .py file", async () => {
      const seen = await h.runFile("pair.py", "pair = (1, [2, 3])\n");
      expect(seen.plain).toContain("Step 1 of 1");
      expect(seen.images).toHaveLength(1);
    });

    it("runs a ```c block as C: the heap block's size as gcc lays it out, and step buttons that work", async () => {
      const seen = await h.run("```c\n" + C_PROGRAM + "```");
      expect(seen.plain).toContain("Allocated 1 heap block (48 bytes asked for)");
      expect(seen.plain).toContain("run in C (gcc 12, -O0)");
      expect(seen.plain).not.toMatch(/Python could not|looks like C/);
      expect(seen.images[0]!.alt).toMatch(/^Memory diagram at step \d+ of \d+/);
      const [, at, total] = /Step (\d+) of (\d+)/.exec(seen.plain)!.map(Number);
      const back = await h.press(seen, "◀ Back");
      expect(back.plain).toContain(`Step ${at! - 1} of ${total}`);
      expect(back.images[0]!.data.equals(seen.images[0]!.data)).toBe(false);
      const zh = await h.press(back, "Run in 中文");
      expect(zh.plain).toContain("程序对内存做了什么");
      expect(zh.plain).toContain(`第 ${at! - 1} 步`);
    });

    it("runs a .c file as C, with all its steps as an animation", async () => {
      const seen = await h.runFile("readings.c", C_PROGRAM);
      expect(seen.plain).toContain("Allocated 1 heap block (48 bytes asked for)");
      const gif = await h.press(seen, "All steps");
      expect(gif.images[0]!.data.subarray(0, 6).toString("latin1")).toBe("GIF89a");
      const more = await h.press(seen, "Explain more");
      // gcc and glibc on x86-64: sizeof 3 records is 48, malloc_usable_size of that block 56
      expect(more.plain).toContain("The program asked for 48 bytes; the allocator reserved 56 bytes");
      expect(more.plain).toMatch(/free\(\) gave a struct reading\[3\] \(48 bytes\) back/);
    });

    it("answers a syntax error kindly, with the place to fix", async () => {
      const seen = await h.run("if x = 1:\n    pass\n");
      expect(seen.plain).toContain("Python could not read this program");
      expect(seen.plain).toMatch(/line 1/);
      expect(seen.plain).toContain("^");
      expect(seen.plain).not.toMatch(/Traceback|\n\s+at |Error: /);
    });

    it("says what to change for a bad option", async () => {
      const seen = await h.command("run", { step: 0 });
      expect(seen.plain).toContain("step takes a whole number from 1 to");
      expect(seen.private).toBe(h.privateReplies);
      expect(seen.images).toHaveLength(0);
    });

    it("answers in the language the command asks for", async () => {
      const seen = await h.run(PROGRAM, { locale: "zh-CN", step: 2 });
      expect(seen.plain).toContain("第 2 步");
      expect(seen.buttons).toContain("用 English 运行");
    });

    it("posts a teaching card whose example runs with one press", async () => {
      const card = await h.command("explain", { topic: "call-stack" });
      expect(card.plain).toContain("The call stack");
      expect(card.plain).toMatch(/At its deepest, the stack held \d+ frames/);
      expect(isPng(card.images[0]!.data)).toBe(true);
      const run = await h.press(card, "Run this example");
      expect(run.plain).toContain("What the program did to memory");
    });

    it("compares a practice's before and after, with both diagrams and the measured difference", async () => {
      const seen = await h.command("compare", { practice: "string-building" });
      expect(seen.images.map((i) => i.name)).toEqual(["memsim-before.png", "memsim-after.png"]);
      expect(seen.plain).toContain("The measured difference");
      expect(seen.plain).toMatch(/allocates [\d,]+ bytes less/);
    });

    it("shows help", async () => {
      const seen = await h.command("help");
      for (const command of ["/memsim run", "/memsim explain", "/memsim compare"]) expect(seen.plain).toContain(command);
    });

    it("posts a reply nobody asked for to a channel, with its diagram, text and a button that works", async () => {
      const run = await env.simulator.run("nums = [1, 2, 3]\n", { language: "python" });
      if (!run.ok) throw new Error(run.error.code);
      if (!("trace" in run)) throw new Error("a sealed Trace: this test's simulator reads its Traces");
      const diagram = await canvasDrawer().step(run.trace, 0, { locale: "en" });
      const reply: Reply = {
        blocks: [{ kind: "title", spans: ["Question of the day"] }, { kind: "text", spans: ["Where do the three numbers of ", { code: "nums" }, " live?"] }],
        images: [{ name: "memsim-question.png", data: diagram, alt: "The list nums, on the heap" }],
        files: [],
        buttons: [[{ id: encodeAction({ do: "example", topic: "heap", locale: "en" }), label: "Run this example", style: "primary" }]],
        locale: "en",
      };
      expect(readChannelRef(JSON.stringify(h.channel))).toEqual(h.channel);
      const { seen, posted } = await h.post(reply);
      expect(posted.channel).toEqual(h.channel);
      expect(JSON.parse(JSON.stringify(posted))).toEqual(posted);
      expect(seen.plain).toContain("Question of the day");
      expect(seen.plain).toContain("Where do the three numbers of nums live?");
      expect(seen.images).toHaveLength(1);
      expect(seen.images[0]!.data.equals(diagram)).toBe(true);
      expect(seen.images[0]!.alt).toBe("The list nums, on the heap");
      expect(seen.buttons).toEqual(["Run this example"]);
      expect(seen.private).toBe(false);
      const pressed = await h.press(seen, "Run this example");
      expect(pressed.plain).toContain("What the program did to memory");
      await expect(h.adapter.post({ platform: "elsewhere", id: h.channel.id }, reply)).rejects.toThrow(PostError);
    });
  });
}
