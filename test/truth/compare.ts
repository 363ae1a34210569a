/**
 * Comparing what native CPython did with what memsim says it did, step by step.
 *
 * Steps are paired by (event, line, innermost function, depth). At each pair, every name
 * of every frame (and a returning frame's value, and what a name's object holds: its first
 * items, str and int keys, attributes, a function's defaults and closure variables, a
 * paused generator's locals) must refer to an object of the same type, length and, for
 * scalars, value; names share an object on one side exactly when they do on the other; a
 * name keeps or changes its object between consecutive steps alike; and the output and the
 * exception must match.
 *
 * Not held against memsim, because the native version (3.11 on CI) differs from memsim's
 * CPython 3.14 there:
 * - list, set and dict comprehensions (inlined into their frame in 3.12+, PEP 709): the
 *   extra line steps of their loop, and their loop names in a function's frame;
 * - sizes of types whose layout changed (SIZE_COMPARED says which are compared), and a
 *   list's spare capacity;
 * - an immutable object at a reused id with another value is a new object (see IMMUTABLE).
 * And one thing memsim shows in another place: a running generator's locals are its
 * frame's, on the stack; memsim reads them into the generator object when it pauses.
 * No exception was needed for interning or the small-int cache: both versions cache -5..256
 * and one-character strings, and intern the program's constant names alike.
 */
import { alignKeys } from "./align.js";
import type { Fact, FrameFacts, NativeRun, RunFacts, StepFacts } from "./facts.js";

/**
 * Types whose sys.getsizeof is the same on 64-bit 3.11, 3.13 and 3.14, so native sizes
 * must equal memsim's. Not compared: str (the compact string header shrank by 8 bytes in
 * 3.12), tuple (3.14 caches the hash in the object), function (fields added in 3.12 and
 * 3.14), instances and classes (3.12+ keep attributes inline), generators (their frame
 * layout changes with each version).
 */
export const SIZE_COMPARED = new Set([
  "int", "bool", "float", "complex", "NoneType", "dict", "set", "frozenset", "bytes", "range",
]);

/** A list's layout did not change, but 3.12 changed how list(), sorted() and str.split()
 * reserve room, so its capacity depends on the version: only checked to hold its items. */
const LIST_HEADER = 56;

/** Types whose value the recorder writes (scalars): memsim's text for others is a description. */
const SCALAR = new Set(["int", "bool", "float", "complex", "NoneType", "str", "bytes", "range"]);

/** Immutable types: one of these whose value changed is a new object, even at the same id
 * (freed and reused, or a str that `s += t` resized in place: to Python it is a new str). */
const IMMUTABLE = new Set(["int", "bool", "float", "complex", "str", "bytes", "tuple", "frozenset", "range", "NoneType"]);

export interface Disagreement {
  kind: string;
  /** index of the step in memsim's trace (or in the native run, for a step memsim lacks) */
  step: number;
  line: number;
  frame: string;
  name: string;
  native: string;
  memsim: string;
}

export interface Comparison {
  disagreements: Disagreement[];
  aligned: number;
  nativeSteps: number;
  memsimSteps: number;
  /** steps left unpaired because 3.12+ steps an inlined comprehension's line again */
  tolerated: number;
  sizesCompared: number;
  /** names compared, and of those: names seen on consecutive steps, names sharing an object */
  namesCompared: number;
  identityChecks: number;
  sharedNames: number;
}

/** A disagreement as one readable line, stable between runs (no ids or addresses). */
export function describe(d: Disagreement): string {
  const where = `line ${d.line} in ${d.frame}`;
  const what = d.name ? `${d.name}: ` : "";
  return `${d.kind} at ${where}: ${what}native ${d.native}, memsim ${d.memsim}`;
}

function stepKey(s: StepFacts): string {
  const top = s.frames[s.frames.length - 1];
  return `${s.event} ${s.line} ${top?.name ?? "-"} ${s.frames.length}`;
}

function show(f: Fact | undefined): string {
  if (!f) return "(no such name)";
  const parts = [f.type];
  if (f.value !== null) parts.push(f.value);
  if (f.length !== null) parts.push(`len ${f.length}`);
  return parts.join(" ");
}

interface Context {
  out: Disagreement[];
  counts: { names: number; identity: number; shared: number };
  step: number;
  line: number;
}

function compareFact(ctx: Context, frame: string, name: string, n: Fact, m: Fact, sizes: { n: number }): void {
  const add = (kind: string, native: string, memsim: string) =>
    ctx.out.push({ kind, step: ctx.step, line: ctx.line, frame, name, native, memsim });
  if (n.type !== m.type) {
    add("type", n.type, m.type);
    return;
  }
  if (SCALAR.has(n.type) && n.value !== m.value) add("value", n.value ?? "(none)", m.value ?? "(none)");
  if (n.length !== m.length) add("length", String(n.length), String(m.length));
  if (SIZE_COMPARED.has(n.type)) {
    sizes.n++;
    if (n.size !== m.size) add("size", `${n.size} bytes`, `${m.size} bytes`);
  } else if (n.type === "list" && n.size < LIST_HEADER) {
    // list.sort() empties its list while it runs (no items, capacity -1): CPython's own
    // getsizeof says 8 bytes less than an empty list's, and both versions agree on it
    sizes.n++;
    if (n.size !== m.size) add("size", `${n.size} bytes (a list being sorted)`, `${m.size} bytes`);
  } else if (n.type === "list" && m.length !== null && m.size < LIST_HEADER + 8 * m.length) {
    add("size", `room for ${n.length} items or more`, `${m.size} bytes for ${m.length} items`);
  }
}

