/** `/memsim explain topic`: a teaching card, and the same card in another language. */
import { MEMSIM, TOPICS, type TopicId } from "../../../commands/memsim.js";
import type { ActionOf } from "../actions.js";
import type { Context, Plan } from "../context.js";
import type { ParsedOptions } from "../options.js";
import type { Placement } from "../reply.js";
import { notice, reply } from "../reply.js";
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

/** The ideas there are cards for, each with its one-line takeaway, and how to ask for one. */
function topicList(ctx: Context): Plan {
  const { tr } = ctx;
  const items = TOPICS.map((id) => [{ code: id }, " ", tr.t("chat.explain.listItem", { name: tr.t(`chat.topic.name.${id}`), takeaway: tr.t(`chat.topic.${id}.takeaway`) })]);
  const blocks = reply([
    { kind: "title", spans: [{ strong: tr.t("chat.explain.listTitle") }] },
    { kind: "bullets", items },
    { kind: "text", spans: [tr.t("chat.explain.listHow", { command: `/${MEMSIM.name} explain`, example: TOPICS[1] })] },
  ]);
  return { kind: "answer", answer: { reply: { ...blocks, private: true }, placement: "new" } };
}

export function explainCommand(ctx: Context, options: ParsedOptions): Plan {
  const topic = options.topic as TopicId | undefined;
  return topic ? planCard(ctx, topic, "new") : topicList(ctx);
}

export function card(ctx: Context, action: ActionOf<"card">): Plan {
  return planCard(ctx, action.topic, "update");
}
