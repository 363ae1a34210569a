/** Objects a step freed: the last reference gone, a cycle collected, a loop's object let go. */
import type { MemoryState } from "../../core/state.js";
import type { Slot } from "../../core/trace.js";
import { once, own, ownIf, size, type Builder, type Context } from "../context.js";
import { describeObject, joinNames, namesOf, pathsTo } from "../describe.js";

export const free: Builder<"free"> = {
  phase: "frees",
  // an object inside another (a struct in an array) goes with it, told once by the outer one's sentence
  build: (ctx, ev) => (ctx.trace.objects[ev.id]?.partOf !== undefined ? [] : [freeSentence(ctx, ev.id)]),
};

function freeSentence(ctx: Context, id: string): string {
  const { tr, trace } = ctx;
  const o = trace.objects[id]!;
  const freed = ctx.state.freed.get(id);
  const params = { what: describeObject(tr, o, freed), size: size(ctx, freed?.size ?? o.size) };
  // what the runtime reclaims by itself, such as a frame's own variables, has its own words where the language has them
  // a variable whose block ended while its frame stays (the `i` of a finished for loop)
  const blockEnded = o.origin === "stack" && !ctx.state.step.stack?.pop ? ownIf(ctx, "free.stack.block") : undefined;
  if (blockEnded) {
    const names = namesOf(ctx.state, id);
    const named = { ...params, name: o.name ?? "", type: o.type };
    const dangling = names.length > 0 ? ownIf(ctx, "free.stack.block.dangling") : undefined;
    return dangling ? tr.t(dangling, { ...named, names: joinNames(tr, names), n: names.length }) : once(ctx, blockEnded, named);
  }
  const byOrigin = o.origin !== undefined ? ownIf(ctx, `free.${o.origin}`) : undefined;
  if (byOrigin) return once(ctx, byOrigin, { ...params, name: o.name ?? "", type: o.type });
  // names that still hold the address of a block given back by hand (dangling pointers)
  const kept = ownIf(ctx, "free.dangling");
  if (kept) {
    let names = namesOf(ctx.state, id);
    if (names.length === 0) names = pathsTo(ctx.state, trace, id);
    if (names.length > 0) return once(ctx, kept, { ...params, names: joinNames(tr, names), n: names.length });
  }
  if (freed && inCycle(ctx.state, id)) return tr.t(own(ctx, "free.cycle"), params);
  // what a for loop held without a name goes when the loop is over
  if (o.heldBy === "loop") return tr.t(own(ctx, "free.loopDone"), { ...params, line: o.site.line });
  return once(ctx, own(ctx, "free"), params);
}

/** Was the freed object part of a reference cycle (so the cycle collector freed it)? */
function inCycle(state: MemoryState, id: string): boolean {
  const get = (ref: string) => state.freed.get(ref) ?? state.objects.get(ref);
  const stack: [string, number][] = [[id, 0]];
  const seen = new Set<string>();
  while (stack.length) {
    const [ref, depth] = stack.pop()!;
    const o = get(ref);
    if (!o || depth > 8) continue;
    const children: (Slot | null)[] = [...(o.items ?? []), ...Object.values(o.attributes ?? {})];
    for (const e of o.entries ?? []) children.push(e.value);
    for (const c of children) {
      if (!c || !("ref" in c)) continue;
      if (c.ref === id) return true;
      if (!seen.has(c.ref)) {
        seen.add(c.ref);
        stack.push([c.ref, depth + 1]);
      }
    }
  }
  return false;
}
