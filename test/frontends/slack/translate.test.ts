/** Slack's payloads into the command layer's invocations: slash command text, shortcuts, modals, buttons. */
import { describe, expect, it } from "vitest";
import { parseTextCommand, type Invocation } from "../../../src/chat/index.js";
import { fromSlash, slashLine, unescapeSlack, type SlackFiles, type Translated } from "../../../src/frontends/slack/translate.js";

const noFiles: SlackFiles = {
  download: () => Promise.reject(new Error("no download here")),
  byName: () => Promise.reject(new Error("no file here")),
};

function slash(text: string, locale?: string): Translated {
  return fromSlash({ text, user_id: "U1", channel_id: "C1", team_id: "T1", response_url: "http://127.0.0.1:9/r", trigger_id: "1.2" }, locale, noFiles);
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
