/** A frame put on the stack: a call, a generator resumed, a class body run. */
import type { Builder } from "../context.js";

export const call: Builder<"call"> = {
  phase: "calls",
  build(ctx, ev) {
    const key = ev.classBody ? "explain.call.class" : ev.resumed ? "explain.call.resumed" : "explain.call";
    return [ctx.tr.t(key, { name: ev.name })];
  },
};
