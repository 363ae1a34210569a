/** Reply blocks as Discord text: escaped prose, unbreakable fences, the 2,000-character limit. */
import { describe, expect, it } from "vitest";
import { codeBlock, escapeText, fitMarkdown, inlineCode, toMarkdown, toPayload } from "../../../src/frontends/discord/index.js";

describe("Discord text", () => {
  it("shows learner text as typed, with no markup and no mentions", () => {
    expect(escapeText("my_list * 2 ~x~ `y` | <@123> @everyone")).toBe("my\\_list \\* 2 \\~x\\~ \\`y\\` \\| \\<@123\\> @\u200beveryone");
    expect(escapeText("# not a heading\n- not a list\n-# not small")).toBe("\\# not a heading\n\\- not a list\n\\-# not small");
  });

  it("keeps code spans and blocks closed whatever the code holds", () => {
    expect(inlineCode("a = 1")).toBe("`a = 1`");
    expect(inlineCode("s = `x`")).toBe("`` s = `x` ``");
    expect(codeBlock("print('```')\n", "text")).toBe("```text\nprint('`\u200b``')\n\n```");
    expect(codeBlock("ends with `")).toBe("```\nends with `\u200b\n```");
  });

  it("renders each kind of block", () => {
    const text = toMarkdown([
      { kind: "title", spans: ["Step 1 of 2 · line 1:", " ", { code: "a = [1]" }] },
      { kind: "text", spans: ["Made a list."] },
      { kind: "bullets", items: [["one"], ["two"]] },
      { kind: "note", spans: ["Sizes as on 64-bit CPython."] },
    ]);
    expect(text).toBe("**Step 1 of 2 · line 1:** `a = [1]`\nMade a list.\n- one\n- two\n-# Sizes as on 64-bit CPython.");
  });

  it("keeps a long answer under 2,000 characters and puts all of it in a file", () => {
    const blocks = Array.from({ length: 40 }, (_, n) => ({ kind: "text" as const, spans: [`Sentence number ${n} `.repeat(6)] }));
    const fitted = fitMarkdown(blocks, "The answer is too long for one message: all of it is in the attached file.");
    expect(fitted.cut).toBe(true);
    expect(fitted.text.length).toBeLessThanOrEqual(2000);
    expect(fitted.text.endsWith("-# The answer is too long for one message: all of it is in the attached file.")).toBe(true);
    const payload = toPayload({ blocks, images: [], files: [], buttons: [], locale: "en" });
    const file = payload.files.find((f) => f.name === "memsim-answer.txt")!;
    expect(file.attachment.toString("utf8")).toContain("Sentence number 39");
    expect(payload.allowedMentions).toEqual({ parse: [] });
  });
});
