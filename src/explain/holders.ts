/**
 * How many slots of live objects refer to each object, kept step by step from what each step
 * made, changed and freed: "does anything still hold this block?" then costs what the step
 * changed, not a walk over every object (a long linked list walked node by node).
 */
import type { LiveObject, MemoryState } from "../core/state.js";
import type { Slot, Trace } from "../core/trace.js";

export class Holders {
  /** each object's references as last counted: its own id → the ids its slots hold */
  private readonly refsOf = new Map<string, string[]>();
  private readonly counts = new Map<string, number>();
  private readonly madeAt = new Map<number, string[]>();

  constructor(trace: Trace) {
    for (const [id, o] of Object.entries(trace.objects)) {
      const list = this.madeAt.get(o.createdAt);
      if (list) list.push(id);
      else this.madeAt.set(o.createdAt, [id]);
    }
  }

  /** Brings the counts to the state after its step (called once per step, in order). */
  update(state: MemoryState): void {
    for (const id of state.freed.keys()) this.recount(id, undefined);
    for (const id of this.madeAt.get(state.index) ?? []) this.recount(id, state.objects.get(id));
    for (const id of state.mutated) this.recount(id, state.objects.get(id));
  }

  /** Whether some other live object's slot refers to `id`. */
  held(id: string): boolean {
    return (this.counts.get(id) ?? 0) > 0;
  }

  private recount(id: string, o: LiveObject | undefined): void {
    for (const ref of this.refsOf.get(id) ?? []) this.counts.set(ref, (this.counts.get(ref) ?? 1) - 1);
    const refs: string[] = [];
    if (o) {
      const add = (s: Slot | null | undefined): void => {
        if (s && "ref" in s && s.ref !== id) refs.push(s.ref);
      };
      o.items?.forEach(add);
      for (const s of Object.values(o.attributes ?? {})) add(s);
      for (const e of o.entries ?? []) {
        add(e.key);
        add(e.value);
      }
    }
    for (const ref of refs) this.counts.set(ref, (this.counts.get(ref) ?? 0) + 1);
    if (refs.length) this.refsOf.set(id, refs);
    else this.refsOf.delete(id);
  }
}
