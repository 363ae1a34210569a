/**
 * Button presses on a run's reply: step, animation, the step list, another language, a
 * comparison side. Each loads the run by the id its button carries, so presses work after
 * a restart; the program is run again when its trace is no longer at hand.
 */
import type { ActionOf } from "../actions.js";
import type { Context, Plan } from "../context.js";
import { notice, reply, type Answer, type Placement } from "../reply.js";
import type { SimulationResult } from "../services.js";
import type { StoredRun } from "../store.js";
import { TOPIC_CARDS } from "../topics.js";
import { compareReply } from "../views/compare.js";
import { clampStep, runReply } from "../views/run.js";
import { stepsReply } from "../views/steps.js";
import { planRun, runExample } from "./run.js";
import { noticeText } from "../../session/notices.js";

type Loaded = { run: StoredRun; result: Extract<SimulationResult, { ok: true }> };

/** The stored run and its trace, or the answer that says why not. */
async function load(ctx: Context, id: string, kind: StoredRun["kind"] = "run"): Promise<Loaded | Answer> {
  const run = ctx.services.store.get(id);
  if (!run || run.kind !== kind) return notice(ctx.tr.t("chat.error.expired"));
  const result = await ctx.simulate(run.source, run.language);
  if (!result.ok) return notice(noticeText(result.error, ctx.tr));
  return { run, result };
}

function work(placement: Placement, isPrivate: boolean, cost: "simulate" | "press", finish: () => Promise<Answer>): Plan {
  return { kind: "work", placement, private: isPrivate, cost, finish };
}

/** ◀ ▶ and "Run in …": the same run at a step, in the press's language, in place. */
function showStep(ctx: Context, action: ActionOf<"step"> | ActionOf<"lang">): Plan {
  return work("update", false, "press", async () => {
    const loaded = await load(ctx, action.run);
    if ("reply" in loaded) return loaded;
    const trace = loaded.result.trace;
    return { reply: await runReply(ctx, loaded.run, trace, loaded.result.notices.map((n) => noticeText(n, ctx.tr)), clampStep(trace, action.step)), placement: "update" };
  });
}

export const step = (ctx: Context, action: ActionOf<"step">): Plan => showStep(ctx, action);
export const lang = (ctx: Context, action: ActionOf<"lang">): Plan => showStep(ctx, action);

/** "All steps": the run as an animation, for the one who asked. */
export function gif(ctx: Context, action: ActionOf<"gif">): Plan {
  return work("new", true, "simulate", async () => {
    const loaded = await load(ctx, action.run);
    if ("reply" in loaded) return loaded;
    const trace = loaded.result.trace;
    const { gif: data, note } = await ctx.services.drawer.animation(trace, { locale: ctx.locale });
    const { tr } = ctx;
    const blocks = [{ kind: "text" as const, spans: [tr.t("chat.gif.title", { steps: trace.steps.length })] }];
    if (note) blocks.push({ kind: "text", spans: [note] });
    const image = { name: "memsim-steps.gif", data, alt: tr.t("chat.alt.gif", { steps: trace.steps.length }) };
    return { reply: reply(blocks, { images: [image], private: true }), placement: "new" };
  });
}

/** "Explain more" opens the step list; its own ◀ ▶ turn its pages in place. */
export function more(ctx: Context, action: ActionOf<"more">): Plan {
  return work("new", true, "press", async () => {
    const loaded = await load(ctx, action.run);
    if ("reply" in loaded) return loaded;
    return { reply: stepsReply(ctx, loaded.run, loaded.result.trace, action.page), placement: "new" };
  });
}

export function page(ctx: Context, action: ActionOf<"page">): Plan {
  return work("update", true, "press", async () => {
    const loaded = await load(ctx, action.run);
    if ("reply" in loaded) return loaded;
    return { reply: stepsReply(ctx, loaded.run, loaded.result.trace, action.page), placement: "update" };
  });
}

/** A comparison's side, opened as a run of its own (with its own step buttons). */
export function open(ctx: Context, action: ActionOf<"open">): Plan {
  const pair = ctx.services.store.get(action.run);
  if (!pair || pair.kind !== "compare" || pair.after === undefined) return { kind: "answer", answer: notice(ctx.tr.t("chat.error.expired")) };
  return planRun(ctx, action.side === "before" ? pair.source : pair.after, pair.language, undefined, action.side);
}

/** A comparison again, in the press's language, in place. */
export function compare(ctx: Context, action: ActionOf<"compare">): Plan {
  return work("update", false, "press", async () => {
    const pair = ctx.services.store.get(action.run);
    if (!pair || pair.kind !== "compare" || pair.after === undefined) return notice(ctx.tr.t("chat.error.expired"));
    return compareReply(ctx, pair, "update");
  });
}

/** "Run this example" on a teaching card. */
export function example(ctx: Context, action: ActionOf<"example">): Plan {
  return runExample(ctx, TOPIC_CARDS[action.topic].program, action.topic);
}
