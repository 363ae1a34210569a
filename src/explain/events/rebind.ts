/** A name bound, rebound or removed: to a new object, a shared one, or one that already existed. */
import { isProgramObject, type MemoryState } from "../../core/state.js";
import type { Slot } from "../../core/trace.js";
import type { Holders } from "../holders.js";
import { once, own, ownIf, ownOr, size, type Builder, type Context, type Of, type StepNotes } from "../context.js";
import { inFrameOrder } from "../../core/names.js";
import { describeObject, isContainer, joinNames, namesOf, slotText } from "../describe.js";
import { withPadding } from "../padding.js";
import { allocSentence } from "./alloc.js";

export const rebind: Builder<"rebind"> = {
  phase: "bindings",
  build(ctx, ev, notes) {
    const { tr, trace, state } = ctx;
    if (state.step.event === "call" && ev.to) {
      // a call's first step: its parameters (and the closure names it sees) are told together
      if ("ref" in ev.to && state.allocated.has(ev.to.ref) && !notes.said.has(ev.to.ref) && !ctx.fromTemp?.has(ev.to.ref)) {
        notes.said.add(ev.to.ref);
        return [allocSentence(ctx, ev.to.ref, ev.name)];
      }
      const item = tr.t("explain.param", { name: ev.name, value: slotText(tr, trace, ev.to, state) });
      (notes.call?.params && !notes.call.params.includes(ev.name) ? notes.closure : notes.params).push(item);
      if ("ref" in ev.to) notes.said.add(ev.to.ref);
      return [];
    }
    const s = rebindSentence(ctx, ev, notes.said);
    const lost = lostSentence(ctx, ev);
    return [...(s ? [s] : []), ...(lost ? [lost] : [])];
  },
};

/**
 * Where the program frees its own blocks, a name that let go of the last address of one has
 * lost it for good (a leak): told as a warning, in a language whose catalog has the words.
 */
function lostSentence(ctx: Context, ev: Of<"rebind">): string | undefined {
  if (!ev.from || !("ref" in ev.from)) return undefined;
  const key = ownIf(ctx, "rebind.lost");
  const o = ctx.state.objects.get(ev.from.ref);
  if (!key || !o || !ctx.holders || !isProgramObject(o.base) || reached(ctx.state, ctx.holders, o.id)) return undefined;
  const warning = once(ctx, key, { line: o.base.site.line, size: size(ctx, o.size) });
  ctx.warnings?.add(warning);
  return warning;
}

/** Whether any variable, or any other live object, still holds a reference to the object. */
function reached(state: MemoryState, holders: Holders, id: string): boolean {
  const holds = (s: Slot): boolean => "ref" in s && s.ref === id;
  for (const f of state.frames) if (Object.values(f.vars).some(holds)) return true;
  return holders.held(id);
}

/** The parameters and closure names a call's first step bound, in one sentence each. */
export function paramsSentences(ctx: Context, notes: StepNotes): string[] {
  const { tr } = ctx;
  const out: string[] = [];
  if (notes.params.length) out.push(tr.t("explain.params", { list: notes.params.join(tr.t("explain.list.comma")) }));
  if (notes.closure.length) out.push(tr.t("explain.closure", { list: notes.closure.join(tr.t("explain.list.comma")) }));
  return out;
}

