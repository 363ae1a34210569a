/** Objects a step made: what each is, what new objects it holds, and what it shares. */
import type { MemoryState } from "../../core/state.js";
import type { Slot } from "../../core/trace.js";
import { cellMade, functionCaptures } from "../cells.js";
import { once, own, ownIf, ownOr, objectOf, refsIn, size, type Builder, type Context } from "../context.js";
import { describeObject, itemCount } from "../describe.js";
import { paddingSentence } from "../padding.js";

export const alloc: Builder<"alloc"> = {
  phase: "changes",
  build(ctx, ev, notes) {
    if (notes.said.has(ev.id)) return [];
    notes.said.add(ev.id);
    const o = ctx.trace.objects[ev.id];
    // items made while a container was built are told by the container's sentence; an object
    // with an origin was not made by this run, whatever the record says
    if (!o || o.origin !== undefined || isInsideNewContainer(ctx.state, ev.id)) return [];
    return [allocSentence(ctx, ev.id, undefined)];
  },
};

/** A sentence for an object this step made, with the name it was bound to (if any) and what
 * that name held before. */
export function allocSentence(ctx: Context, id: string, name: string | undefined, before?: Slot): string {
  const { tr } = ctx;
  const o = objectOf(ctx, id)!;
  const live = ctx.state.objects.get(id);
  const bytes = size(ctx, live?.size ?? o.size);
  const desc = describeObject(tr, o, live);
  const n = live ? itemCount(live) ?? 0 : 0;
  const target = name ?? "";
  const kind = o.site.kind;
  if (o.heldBy && !name) {
    return tr.t(`explain.alloc.held.${o.heldBy}`, { what: o.site.what, desc, size: bytes });
  }
  if (kind === "slice" && o.site.of) {
    return tr.t(name ? "explain.alloc.slice.named" : "explain.alloc.slice", { n, type: o.type, size: bytes, of: o.site.of, name: target });
  }
  // text that never changes is built anew by every join (text that can change grows in place)
  const fixedText = o.shape === "text" && !o.mutable;
  if (fixedText && kind === "concat") {
    // `s += t` replaced the text s held; `a + b` joined pieces into a text of its own
    const extended = name && before && "ref" in before && objectOf(ctx, before.ref)?.shape === "text";
    return once(ctx, extended ? own(ctx, "alloc.text.named") : name ? "explain.alloc.text.joined.named" : "explain.alloc.text", { value: o.value ?? "", size: bytes, name: target });
  }
  if (fixedText && kind !== undefined && kind !== "literal" && kind !== "constant") {
    return tr.t(name ? "explain.alloc.text.made.named" : "explain.alloc.text.made", { value: o.value ?? "", size: bytes, name: target, what: o.site.what });
  }
  if (o.shape === "function") return functionSentence(ctx, id, target, bytes);
  if (o.holds === "variable") return cellMade(ctx, id);
  if (o.shape === "class") return tr.t("explain.alloc.class", { name: o.name ?? target, size: bytes });
  // a heap block: what was asked for, and what the allocator reserved around it
  const usable = o.usable ?? live?.size ?? o.size;
  const sentence = tr.t(ownOr(ctx, name ? "alloc.named" : "alloc"), { what: desc, size: bytes, name: target, usable: size(ctx, usable), spare: usable - (live?.size ?? o.size) });
  const parts = [sentence];
  const padding = paddingSentence(ctx, id);
  if (padding) parts.push(padding);
  const blank = ownIf(ctx, "alloc.uninit");
  if (blank && live && holdsUninit(live)) parts.push(once(ctx, blank, { name: target }));
  const inner = madeInside(ctx, id);
  if (inner) parts.push(inner);
  const sharing = sharesItemsWith(ctx, id);
  if (sharing) parts.push(tr.t("explain.alloc.sharesItems", { other: sharing }));
  const shared = sharedItem(ctx, live?.items ?? []);
  if (shared) parts.push(shared);
  return parts.join(tr.t("explain.list.sentences"));
}

/** A function made now: its name, the variables it keeps in cells, and default values made with it. */
function functionSentence(ctx: Context, id: string, target: string, bytes: string): string {
  const { tr } = ctx;
  const o = objectOf(ctx, id)!;
  const sentence =
    o.name?.endsWith("<lambda>") && target
      ? tr.t("explain.alloc.lambda", { name: target, size: bytes })
      : tr.t("explain.alloc.function", { qualname: o.name ?? target, name: target || o.name || "", size: bytes });
  const captures = functionCaptures(ctx, id);
  const withCaptures = captures ? [sentence, captures].join(tr.t("explain.list.sentences")) : sentence;
  const defaults = Object.entries(o.attributes ?? {}).filter(
    ([, s]) => s && "ref" in s && ctx.state.allocated.has(s.ref) && objectOf(ctx, s.ref)?.holds !== "variable",
  );
  if (defaults.length === 0) return withCaptures;
  const list = defaults
    .map(([param, s]) => {
      const d = objectOf(ctx, (s as { ref: string }).ref)!;
      return tr.t("explain.alloc.default", { param, what: describeObject(tr, d, ctx.state.objects.get(d.site.what)), size: size(ctx, d.size) });
    })
    .join(tr.t("explain.list.comma"));
  return [withCaptures, tr.t("explain.alloc.defaults", { list })].join(tr.t("explain.list.sentences"));
}

