/** Shared test helpers: one Python engine per test file, and ways to read a Trace. */
import { sharedPythonEngine, type PythonEngine } from "../src/runners/python/index.js";
import { stateAt, type HeapObject, type Trace } from "../src/core/index.js";
import { sessionSimulator, type Simulator } from "../src/chat/index.js";
import { createSessionLayer, type SessionLayer } from "../src/session/index.js";
import { checkTrace } from "../src/core/trace-check.js";
import { runC } from "../src/runners/c/interp/index.js";
import { createTraceRecorder } from "../src/runners/c/trace/index.js";

let inline: SessionLayer | undefined;

/** Chat's simulator over the session layer's inline engine (this process's interpreter: fast, not
 * isolated), for tests of the layers above the runner. */
export function inlineSimulator(limits?: Parameters<typeof sessionSimulator>[1]): Simulator {
  inline ??= createSessionLayer({ engine: "inline" });
  return sessionSimulator(inline, limits);
}

/** The engine, loaded once per test file (restored from the start-up snapshot: under a second). */
export function engine(): Promise<PythonEngine> {
  return sharedPythonEngine();
}

export async function trace(source: string, options?: Parameters<PythonEngine["run"]>[1]): Promise<Trace> {
  return (await engine()).run(source, options);
}

/** A C program's Trace, run by the C interpreter in this thread and checked as a sandbox's would be. */
export async function cTrace(source: string, stdin?: string): Promise<Trace> {
  const recorder = createTraceRecorder(source, {});
  await runC(source, { recorder, ...(stdin !== undefined ? { stdin } : {}), maxSteps: 200_000 });
  return checkTrace(JSON.parse(JSON.stringify(recorder.trace())));
}

/** The object a variable of the outermost frame refers to after the last step. */
export function finalVar(t: Trace, name: string): HeapObject & { id: string; currentSize: number } {
  const last = t.steps.length - 1;
  const state = stateAt(t, last);
  for (let f = state.frames.length - 1; f >= 0; f--) {
    const slot = state.frames[f]!.vars[name];
    if (slot && "ref" in slot) {
      const live = state.objects.get(slot.ref);
      const base = t.objects[slot.ref]!;
      return { ...base, id: slot.ref, currentSize: live?.size ?? base.size };
    }
  }
  throw new Error(`no variable ${name} at the last step`);
}

/** Every event of a kind, with the index of its step. */
export function eventsOf<K extends Trace["steps"][number]["events"][number]["kind"]>(
  t: Trace,
  kind: K,
): (Extract<Trace["steps"][number]["events"][number], { kind: K }> & { step: number; line: number })[] {
  const out: (Extract<Trace["steps"][number]["events"][number], { kind: K }> & { step: number; line: number })[] = [];
  t.steps.forEach((s, i) => {
    for (const e of s.events) {
      if (e.kind === kind) out.push({ ...(e as Extract<typeof e, { kind: K }>), step: i, line: s.line });
    }
  });
  return out;
}
