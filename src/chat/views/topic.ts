/** A teaching card: the concept in a few sentences, a live example, its diagram and figures. */
import type { TopicId } from "../../../commands/memsim.js";
import { isProgramObject, stackDepths, stateAt } from "../../core/state.js";
import { summarize } from "../../core/summary.js";
import type { Trace } from "../../core/trace.js";
import type { Translator } from "../../i18n/index.js";
import { encodeAction } from "../actions.js";
import type { ViewContext } from "../context.js";
import { reply, type Block, type Reply } from "../reply.js";
import { pickStep, TOPIC_CARDS } from "../topics.js";
import { otherLocale, stepSentences } from "./run.js";
import { altText } from "./text.js";

/** A figure measured on the example that makes the card's point. */
function fact(tr: Translator, topic: TopicId, trace: Trace, index: number): string | undefined {
  const summary = summarize(trace);
  switch (topic) {
    case "stack":
    case "call-stack": {
      const depth = Math.max(0, ...stackDepths(trace));
      return tr.t("chat.topic.fact.depth", { frames: depth });
    }
    case "refcount":
    case "gc":
      return summary.frees > 0 ? tr.t("chat.topic.fact.freed", { n: summary.frees, bytes: tr.bytes(summary.freedBytes), line: trace.steps[index]?.line ?? 1 }) : undefined;
    case "private-heap": {
      const objects = [...stateAt(trace, index).objects.values()].filter((o) => isProgramObject(o.base));
      const addresses = objects.slice(0, 3).map((o) => `${o.base.type} ${o.base.address}`);
      return addresses.length ? tr.t("chat.topic.fact.addresses", { addresses: addresses.join(", ") }) : undefined;
    }
    case "slicing":
    case "string-building":
      return summary.temporaries > 0 || summary.frees > 0
        ? tr.t("chat.topic.fact.churn", { n: summary.allocations + summary.temporaries, bytes: tr.bytes(summary.allocatedBytes + summary.temporaryBytes), kept: tr.bytes(summary.finalLiveBytes) })
        : undefined;
    case "generators": {
      const made = Object.values(trace.objects).filter((o) => isProgramObject(o));
      // a list built in full against a generator that makes one value at a time
      const list = made.find((o) => o.shape === "sequence" && o.mutable);
      const gen = made.find((o) => o.shape === "generator");
      return list && gen ? tr.t("chat.topic.fact.generator", { list: tr.bytes(list.size), generator: tr.bytes(gen.size) }) : undefined;
    }
    case "heap":
    case "libraries":
      return undefined;
  }
}

/** The card for `topic`, drawn from a run of its example. */
export async function topicReply(ctx: ViewContext, topic: TopicId, trace: Trace): Promise<Reply> {
  const { tr, locale } = ctx;
  const card = TOPIC_CARDS[topic];
  const index = pickStep(trace, card.pick);
  const summary = summarize(trace);
  const blocks: Block[] = [
    { kind: "title", spans: [{ strong: tr.t(`chat.topic.${topic}.title`) }] },
    { kind: "text", spans: [tr.t(`chat.topic.${topic}.body`)] },
    { kind: "title", spans: [tr.t("chat.topic.example")] },
    { kind: "code", code: card.program.replace(/\n+$/, ""), language: "py" },
  ];
  // the card's own measured point when it has one, else the run's figures
  const extra = fact(tr, topic, trace, index);
  const figures = [
    tr.t("chat.topic.shows", { step: index + 1, steps: trace.steps.length }),
    extra ?? tr.t("chat.topic.figures", { n: summary.allocations, bytes: tr.bytes(summary.allocatedBytes), peak: tr.bytes(summary.peakLiveBytes) }),
  ];
  blocks.push({ kind: "text", spans: [tr.sentences(figures)] }, { kind: "text", spans: [{ strong: tr.t(`chat.topic.${topic}.takeaway`) }] });
  blocks.push({ kind: "note", spans: [tr.t("chat.run.sizes", { sizeModel: trace.runtime.sizeModel, runtime: trace.runtime.name })] });
  const caption = stepSentences(trace, tr)[index]?.headline;
  const values = card.values === "heap" ? { inlineScalars: false } : {};
  const png = await ctx.services.drawer.step(trace, index, caption ? { locale, caption, ...values } : { locale, ...values });
  const target = otherLocale(locale);
  return reply(blocks, {
    images: [{ name: `memsim-${topic}.png`, data: png, alt: altText(trace, index, tr) }],
    buttons: [
      [
        { id: encodeAction({ do: "example", topic, locale }), label: tr.t("chat.button.runExample"), style: "primary" },
        { id: encodeAction({ do: "card", topic, locale: target }), label: tr.t(`chat.button.runIn.${target}`), style: "secondary" },
      ],
    ],
  });
}
