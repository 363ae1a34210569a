/**
 * Sentences about closure cells: a cell made for a shared variable, a function that keeps
 * names in cells, a cell's value changing, and cells outliving the frame that made them.
 */
import type { Event } from "../core/trace.js";
import { describeObject, joinNames, slotText } from "./describe.js";
import type { Context } from "./context.js";

/** Live functions whose closure refers to the cell, by id. */
function holdersOf(ctx: Context, cellId: string): string[] {
  const out: string[] = [];
  for (const [id, o] of ctx.state.objects) {
    if (o.base.shape !== "function") continue;
    if (Object.values(o.attributes ?? {}).some((s) => s && "ref" in s && s.ref === cellId)) out.push(id);
  }
  return out;
}

/** A function as the learner knows it: the names it is bound to, or "the function f". */
function functionText(ctx: Context, id: string, skipFrame?: number): string {
  const names: string[] = [];
  ctx.state.frames.forEach((frame, index) => {
    if (index === skipFrame) return;
    for (const [name, slot] of Object.entries(frame.vars)) if ("ref" in slot && slot.ref === id && !names.includes(name)) names.push(name);
  });
  if (names.length) return joinNames(ctx.tr, names);
  return describeObject(ctx.tr, ctx.trace.objects[id]!, ctx.state.objects.get(id));
}

/** The sentence for a cell this step made. */
export function cellMade(ctx: Context, id: string): string {
  const { tr, state } = ctx;
  const o = ctx.trace.objects[id]!;
  const params = { name: o.name ?? "?", size: tr.bytes(state.objects.get(id)?.size ?? o.size) };
  const frame = state.frames.at(-1);
  if (state.step.event === "call" && frame) return tr.t("explain.alloc.cell", { ...params, frame: frame.name });
  return tr.t("explain.alloc.cell.plain", params);
}

/** "count is kept in a cell that it shares with the frame of make", or undefined. */
export function functionCaptures(ctx: Context, fnId: string): string | undefined {
  const { tr, state, trace } = ctx;
  const fn = state.objects.get(fnId);
  const captured = Object.entries(fn?.attributes ?? {}).filter(([, s]) => s && "ref" in s && trace.objects[s.ref]?.holds === "variable");
  if (captured.length === 0 || state.frames.length === 0) return undefined;
  // the frame that made the cells is the outermost one holding them (inner ones were handed them)
  const cellIds = new Set(captured.map(([, s]) => (s as { ref: string }).ref));
  const owner = state.frames.find((f) => Object.values(f.cells ?? {}).some((id) => cellIds.has(id))) ?? state.frames.at(-1)!;
  const names = captured.map(([name]) => name);
  return tr.t("explain.alloc.captures", { names: joinNames(tr, names), n: names.length, frame: owner.name });
}

/** A cell's slot changed: what it holds now, and who sees it. */
export function cellMutated(ctx: Context, ev: Extract<Event, { kind: "mutate" }>): string[] {
  const { tr, trace, state } = ctx;
  const name = trace.objects[ev.id]?.name ?? "?";
  const holders = holdersOf(ctx, ev.id).map((id) => functionText(ctx, id));
  const out: string[] = [];
  for (const c of ev.changes) {
    if (c.op !== "attr" || !c.value) continue; // an emptied cell: the name's deletion says it
    const value = slotText(tr, trace, c.value, state);
    out.push(
      holders.length
        ? tr.t("explain.mutate.cell", { name, value, holders: joinNames(tr, holders) })
        : tr.t("explain.mutate.cell.alone", { name, value }),
    );
  }
  return out;
}

/**
 * A returning frame whose names live on in cells that functions still hold: says so instead
 * of "its local names are gone". Undefined when no cell of the frame outlives it.
 */
export function cellsLiveOn(ctx: Context, fnName: string, value: string): string | undefined {
  const { tr, state } = ctx;
  const index = state.frames.length - 1;
  const frame = state.frames[index];
  if (!frame || frame.name !== fnName || !frame.cells) return undefined;
  const kept: string[] = [];
  const holders: string[] = [];
  // what goes with the frame is freed at the next step: the trace already says so
  const outlives = (id: string) => {
    const freedAt = ctx.trace.objects[id]?.freedAt;
    return state.objects.has(id) && (freedAt === undefined || freedAt > state.index + 1);
  };
  // an emptied cell (`del name`) keeps no value alive
  const holdsValue = (id: string) => Object.keys(state.objects.get(id)?.attributes ?? {}).length > 0;
  // the frame's own cells, made when it started (not the ones it was handed by its function)
  const madeHere = (id: string) => {
    const created = ctx.trace.steps[ctx.trace.objects[id]?.createdAt ?? -1];
    return created?.events.some((ev) => ev.kind === "call" && ev.name === fnName && ev.frame === index) ?? false;
  };
  for (const [name, cellId] of Object.entries(frame.cells)) {
    if (!outlives(cellId) || !madeHere(cellId) || !holdsValue(cellId)) continue;
    const held = holdersOf(ctx, cellId).filter(outlives);
    if (held.length === 0) continue;
    kept.push(name);
    for (const id of held) if (!holders.includes(id)) holders.push(id);
  }
  if (kept.length === 0) return undefined;
  const holderText = joinNames(
    tr,
    holders.map((id) => functionText(ctx, id, index)),
  );
  const sentence = tr.t("explain.return.cells", { name: fnName, value, names: joinNames(tr, kept), n: kept.length, holders: holderText });
  const others = Object.keys(frame.vars).some((name) => !kept.includes(name));
  return others ? [sentence, tr.t("explain.return.othersGone")].join(tr.t("explain.list.sentences")) : sentence;
}
