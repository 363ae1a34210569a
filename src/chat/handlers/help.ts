/** `/memsim help`: what each command does, how to give it code, and the limits in force. */
import { MAX_CODE_CHARS, MEMSIM, PRACTICES, TOPICS } from "../../../commands/memsim.js";
import type { Context, Plan } from "../context.js";
import { reply, type Span } from "../reply.js";

/** The limits as this bot runs them: the simulator's own and the cooldowns it was given. */
function limitNotes(ctx: Context): Span[][] {
  const { tr, services } = ctx;
  const run = services.simulator.limits;
  const notes: Span[][] = [
    [run ? tr.t("chat.help.limits", { chars: MAX_CODE_CHARS, steps: run.maxSteps, seconds: run.timeLimitMs / 1000 }) : tr.t("chat.help.limitsSize", { chars: MAX_CODE_CHARS })],
  ];
  const { userBurst, userRefillMs } = services.limits;
  // a console has no cooldown to tell of
  if (Number.isFinite(userBurst)) notes.push([tr.t("chat.help.cooldown", { burst: userBurst, seconds: Math.round(userRefillMs / 100) / 10 })]);
  return notes;
}

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
        item(usage("quiz"), "chat.help.quiz"),
        item(usage("help"), "chat.help.help"),
      ],
    },
    { kind: "text", spans: [tr.t("chat.help.buttons")] },
    ...limitNotes(ctx).map((spans) => ({ kind: "note" as const, spans })),
  ]);
  return { kind: "answer", answer: { reply: { ...blocks, private: true }, placement: "new" } };
}
