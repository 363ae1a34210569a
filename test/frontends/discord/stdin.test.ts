/** input()'s lines on Discord: the run form (a modal) has an optional field for them, in both languages. */
import { describe, expect, it } from "vitest";
import { canvasDrawer, createChatCore, NO_LIMITS, openRunStore } from "../../../src/chat/index.js";
import { toModal } from "../../../src/frontends/discord/translate.js";
import { inlineSimulator } from "../../helpers.js";

const core = createChatCore({ simulator: inlineSimulator(), drawer: canvasDrawer(), store: openRunStore(":memory:"), limits: NO_LIMITS });

function modal(locale: string, options: Record<string, unknown> = {}) {
  const got = core.accept({ kind: "command", command: "run", options, who: { userId: "u", channelId: "c", locale, channel: { platform: "discord", id: "c" } } });
  if (got.kind !== "form") throw new Error("no form");
  return toModal(got.form) as unknown as { components: { label: string; component: { custom_id: string; required: boolean; style: number; placeholder?: string; value?: string } }[] };
}

describe("the Discord run form", () => {
  it("has an optional field for the lines input() reads, after the program", () => {
    const fields = modal("en-US").components;
    expect(fields.map((f) => [f.component.custom_id, f.component.required])).toEqual([
      ["code", true],
      ["stdin", false],
    ]);
    expect(fields[1]!.label).toBe("Lines for input() (if the program asks)");
    expect(fields[1]!.component.placeholder).toBe("One line for each input() call, for example:\nAda\n36");
    expect(modal("zh-CN").components[1]!.label).toBe("input() 读取的行（程序需要时填写）");
    for (const f of fields) expect(f.label.length).toBeLessThanOrEqual(45);
  });

  it("holds the lines already when the command gave stdin, one to a line", () => {
    const fields = modal("en-US", { stdin: "Ada\\n36" }).components;
    expect(fields[1]!.component.value).toBe("Ada\n36");
    expect(fields[0]!.component.value).toBeUndefined();
    expect(modal("en-US").components[1]!.component.value).toBeUndefined();
  });
});
