/** A frame leaving the stack: a value returned or yielded, a generator finished, an exception passing. */
import type { Trace } from "../../core/trace.js";
import { cellsLiveOn } from "../cells.js";
import { once, own, ownIf, type Builder } from "../context.js";
import { slotText } from "../describe.js";

export const returned: Builder<"return"> = {
  phase: "endings",
  build(ctx, ev) {
    const { tr, trace, state } = ctx;
    const value = ev.value ? slotText(tr, trace, ev.value, state) : tr.t(own(ctx, "noValue"));
    const key = ev.classBody
      ? "explain.return.class"
      : ev.yielded
        ? "explain.yield"
        : ev.raised
          ? "explain.return.raised"
          : ev.finished
            ? "explain.return.generator"
            : "explain.return";
    // a C function handing back a pointer returns an address, not the object there
    const mine = key === "explain.return" ? ((ev.value && "ref" in ev.value ? ownIf(ctx, "return.address") : undefined) ?? ownIf(ctx, "return")) : undefined;
    if (mine) return [once(ctx, mine, { name: ev.name, value })];
    return [(key === "explain.return" && cellsLiveOn(ctx, ev.name, value)) || tr.t(key, { name: ev.name, value, type: raisedBefore(trace, state.index) })];
  },
};

/** The type of the exception a frame is leaving with: the latest one a step raised. */
function raisedBefore(trace: Trace, index: number): string {
  for (let i = index; i >= 0; i--) {
    const r = trace.steps[i]!.raised;
    if (r) return r.type;
  }
  return "";
}
