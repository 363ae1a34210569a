/** Slack's payloads into the command layer's invocations: slash command text, shortcuts, modals, buttons. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { codeInMessage, parseTextCommand, type Invocation } from "../../../src/chat/index.js";
import { fromAction, fromShortcut, fromSlash, fromView, slashLine, unescapeSlack, type SlackFiles, type Translated } from "../../../src/frontends/slack/translate.js";

const noFiles: SlackFiles = {
  download: () => Promise.reject(new Error("no download here")),
  byName: () => Promise.reject(new Error("no file here")),
};

function slash(text: string, locale?: string): Translated {
  return fromSlash({ text, user_id: "U1", channel_id: "C1", team_id: "T1", response_url: "http://127.0.0.1:9/r", trigger_id: "1.2" }, locale, noFiles)!;
}

function options(t: Translated): Record<string, unknown> {
  if (t.kind !== "invocation" || t.invocation.kind !== "command") throw new Error(`not a command: ${JSON.stringify(t)}`);
  return t.invocation.options;
}

describe("a slash command's text", () => {
  it("takes the code block after run as the program, and the words around it as options", () => {
    const t = slash("run step:2 ```\nx = [1]\nif x &lt; [2] and x &gt; [0]:\n    print(\"&amp;\")\n``` locale:zh-CN");
    expect(options(t)).toEqual({ code: 'x = [1]\nif x < [2] and x > [0]:\n    print("&")\n', step: 2, locale: "zh-CN" });
  });

  it("takes words after run that are no options as the program, backslashes and quotes kept", () => {
    expect(options(slash('run s = "a\\\\b" + \'c\'; print(s)'))).toEqual({ code: 's = "a\\\\b" + \'c\'; print(s)\n' });
    expect(options(slash("run `xs = [0] * 3`"))).toEqual({ code: "xs = [0] * 3\n" });
  });

  it("takes a file name for a file shared in the channel, and options alone as options", () => {
    const t = slash("run prog.py step:3");
    const o = options(t);
    expect((o.file as { name: string }).name).toBe("prog.py");
    expect(o.step).toBe(3);
    expect(options(slash("run"))).toEqual({});
  });

  it("answers a wrong option with the console's own words, in the person's language", () => {
    const t = slash("run step:0 ```x = 1```");
    expect(t.kind).toBe("refused");
    const same = parseTextCommand("/memsim run step:0 code:x", { who: { userId: "U1", channelId: "C1", channel: { platform: "slack", id: "C1" } } });
    if (t.kind !== "refused" || same.kind !== "refused") throw new Error("not refused");
    expect(t.command.answer.reply.blocks).toEqual(same.answer.reply.blocks);
    const zh = slash("explian", "zh-CN");
    expect(zh.kind === "refused" && JSON.stringify(zh.command.answer.reply.blocks)).toMatch(/\p{Script=Han}/u);
  });

  it("is a typed /memsim line, and Slack's escapes are undone once", () => {
    expect(slashLine("help")).toBe("/memsim help");
    // a block's language tag is kept, fenced, for the run command to read; an untagged block is bare code
    expect(slashLine("run ```c\nint x;\n``` step:1")).toBe('/memsim run code:"```c\nint x;\n```" step:1');
    expect(slashLine("run ```python\nx = 1```")).toBe('/memsim run code:"```python\nx = 1\n```"');
    expect(slashLine("run ```x = 1```")).toBe('/memsim run code:"x = 1\n"');
    expect(unescapeSlack("&amp;lt; &lt;!channel&gt;")).toBe("&lt; <!channel>");
  });

  it("says who asked and where, as a channel reference that can be stored", () => {
    const t = slash("help", "zh-CN");
    if (t.kind !== "invocation") throw new Error("refused");
    const who = (t.invocation as Extract<Invocation, { kind: "command" }>).who;
    expect(who).toEqual({ userId: "U1", channelId: "C1", workspaceId: "T1", channel: { platform: "slack", workspace: "T1", id: "C1" }, locale: "zh-CN" });
    expect(t.where).toEqual({ channel: "C1", user: "U1", responseUrl: "http://127.0.0.1:9/r", triggerId: "1.2" });
  });
});

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), "utf8"));

describe("payloads shaped like Slack's documented examples", () => {
  it("a slash command: its text parsed, Slack's escapes undone, the answer to its channel and response_url", () => {
    const body = fixture("slash_command");
    const t = fromSlash(body, "en-US", noFiles)!;
    expect(options(t)).toEqual({ code: "print(1 < 2)\n" });
    expect(t.where).toEqual({ channel: body.channel_id, user: body.user_id, responseUrl: body.response_url, triggerId: body.trigger_id });
  });

  it("a message shortcut: the message's code block and its file, answered in the message's thread", async () => {
    const body = fixture("message_action");
    const read: string[] = [];
    const files: SlackFiles = { ...noFiles, download: async (url) => (read.push(url), new TextEncoder().encode("x = 1\n")) };
    const t = fromShortcut(body, "zh-CN", files)!;
    if (t.kind !== "invocation" || t.invocation.kind !== "message") throw new Error("not a message action");
    expect(codeInMessage(t.invocation.message.content)).toBe("a = [1, 2]\nb = a\nb.append(3)\nprint(a)\n");
    expect(t.invocation.who).toMatchObject({ userId: body.user.id, locale: "zh-CN", channel: { platform: "slack", workspace: body.team.id, id: body.channel.id } });
    const file = t.invocation.message.attachments[0]!;
    expect(file.name).toBe(body.message.files[0].name);
    await file.read();
    expect(read).toEqual([body.message.files[0].url_private_download]);
    expect(t.where).toMatchObject({ channel: body.channel.id, threadTs: body.message.ts, responseUrl: body.response_url });
  });

  it("a modal submitted: the form's id and values, answered in the channel it was opened from", () => {
    const body = fixture("view_submission");
    const t = fromView(body, undefined)!;
    expect(t.kind === "invocation" && t.invocation).toEqual({
      kind: "form",
      formId: "ms1:form-run:::python",
      values: { code: "a = [1, 2]\nb = a\nb.append(3)\nprint(a)" },
      who: { userId: body.user.id, channelId: "C0824STDY01", workspaceId: "T0824HXQK9R", channel: { platform: "slack", workspace: "T0824HXQK9R", id: "C0824STDY01" } },
    });
  });

  it("a button on a public message: the action it carries, who the message answered, the message to update", () => {
    const body = fixture("block_actions");
    const t = fromAction(body, "en-US")!;
    expect(t.kind === "invocation" && t.invocation).toMatchObject({ kind: "button", actionId: "ms1:step:9f3a2c01:4:en", askedBy: "U0824ALC3E5" });
    expect(t.kind === "invocation" && "onPrivate" in t.invocation).toBe(false);
    // a message in a thread: the step's picture goes into that thread
    expect(t.where.pressed).toEqual({ ts: body.message.ts, threadTs: body.message.thread_ts, ephemeral: false });
  });

  it("a button on an ephemeral message: pressed privately, answered through its response_url", () => {
    const body = fixture("block_actions_ephemeral");
    const t = fromAction(body, undefined)!;
    expect(t.kind === "invocation" && t.invocation).toMatchObject({ kind: "button", actionId: "ms1:step:9f3a2c01:2:en", onPrivate: true });
    expect(t.where).toMatchObject({ channel: body.container.channel_id, responseUrl: body.response_url, pressed: { ts: body.container.message_ts, ephemeral: true } });
  });
});
