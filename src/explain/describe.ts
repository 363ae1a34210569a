/** Short descriptions of objects and names, for the explainer's sentences. */
import type { LiveObject, MemoryState } from "../core/state.js";
import type { HeapObject, Slot, Trace } from "../core/trace.js";
import type { Translator } from "../i18n/index.js";

/** How many items a container holds, when it is one. */
export function itemCount(o: LiveObject | HeapObject): number | undefined {
  if ("base" in o) return o.length ?? o.items?.length ?? o.entries?.length;
  return o.length ?? o.items?.length ?? o.entries?.length;
}

const CONTAINERS = new Set(["list", "tuple", "dict", "set", "frozenset", "deque", "Counter", "defaultdict", "OrderedDict"]);

/** "the list [3 items]", "the str 'apple'", "a Point object", "the function area". */
export function describeObject(tr: Translator, o: HeapObject, live?: LiveObject): string {
  const type = o.type;
  if (o.cls) return tr.t("explain.obj.instance", { cls: o.cls });
  if (type === "function" && o.name) return tr.t("explain.obj.function", { name: o.name });
  if (type === "type" && o.name) return tr.t("explain.obj.class", { name: o.name });
  if (type === "generator" && o.name) return tr.t("explain.obj.generator", { name: o.name });
  if (type === "module" && o.name) return tr.t("explain.obj.module", { name: o.name });
  if (CONTAINERS.has(type)) {
    const n = live ? itemCount(live) : itemCount(o);
    return tr.t("explain.obj.container", { type, n: n ?? 0 });
  }
  if (o.value !== undefined) return tr.t("explain.obj.value", { type, value: o.value });
  return tr.t("explain.obj.plain", { type });
}

/** An object by its kind only, without counts that change: "a list", "the str 'x'". */
export function describeKind(tr: Translator, o: HeapObject): string {
  if (CONTAINERS.has(o.type)) return tr.t("explain.obj.kind", { type: o.type });
  return describeObject(tr, o);
}

/** The value in a slot, as a learner reads it: `5`, `'apple'`, `list (3 items)`. */
export function slotText(tr: Translator, trace: Trace, slot: Slot | null | undefined, state?: MemoryState): string {
  if (!slot) return "?";
  if ("value" in slot) return slot.value;
  const o = trace.objects[slot.ref];
  if (!o) return "?";
  if (o.value !== undefined && !CONTAINERS.has(o.type)) return o.value;
  return describeObject(tr, o, state?.objects.get(slot.ref));
}

/** Names that refer to an object directly, innermost frame first: ["b", "a"]. */
export function namesOf(state: MemoryState, id: string): string[] {
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
