/**
 * What a box holds: a container's rows cut to the first few (the rest counted), a long
 * value shortened, and the slots through which a drawn object refers to others.
 */
import type { LiveObject } from "../core/state.js";
import type { HeapObject, Slot } from "../core/trace.js";
import type { Translator } from "../i18n/index.js";
import { LIMITS } from "./options.js";
import type { SceneBody, SlotValue } from "./scene.js";

/** A class with its name (its box is headed by that name). */
export function isClass(base: HeapObject): boolean {
  return base.name !== undefined && base.shape === "class";
}

/** A value's text cut to `max` characters, with "…" when cut. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : text.slice(0, max - 1) + "…";
}

/** The rows a container shows: all of them if few, else the first few and a count. */
export function cut<T>(items: T[], total: number): { shown: T[]; more: number } {
  const n = Math.max(total, items.length);
  if (n <= LIMITS.maxRows) return { shown: items.slice(0, LIMITS.maxRows), more: n - Math.min(items.length, LIMITS.maxRows) };
  const shown = items.slice(0, LIMITS.rowsWhenCut);
  return { shown, more: n - shown.length };
}

/** A key for a slot, to match a dict key or list index named by a change. */
export function slotKey(slot: Slot): string {
  return "ref" in slot ? "r" + slot.ref : "v" + slot.value;
}

/** The slots of an object that the diagram draws (the first rows of a long container). */
export function childSlots(o: LiveObject): (Slot | null)[] {
  const out: (Slot | null)[] = [];
  if (o.items) out.push(...cut(o.items, o.length ?? o.items.length).shown);
  if (o.entries) for (const e of cut(o.entries, o.length ?? o.entries.length).shown) out.push(e.key, e.value);
  if (o.attributes) for (const s of cut(Object.values(o.attributes), Object.keys(o.attributes).length).shown) out.push(s);
  return out;
}

/** What an object's box shows under its header: cells, entries, attributes or its value. */
export function bodyOf(
  o: LiveObject,
  slotValue: (s: Slot | null | undefined) => SlotValue,
  changed: Set<string>,
  tr: Translator,
): SceneBody {
  const base = o.base;
  if (o.entries) {
    const { shown, more } = cut(o.entries, o.length ?? o.entries.length);
    const rows = shown.map((e, i) => ({
      id: `${o.id}:v${i}`,
      label: "",
      key: { id: `${o.id}:k${i}`, value: slotValue(e.key) },
      value: slotValue(e.value),
      changed: e.key !== null && changed.has(slotKey(e.key)),
    }));
    return rows.length || more ? { kind: "entries", rows, more } : { kind: "empty" };
  }
  if (o.items && (base.value === undefined || o.items.length > 0)) {
    const { shown, more } = cut(o.items, o.length ?? o.items.length);
    const indexed = base.shape !== "set";
    const rows = shown.map((s, i) => ({
      id: `${o.id}:${i}`,
      label: indexed ? String(i) : "",
      value: slotValue(s),
      changed: changed.has(String(i)),
    }));
    return rows.length || more ? { kind: "cells", rows, more, indexed } : { kind: "empty" };
  }
  if (base.value !== undefined) {
    const n = base.length ?? 0;
    const text = truncate(base.value, LIMITS.maxTextChars);
    const note = text !== base.value && base.shape === "text" ? tr.t("render.chars", { n }) : undefined;
    return { kind: "text", text, ...(note ? { note } : {}) };
  }
  const attrs = Object.entries(o.attributes ?? {});
  // a cell always shows its one slot, named after its variable, even before it holds a value
  if (base.holds === "variable" && attrs.length === 0) {
    const empty: SlotValue = { kind: "hidden", text: tr.t("render.cellEmpty") };
    return { kind: "attrs", rows: [{ id: `${o.id}:.${base.name ?? ""}`, label: base.name ?? "", value: empty, changed: false }], more: 0 };
  }
  // a class's box is headed with its name already: its body only lists what it holds
  const label = base.name && !isClass(base) ? (base.shape === "function" ? `${base.name}()` : base.name) : undefined;
  if (attrs.length) {
    const { shown, more } = cut(attrs, attrs.length);
    const rows = shown.map(([name, s]) => ({
      id: `${o.id}:.${name}`,
      label: name,
      value: slotValue(s),
      changed: changed.has("." + name),
    }));
    return { kind: "attrs", rows: withPadding(o, rows, tr), more };
  }
  if (label) return { kind: "text", text: label };
  return { kind: "empty" };
}

type Row = { id: string; label: string; value: SlotValue; changed: boolean };

/** A record's rows with its padding greyed in between, each run after the member it follows. */
function withPadding(o: LiveObject, rows: Row[], tr: Translator): Row[] {
  const padding = o.base.padding;
  if (!padding?.length) return rows;
  const out = [...rows];
  for (const p of padding) {
    const row: Row = { id: `${o.id}:pad${p.offset}`, label: "", value: { kind: "hidden", text: tr.t("render.padding", { size: tr.bytes(p.size) }) }, changed: false };
    const at = p.after === undefined ? -1 : out.findIndex((r) => r.id === `${o.id}:.${p.after}`);
    // after its member when that row is shown; a run after rows cut from view is not drawn
    if (at >= 0) out.splice(at + 1, 0, row);
    else if (p.after === undefined) out.push(row);
  }
  return out;
}
