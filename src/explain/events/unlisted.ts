/** Objects beyond the shown windows that a step made (not told with their container) or freed. */
import type { Context } from "../context.js";
import { countsByType } from "./alloc.js";

export function unlistedSentences(ctx: Context, what: "made" | "freed"): string[] {
  const byType = new Map<string, { n: number; bytes: number }>();
  for (const u of ctx.state.step.unlisted ?? []) {
    const n = what === "made" ? u.made : u.freed;
    if (!n || (what === "made" && ctx.unlistedTold?.has(u))) continue;
    const tally = byType.get(u.type) ?? { n: 0, bytes: 0 };
    tally.n += n;
    tally.bytes += (what === "made" ? u.madeBytes : u.freedBytes) ?? 0;
    byType.set(u.type, tally);
  }
  if (byType.size === 0) return [];
  return [ctx.tr.t(`explain.unlisted.${what}`, { list: countsByType(ctx, byType) })];
}