/** Names of every frame as "frame#index/name", in one order, with their facts. */
function named(step: StepFacts): Map<string, Fact> {
  const out = new Map<string, Fact>();
  step.frames.forEach((f, i) => {
    for (const [k, v] of Object.entries(f.vars)) out.set(`${i}:${f.name}/${k}`, v);
    if (f.returned) out.set(`${i}:${f.name}/(returned)`, f.returned);
  });
  return out;
}

function sameObject(a: Fact, b: Fact, native: boolean): boolean {
  if (a.id !== b.id) return false;
  if (!native) return true;
  return a.type === b.type && (!IMMUTABLE.has(a.type) || (a.value === b.value && a.length === b.length));
}

function compareSharing(ctx: Context, n: StepFacts, m: StepFacts): void {
  const nn = named(n);
  const mm = named(m);
  const firstN = new Map<string, string>();
  const firstM = new Map<string, string>();
  for (const [key, nf] of nn) {
    const mf = mm.get(key);
    if (!mf) continue;
    const [frameName, name] = [key.slice(key.indexOf(":") + 1, key.lastIndexOf("/")), key.slice(key.lastIndexOf("/") + 1)];
    const rn = firstN.get(nf.id) ?? key;
    const rm = firstM.get(mf.id) ?? key;
    firstN.set(nf.id, rn);
    firstM.set(mf.id, rm);
    if (rn !== key) ctx.counts.shared++;
    if (rn !== rm) {
      const other = (k: string) => k.slice(k.indexOf(":") + 1).replace("/", ".");
      ctx.out.push({
        kind: "sharing", step: ctx.step, line: ctx.line, frame: frameName, name,
        native: rn === key ? "its own object" : `the object of ${other(rn)}`,
        memsim: rm === key ? "its own object" : `the object of ${other(rm)}`,
      });
    }
  }
}