function rebindSentence(ctx: Context, ev: Of<"rebind">, said: Set<string>): string | undefined {
  const { tr, trace, state } = ctx;
  const name = ev.name;
  if (!ev.to) return tr.t(ownOr(ctx, "rebind.deleted"), { name });
  // a variable that exists but was never given a value, where the language lets that happen
  const blank = "uninit" in ev.to && ev.to.uninit ? ownIf(ctx, "rebind.uninit") : undefined;
  if (blank) return once(ctx, blank, { name });
  if (!("ref" in ev.to)) return tr.t(ownOr(ctx, "rebind.value"), { name, value: ev.to.value });
  const id = ev.to.ref;
  const o = trace.objects[id];
  if (!o) return undefined;
  if (state.allocated.has(id) && !said.has(id)) {
    said.add(id);
    return allocSentence(ctx, id, name, ev.from);
  }
  const value = slotText(tr, trace, ev.to, state);
  // a pointer into the middle of an object, or just past its end: where in it
  const inside = placeIn(ctx, id, ev.to.offset);
  if (inside) return tr.t(own(ctx, "rebind.inside"), { name, at: inside });
  const minor = (sentence: string): string => {
    ctx.minor?.add(sentence);
    return sentence;
  };
  if (o.origin === "cached") return minor(once(ctx, own(ctx, "rebind.cached"), { name, value }));
  const holder = containerHolding(state, id);
  if (holder) {
    return once(ctx, "explain.rebind.item", { name, value, container: holder });
  }
  if (o.origin === "library") return tr.t(own(ctx, "rebind.library"), { name, value });
  if (o.origin === "constant" && isContainer(o)) return minor(once(ctx, own(ctx, "rebind.constant.container"), { name, what: value, size: size(ctx, o.size) }));
  // the other shared objects of the runtime: each origin has its own sentence
  if (o.origin !== undefined && o.origin !== "earlier") {
    // the variable itself coming to be (an array declared in a frame), where the language tells that apart
    const declared = o.name === name && o.createdAt === state.index ? ownIf(ctx, `rebind.${o.origin}.declared`) : undefined;
    const params = { name, value, size: size(ctx, o.size), type: o.type, target: o.name ?? value };
    if (declared) return withPadding(ctx, id, once(ctx, declared, params));
    return minor(once(ctx, own(ctx, `rebind.${o.origin}`), params));
  }
  // names that hold this very address (a pointer may point elsewhere in the same object)
  const offset = ev.to.offset ?? 0;
  const others = namesOf(state, id).filter((n) => n !== name && offsetOf(state, n, id) === offset);
  if (others.length > 0 && o.shape !== "scalar") {
    return once(ctx, ownOr(ctx, "rebind.alias"), { name, what: describeObject(tr, o, state.objects.get(id)), others: joinNames(tr, others) });
  }
  // made by an earlier run of the session: this run found it, like any object that existed
  if (o.origin === "earlier") return tr.t("explain.rebind.earlier", { name, value });
  if ((o.madeAt ?? o.createdAt) < state.index) {
    return tr.t(ownOr(ctx, "rebind.made"), { name, value, line: o.site.line });
  }
  return tr.t(ownOr(ctx, "rebind.existing"), { name, value });
}

/** Where in an object a pointer `offset` bytes past its start lands, in words, where the language has them. */
function placeIn(ctx: Context, id: string, offset: number | undefined): string | undefined {
  const { tr, trace, state } = ctx;
  const key = offset ? ownIf(ctx, "at.offset") : undefined;
  const o = trace.objects[id];
  if (!key || !o || !offset) return undefined;
  const live = state.objects.get(id) ?? state.freed.get(id);
  const text = o.shape === "text" && o.value !== undefined;
  const of = o.name ?? (text ? tr.t(own(ctx, "at.literal"), { value: o.value! }) : describeObject(tr, o, live));
  const bytes = live?.size ?? o.size;
  const n = live?.length ?? o.length;
  if (offset === bytes) return tr.t(own(ctx, "at.end"), { of });
  // one element's bytes: a character of a text, else the block's size shared by its elements
  const each = text ? 1 : n && bytes % n === 0 ? bytes / n : 0;
  if ((o.shape === "block" || text) && each > 0 && offset % each === 0) return tr.t(own(ctx, "at.item"), { of, index: offset / each });
  return tr.t(key, { of, offset });
}

/** The offset at which a name's pointer lands in the object `id` (0 at its start), innermost frame first. */
function offsetOf(state: MemoryState, name: string, id: string): number | undefined {
  for (let f = state.frames.length - 1; f >= 0; f--) {
    const slot = state.frames[f]!.vars[name];
    if (slot && "ref" in slot && slot.ref === id) return slot.offset ?? 0;
  }
  return undefined;
}

/** The name of a container (bound to a variable) that holds this object, if any. */
function containerHolding(state: MemoryState, id: string): string | undefined {
  if (state.names) {
    // only the containers some name refers to can be "the list xs" that holds it
    const found: [number, string][] = [];
    for (const ref of state.names.namedContainers()) {
      if (ref === id) continue;
      const o = state.objects.get(ref);
      if (!o) continue;
      const holds = o.items?.some((s) => s && "ref" in s && s.ref === id) || o.entries?.some((e) => e.value && "ref" in e.value && e.value.ref === id);
      if (holds) found.push(...state.names.holders(ref, state.frames));
    }
    return inFrameOrder(found, state.frames)[0]?.[1];
  }
  for (let f = state.frames.length - 1; f >= 0; f--) {
    for (const [name, slot] of Object.entries(state.frames[f]!.vars)) {
      if (!("ref" in slot)) continue;
      const o = state.objects.get(slot.ref);
      if (!o || slot.ref === id) continue;
      if (o.items?.some((s) => s && "ref" in s && s.ref === id)) return name;
      if (o.entries?.some((e) => e.value && "ref" in e.value && e.value.ref === id)) return name;
    }
  }
  return undefined;
}
