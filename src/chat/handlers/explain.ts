/** `/memsim explain topic`: a teaching card, and the same card in another language. */
import type { TopicId } from "../../../commands/memsim.js";
import type { ActionOf } from "../actions.js";
import type { Context, Plan } from "../context.js";
import type { ParsedOptions } from "../options.js";
import type { Placement } from "../reply.js";
import { notice } from "../reply.js";
import { TOPIC_CARDS } from "../topics.js";
import { noticeText } from "../../session/notices.js";
import { inPlace, privateCopy } from "./presses.js";

function planCard(ctx: Context, topic: TopicId, asked: Placement): Plan {
  // the language button on someone else's card gives a private copy
  const placement = asked === "update" && !inPlace(ctx) ? "new" : asked;
  const copy = asked !== placement;
  return {
    kind: "work",
    placement,
    private: copy,
    cost: asked === "new" ? "simulate" : "press",
    finish: async () => {
      const result = await ctx.simulate(TOPIC_CARDS[topic].program, "python");
      if (!result.ok) return notice(noticeText(result.error, ctx.tr));
      const answer = await ctx.reply({ view: "topic", trace: result.handle, topic, placement });
      return copy ? privateCopy(answer) : answer;
    },
  };
}

export function explainCommand(ctx: Context, options: ParsedOptions): Plan {
  return planCard(ctx, options.topic as TopicId, "new");
}

export function card(ctx: Context, action: ActionOf<"card">): Plan {
  return planCard(ctx, action.topic, "update");
}
