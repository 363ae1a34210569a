/**
 * A record's padding, told once per type where the language has the words: how many bytes its
 * members need, how many the record takes, and where the rest sits and why (from the Trace's
 * `padding`, which the runner computed from the record's layout).
 */
import type { HeapObject } from "../core/trace.js";
import { ownIf, size, type Context } from "./context.js";

/** The record (the object itself, or the first record inside it) whose padding is worth telling. */
function paddedRecord(ctx: Context, id: string): HeapObject | undefined {
  const queue = [id];
  for (let seen = 0; queue.length > 0 && seen < 64; seen++) {
    const here = queue.shift()!;
    const o = ctx.trace.objects[here];
    if (!o) continue;
    if (o.padding && o.padding.length > 0) return o;
    // the parts of an array of records, or of a record holding one
    for (const s of [...(o.items ?? []), ...Object.values(o.attributes ?? {})]) {
      if (s && "ref" in s && ctx.trace.objects[s.ref]?.partOf === here) queue.push(s.ref);
    }
  }
  return undefined;
}

/** "A struct Loose takes 24 bytes, not the 14 bytes its members add up to: …", or undefined. */
export function paddingSentence(ctx: Context, id: string): string | undefined {
  const key = ownIf(ctx, "padding");
  if (!key) return undefined;
  const o = paddedRecord(ctx, id);
  if (!o?.padding) return undefined;
  // once per type: every record of it has the same layout
  const told = `padding:${o.type}`;
  if (ctx.told.has(told)) return undefined;
  ctx.told.add(told);
  const { tr } = ctx;
  const padding = o.padding.reduce((sum, p) => sum + p.size, 0);
  const list = o.padding
    .map((p) => {
      const n = size(ctx, p.size);
      if (p.after === undefined) return tr.t(`${key}.at`, { n, offset: p.offset });
      if (p.align === undefined) return tr.t(`${key}.plain`, { n, after: p.after });
      if (p.before === undefined) return tr.t(`${key}.end`, { n, after: p.after, align: p.align });
      return tr.t(`${key}.gap`, { n, after: p.after, before: p.before, align: p.align });
    })
    .join(tr.t(`${key}.join`));
  return tr.t(key, { type: o.type, size: size(ctx, o.size), sum: size(ctx, o.size - padding), padding: size(ctx, padding), list });
}

/** A sentence followed by the padding of the record it tells of, if that is still to be told. */
export function withPadding(ctx: Context, id: string, sentence: string): string {
  const padding = paddingSentence(ctx, id);
  return padding ? [sentence, padding].join(ctx.tr.t("explain.list.sentences")) : sentence;
}
