/**
 * The facts both sides of the truth test are compared on: per step, each frame's names
 * and, for each name, the object it refers to (an id that stands for identity, its type,
 * length, scalar value and size).
 */
import { replay, type Trace } from "../../src/core/index.js";

/** What a name refers to. `id` is native id() or memsim's object id: only equality counts. */
export interface Fact {
  id: string;
  type: string;
  length: number | null;
  value: string | null;
  size: number;
}

export interface FrameFacts {
  name: string;
  vars: Record<string, Fact>;
  returned?: Fact;
}

export interface StepFacts {
  line: number;
  event: string;
  frames: FrameFacts[];
}

export interface RunFacts {
  steps: StepFacts[];
  stdout: string;
  /** the exception the program ended with */
  error: { type: string; message: string } | null;
}

/** Items of a container compared, besides its length (PARTS in recorder.py). */
export const PARTS = 8;

/** One program as the native recorder saw it (test/truth/recorder.py). */
export interface NativeRun extends RunFacts {
  file: string;
  version: string;
  /** names bound by list, set or dict comprehensions */
  comprehensionNames: string[];
  /** lines holding a list, set or dict comprehension */
  comprehensionLines: number[];
}

type RawFact = [number, string, number | null, string | null, number];
interface RawFrame {
  name: string;
  vars: Record<string, RawFact>;
  returned?: RawFact;
}

function nativeFact(raw: RawFact): Fact {
  return { id: String(raw[0]), type: raw[1], length: raw[2], value: raw[3], size: raw[4] };
}

/** Reads one line of the recorder's output. */
export function parseNative(line: string): NativeRun {
  const raw = JSON.parse(line) as {
    file: string;
    version: string;
    comprehensionNames: string[];
    comprehensionLines: number[];
    stdout: string;
    error?: { type: string; message: string };
    steps: { line: number; event: string; frames: RawFrame[] }[];
  };
  return {
    file: raw.file,
    version: raw.version,
    comprehensionNames: raw.comprehensionNames,
    comprehensionLines: raw.comprehensionLines,
    stdout: raw.stdout,
    error: raw.error ?? null,
    steps: raw.steps.map((s) => ({
      line: s.line,
      event: s.event,
      frames: s.frames.map((f) => {
        const out: FrameFacts = { name: f.name, vars: {} };
        for (const [k, v] of Object.entries(f.vars)) out.vars[k] = nativeFact(v);
        if (f.returned) out.returned = nativeFact(f.returned);
        return out;
      }),
    })),
  };
}

/** The same facts, derived from a memsim Trace by replaying it. */
export function memsimFacts(trace: Trace): RunFacts {
  const steps: StepFacts[] = [];
  for (const state of replay(trace)) {
    // what a name's object holds, named as recorder.py names it (xs[0], d['k'], p.x, f.count)
    const addParts = (vars: Record<string, Fact>, name: string, slot: { ref: string } | { value: string }) => {
      if (!("ref" in slot)) return;
      const live = state.objects.get(slot.ref);
      const base = live?.base;
      if (!live || !base) return;
      if (base.type === "list" || base.type === "tuple") {
        (live.items ?? []).slice(0, PARTS).forEach((item, i) => {
          if (item) vars[`${name}[${i}]`] = factOf(item);
        });
      } else if (base.type === "dict") {
        for (const e of (live.entries ?? []).slice(0, PARTS)) {
          const key = e.key && "ref" in e.key ? trace.objects[e.key.ref] : undefined;
          if (key && (key.type === "int" || key.type === "str") && key.value !== undefined && e.value) {
            vars[`${name}[${key.value}]`] = factOf(e.value);
          }
        }
      } else if (base.cls !== undefined || ((base.type === "function" || base.type === "type" || base.type === "generator") && base.origin === undefined)) {
        for (const [attr, value] of Object.entries(live.attributes ?? {})) {
          if (value) vars[`${name}.${attr}`] = factOf(value);
        }
      }
    };
    const factOf = (slot: { ref: string } | { value: string }): Fact => {
      if (!("ref" in slot)) return { id: `value:${slot.value}`, type: "?", length: null, value: slot.value, size: 0 };
      const live = state.objects.get(slot.ref);
      // a function's closure variable refers to its cell: Python shows the value the cell holds
      if (live?.base.type === "cell") {
        const held = Object.values(live.attributes ?? {})[0];
        if (held) return factOf(held);
        return { id: `${slot.ref}:empty`, type: "<empty cell>", length: null, value: null, size: 0 };
      }
      const base = live?.base ?? trace.objects[slot.ref];
      if (!base) return { id: slot.ref, type: "<missing object>", length: null, value: null, size: 0 };
      return {
        id: slot.ref,
        type: live ? base.type : `${base.type} (already freed)`,
        length: live?.length ?? base.length ?? null,
        // a value changed in place (a str grown in its block) is the live object's
        value: base.value ?? null,
        size: live?.size ?? base.size,
      };
    };
    steps.push({
      line: state.step.line,
      event: state.step.event,
      frames: state.frames.map((f) => {
        const out: FrameFacts = { name: f.name, vars: {} };
        for (const [k, slot] of Object.entries(f.vars)) {
          out.vars[k] = factOf(slot);
          addParts(out.vars, k, slot);
        }
        if (f.returned) out.returned = factOf(f.returned);
        return out;
      }),
    });
  }
  const o = trace.outcome;
  return {
    steps,
    stdout: trace.stdout,
    error: o.status === "error" || o.status === "syntax-error" ? { type: o.type, message: o.message } : null,
  };
}
