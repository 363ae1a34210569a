/** Short descriptions of objects and names, for the explainer's sentences. */
import type { LiveObject, MemoryState } from "../core/state.js";
import type { HeapObject, Shape, Slot, Trace } from "../core/trace.js";
import type { Translator } from "../i18n/index.js";

/** How many items a container holds, when it is one. */
export function itemCount(o: LiveObject | HeapObject): number | undefined {
  if ("base" in o) return o.length ?? o.items?.length ?? o.entries?.length;
  return o.length ?? o.items?.length ?? o.entries?.length;
}

/** Objects whose items a learner counts: sequences, mappings and sets. */
export function isContainer(o: HeapObject): boolean {
  return o.shape === "sequence" || o.shape === "mapping" || o.shape === "set";
}

/** Objects told by their own name ("the function area"): by what they hold, else by their shape. */
const NAMED: Partial<Record<Shape | NonNullable<HeapObject["holds"]>, string>> = {
  function: "explain.obj.function",
  class: "explain.obj.class",
  generator: "explain.obj.generator",
  module: "explain.obj.module",
  variable: "explain.obj.cell",
};

/** "the list [3 items]", "the str 'apple'", "a Point object", "the function area". */
export function describeObject(tr: Translator, first: HeapObject, live?: LiveObject): string {
  // a value changed in place (a str grown in its block) is read from the live object
  const o = live?.base ?? first;
  const type = o.type;
  if (o.cls) return tr.t("explain.obj.instance", { cls: o.cls });
  const named = NAMED[o.holds ?? o.shape];
  if (named && o.name) return tr.t(named, { name: o.name });
  if (isContainer(o)) {
    const n = live ? itemCount(live) : itemCount(o);
    return tr.t("explain.obj.container", { type, n: n ?? 0 });
  }
  // a block of bytes or a record of members, told by its type where the catalog has a word for it
  if ((o.shape === "block" || (o.shape === "record" && o.holds === undefined)) && o.value === undefined) return tr.t(`explain.obj.${o.shape}`, { type });
  // a value written as a call or in angle brackets (range(0, 3), ValueError('x'), <Thread …>)
  // already names its type: "the range range(0, 3)" would say it twice
  if (o.value !== undefined && !o.value.startsWith(`${type}(`) && !o.value.startsWith("<")) return tr.t("explain.obj.value", { type, value: o.value });
  return tr.t("explain.obj.plain", { type });
}

/** An object by its kind only, without counts that change: "a list", "the str 'x'". */
export function describeKind(tr: Translator, o: HeapObject): string {
  if (isContainer(o)) return tr.t("explain.obj.kind", { type: o.type });
  return describeObject(tr, o);
}

/** The value in a slot, as a learner reads it: `5`, `'apple'`, `list (3 items)`. */
export function slotText(tr: Translator | undefined, trace: Trace, slot: Slot | null | undefined, state?: MemoryState): string {
  if (!slot) return "?";
  if ("value" in slot) return slot.value;
  const o = state?.objects.get(slot.ref)?.base ?? trace.objects[slot.ref];
  if (!o) return "?";
  if (o.value !== undefined && !isContainer(o)) return o.value;
  if (!tr) return o.type;
  return describeObject(tr, o, state?.objects.get(slot.ref));
}

/** Names that refer to an object directly, innermost frame first: ["b", "a"]. */
export function namesOf(state: MemoryState, id: string): string[] {
  if (state.names) {
    // the replay's index: what refers to this object, without reading every frame
    const out: string[] = [];
    for (const [, name] of state.names.holders(id, state.frames)) if (!out.includes(name)) out.push(name);
    return out;
  }
  const names: string[] = [];
  for (let f = state.frames.length - 1; f >= 0; f--) {
    const frame = state.frames[f]!;
    for (const [name, slot] of Object.entries(frame.vars)) {
      if ("ref" in slot && slot.ref === id && !names.includes(name)) names.push(name);
    }
  }
  return names;
}

/** "a", "a and b", "a, b and c" in the learner's language. */
export function joinNames(tr: Translator, names: string[]): string {
  if (names.length === 0) return "";
  if (names.length === 1) return names[0]!;
  const head = names.slice(0, -1).join(tr.t("explain.list.comma"));
  return tr.t("explain.list.and", { head, last: names.at(-1)! });
}

/** Ways to reach an object from the stack, shortest first: ["m[0]", "m[1]"] (at most `max`). */
export function pathsTo(state: MemoryState, trace: Trace, id: string, max = 4, depth = 3): string[] {
  const found: string[] = [];
  let level: [string, string][] = [];
  for (let f = state.frames.length - 1; f >= 0; f--) {
    for (const [name, slot] of Object.entries(state.frames[f]!.vars)) {
      if ("ref" in slot) level.push([name, slot.ref]);
    }
  }
  const seen = new Set<string>();
  for (let d = 0; d <= depth && level.length && found.length < max; d++) {
    const next: [string, string][] = [];
    for (const [path, ref] of level) {
      if (ref === id) {
        found.push(path);
        if (found.length >= max) break;
        continue;
      }
      if (seen.has(ref)) continue;
      seen.add(ref);
      const o = state.objects.get(ref);
      if (!o) continue;
      o.items?.forEach((s, i) => s && "ref" in s && next.push([`${path}[${i}]`, s.ref]));
      for (const e of o.entries ?? []) {
        if (e.value && "ref" in e.value) next.push([`${path}[${e.key ? slotText(undefined, trace, e.key) : "?"}]`, e.value.ref]);
      }
      for (const [attr, s] of Object.entries(o.attributes ?? {})) if (s && "ref" in s) next.push([`${path}.${attr}`, s.ref]);
    }
    level = next;
  }
  return found;
}
