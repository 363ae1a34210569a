/**
 * What a box holds: a container's rows cut to the first few (the rest counted), a long
 * value shortened, and the slots through which a drawn object refers to others.
 */
import type { LiveObject } from "../core/state.js";
import type { HeapObject, Slot } from "../core/trace.js";
import type { Translator } from "../i18n/index.js";
import { LIMITS } from "./options.js";
import type { SceneBody, SceneRow, SlotValue } from "./scene.js";

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

/**
 * The arrays and records that lie inside others (`partOf`: a C struct's array member, a struct
 * in an array): their cells are drawn in the box of the one around them, never as boxes of
 * their own with an arrow, since no pointer leads to them.
 */
export interface Members {
  /** the object inside another that a slot refers to, if it is one */
  member(slot: Slot | null | undefined): LiveObject | undefined;
  /** what this step changed in it */
  changed(id: string): Set<string>;
  /** whether a pointer points into the array past its first element */
  landed(id: string): boolean;
}

/** At most this many of an inner array's cells go on its one row. */
const STRIP_CELLS = 8;

/** The rows of an object drawn with the objects inside it: an inner record's members under
 * dotted names (`at.x`), an inner array of plain values as one row of cells, others by index. */
function memberRows(o: LiveObject, prefix: string, slotValue: (s: Slot | null | undefined) => SlotValue, inner: Members, tr: Translator): SceneRow[] {
  const changed = inner.changed(o.id);
  const rows: SceneRow[] = [];
  if (o.items) {
    const kids = o.items.map((s) => inner.member(s));
    // a row of cells, unless a pointer lands on one of them: then a row each
    if (prefix && kids.every((k) => !k) && !inner.landed(o.id)) {
      const total = o.length ?? o.items.length;
      const shown = o.items.slice(0, total > STRIP_CELLS ? STRIP_CELLS - 1 : STRIP_CELLS);
      const cells = shown.map((s, i) => ({ id: `${o.id}:${i}`, value: slotValue(s), changed: changed.has(String(i)) }));
      if (total > shown.length) cells.push({ id: `${o.id}:more`, value: { kind: "hidden", text: tr.t("render.more", { n: total - shown.length }) }, changed: false });
      return [{ id: `${o.id}:row`, label: prefix, value: { kind: "none" }, changed: false, cells }];
    }
    o.items.forEach((s, i) => {
      const label = `${prefix}[${i}]`;
      const kid = kids[i];
      if (kid) rows.push(...memberRows(kid, label, slotValue, inner, tr));
      else rows.push({ id: `${o.id}:${i}`, label, value: slotValue(s), changed: changed.has(String(i)) });
    });
    return rows;
  }
  for (const [name, s] of Object.entries(o.attributes ?? {})) {
    const label = prefix ? `${prefix}.${name}` : name;
    const kid = inner.member(s);
    const mine = kid ? memberRows(kid, label, slotValue, inner, tr) : [{ id: `${o.id}:.${name}`, label, value: slotValue(s), changed: changed.has("." + name) }];
    rows.push(...(prefix ? mine : mine.map((r) => ({ ...r, member: name }))));
  }
  return rows;
}

/** What an object's box shows under its header: cells, entries, attributes or its value. */
export function bodyOf(
  o: LiveObject,
  slotValue: (s: Slot | null | undefined) => SlotValue,
  changed: Set<string>,
  tr: Translator,
  inner?: Members,
): SceneBody {
  const base = o.base;
  if (inner && [...(o.items ?? []), ...Object.values(o.attributes ?? {})].some((s) => inner.member(s))) {
    const all = memberRows(o, "", slotValue, inner, tr);
    const { shown, more } = cut(all, all.length);
    return { kind: "attrs", rows: withPadding(o, shown, tr), more };
  }
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
    return rows.length || more ? { kind: "cells", rows, more, indexed, ...(inner?.landed(o.id) ? { landed: true } : {}) } : { kind: "empty" };
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

type Row = SceneRow;

/** A record's rows with its padding greyed in between, each run after the member it follows. */
function withPadding(o: LiveObject, rows: Row[], tr: Translator): Row[] {
  const padding = o.base.padding;
  if (!padding?.length) return rows;
  const out = [...rows];
  for (const p of padding) {
    const row: Row = { id: `${o.id}:pad${p.offset}`, label: "", value: { kind: "hidden", text: tr.t("render.padding", { size: tr.bytes(p.size) }) }, changed: false };
    // after the member's last row (an inner array or record takes several)
    const at = p.after === undefined ? -1 : out.findLastIndex((r) => r.id === `${o.id}:.${p.after}` || r.member === p.after);
    // after its member when that row is shown; a run after rows cut from view is not drawn
    if (at >= 0) out.splice(at + 1, 0, row);
    else if (p.after === undefined) out.push(row);
  }
  return out;
}