/**
 * `shallow = copy.copy(grid)`: a new container whose mutable items another named container
 * already holds. Returns that container's name, or undefined.
 */
function sharesItemsWith(ctx: Context, id: string): string | undefined {
  const { state } = ctx;
  const o = state.objects.get(id);
  if (!o) return undefined;
  const shared = refsIn(o).filter((ref) => {
    const item = state.objects.get(ref)?.base;
    return !state.allocated.has(ref) && item?.mutable === true && !item.origin;
  });
  if (shared.length === 0) return undefined;
  for (let f = state.frames.length - 1; f >= 0; f--) {
    for (const [name, slot] of Object.entries(state.frames[f]!.vars)) {
      if (!("ref" in slot) || slot.ref === id) continue;
      const other = state.objects.get(slot.ref);
      if (other && shared.some((ref) => refsIn(other).includes(ref))) return name;
    }
  }
  return undefined;
}

/**
 * `m = [[1, 2], [3, 4]]` makes three lists: the objects made at this step inside a new
 * container, counted by type ("2 new list objects (144 bytes)"), or undefined if none.
 */
function madeInside(ctx: Context, id: string): string | undefined {
  const { tr, state } = ctx;
  const seen = new Set<string>([id]);
  const byType = new Map<string, { n: number; bytes: number }>();
  const queue = [id];
  while (queue.length) {
    const o = state.objects.get(queue.shift()!);
    if (!o) continue;
    for (const ref of refsIn(o)) {
      if (seen.has(ref) || !state.allocated.has(ref)) continue;
      seen.add(ref);
      queue.push(ref);
      const inner = state.objects.get(ref)!;
      const tally = byType.get(inner.base.type) ?? { n: 0, bytes: 0 };
      tally.n++;
      tally.bytes += inner.size;
      byType.set(inner.base.type, tally);
    }
  }
  // and those it (or a new container inside it) holds beyond the shown window
  for (const u of state.step.unlisted ?? []) {
    if (!u.made || u.in === undefined || !seen.has(u.in)) continue;
    ctx.unlistedTold?.add(u);
    const tally = byType.get(u.type) ?? { n: 0, bytes: 0 };
    tally.n += u.made;
    tally.bytes += u.madeBytes ?? 0;
    byType.set(u.type, tally);
  }
  if (byType.size === 0) return undefined;
  // list(range(300)) holds 300 ints, but only 257..299 are new: say the others are not
  const direct = state.objects.get(id);
  const allNew = !direct || refsIn(direct).every((ref) => state.allocated.has(ref));
  return tr.t(allNew ? "explain.alloc.inside" : "explain.alloc.insideSome", { list: countsByType(ctx, byType) });
}

/** "150 int objects (4,200 bytes), 2 list objects (144 bytes)" */
export function countsByType(ctx: Context, byType: Map<string, { n: number; bytes: number }>): string {
  return [...byType].map(([type, t]) => ctx.tr.t("explain.alloc.insideItem", { n: t.n, type, size: size(ctx, t.bytes) })).join(ctx.tr.t("explain.list.comma"));
}

/** `[[0] * 3] * 3`: several slots holding one mutable object is a trap worth naming. */
function sharedItem(ctx: Context, items: (Slot | null)[]): string | undefined {
  const counts = new Map<string, number>();
  for (const s of items) if (s && "ref" in s) counts.set(s.ref, (counts.get(s.ref) ?? 0) + 1);
  for (const [ref, count] of counts) {
    const o = objectOf(ctx, ref);
    if (count > 1 && o && o.origin === undefined && o.mutable) {
      return ctx.tr.t("explain.alloc.sharedItems", { count, type: o.type });
    }
  }
  return undefined;
}

/** Some of the object's own slots were never written: they hold no value yet. */
function holdsUninit(o: { items?: (Slot | null)[]; attributes?: Record<string, Slot | null> }): boolean {
  const slots = [...(o.items ?? []), ...Object.values(o.attributes ?? {})];
  return slots.some((s) => s !== null && "uninit" in s && s.uninit === true);
}

function isInsideNewContainer(state: MemoryState, id: string): boolean {
  for (const other of state.allocated) {
    if (other === id) continue;
    const o = state.objects.get(other);
    if (!o) continue;
    if (o.items?.some((s) => s && "ref" in s && s.ref === id)) return true;
    if (o.entries?.some((e) => (e.key && "ref" in e.key && e.key.ref === id) || (e.value && "ref" in e.value && e.value.ref === id))) return true;
    if (o.attributes && Object.values(o.attributes).some((s) => s && "ref" in s && s.ref === id)) return true;
  }
  return false;
}
