/** Objects a line made and used without a name: freed within it, or still held at its end. */
import { stackDepths } from "../../core/state.js";
import { isFreedObject } from "../../core/summary.js";
import { once, size, type Builder, type Context, type Of } from "../context.js";

export const temp: Builder<"temp"> = {
  phase: "temporaries",
  build(ctx, ev) {
    // a returned object used up within the line is told once, by its free
    if (isFreedObject(ctx.trace, ctx.state.index, ev)) return [];
    return [tempSentence(ctx, ev, ctx.becameOf?.get(ev))];
  },
};

function tempSentence(ctx: Context, ev: Of<"temp">, became: string | undefined): string {
  const { tr } = ctx;
  const params = { what: ev.what, type: ev.type, size: size(ctx, ev.size), count: ev.count };
  if (became) return tr.t("explain.temp.argument", params);
  const raised = ctx.state.step.raised;
  if (ev.live && raised) return tr.t(raised.type === ev.type ? "explain.temp.raised" : "explain.temp.raisedLine", params);
  if (ev.live && callsNext(ctx)) return tr.t("explain.temp.waiting", params);
  if (ev.live) return tr.t("explain.temp.live", params);
  if (ev.site === "slice" && ev.length !== undefined && ev.count === 1) {
    return once(ctx, "explain.temp.sliceItems", { ...params, n: ev.length });
  }
  if (ev.site === "slice") return once(ctx, "explain.temp.slice", params);
  return once(ctx, "explain.temp", params);
}

/** The step after this one starts a call made by this step's line. */
function callsNext(ctx: Context): boolean {
  const next = ctx.trace.steps[ctx.state.index + 1];
  const depths = stackDepths(ctx.trace);
  return next?.event === "call" && depths[ctx.state.index + 1] === depths[ctx.state.index]! + 1;
}
