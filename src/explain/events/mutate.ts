/** An object changed in place: items added, removed or replaced, keys, attributes, its block. */
import { cellMutated } from "../cells.js";
import { once, own, ownIf, ownOr, size, type Builder, type Context, type Of } from "../context.js";
import { describeObject, joinNames, namesOf, pathsTo, slotText } from "../describe.js";

export const mutate: Builder<"mutate"> = {
  phase: "changes",
  build: (ctx, ev) => mutateSentences(ctx, ev),
};

function mutateSentences(ctx: Context, ev: Of<"mutate">): string[] {
  const { tr, trace, state } = ctx;
  const o = trace.objects[ev.id];
  if (!o) return [];
  if (o.holds === "variable") return cellMutated(ctx, ev);
  let names = namesOf(state, ev.id);
  if (names.length === 0) names = pathsTo(state, trace, ev.id);
  // one object with several names is told by the name the line used; a sentence below says they are one
  const who = names.length ? pickName(names, ctx.code ?? "") : describeObject(tr, o, state.objects.get(ev.id));
  const out: string[] = [];
  if (ev.inPlace && ev.value !== undefined) {
    out.push(once(ctx, own(ctx, "mutate.inPlace"), { who, value: ev.value, size: size(ctx, ev.size ?? o.size) }));
    return out;
  }
  for (const c of ev.changes) {
    // a generator's "attributes" are the local variables of its paused frame
    if (c.op === "attr" && o.shape === "generator") {
      // a generator no name refers to (a for loop's) is called by its own name
      const gen = names.length ? who : (o.name ?? who);
      out.push(c.value ? tr.t("explain.mutate.genlocal", { who: gen, name: c.name, value: slotText(tr, trace, c.value, state) }) : tr.t("explain.mutate.genlocal.gone", { who: gen, name: c.name }));
      continue;
    }
    switch (c.op) {
      case "splice": {
        const inserted = c.insertCount ?? c.insert.length;
        const length = ev.length ?? state.objects.get(ev.id)?.length ?? 0;
        if (c.remove === 0 && inserted > 0 && c.at >= length - inserted) {
          out.push(tr.t("explain.mutate.append", { who, n: inserted, length, value: inserted === 1 ? slotText(tr, trace, c.insert[0], state) : "" }));
        } else if (c.remove > 0 && inserted === 0) {
          out.push(tr.t("explain.mutate.remove", { who, n: c.remove, length }));
        } else if (c.remove === inserted && inserted === 1) {
          out.push(tr.t(ownOr(ctx, c.insert[0] && "ref" in c.insert[0] ? refKey(ctx, "mutate.setitem") : "mutate.setitem"), { who, index: c.at, value: slotText(tr, trace, c.insert[0], state) }));
        } else {
          out.push(tr.t(ownOr(ctx, "mutate.reorder"), { who, length }));
        }
        break;
      }
      case "set":
        out.push(tr.t("explain.mutate.dictset", { who, key: slotText(tr, trace, c.key, state), value: slotText(tr, trace, c.value, state) }));
        break;
      case "del":
        out.push(tr.t("explain.mutate.dictdel", { who, key: slotText(tr, trace, c.key, state) }));
        break;
      case "attr":
        out.push(
          c.value
            ? tr.t(ownOr(ctx, "ref" in c.value ? refKey(ctx, "mutate.attr") : "mutate.attr"), { who, attr: c.name, value: slotText(tr, trace, c.value, state) })
            : tr.t("explain.mutate.attrdel", { who, attr: c.name }),
        );
        break;
    }
  }
  if (names.length > 1 && out.length > 0 && o.shape !== "generator") out.push(tr.t(ownOr(ctx, "mutate.shared"), { names: joinNames(tr, names), n: names.length }));
  if (ev.duringLoop !== undefined) {
    const warning = once(ctx, "explain.mutate.duringLoop", { who, line: ev.duringLoop });
    ctx.warnings?.add(warning);
    out.push(warning);
  }
  if (ev.size !== undefined) {
    const before = ctx.sizeBefore.get(ev.id) ?? o.size;
    if (ev.size > before) out.push(once(ctx, own(ctx, "mutate.grew"), { type: o.type, from: size(ctx, before), to: size(ctx, ev.size) }));
    else if (ev.size < before) out.push(tr.t("explain.mutate.shrank", { type: o.type, from: size(ctx, before), to: size(ctx, ev.size) }));
  }
  return out;
}

/** A slot that now holds a reference, where the language words that apart (an address stored): its own key. */
function refKey(ctx: Context, key: string): string {
  return ownIf(ctx, `${key}.ref`) ? `${key}.ref` : key;
}

/** Of several names for one object, the one the line's code uses (else the innermost). */
function pickName(names: string[], code: string): string {
  const words = new Set(code.match(/[\p{L}_][\p{L}\p{N}_]*/gu) ?? []);
  return names.find((n) => words.has(n)) ?? names[0]!;
}
