/** Learner text as Slack mrkdwn: shown as written, never pinging, code in fences it cannot leave. */
import { describe, expect, it } from "vitest";
import { codeBlock, escapeMrkdwn, inlineCode, spansToMrkdwn } from "../../../src/frontends/slack/index.js";

const Z = "\u200b";

describe("Slack mrkdwn", () => {
  it("shows mention strings as text instead of delivering them", () => {
    const shown = escapeMrkdwn("<!channel> <!here> <@U123ABC> <!subteam^S1|team> <!everyone> a & b");
    expect(shown).toBe("&lt;!channel&gt; &lt;!here&gt; &lt;@U123ABC&gt; &lt;!subteam^S1|team&gt; &lt;!everyone&gt; a &amp; b");
    expect(shown).not.toMatch(/[<>]/);
  });

  it("makes marks that could format inert, and leaves marks inside words alone", () => {
    expect(escapeMrkdwn("my_list_2 *bold* _it_ ~gone~ `tick` 2*3")).toBe(
      `my_list_2 ${Z}*bold*${Z} ${Z}_it_${Z} ${Z}~gone~${Z} ${Z}\`tick\`${Z} 2*3`,
    );
    expect(escapeMrkdwn("**kwargs")).toBe(`${Z}*${Z}${Z}*kwargs`);
  });

  it("breaks quotes at a line's start and emoji names", () => {
    expect(escapeMrkdwn("> not a quote\n  >> nor this\na > b")).toBe(`${Z}&gt; not a quote\n  ${Z}&gt;&gt; nor this\na &gt; b`);
    expect(escapeMrkdwn("d = {'a':1} :smile: 10:30")).toBe(`d = {'a':1} :${Z}smile: 10:30`);
  });

  it("keeps code spans on one line and closed whatever the code holds", () => {
    expect(inlineCode("a = [1]")).toBe("`a = [1]`");
    expect(inlineCode("if a < b and c > 0 & d:\n    pass")).toBe("`if a &lt; b and c &gt; 0 &amp; d: pass`");
    const tick = inlineCode("s = `x`");
    expect(tick.slice(1, -1)).not.toContain("`");
    expect(inlineCode("")).toBe(`\`${Z}\``);
  });

  it("fences code so that ``` inside cannot end the block early", () => {
    expect(codeBlock("print('```')")).toBe(`\`\`\`\nprint('\`${Z}\`${Z}\`')\n\`\`\``);
    expect(codeBlock("a ```` b").slice(3, -3)).not.toMatch(/``/);
    expect(codeBlock("`start and end`")).toBe(`\`\`\`\n${Z}\`start and end\`${Z}\n\`\`\``);
    expect(codeBlock("x = '<@U1>' & 1")).toBe("```\nx = '&lt;@U1&gt;' &amp; 1\n```");
    const inner = codeBlock("a\n```\nb```c").slice(3, -3);
    expect(inner).not.toContain("```");
  });

  it("writes titles bold, with spaces outside the marks", () => {
    expect(spansToMrkdwn(["Step 1 of 2 · line 1:", " ", { code: "a = [1]" }], { strong: true })).toBe("*Step 1 of 2 · line 1:* `a = [1]`");
    expect(spansToMrkdwn([" Memory ", { strong: "used" }, "."])).toBe(" Memory *used*.");
  });

  it("sets a mark apart from a Chinese character, and lets punctuation touch it", () => {
    expect(spansToMrkdwn(["在第 3 行", { code: "x" }, "变成了", { strong: "列表" }, "。"])).toBe("在第 3 行 `x` 变成了 *列表*。");
    expect(spansToMrkdwn(["（", { code: "a" }, "）"])).toBe("（`a`）");
    expect(spansToMrkdwn([{ code: "a" }, { code: "b" }])).toBe("`a` `b`");
    expect(spansToMrkdwn(["the list ", { code: "xs" }, " grew"])).toBe("the list `xs` grew");
  });
});
