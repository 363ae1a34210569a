/** `/memsim help`: what each command does and how to give it code. */
import { MAX_CODE_CHARS, MEMSIM, PRACTICES, TOPICS } from "../../../commands/memsim.js";
import type { Context, Plan } from "../context.js";
import { reply, type Span } from "../reply.js";
import { CHAT_SIMULATION_LIMITS } from "../services.js";

export function helpCommand(ctx: Context): Plan {
  const { tr } = ctx;
  const usage = (sub: string) => `/${MEMSIM.name} ${sub}`;
  const item = (command: string, key: string, params: Record<string, string | number> = {}): Span[] => [{ code: command }, " ", tr.t(key, params)];
  const blocks = reply([
    { kind: "title", spans: [{ strong: tr.t("chat.help.title") }] },
    { kind: "text", spans: [tr.t("chat.help.intro")] },
    {
      kind: "bullets",
      items: [
        item(usage("run"), "chat.help.run"),
        item(tr.t("chat.help.simulate.label", { action: tr.t("chat.action.simulate") }), "chat.help.simulate"),
        item(usage("explain"), "chat.help.explain", { topics: TOPICS.join(", ") }),
        item(usage("compare"), "chat.help.compare", { practices: PRACTICES.join(", ") }),
        item(usage("help"), "chat.help.help"),
      ],
    },
    { kind: "text", spans: [tr.t("chat.help.buttons")] },
    {
      kind: "note",
      spans: [tr.t("chat.help.limits", { chars: MAX_CODE_CHARS, steps: CHAT_SIMULATION_LIMITS.maxSteps, seconds: CHAT_SIMULATION_LIMITS.timeLimitMs / 1000 })],
    },
  ]);
  return { kind: "answer", answer: { reply: { ...blocks, private: true }, placement: "new" } };
}
