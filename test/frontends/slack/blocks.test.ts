/** Replies as Block Kit messages and forms as modals, within every limit Slack sets. */
import type { ActionsBlock, ContextBlock, KnownBlock, SectionBlock } from "@slack/types";
import { describe, expect, it } from "vitest";
import {
  canvasDrawer,
  createChatCore,
  NO_LIMITS,
  openRunStore,
  type Acceptance,
  type Answer,
  type Block,
  type Invocation,
  type Reply,
} from "../../../src/chat/index.js";
import { translator } from "../../../src/i18n/index.js";
import {
  askedByOf,
  BUTTON_ACTION,
  codeParts,
  MESSAGE_BLOCKS,
  MESSAGE_CHARS,
  plainText,
  pressedAction,
  SECTION_CHARS,
  SLACK,
  splitText,
  toMessage,
  toView,
  viewValues,
  type SlackMessage,
} from "../../../src/frontends/slack/index.js";
import { inlineSimulator } from "../../helpers.js";

const en = translator("en");
const zh = translator("zh-CN");
const who = { userId: "U0ASKER", channelId: "C0STUDY", workspaceId: "T0GROUP", locale: "en-US", channel: { platform: SLACK, workspace: "T0GROUP", id: "C0STUDY" } };
const chat = createChatCore({ simulator: inlineSimulator(), drawer: canvasDrawer(), store: openRunStore(":memory:"), limits: NO_LIMITS });

async function answer(acceptance: Acceptance): Promise<Answer> {
  if (acceptance.kind === "form") throw new Error("a form, not an answer");
  return acceptance.kind === "answer" ? acceptance.answer : acceptance.finish();
}

const run = (code: string, options: Record<string, unknown> = {}): Invocation => ({ kind: "command", command: "run", options: { code, ...options }, who });
const reply = (blocks: Block[], extra: Partial<Reply> = {}): Reply => ({ blocks, images: [], files: [], buttons: [], locale: "en", ...extra });

function texts(message: SlackMessage): string[] {
  return message.blocks.flatMap((b: KnownBlock) =>
    b.type === "section" ? [(b as SectionBlock).text!.text] : b.type === "context" ? (b as ContextBlock).elements.map((e) => ("text" in e ? e.text : "")) : [],
  );
}

function actions(message: SlackMessage): ActionsBlock[] {
  return message.blocks.filter((b): b is ActionsBlock => b.type === "actions");
}

/** Every limit of Slack's a message must keep. */
function expectWithinLimits(message: SlackMessage): void {
  expect(message.blocks.length).toBeLessThanOrEqual(MESSAGE_BLOCKS);
  expect(JSON.stringify(message.blocks).length).toBeLessThanOrEqual(MESSAGE_CHARS);
  expect(message.text.length).toBeLessThanOrEqual(3000);
  expect(message.text.length).toBeGreaterThan(0);
  for (const t of texts(message)) expect(t.length).toBeLessThanOrEqual(SECTION_CHARS);
  for (const row of actions(message)) {
    expect(row.elements.length).toBeLessThanOrEqual(25);
    for (const b of row.elements) if (b.type === "button") expect(b.text.text.length).toBeLessThanOrEqual(75);
  }
  const ids = actions(message).flatMap((row) => row.elements.map((b) => ("action_id" in b ? b.action_id : "")));
  expect(new Set(ids).size).toBe(ids.length);
}

