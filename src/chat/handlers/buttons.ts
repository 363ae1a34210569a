/**
 * Button presses on a run's reply: step, animation, the step list, another language, a
 * comparison side. Each loads the run by the id its button carries, so presses work after
 * a restart; the program is run again when its trace is no longer at hand.
 */
import type { ActionOf } from "../actions.js";
import type { Context, Plan, TraceHandle } from "../context.js";
import { notice, type Answer, type Placement } from "../reply.js";
import type { StoredRun } from "../store.js";
import { TOPIC_CARDS } from "../topics.js";
import { compareAnswer } from "./compare.js";
import { planRun, runExample } from "./run.js";
import { noticeText } from "../../session/notices.js";
import { inPlace, privateCopy } from "./presses.js";

type Loaded = { run: StoredRun; handle: TraceHandle };

/** The stored run and its trace, or the answer that says why not. */
async function load(ctx: Context, id: string, kind: StoredRun["kind"] = "run"): Promise<Loaded | Answer> {
  const run = ctx.services.store.get(id);
  if (!run || run.kind !== kind) return notice(ctx.tr.t("chat.error.expired"));
  const result = await ctx.simulate(run.source, run.language, run.stdin);
  if (!result.ok) return notice(noticeText(result.error, ctx.tr));
  return { run, handle: result.handle };
}

function work(placement: Placement, isPrivate: boolean, cost: "simulate" | "press", finish: () => Promise<Answer>): Plan {
  return { kind: "work", placement, private: isPrivate, cost, finish };
}

/** ◀ ▶ and "Run in …": the same run at a step, in the press's language, in place (or a private copy). */
function showStep(ctx: Context, action: ActionOf<"step"> | ActionOf<"lang">): Plan {
  const own = inPlace(ctx, ctx.services.store.get(action.run)?.userId ?? ctx.askedBy);
  return work(own ? "update" : "new", !own, "press", async () => {
    const loaded = await load(ctx, action.run);
    if ("reply" in loaded) return loaded;
    const answer = await ctx.reply({ view: "run", trace: loaded.handle, run: loaded.run, step: action.step, placement: own ? "update" : "new" });
    return own ? answer : privateCopy(answer);
  });
}

export const step = (ctx: Context, action: ActionOf<"step">): Plan => showStep(ctx, action);
export const lang = (ctx: Context, action: ActionOf<"lang">): Plan => showStep(ctx, action);

/** "All steps": the run as an animation, for the one who asked. */
export function gif(ctx: Context, action: ActionOf<"gif">): Plan {
  return work("new", true, "simulate", async () => {
    const loaded = await load(ctx, action.run);
    if ("reply" in loaded) return loaded;
    return ctx.reply({ view: "gif", trace: loaded.handle });
  });
}

/** "Explain more" opens the step list; its own ◀ ▶ turn its pages in place. */
export function more(ctx: Context, action: ActionOf<"more">): Plan {
  return work("new", true, "press", async () => {
    const loaded = await load(ctx, action.run);
    if ("reply" in loaded) return loaded;
    return ctx.reply({ view: "steps", trace: loaded.handle, run: loaded.run, page: action.page, placement: "new" });
  });
}

export function page(ctx: Context, action: ActionOf<"page">): Plan {
  return work("update", true, "press", async () => {
    const loaded = await load(ctx, action.run);
    if ("reply" in loaded) return loaded;
    return ctx.reply({ view: "steps", trace: loaded.handle, run: loaded.run, page: action.page, placement: "update" });
  });
}

/** A comparison's side, opened as a run of its own (with its own step buttons). */
export function open(ctx: Context, action: ActionOf<"open">): Plan {
  const pair = ctx.services.store.get(action.run);
  if (!pair || pair.kind !== "compare" || pair.after === undefined) return { kind: "answer", answer: notice(ctx.tr.t("chat.error.expired")) };
  return planRun(ctx, action.side === "before" ? pair.source : pair.after, pair.language, undefined, action.side);
}

/** A comparison again, in the press's language, in place (or a private copy). */
export function compare(ctx: Context, action: ActionOf<"compare">): Plan {
  const own = inPlace(ctx, ctx.services.store.get(action.run)?.userId ?? ctx.askedBy);
  return work(own ? "update" : "new", !own, "press", async () => {
    const pair = ctx.services.store.get(action.run);
    if (!pair || pair.kind !== "compare" || pair.after === undefined) return notice(ctx.tr.t("chat.error.expired"));
    const answer = await compareAnswer(ctx, pair, own ? "update" : "new");
    return own ? answer : privateCopy(answer);
  });
}

/** "Run this example" on a teaching card. */
export function example(ctx: Context, action: ActionOf<"example">): Plan {
  return runExample(ctx, TOPIC_CARDS[action.topic].program, action.topic);
}
