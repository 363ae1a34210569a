/**
 * Sentences for each step, generated from the step's events and the state around it.
 * Every sentence comes from the message catalog; nothing here builds learner text itself.
 */
import { stackDepths, type LiveObject, type MemoryState } from "../core/state.js";
import { isFreedObject, tempEvents } from "../core/summary.js";
import type { Event, HeapObject, Slot, Trace, Unlisted } from "../core/trace.js";
import { TraceView, type Tap } from "../core/view.js";
import type { Translator } from "../i18n/index.js";
import { cellMade, cellMutated, cellsLiveOn, functionCaptures } from "./cells.js";
import { quietSentence } from "./quiet.js";
import { CONTAINERS, describeObject, itemCount, joinNames, namesOf, pathsTo, slotText } from "./describe.js";

export interface StepExplanation {
  index: number;
  line: number;
  /** the source line that ran, trimmed */
  code: string;
  sentences: string[];
  /**
   * The sentence that says most, for a caption: a warning first; and a name bound to a
   * shared small int or a constant says less than the objects the step made, changed or freed.
   */
  headline?: string;
}

type Of<K extends Event["kind"]> = Extract<Event, { kind: K }>;

export interface Context {
  tr: Translator;
  trace: Trace;
  state: MemoryState;
  /** object sizes before this step */
  sizeBefore: Map<string, number>;
  /** ideas already explained in full earlier in the run (later mentions are brief) */
  told: Set<string>;
  /** sentences that only say a name took a shared or built-in value (not caption material) */
  minor?: Set<string>;
  /** warnings about a bug in the making: the caption leads with them */
  warnings?: Set<string>;
  /** this step's counts of objects beyond shown windows that a sentence has told already */
  unlistedTold?: Set<Unlisted>;
  /** the source line the step ran */
  code?: string;
  /** objects that were first an argument without a name (a list literal passed to a call) */
  fromTemp?: Set<string>;
  /** such arguments' temp events, with the object each became */
  becameOf?: Map<Event, string>;
}

/** The full sentence the first time an idea comes up in a run, the brief one after. */
function once(ctx: Context, key: string, params: Record<string, string | number>): string {
  const brief = `${key}.brief`;
  if (ctx.told.has(key) && ctx.tr.has(brief)) return ctx.tr.t(brief, params);
  ctx.told.add(key);
  return ctx.tr.t(key, params);
}

function size(ctx: Context, n: number): string {
  return ctx.tr.bytes(n);
}

function objectOf(ctx: Context, id: string): HeapObject | undefined {
  return ctx.trace.objects[id];
}

/** A sentence for an object this step made, with the name it was bound to (if any) and what
 * that name held before. */