/** Bold and code marks in mrkdwn with a letter right outside them (which Slack would not render). */
function touchingMarks(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/`[^`\n]+`|\*[^*\n]+\*/g)) {
    const before = text[m.index - 1];
    const after = text[m.index + m[0].length];
    if ((before && /[\p{L}\p{N}]/u.test(before)) || (after && /[\p{L}\p{N}]/u.test(after))) out.push(m[0]);
  }
  return out;
}

describe("a reply as a Slack message", () => {
  it("shows a run's step, summary and output as sections, the diagram as an upload with its alt text, and buttons that work when pressed", async () => {
    const got = await answer(chat.accept(run("words = ['memory', 'is']\nwords.append('fun')\nprint(len(words))\n")));
    const message = toMessage(got.reply, { askedBy: "U0ASKER" });
    expectWithinLimits(message);
    const all = texts(message).join("\n");
    expect(all).toMatch(/^\*Step \d+ of \d+ · line \d+:\* `/);
    expect(all).toContain("```\n3\n```");
    expect(message.uploads).toHaveLength(1);
    expect(message.uploads[0]!.name).toMatch(/\.png$/);
    expect(message.uploads[0]!.data.equals(got.reply.images[0]!.data)).toBe(true);
    expect(message.uploads[0]!.altText).toBe(got.reply.images[0]!.alt);
    expect(message.text).toContain("Step");

    const rows = actions(message);
    expect(rows).toHaveLength(1);
    expect(askedByOf(rows[0]!.block_id)).toBe("U0ASKER");
    const enabled = got.reply.buttons.flat().filter((b) => !b.disabled);
    expect(rows[0]!.elements.map((e) => ("value" in e ? e.value : undefined))).toEqual(enabled.map((b) => b.id));
    for (const e of rows[0]!.elements) {
      expect(e.type).toBe("button");
      if (e.type === "button") expect(e.action_id).toMatch(BUTTON_ACTION);
    }
    const primary = rows[0]!.elements.filter((e) => e.type === "button" && e.style === "primary");
    expect(primary.length).toBe(enabled.filter((b) => b.style === "primary").length);

    // the press carries only the persisted action id, and the command layer answers it
    const explain = rows[0]!.elements.find((e) => e.type === "button" && e.text.text === en.t("chat.button.explainMore"));
    expect(explain).toBeDefined();
    const actionId = pressedAction(explain as { action_id: string; value?: string });
    expect(actionId).toBe(enabled.find((b) => b.label === en.t("chat.button.explainMore"))!.id);
    const more = await answer(chat.accept({ kind: "button", actionId: actionId!, who }));
    expectWithinLimits(toMessage(more.reply));
    expect(pressedAction({ action_id: "somebody-else", value: actionId })).toBeUndefined();
    expect(askedByOf(toMessage(got.reply).blocks.find((b) => b.type === "actions")?.block_id)).toBeUndefined();
  });

  it("shows mention strings in a program and its output, and never delivers them", async () => {
    const program = "note = '<!channel> <!here> <@U0123ABC> <!subteam^S0TEAM> & friends'\nprint(note)\n";
    const got = await answer(chat.accept(run(program, { step: 1 })));
    const message = toMessage(got.reply);
    expectWithinLimits(message);
    const all = [message.text, ...texts(message)].join("\n");
    expect(all).toContain("&lt;!channel&gt; &lt;!here&gt; &lt;@U0123ABC&gt; &lt;!subteam^S0TEAM&gt; &amp; friends");
    expect(all).not.toMatch(/<[!@#]/);
  });

  it("keeps a 10,000-character output whole in fenced parts of at most 3,000 characters", () => {
    const output = Array.from({ length: 256 }, (_, n) => `line ${String(n).padStart(3, "0")} ${n === 7 ? "a < b & c > d" : "abcdefghijklmnopqrstuvwxyz"}`.padEnd(39, ".")).join("\n");
    expect(output.length).toBeGreaterThanOrEqual(10_000);
    const message = toMessage(reply([{ kind: "title", spans: ["Output"] }, { kind: "code", code: output }]));
    expectWithinLimits(message);
    const parts = texts(message).map((t) => t.replace(/^\*Output\*\n/, ""));
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(p).toMatch(/^```\n[\s\S]*\n```$/);
    const rejoined = parts.map((p) => p.slice(4, -4)).join("\n").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
    expect(rejoined).toBe(output);
    expect(message.uploads).toEqual([]);

    // escaped, the same length of output full of & < > passes what a message holds: whole parts, then the note
    const dense = "x<&>".repeat(2500);
    const cut = toMessage(reply([{ kind: "code", code: dense }]));
    expectWithinLimits(cut);
    for (const p of texts(cut).slice(0, -1)) expect(p).toMatch(/^```\n[^`]+\n```$/);
    expect(texts(cut).at(-1)).toBe(en.t("chat.reply.cut"));
    expect(cut.uploads.at(-1)!.data.toString("utf8")).toBe(`${dense}\n`);
  });

  it("cuts any text or code into parts within the limit, losing nothing", () => {
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const alphabet = ["a", " ", "\n", "<", "&", ">", "`", "```", "中", "😀", "*"];
    const decode = (t: string) => t.replace(/\u200b/g, "").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
    for (let round = 0; round < 40; round++) {
      const size = Math.floor(next() * 900);
      const code = Array.from({ length: size }, () => alphabet[Math.floor(next() * alphabet.length)]!).join("");
      const parts = codeParts(code, 120);
      for (const p of parts) {
        expect(p.length).toBeLessThanOrEqual(120);
        expect(p).toMatch(/^```\n[\s\S]*\n```$/);
        expect(p.slice(4, -4)).not.toContain("```");
        expect(p).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
      }
      expect(decode(parts.map((p) => p.slice(4, -4)).join("")).replace(/\n/g, "")).toBe(code.replace(/\n/g, ""));
      const text = code.replace(/&/g, "&amp;");
      const pieces = splitText(text, 100);
      for (const p of pieces) expect(p.length).toBeLessThanOrEqual(100);
      expect(pieces.join("").replace(/[\n ]/g, "")).toBe(text.replace(/[\n ]/g, ""));
    }
  });

  it("cuts a 10,000-character program output the command layer clipped, with the whole output as a file", async () => {
    const got = await answer(chat.accept(run("print('ab' * 5000)\n")));
    const message = toMessage(got.reply);
    expectWithinLimits(message);
    const file = message.uploads.find((u) => u.name === "output.txt");
    expect(file?.data.toString("utf8")).toBe(`${"ab".repeat(5000)}\n`);
    expect(file?.title).toBe(en.t("chat.file.output"));
  });

  it("cuts an answer longer than a message can hold, says so in its language, and uploads all of it", () => {
    const blocks: Block[] = Array.from({ length: 30 }, (_, n) => [
      { kind: "title" as const, spans: [`Part ${n}`] },
      { kind: "text" as const, spans: [`Sentence number ${n}. `.repeat(25)] },
    ]).flat();
    for (const [locale, tr] of [["en", en], ["zh-CN", zh]] as const) {
      const message = toMessage(reply(blocks, { locale, buttons: [[{ id: "a1", label: "Next", style: "primary" }]] }));
      expectWithinLimits(message);
      expect(message.blocks.at(-1)!.type).toBe("actions");
      const note = message.blocks.at(-2) as ContextBlock;
      expect(note.type).toBe("context");
      expect("text" in note.elements[0]! && note.elements[0].text).toBe(tr.t("chat.reply.cut"));
      const file = message.uploads.at(-1)!;
      expect(file.name).toBe("memsim-answer.txt");
      expect(file.title).toBe(tr.t("chat.file.reply"));
      expect(file.data.toString("utf8")).toBe(plainText(reply(blocks)));
      expect(file.data.toString("utf8")).toContain("Sentence number 29.");
    }
  });

  it("stays within 50 blocks, leaving room for the buttons", () => {
    const blocks: Block[] = Array.from({ length: 40 }, (_, n) => [
      { kind: "text" as const, spans: [`Point ${n}`] },
      { kind: "note" as const, spans: [`Note ${n}`] },
    ]).flat();
    const rows = [[{ id: "r0", label: "One", style: "secondary" as const }], [{ id: "r1", label: "Two", style: "secondary" as const }]];
    const message = toMessage(reply(blocks, { buttons: rows }));
    expectWithinLimits(message);
    expect(message.blocks).toHaveLength(MESSAGE_BLOCKS);
    expect(actions(message)).toHaveLength(2);
    expect(message.uploads.map((u) => u.name)).toEqual(["memsim-answer.txt"]);
  });

  it("splits a paragraph longer than a section at spaces, and merges small blocks into one section", () => {
    const long = "word & ".repeat(1200);
    const message = toMessage(reply([{ kind: "text", spans: [long] }]));
    expectWithinLimits(message);
    const parts = texts(message);
    expect(parts.length).toBeGreaterThan(2);
    for (const p of parts) expect(p).not.toMatch(/&(?!amp;)/);
    const small = toMessage(reply([{ kind: "title", spans: ["Memory"] }, { kind: "text", spans: ["Made a list."] }, { kind: "bullets", items: [["one"], ["two"]] }, { kind: "note", spans: ["Sizes as on 64-bit CPython."] }]));
    expect(small.blocks).toEqual([
      { type: "section", text: { type: "mrkdwn", text: "*Memory*\nMade a list.\n• one\n• two", verbatim: true } },
      { type: "context", elements: [{ type: "mrkdwn", text: "Sizes as on 64-bit CPython.", verbatim: true }] },
    ]);
  });

  it("leaves disabled buttons out, and keeps a row to 25 buttons with labels of at most 75 characters", () => {
    const row = Array.from({ length: 30 }, (_, n) => ({ id: `id-${n}`, label: `Button ${n} `.repeat(10), style: "secondary" as const, disabled: n === 0 }));
    const message = toMessage(reply([{ kind: "text", spans: ["Pick one."] }], { buttons: [row] }));
    expectWithinLimits(message);
    const [only] = actions(message);
    expect(only!.elements).toHaveLength(25);
    expect(only!.elements.map((e) => ("value" in e ? e.value : ""))).not.toContain("id-0");
    expect(toMessage(reply([{ kind: "text", spans: ["x"] }], { buttons: [[{ id: "gone", label: "Back", style: "secondary", disabled: true }]] })).blocks.map((b) => b.type)).toEqual(["section"]);
  });

  it("gives a plain fallback text for notifications, escaped, whatever the reply holds", () => {
    const oneLine = toMessage(reply([{ kind: "code", code: "<&>".repeat(3000) }]));
    expectWithinLimits(oneLine);
    expect(oneLine.text).toMatch(/^(&lt;&amp;&gt;)+(&lt;(&amp;)?)?…$/);
    const picture = toMessage(reply([], { images: [{ name: "all-steps.gif", data: Buffer.from("GIF89a"), alt: "Every step of the program <@U1>" }] }));
    expect(picture.text).toBe("Every step of the program &lt;@U1&gt;");
    expect(picture.uploads[0]).toMatchObject({ name: "all-steps.gif", altText: "Every step of the program <@U1>" });
  });

  it("names a person in the fallback as Slack does, and never makes one of a reply's own text", () => {
    const board = toMessage(reply([{ kind: "bullets", items: [[{ strong: "1." }, " ", { user: "U0ALICE0001" }, "  2 points"]] }, { kind: "code", code: "\uE000U0FORGED01\uE000 <@U0FORGED02>" }]));
    expect(board.text).toContain("<@U0ALICE0001>  2 points");
    expect(board.text).not.toContain("@U0ALICE0001 ");
    expect(board.text).toContain("U0FORGED01 &lt;@U0FORGED02&gt;");
    expect(board.text).not.toContain("<@U0FORGED");
  });

  it("shows /memsim help as bullets in Slack's own words, in English and Chinese", async () => {
    for (const [locale, tr] of [["en", en], ["zh-CN", zh]] as const) {
      const got = await answer(chat.accept({ kind: "command", command: "help", options: { locale }, who }));
      const message = toMessage(got.reply);
      expectWithinLimits(message);
      const all = texts(message).join("\n");
      expect(all).toMatch(/^\*[^*\n]+\*\n/);
      expect(all).toContain("• `/memsim run` ");
      // the shortcut by the name Slack shows in its menu (the manifest's, in English)
      expect(all).toContain(`• \`${tr.t("chat.help.simulate.label@slack")}\` ${tr.t("chat.help.simulate@slack")}`);
      expect(all).toContain("Simulate memory");
      for (const t of texts(message)) expect(touchingMarks(t)).toEqual([]);
    }
  });

  it("writes a Chinese reply that reads naturally, marks set apart from the characters", async () => {
    const got = await answer(chat.accept(run("names = ['Ada']\nnames.append('Linus')\nprint(names)\n", { locale: "zh-CN" })));
    expect(got.reply.locale).toBe("zh-CN");
    const message = toMessage(got.reply);
    expectWithinLimits(message);
    const all = texts(message).join("\n");
    expect(all).toMatch(/\p{Script=Han}/u);
    expect(all).toContain("`");
    for (const t of texts(message)) expect(touchingMarks(t)).toEqual([]);
    const labels = actions(message)[0]!.elements.map((e) => (e.type === "button" ? e.text.text : ""));
    expect(labels).toContain(zh.t("chat.button.explainMore"));
  });
});

