/**
 * Which names refer to each object, kept by the replay as names are bound and frames come and
 * go: a question about one object costs what refers to it, not every name of every frame (a
 * program with thousands of globals asks it at every step).
 */
import type { Frame } from "./trace.js";

/** (frame index, name) pairs that refer to one object */
type Holders = Map<string, [number, string]>;

export class NameIndex {
  private readonly byRef = new Map<string, Holders>();
  /** refs of objects that can hold others (lists, dicts, sets…), with how many names refer to each */
  private readonly containers = new Map<string, number>();

  constructor(private readonly isContainer: (ref: string) => boolean) {}

  add(frame: number, name: string, ref: string): void {
    let holders = this.byRef.get(ref);
    if (!holders) this.byRef.set(ref, (holders = new Map()));
    const key = `${frame}\0${name}`;
    if (holders.has(key)) return;
    holders.set(key, [frame, name]);
    if (this.isContainer(ref)) this.containers.set(ref, (this.containers.get(ref) ?? 0) + 1);
  }

  remove(frame: number, name: string, ref: string): void {
    const holders = this.byRef.get(ref);
    if (!holders?.delete(`${frame}\0${name}`)) return;
    if (holders.size === 0) this.byRef.delete(ref);
    const n = this.containers.get(ref);
    if (n !== undefined) {
      if (n <= 1) this.containers.delete(ref);
      else this.containers.set(ref, n - 1);
    }
  }

  addFrame(index: number, frame: Frame): void {
    for (const [name, slot] of Object.entries(frame.vars)) if ("ref" in slot) this.add(index, name, slot.ref);
  }

  removeFrame(index: number, frame: Frame): void {
    for (const [name, slot] of Object.entries(frame.vars)) if ("ref" in slot) this.remove(index, name, slot.ref);
  }

  /** The (frame, name) pairs that refer to `ref`, innermost frame first, each frame's names
   * in the order the frame holds them. */
  holders(ref: string, frames: Frame[]): [number, string][] {
    const found = [...(this.byRef.get(ref)?.values() ?? [])];
    return inFrameOrder(found, frames);
  }

  /** Refs of containers some name refers to. */
  namedContainers(): Iterable<string> {
    return this.containers.keys();
  }
}

/** Orders (frame, name) pairs as a walk of the frames would meet them: innermost first, and in
 * a frame by the order its names were bound (read from the frame only when two share it). */
export function inFrameOrder(pairs: [number, string][], frames: Frame[]): [number, string][] {
  if (pairs.length < 2) return pairs;
  const shared = new Set<number>();
  const seen = new Set<number>();
  for (const [f] of pairs) (seen.has(f) ? shared : seen).add(f);
  const position = new Map<string, number>();
  for (const f of shared) Object.keys(frames[f]?.vars ?? {}).forEach((name, i) => position.set(`${f}\0${name}`, i));
  return pairs.sort((a, b) => b[0] - a[0] || (position.get(`${a[0]}\0${a[1]}`) ?? 0) - (position.get(`${b[0]}\0${b[1]}`) ?? 0));
}