function allocSentence(ctx: Context, id: string, name: string | undefined, before?: Slot): string {
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
  if (o.type === "str" && kind === "concat") {
    // `s += t` replaced the string s held; `a + b` joined pieces into a string of its own
    const extended = name && before && "ref" in before && objectOf(ctx, before.ref)?.type === "str";
    return once(ctx, extended ? "explain.alloc.str.named" : name ? "explain.alloc.str.joined.named" : "explain.alloc.str", { value: o.value ?? "", size: bytes, name: target });
  }
  if (o.type === "str" && kind !== undefined && kind !== "literal" && kind !== "constant") {
    return tr.t(name ? "explain.alloc.str.made.named" : "explain.alloc.str.made", { value: o.value ?? "", size: bytes, name: target, what: o.site.what });
  }
  if (o.type === "function") {
    const sentence =
      o.name?.endsWith("<lambda>") && target
        ? tr.t("explain.alloc.lambda", { name: target, size: bytes })
        : tr.t("explain.alloc.function", { qualname: o.name ?? target, name: target || o.name || "", size: bytes });
    const captures = functionCaptures(ctx, id);
    const withCaptures = captures ? [sentence, captures].join(tr.t("explain.list.sentences")) : sentence;
    const defaults = Object.entries(o.attributes ?? {}).filter(
      ([, s]) => s && "ref" in s && ctx.state.allocated.has(s.ref) && objectOf(ctx, s.ref)?.type !== "cell",
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
  if (o.type === "cell") return cellMade(ctx, id);
  if (o.type === "type") return tr.t("explain.alloc.class", { name: o.name ?? target, size: bytes });
  const sentence = tr.t(name ? "explain.alloc.named" : "explain.alloc", { what: desc, size: bytes, name: target });
  const parts = [sentence];
  const inner = madeInside(ctx, id);
  if (inner) parts.push(inner);
  const sharing = sharesItemsWith(ctx, id);
  if (sharing) parts.push(tr.t("explain.alloc.sharesItems", { other: sharing }));
  const shared = sharedItem(ctx, live?.items ?? []);
  if (shared) parts.push(shared);
  return parts.join(tr.t("explain.list.sentences"));
}

/** Slots of a live object that refer to other objects: items, keys and values, attributes. */
function refsIn(o: LiveObject): string[] {
  const out: string[] = [];
  const add = (s: Slot | null | undefined) => {
    if (s && "ref" in s) out.push(s.ref);
  };
  for (const s of o.items ?? []) add(s);
  for (const e of o.entries ?? []) {
    add(e.key);
    add(e.value);
  }
  for (const s of Object.values(o.attributes ?? {})) add(s);
  return out;
}

/**
 * `shallow = copy.copy(grid)`: a new container whose mutable items another named container
 * already holds. Returns that container's name, or undefined.
 */
function sharesItemsWith(ctx: Context, id: string): string | undefined {
  const { state } = ctx;
  const o = state.objects.get(id);
  if (!o) return undefined;
  const shared = refsIn(o).filter((ref) => !state.allocated.has(ref) && !IMMUTABLE.has(state.objects.get(ref)?.base.type ?? "int") && !state.objects.get(ref)?.base.origin);
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

const IMMUTABLE = new Set(["int", "float", "complex", "bool", "str", "bytes", "tuple", "frozenset", "NoneType", "range"]);

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
function countsByType(ctx: Context, byType: Map<string, { n: number; bytes: number }>): string {
  return [...byType].map(([type, t]) => ctx.tr.t("explain.alloc.insideItem", { n: t.n, type, size: size(ctx, t.bytes) })).join(ctx.tr.t("explain.list.comma"));
}

/** Objects beyond the shown windows that this step made (not told with their container) or freed. */
function unlistedSentence(ctx: Context, what: "made" | "freed"): string | undefined {
  const byType = new Map<string, { n: number; bytes: number }>();
  for (const u of ctx.state.step.unlisted ?? []) {
    const n = what === "made" ? u.made : u.freed;
    if (!n || (what === "made" && ctx.unlistedTold?.has(u))) continue;
    const tally = byType.get(u.type) ?? { n: 0, bytes: 0 };
    tally.n += n;
    tally.bytes += (what === "made" ? u.madeBytes : u.freedBytes) ?? 0;
    byType.set(u.type, tally);
  }
  if (byType.size === 0) return undefined;
  return ctx.tr.t(`explain.unlisted.${what}`, { list: countsByType(ctx, byType) });
}

/** `[[0] * 3] * 3`: several slots holding one mutable object is a trap worth naming. */
function sharedItem(ctx: Context, items: (import("../core/trace.js").Slot | null)[]): string | undefined {
  const counts = new Map<string, number>();
  for (const s of items) if (s && "ref" in s) counts.set(s.ref, (counts.get(s.ref) ?? 0) + 1);
  for (const [ref, count] of counts) {
    const o = objectOf(ctx, ref);
    if (count > 1 && o && o.origin === undefined && !["str", "int", "float", "tuple", "bytes", "frozenset"].includes(o.type)) {
      return ctx.tr.t("explain.alloc.sharedItems", { count, type: o.type });
    }
  }
  return undefined;
}

function rebindSentence(ctx: Context, ev: Of<"rebind">, allocated: Set<string>, said: Set<string>): string | undefined {
  const { tr, trace, state } = ctx;
  const name = ev.name;
  if (!ev.to) return tr.t("explain.rebind.deleted", { name });
  if (!("ref" in ev.to)) return tr.t("explain.rebind.value", { name, value: ev.to.value });
  const id = ev.to.ref;
  const o = trace.objects[id];
  if (!o) return undefined;
  if (allocated.has(id) && !said.has(id)) {
    said.add(id);
    return allocSentence(ctx, id, name, ev.from);
  }
  const value = slotText(tr, trace, ev.to, state);
  const minor = (sentence: string): string => {
    ctx.minor?.add(sentence);
    return sentence;
  };
  if (o.origin === "cached") return minor(once(ctx, "explain.rebind.cached", { name, value }));
  const holder = containerHolding(state, id);
  if (holder) {
    return once(ctx, "explain.rebind.item", { name, value, container: holder });
  }
  switch (o.origin) {
    case "constant":
      if (CONTAINERS.has(o.type)) return minor(once(ctx, "explain.rebind.constant.container", { name, what: value, size: size(ctx, o.size) }));
      return minor(once(ctx, "explain.rebind.constant", { name, value, size: size(ctx, o.size) }));
    case "interned":
      return minor(once(ctx, "explain.rebind.interned", { name, value }));
    case "static":
      return minor(once(ctx, "explain.rebind.static", { name, value }));
    case "library":
      return tr.t("explain.rebind.library", { name, value });
  }
  const others = namesOf(state, id).filter((n) => n !== name);
  if (others.length > 0 && !["int", "float", "bool", "NoneType"].includes(o.type)) {
    return tr.t("explain.rebind.alias", { name, what: describeObject(tr, o, state.objects.get(id)), others: joinNames(tr, others) });
  }
  if ((o.madeAt ?? o.createdAt) < state.index) {
    return tr.t("explain.rebind.made", { name, value, line: o.site.line });
  }
  return tr.t("explain.rebind.existing", { name, value });
}

function mutateSentences(ctx: Context, ev: Of<"mutate">): string[] {
  const { tr, trace, state } = ctx;
  const o = trace.objects[ev.id];
  if (!o) return [];
  if (o.type === "cell") return cellMutated(ctx, ev);
  let names = namesOf(state, ev.id);
  if (names.length === 0) names = pathsTo(state, trace, ev.id);
  // one object with several names is told by the name the line used; a sentence below says they are one
  const who = names.length ? pickName(names, ctx.code ?? "") : describeObject(tr, o, state.objects.get(ev.id));
  const out: string[] = [];
  if (ev.inPlace && ev.value !== undefined) {
    out.push(once(ctx, "explain.mutate.inPlace", { who, value: ev.value, size: size(ctx, ev.size ?? o.size) }));
    return out;
  }
  for (const c of ev.changes) {
    // a generator's "attributes" are the local variables of its paused frame
    if (c.op === "attr" && o.type === "generator") {
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
          out.push(tr.t("explain.mutate.setitem", { who, index: c.at, value: slotText(tr, trace, c.insert[0], state) }));
        } else {
          out.push(tr.t("explain.mutate.reorder", { who, length }));
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
            ? tr.t("explain.mutate.attr", { who, attr: c.name, value: slotText(tr, trace, c.value, state) })
            : tr.t("explain.mutate.attrdel", { who, attr: c.name }),
        );
        break;
    }
  }
  if (names.length > 1 && out.length > 0 && o.type !== "generator") out.push(tr.t("explain.mutate.shared", { names: joinNames(tr, names), n: names.length }));
  if (ev.duringLoop !== undefined) {
    const warning = once(ctx, "explain.mutate.duringLoop", { who, line: ev.duringLoop });
    ctx.warnings?.add(warning);
    out.push(warning);
  }
  if (ev.size !== undefined) {
    const before = ctx.sizeBefore.get(ev.id) ?? o.size;
    if (ev.size > before) out.push(once(ctx, "explain.mutate.grew", { type: o.type, from: size(ctx, before), to: size(ctx, ev.size) }));
    else if (ev.size < before) out.push(tr.t("explain.mutate.shrank", { type: o.type, from: size(ctx, before), to: size(ctx, ev.size) }));
  }
  return out;
}

/** The step after this one starts a call made by this step's line. */
function callsNext(ctx: Context): boolean {
  const next = ctx.trace.steps[ctx.state.index + 1];
  const depths = stackDepths(ctx.trace);
  return next?.event === "call" && depths[ctx.state.index + 1] === depths[ctx.state.index]! + 1;
}

/** Of several names for one object, the one the line's code uses (else the innermost). */
function pickName(names: string[], code: string): string {
  const words = new Set(code.match(/[\p{L}_][\p{L}\p{N}_]*/gu) ?? []);
  return names.find((n) => words.has(n)) ?? names[0]!;
}

function tempSentence(ctx: Context, ev: Of<"temp">, became: string | undefined): string {
  const { tr } = ctx;
  const params = { what: ev.what, type: ev.type, size: size(ctx, ev.size), count: ev.count };
  if (became) return tr.t("explain.temp.argument", params);
  const raised = ctx.state.step.raised;
  if (ev.live && raised) return tr.t(raised.type === ev.type ? "explain.temp.raised" : "explain.temp.raisedLine", params);
  if (ev.live && callsNext(ctx)) return tr.t("explain.temp.waiting", params);
  if (ev.live) return tr.t("explain.temp.live", params);
  if (ev.site === "slice" && ev.length !== undefined && ev.count === 1) {
    return once(ctx, "explain.temp.sliceItems", { ...params, n: ev.length });
  }
  if (ev.site === "slice") return once(ctx, "explain.temp.slice", params);
  return once(ctx, "explain.temp", params);
}

function freeSentence(ctx: Context, id: string): string {
  const { tr, trace } = ctx;
  const o = trace.objects[id]!;
  const freed = ctx.state.freed.get(id);
  const params = { what: describeObject(tr, o, freed), size: size(ctx, freed?.size ?? o.size) };
  if (freed && inCycle(ctx.state, id)) return tr.t("explain.free.cycle", params);
  // what a for loop held without a name goes when the loop is over
  if (o.heldBy === "loop") return tr.t("explain.free.loopDone", { ...params, line: o.site.line });
  return once(ctx, "explain.free", params);
}

/** Was the freed object part of a reference cycle (so the cycle collector freed it)? */
function inCycle(state: MemoryState, id: string): boolean {
  const get = (ref: string) => state.freed.get(ref) ?? state.objects.get(ref);
  const stack: [string, number][] = [[id, 0]];
  const seen = new Set<string>();
  while (stack.length) {
    const [ref, depth] = stack.pop()!;
    const o = get(ref);
    if (!o || depth > 8) continue;
    const children: (import("../core/trace.js").Slot | null)[] = [...(o.items ?? []), ...Object.values(o.attributes ?? {})];
    for (const e of o.entries ?? []) children.push(e.value);
    for (const c of children) {
      if (!c || !("ref" in c)) continue;
      if (c.ref === id) return true;
      if (!seen.has(c.ref)) {
        seen.add(c.ref);
        stack.push([c.ref, depth + 1]);
      }
    }
  }
  return false;
}

/** Sentences for one step, in the order a reader follows: calls, bindings, changes, frees. */
export function sentencesFor(ctx: Context): string[] {
  const { tr, trace, state } = ctx;
  const events = state.step.events;
  const out: string[] = [];
  const said = new Set<string>();
  ctx.unlistedTold = new Set();
  for (const ev of events) {
    if (ev.kind === "call") {
      const key = ev.classBody ? "explain.call.class" : ev.resumed ? "explain.call.resumed" : "explain.call";
      out.push(tr.t(key, { name: ev.name }));
    }
  }
  const isCall = state.step.event === "call";
  const callEvent = events.find((e): e is Of<"call"> => e.kind === "call");
  const paramNames = new Set(callEvent?.params ?? []);
  const params: string[] = [];
  const closure: string[] = [];
  for (const ev of events) {
    if (ev.kind === "rebind") {
      if (isCall && ev.to) {
        if ("ref" in ev.to && state.allocated.has(ev.to.ref) && !said.has(ev.to.ref) && !ctx.fromTemp?.has(ev.to.ref)) {
          said.add(ev.to.ref);
          out.push(allocSentence(ctx, ev.to.ref, ev.name));
          continue;
        }
        const item = tr.t("explain.param", { name: ev.name, value: slotText(tr, trace, ev.to, state) });
        (callEvent?.params && !paramNames.has(ev.name) ? closure : params).push(item);
        if ("ref" in ev.to) said.add(ev.to.ref);
        continue;
      }
      const s = rebindSentence(ctx, ev, state.allocated, said);
      if (s) out.push(s);
    }
  }
  if (params.length) out.push(tr.t("explain.params", { list: params.join(tr.t("explain.list.comma")) }));
  if (closure.length) out.push(tr.t("explain.closure", { list: closure.join(tr.t("explain.list.comma")) }));
  for (const ev of events) {
    if (ev.kind === "alloc" && !said.has(ev.id)) {
      said.add(ev.id);
      const o = trace.objects[ev.id];
      // items made while a container was built are told by the container's sentence
      if (o && isInsideNewContainer(state, ev.id)) continue;
      out.push(allocSentence(ctx, ev.id, undefined));
    } else if (ev.kind === "mutate") {
      out.push(...mutateSentences(ctx, ev));
    }
  }
  const made = unlistedSentence(ctx, "made");
  if (made) out.push(made);
  for (const ev of events) {
    // a returned object used up within the line is told once, by its free below
    if (ev.kind === "temp" && !isFreedObject(trace, state.index, ev)) out.push(tempSentence(ctx, ev, ctx.becameOf?.get(ev)));
  }
  for (const ev of events) if (ev.kind === "free") out.push(freeSentence(ctx, ev.id));
  const freed = unlistedSentence(ctx, "freed");
  if (freed) out.push(freed);
  const raised = state.step.raised;
  if (raised) {
    const message = raised.message.replace(/[.。]+$/, "");
    const key = !raised.here ? "explain.raised.passed" : message ? "explain.raised" : "explain.raised.bare";
    const sentence = tr.t(key, { type: raised.type, message, line: state.step.line });
    ctx.warnings?.add(sentence);
    out.push(sentence);
  }
  for (const ev of events) {
    if (ev.kind === "return") {
      const value = ev.value ? slotText(tr, trace, ev.value, state) : "None";
      const key = ev.classBody
        ? "explain.return.class"
        : ev.yielded
          ? "explain.yield"
          : ev.raised
            ? "explain.return.raised"
            : ev.finished
              ? "explain.return.generator"
              : "explain.return";
      out.push((key === "explain.return" && cellsLiveOn(ctx, ev.name, value)) || tr.t(key, { name: ev.name, value, type: raisedBefore(trace, state.index) }));
    } else if (ev.kind === "error") {
      // Python's own message may end with a full stop; the sentence adds its own
      out.push(tr.t("explain.error", { type: ev.type, message: ev.message.replace(/[.。]+$/, ""), line: ev.line }));
    }
  }
  if (out.length === 0) {
    const quiet = quietSentence(trace, state.index, tr, ctx.told);
    if (quiet) out.push(quiet);
  }
  return out;
}

/** The type of the exception a frame is leaving with: the latest one a step raised. */
function raisedBefore(trace: Trace, index: number): string {
  for (let i = index; i >= 0; i--) {
    const r = trace.steps[i]!.raised;
    if (r) return r.type;
  }
  return "";
}

/** The name of a container (bound to a variable) that holds this object, if any. */
function containerHolding(state: MemoryState, id: string): string | undefined {
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

/** Explanations for every step of a run (worked out once per Trace, locale and form). */
export function explainRun(trace: Trace, tr: Translator, options: { brief?: boolean } = {}): StepExplanation[] {
  return TraceView.of(trace).get(explainKey(tr, options), () => explainTap(trace, tr, options));
}

/** Where a run's explanations are kept in its TraceView. */
export function explainKey(tr: Translator, options: { brief?: boolean } = {}): string {
  return `explain:${tr.locale}:${String(options.brief)}`;
}

/** The explanations, step by step (one replay may feed them and other taps at once). */
export function explainTap(trace: Trace, tr: Translator, options: { brief?: boolean } = {}): Tap<StepExplanation[]> {
  const lines = trace.source.split("\n");
  const becameOf = new Map<Event, string>();
  for (const t of tempEvents(trace)) if (t.became) becameOf.set(t.event, t.became);
  const fromTemp = new Set(becameOf.values());
  const sizes = new Map<string, number>();
  const told = new Set<string>();
  const out: StepExplanation[] = [];
  const step = (state: MemoryState): void => {
    const sizeBefore = new Map(sizes);
    for (const ev of state.step.events) {
      if (ev.kind === "mutate" && ev.size !== undefined && !sizes.has(ev.id)) sizeBefore.set(ev.id, trace.objects[ev.id]?.size ?? 0);
    }
    // a caption stands alone; a run's account says each idea in full once
    const minor = new Set<string>();
    const warnings = new Set<string>();
    const code = (lines[state.step.line - 1] ?? "").trim();
    const sentences = sentencesFor({ tr, trace, state, sizeBefore, told: options.brief === false ? new Set() : told, minor, warnings, code, fromTemp, becameOf });
    for (const ev of state.step.events) if (ev.kind === "mutate" && ev.size !== undefined) sizes.set(ev.id, ev.size);
    const headline = sentences.find((x) => warnings.has(x)) ?? sentences.find((x) => !minor.has(x)) ?? sentences[0];
    out.push({ index: state.index, line: state.step.line, code: (lines[state.step.line - 1] ?? "").trim(), sentences, ...(headline ? { headline } : {}) });
  };
  return { step, done: () => out };
}

/** The explanation of one step (the caption of its diagram). */
export function explainStep(trace: Trace, index: number, tr: Translator): StepExplanation {
  const all = explainRun(trace, tr, { brief: false });
  const hit = all[index];
  if (!hit) throw new RangeError(`step ${index} is outside 0..${all.length - 1}`);
  return hit;
}