describe("a form as a Slack modal", () => {
  it("round-trips: the modal Slack would show, its submitted state read back, and the program run", async () => {
    const accepted = chat.accept({ kind: "command", command: "run", options: {}, who });
    expect(accepted.kind).toBe("form");
    if (accepted.kind !== "form") return;
    const view = toView(accepted.form, JSON.stringify({ channel: "C0STUDY", thread: "1700000000.000100" }));
    expect(view.type).toBe("modal");
    expect(view.callback_id).toBe(accepted.form.id);
    expect(view.title.text).toBe(en.t("chat.form.run.title@slack"));
    expect(view.submit!.text).toBe(en.t("chat.form.submit"));
    expect(view.close!.text).toBe(en.t("chat.form.close"));
    expect(JSON.parse(view.private_metadata!)).toEqual({ channel: "C0STUDY", thread: "1700000000.000100" });
    const inputs = view.blocks.filter((b) => b.type === "input");
    expect(inputs.map((b) => b.block_id)).toEqual(["code", "stdin"]);
    for (const b of inputs) {
      if (b.type !== "input" || b.element.type !== "plain_text_input") throw new Error("not a text input");
      expect(b.element.action_id).toBe(b.block_id);
      expect(b.element.multiline).toBe(true);
      expect(b.element.max_length).toBeLessThanOrEqual(3000);
      expect(b.element.placeholder!.text.length).toBeLessThanOrEqual(150);
    }
    expect(inputs.map((b) => b.type === "input" && b.optional)).toEqual([false, true]);

    // state.values as Slack sends it in a view_submission: block_id → action_id → element state
    const submitted = {
      state: {
        values: {
          code: { code: { type: "plain_text_input", value: "total = 0\nfor n in range(3):\n    total += n\nprint(total)" } },
          stdin: { stdin: { type: "plain_text_input", value: null } },
        },
      },
    };
    const values = viewValues(submitted);
    expect(values).toEqual({ code: "total = 0\nfor n in range(3):\n    total += n\nprint(total)", stdin: "" });
    const got = await answer(chat.accept({ kind: "form", formId: view.callback_id!, values, who }));
    expect(got.reply.images).toHaveLength(1);
    expect(texts(toMessage(got.reply)).join("\n")).toContain("```\n3\n```");
  });

  it("words the modal in the asker's language and fits Slack's limits whatever the form says", () => {
    const accepted = chat.accept({ kind: "command", command: "run", options: { locale: "zh-CN" }, who });
    if (accepted.kind !== "form") throw new Error("no form");
    const view = toView(accepted.form, "");
    expect(view.submit!.text).toBe(zh.t("chat.form.submit"));
    expect(view.close!.text).toBe(zh.t("chat.form.close"));
    expect(view.title.text).toBe(zh.t("chat.form.run.title@slack"));

    const long = toView({ id: "f", title: en.t("chat.form.run.title"), fields: [{ id: "code", label: "Code", placeholder: "p ".repeat(200), multiline: false, required: true, maxLength: 4000, value: "v".repeat(5000) }] }, "m");
    expect(long.title.text.length).toBeLessThanOrEqual(24);
    expect(long.title.text).toBe("Run a program with…");
    const input = long.blocks[0]!;
    if (input.type !== "input" || input.element.type !== "plain_text_input") throw new Error("not a text input");
    expect(input.element.max_length).toBe(3000);
    expect(input.element.initial_value).toHaveLength(3000);
    expect(input.element.multiline).toBe(false);
    expect(input.element.placeholder!.text.length).toBeLessThanOrEqual(150);
    expect(() => toView({ id: "f", title: "t", fields: [] }, "x".repeat(3001))).toThrow(/private_metadata/);
  });
});