/** Compares one program's native run with memsim's. */
export function compareRuns(native: NativeRun, memsim: RunFacts): Comparison {
  const comprehensionLines = new Set(native.comprehensionLines);
  const out: Disagreement[] = [];
  const nKeys = native.steps.map(stepKey);
  const mKeys = memsim.steps.map(stepKey);
  // 3.12+ inlines list, set and dict comprehensions into their frame (PEP 709): each pass
  // of their loop is a line event of the line holding them, which 3.11 sees in a frame of
  // its own (not traced, as it is no frame in 3.14). Of a run of such steps only the last,
  // the line's end, is paired; the others are left out on both sides.
  const inlined = (steps: StepFacts[], keys: string[]) =>
    steps.map((s, j) => s.event === "line" && comprehensionLines.has(s.line) && keys[j + 1] === keys[j]);
  const nInlined = inlined(native.steps, nKeys);
  const mInlined = inlined(memsim.steps, mKeys);
  const nKept = nKeys.map((_, i) => i).filter((i) => !nInlined[i]);
  const mKept = mKeys.map((_, j) => j).filter((j) => !mInlined[j]);
  const pairs = alignKeys(nKept.map((i) => nKeys[i]!), mKept.map((j) => mKeys[j]!))
    .map(([a, b]): [number, number] => [nKept[a]!, mKept[b]!]);
  let tolerated = nInlined.filter(Boolean).length;
  const sizes = { n: 0 };

  // steps only one side has
  const pairedN = new Set(pairs.map(([i]) => i));
  const pairedM = new Set(pairs.map(([, j]) => j));
  native.steps.forEach((s, i) => {
    if (pairedN.has(i) || nInlined[i]) return;
    out.push({ kind: "step only native", step: i, line: s.line, frame: s.frames.at(-1)?.name ?? "-", name: "", native: nKeys[i]!, memsim: "(none)" });
  });
  memsim.steps.forEach((s, j) => {
    if (pairedM.has(j)) return;
    // and a comprehension that calls a function steps its line again after each return
    if (mInlined[j] || (s.event === "line" && comprehensionLines.has(s.line))) {
      tolerated++;
      return;
    }
    out.push({ kind: "step only memsim", step: j, line: s.line, frame: s.frames.at(-1)?.name ?? "-", name: "", native: "(none)", memsim: mKeys[j]! });
  });

  const comprehensionNames = new Set(native.comprehensionNames);
  // a name a comprehension binds shows in its enclosing function's frame while it runs in
  // 3.12+, in the comprehension's own frame in 3.11
  const inlinedName = (frame: FrameFacts, name: string) => frame.name !== "<module>" && comprehensionNames.has(name);

  // a running generator's locals are its frame's, on the stack; memsim reads them into the
  // generator object when it pauses
  const runningGenerator = (frame: FrameFacts, name: string) => {
    const owner = frame.vars[name.slice(0, name.lastIndexOf("."))];
    return owner?.type === "generator" && owner.value === "running";
  };
  const counts = { names: 0, identity: 0, shared: 0 };
  let prev: [number, number] | undefined;
  for (const [i, j] of pairs) {
    const n = native.steps[i]!;
    const m = memsim.steps[j]!;
    const ctx: Context = { out, counts, step: j, line: m.line };
    n.frames.forEach((nf, fi) => {
      const mf = m.frames[fi]!;
      if (nf.name !== mf.name) {
        out.push({ kind: "frame", step: j, line: m.line, frame: nf.name, name: "", native: nf.name, memsim: mf.name });
        return;
      }
      for (const [name, fact] of Object.entries(nf.vars)) {
        const mfact = mf.vars[name];
        if (!mfact) {
          out.push({ kind: "name", step: j, line: m.line, frame: nf.name, name, native: show(fact), memsim: "(no such name)" });
          continue;
        }
        counts.names++;
        compareFact(ctx, nf.name, name, fact, mfact, sizes);
      }
      for (const [name, mfact] of Object.entries(mf.vars)) {
        if (!(name in nf.vars) && !inlinedName(nf, name) && !runningGenerator(nf, name)) {
          out.push({ kind: "name", step: j, line: m.line, frame: nf.name, name, native: "(no such name)", memsim: show(mfact) });
        }
      }
      if (nf.returned || mf.returned) {
        if (!nf.returned || !mf.returned) {
          out.push({ kind: "returned", step: j, line: m.line, frame: nf.name, name: "(returned)", native: show(nf.returned), memsim: show(mf.returned) });
        } else compareFact(ctx, nf.name, "(returned)", nf.returned, mf.returned, sizes);
      }
    });
    compareSharing(ctx, n, m);
    // identity between steps, where the native run shows it (consecutive native steps)
    if (prev && prev[0] === i - 1) {
      compareIdentity(ctx, native.steps[prev[0]]!, n, memsim.steps[prev[1]]!, m);
    }
    prev = [i, j];
  }

  if (native.stdout !== memsim.stdout) {
    out.push({ kind: "stdout", step: memsim.steps.length, line: 0, frame: "-", name: "", native: JSON.stringify(native.stdout.slice(0, 200)), memsim: JSON.stringify(memsim.stdout.slice(0, 200)) });
  }
  const errText = (e: RunFacts["error"]) => (e ? `${e.type}: ${e.message}` : "(no exception)");
  if (errText(native.error) !== errText(memsim.error)) {
    out.push({ kind: "exception", step: memsim.steps.length, line: 0, frame: "-", name: "", native: errText(native.error), memsim: errText(memsim.error) });
  }
  out.sort((a, b) => a.step - b.step);
  return {
    disagreements: out, aligned: pairs.length, nativeSteps: native.steps.length, memsimSteps: memsim.steps.length,
    tolerated, sizesCompared: sizes.n, namesCompared: counts.names, identityChecks: counts.identity, sharedNames: counts.shared,
  };
}

function compareIdentity(
  ctx: Context, n0: StepFacts, n1: StepFacts, m0: StepFacts, m1: StepFacts,
): void {
  // a call step's innermost frame is new: it continues nothing
  const fresh = n1.event === "call" ? n1.frames.length - 1 : -1;
  const depth = Math.min(n0.frames.length, n1.frames.length, m0.frames.length, m1.frames.length);
  for (let fi = 0; fi < depth; fi++) {
    if (fi === fresh) break;
    const a = n0.frames[fi]!;
    const b = n1.frames[fi]!;
    if (a.name !== b.name) break;
    for (const [name, nb] of Object.entries(b.vars)) {
      const na = a.vars[name];
      const ma = m0.frames[fi]!.vars[name];
      const mb = m1.frames[fi]!.vars[name];
      if (!na || !ma || !mb) continue;
      // a str that got longer (`s += t`) keeps its block or moves as the allocator finds room:
      // whether it stayed is the allocator's business, and native CPython's is another one
      if (IMMUTABLE.has(na.type) && (na.value !== nb.value || na.length !== nb.length)) continue;
      ctx.counts.identity++;
      const nativeSame = sameObject(na, nb, true);
      const memsimSame = sameObject(ma, mb, false);
      if (nativeSame !== memsimSame) {
        ctx.out.push({
          kind: "identity", step: ctx.step, line: ctx.line, frame: b.name, name,
          native: nativeSame ? "the same object as the step before" : "a different object from the step before",
          memsim: memsimSame ? "the same object as the step before" : "a different object from the step before",
        });
      }
    }
  }
}
