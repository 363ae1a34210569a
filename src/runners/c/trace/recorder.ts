/**
 * The Trace builder for C: a `CRecorder` that turns the interpreter's steps into a Trace v2.
 * Each step the interpreter announces closes the one before it: its events are what the last
 * statement did, read from the memory events and the bytes written, so a step stores only
 * what changed. Locals are a frame's variables (arrays and structs objects of their own), heap
 * blocks are objects read as the type of the first pointer that holds them, pointers are
 * references to the object they point into.
 */
import { MemsimError } from "../../../core/errors.js";
import type { Event, HeapObject, Outcome, PushedFrame, Slot, Step, Trace } from "../../../core/trace.js";
import { describeAddress, functionAt, blockAt, mustSizeOf, readBytes, isFault, type Block, type Frame, type Memory } from "../memory/index.js";
import type { CEnd, CMemoryEvent, CRecorder, CStep } from "../recorder.js";
import { arrayOf, isRecord, T, type CType } from "../types.js";
import { buildNode, nodeIds, refreshNode, resizeNode, sameSlot, type Common, type Ctx, type Node } from "./objects.js";
import { faultOutcome } from "./outcome.js";
import { bytesSlot, cName, hex, isAggregate, readSlot } from "./values.js";

export interface TraceOptions {
  /** the limits the run was given, for a limit's outcome */
  limits?: Partial<Record<"steps" | "time" | "output" | "memory", number>>;
}

interface FrameRec {
  mf: Frame;
  /** locals seen so far */
  known: number;
  names: Set<string>;
}

/** A variable or block the Trace shows: an array or record (`node`), or a scalar (`cell`). */
interface Root {
  block: Block;
  pending: boolean;
  freed: boolean;
  node?: Node;
  cell?: { type: CType; slot: Slot; id?: string; name: string; frame?: FrameRec };
  heap?: { requested: number; elem?: CType };
  /** a local's object id: a variable whose block ended and was declared again is a new object */
  lid?: string;
}

const localId = (root: Root): string => root.lid ?? `l${root.block.id}`;

const BYTES: CType = T.unsignedChar;

/** What a C Trace says ran it, and whose sizes it shows. */
export const C_RUNTIME = { name: "C (gcc 12, -O0)", version: "C17", sizeModel: "LP64 C on x86-64 Linux (gcc, glibc)", engine: "memsim's C interpreter (TypeScript)" };

export class CTraceRecorder implements CRecorder {
  private readonly lines: string[];
  private readonly objects: Record<string, HeapObject> = {};
  private readonly steps: Step[] = [];
  private readonly roots = new Map<number, Root>();
  private frames: FrameRec[] = [];
  private stdout = "";
  private outcome: Outcome | undefined;
  private prevLine: number | undefined;
  /** per step: the type a pending heap block is first pointed to as */
  private candidates = new Map<Root, CType>();
  private events: Event[] = [];
  private ctx!: Ctx;
  private index = 0;
  /** how many lifetimes each block-scoped local has had (a loop's body declares it anew each turn) */
  private lifetimes = new Map<number, number>();

  constructor(private readonly source: string, private readonly options: TraceOptions = {}) {
    this.lines = source.split("\n");
  }

  private site(line: number, kind?: string): HeapObject["site"] {
    const what = (this.lines[line - 1] ?? "").trim().slice(0, 80);
    return kind ? { line, what, kind } : { line, what };
  }

  step(s: CStep, mem: Memory): void {
    // a call starts on the caller's line: as in Python's Trace, that line gets a step of its own
    // (what the line declared shows there; "this line calls f()" is told on it), then the call's
    const callerLine = s.event === "call" && s.lines.length > 1 ? s.lines[s.lines.length - 2] : undefined;
    let callerStep: Step | undefined;
    if (callerLine !== undefined && this.steps.length > 0 && this.steps.at(-1)!.line !== callerLine) {
      callerStep = { line: callerLine, event: "line", top: callerLine, events: [] };
      this.steps.push(callerStep);
      this.prevLine = callerLine;
    }
    this.index = this.steps.length;
    this.events = [];
    this.candidates = new Map();
    this.ctx = { mem, pointer: (a, t) => this.pointer(mem, a, t), objects: this.objects, changes: new Map() };
    if (this.index === 0) this.placeGlobals(mem);
    const frees: Event[] = [];
    const dirty = new Map<Root, [number, number][]>();
    const pushed: FrameRec[] = [];
    let pop = 0;
    const fresh: Root[] = [];
    const resizing = new Set<Root>();
    const scopes: Extract<CMemoryEvent, { kind: "scope" }>[] = [];
    for (const ev of s.events) {
      if (ev.kind === "scope") scopes.push(ev);
      else if (ev.kind === "alloc") {
        const root: Root = { block: ev.block, pending: true, freed: false, heap: { requested: ev.requested } };
        this.roots.set(ev.block.id, root);
        fresh.push(root);
      } else if (ev.kind === "free") this.drop(ev.block, frees);
      else if (ev.kind === "realloc") {
        const from = this.roots.get(ev.from.id);
        if (ev.moved) {
          if (!this.roots.has(ev.to.id)) {
            const root: Root = { block: ev.to, pending: true, freed: false, heap: { requested: ev.to.size } };
            if (from?.heap?.elem) root.heap!.elem = from.heap.elem;
            this.roots.set(ev.to.id, root);
            fresh.push(root);
          }
          this.drop(ev.from, frees);
        } else if (from?.heap && !from.pending && !from.freed) resizing.add(from);
      } else if (ev.kind === "write") {
        const root = this.roots.get(ev.block.id);
        if (!root || root.pending || root.freed) continue;
        const range: [number, number] = [ev.block.address + ev.offset, ev.block.address + ev.offset + ev.size];
        const list = dirty.get(root);
        if (list) list.push(range);
        else dirty.set(root, [range]);
      } else if (ev.op === "push") {
        const mf = mem.frames[ev.frame];
        if (mf) pushed.push({ mf, known: 0, names: new Set() });
      } else if (pushed.length) pushed.pop();
      else {
        const rec = this.frames.pop();
        if (!rec) continue;
        pop++;
        for (const b of rec.mf.locals) this.drop(b, frees);
      }
    }
    const frameIndex = (rec: FrameRec): number => this.frames.indexOf(rec);
    const rebinds: Event[] = [];
    // locals declared since (a block's variables) in frames already shown
    const added: Root[] = [];
    for (const rec of this.frames) for (; rec.known < rec.mf.locals.length; rec.known++) added.push(this.local(rec, rec.mf.locals[rec.known]!));
    // blocks that ended, in order: one declared again at this step ends first (its name goes
    // before the new variable takes it); the others end once all else is told
    const ending: Root[] = [];
    for (const ev of scopes) {
      for (const b of ev.blocks) {
        const root = this.roots.get(b.id);
        if (!root) continue;
        if (ev.op === "exit") {
          if (!root.freed && !ending.includes(root)) ending.push(root);
          continue;
        }
        if (ending.includes(root)) {
          ending.splice(ending.indexOf(root), 1);
          this.endLifetime(root);
        }
        if (root.freed) added.push(this.newLifetime(root));
      }
    }
    for (const [root, ranges] of dirty) {
      if (root.node) for (const [lo, hi] of ranges) refreshNode(this.ctx, root.node, lo, hi);
      else if (root.cell) this.refreshCell(root, rebinds, frameIndex);
    }
    const push: PushedFrame[] = [];
    const params: Event[] = [];
    for (const rec of pushed) {
      this.frames.push(rec);
      const depth = this.frames.length - 1;
      // a new frame's locals at its call are its parameters, bound as the call starts (as Python's are)
      const names: string[] = [];
      for (; rec.known < rec.mf.locals.length; rec.known++) {
        const root = this.local(rec, rec.mf.locals[rec.known]!);
        const name = this.nameOf(root);
        names.push(name);
        params.push({ kind: "rebind", frame: depth, name, to: this.build(root) });
      }
      push.push({ name: rec.mf.fn, line: s.lines[depth] ?? s.line, vars: {}, address: hex(rec.mf.top) });
      this.events.push({ kind: "call", name: rec.mf.fn, frame: depth, params: names });
    }
    for (const root of added) {
      if (root.freed) continue;
      const rec = root.cell?.frame ?? this.frames.find((f) => f.mf.locals.includes(root.block));
      const name = this.nameOf(root);
      const to = this.build(root);
      // a variable the calling line declared belongs to the caller's step, not to the call's parameters
      if (rec && callerStep && !("ref" in to)) callerStep.events.push({ kind: "rebind", frame: frameIndex(rec), name, to });
      else if (rec) rebinds.push({ kind: "rebind", frame: frameIndex(rec), name, to });
    }
    rebinds.unshift(...params);
    for (const root of fresh) if (this.roots.get(root.block.id) === root && !root.freed) this.buildHeap(root);
    const resized = new Map<string, { size: number; length: number }>();
    for (const root of resizing) {
      if (!root.node || root.freed) continue;
      for (const id of resizeNode(this.ctx, root.node, this.heapType(root), this.common(root), this.index)) frees.push({ kind: "free", id });
      const t = root.node.type;
      resized.set(root.node.id, { size: root.block.size, length: t.kind === "array" ? t.length ?? 0 : 1 });
    }
    for (const root of fresh) if (root.node && this.objects[root.node.id]) this.events.push({ kind: "alloc", id: root.node.id });
    this.events.push(...frees, ...rebinds);
    for (const [id, changes] of this.ctx.changes) {
      const ev: Extract<Event, { kind: "mutate" }> = { kind: "mutate", id, changes };
      const grown = resized.get(id);
      if (grown) Object.assign(ev, grown);
      this.events.push(ev);
    }
    for (const root of ending) this.endLifetime(root);
    this.record(s, pop, push);
  }

  /**
   * A block ended: its variable leaves its frame's names (told with the value it held) and an
   * object it had is freed, so a pointer still holding its address dangles. One declared and
   * ended within this step is shown first, so what it held (a block's last pointer) is told.
   */
  private endLifetime(root: Root): void {
    const rec = root.cell?.frame ?? this.frames.find((f) => f.mf.id === root.block.frame);
    if (root.freed || !rec) return;
    const frame = this.frames.indexOf(rec);
    const name = this.nameOf(root);
    if (root.pending) this.events.push({ kind: "rebind", frame, name, to: this.build(root) });
    const from = root.cell ? (root.cell.id ? { ref: root.cell.id } : root.cell.slot) : { ref: root.node!.id };
    this.events.push({ kind: "rebind", frame, name, from });
    rec.names.delete(name);
    const frees: Event[] = [];
    this.dropRoot(root, frees);
    this.events.push(...frees);
  }

  /** A block's declaration ran again after the block ended: a new variable in the same bytes, built with this step's new locals. */
  private newLifetime(old: Root): Root {
    const b = old.block;
    const n = (this.lifetimes.get(b.id) ?? 1) + 1;
    this.lifetimes.set(b.id, n);
    return this.local(old.cell?.frame ?? this.frames.find((f) => f.mf.id === b.frame)!, b, `l${b.id}~${n}`);
  }

  private record(s: CStep, pop: number, push: PushedFrame[]): void {
    const step: Step = { line: s.event === "call" ? s.line : (this.prevLine ?? s.line), event: s.event, top: s.line, events: this.events };
    if (pop || push.length) step.stack = { ...(pop ? { pop } : {}), ...(push.length ? { push } : {}) };
    if (s.returned) {
      const t = s.returned.type;
      const value = bytesSlot(t, s.returned.bytes, this.ctx.pointer) ?? (t.kind === "void" ? undefined : { value: cName(t) });
      if (value) step.returned = value;
      const top = this.frames.at(-1);
      this.events.push({ kind: "return", name: top?.mf.fn ?? "", ...(value ? { value } : {}) });
    }
    if (s.stdout) {
      step.stdout = s.stdout;
      this.stdout += s.stdout;
    }
    this.steps.push(step);
    this.prevLine = s.line;
  }

  end(e: CEnd, mem: Memory): void {
    // the frames that closed after the last step (main's, as the program exits)
    const gone = this.frames.length - mem.frames.length;
    if (gone > 0 && e.kind === "exit") {
      this.index = this.steps.length;
      const frees: Event[] = [];
      for (let k = 0; k < gone; k++) for (const b of this.frames.pop()!.mf.locals) this.drop(b, frees);
      const line = this.prevLine ?? 1;
      this.steps.push({ line, event: "line", top: line, stack: { pop: gone }, events: frees });
    }
    const line = "line" in e ? e.line : this.prevLine;
    switch (e.kind) {
      case "exit":
        this.outcome = { status: "finished", exitStatus: e.status };
        break;
      case "fault":
        this.outcome = faultOutcome(e.fault, e.line);
        break;
      case "abort":
        this.outcome = abortOutcome(e);
        break;
      case "limit":
        this.outcome = { status: "limit", limit: e.limit, max: this.options.limits?.[e.limit] ?? 0, ...(line !== undefined ? { line } : {}) };
        break;
    }
  }

  trace(): Trace {
    if (!this.outcome) throw new MemsimError("c-trace", "the run has not ended: call end() before trace()");
    return {
      schemaVersion: 2,
      language: "c",
      runtime: C_RUNTIME,
      source: this.source,
      objects: this.objects,
      steps: this.steps,
      stdout: this.stdout,
      outcome: this.outcome,
    };
  }

  private common(root: Root): Common {
    const b = root.block;
    const line = b.line ?? this.prevLine ?? 1;
    const origin = b.kind === "heap" ? undefined : b.kind === "local" ? "stack" : b.kind === "global" ? "static" : "constant";
    return { createdAt: this.index, site: this.site(line, b.kind === "heap" ? "call" : undefined), ...(origin ? { origin } : {}) };
  }

  private placeGlobals(mem: Memory): void {
    for (const b of mem.live) {
      if (b.kind !== "global" || !b.type) continue;
      const root: Root = { block: b, pending: false, freed: false };
      this.roots.set(b.id, root);
      if (isAggregate(b.type)) root.node = buildNode(this.ctx, `g${b.id}`, b.address, b.type, this.common(root), { name: b.name ?? "" });
      else {
        root.cell = { type: b.type, slot: readSlot(mem, BigInt(b.address), b.type, this.ctx.pointer), name: b.name ?? "" };
        this.cellObject(root, `g${b.id}`);
      }
    }
  }

  /** Registers a local of a frame (built later in the step, when every write is in). */
  private local(rec: FrameRec, b: Block, lid?: string): Root {
    let name = b.name ?? `(${b.id})`;
    if (rec.names.has(name)) name = `${name}@${b.line ?? b.id}`;
    rec.names.add(name);
    const root: Root = { block: b, pending: true, freed: false, ...(lid ? { lid } : {}) };
    const type = b.type ?? BYTES;
    if (!isAggregate(type)) root.cell = { type, slot: { value: "?", uninit: true }, name, frame: rec };
    else this.objects[localId(root)] = { name } as HeapObject;
    this.roots.set(b.id, root);
    return root;
  }

  private nameOf(root: Root): string {
    return root.cell?.name ?? this.objects[localId(root)]?.name ?? "";
  }

  /** A pending local's slot in its frame, its object made now when it has one. */
  private build(root: Root): Slot {
    root.pending = false;
    const b = root.block;
    if (root.cell) {
      root.cell.slot = readSlot(this.ctx.mem, BigInt(b.address), root.cell.type, this.ctx.pointer);
      if (root.cell.id) this.cellObject(root, root.cell.id);
      return root.cell.id ? { ref: root.cell.id } : root.cell.slot;
    }
    const name = this.objects[localId(root)]!.name!;
    root.node = buildNode(this.ctx, localId(root), b.address, b.type!, this.common(root), { name });
    return { ref: root.node.id };
  }

  /** The view a heap block is read as: the elements of the first typed pointer to it, else bytes. */
  private heapType(root: Root): CType {
    const elem = root.heap!.elem ?? BYTES;
    const size = mustSizeOf(elem);
    const count = Math.floor(root.block.size / size);
    if (isRecord(elem) && count === 1) return elem;
    return arrayOf(elem, count);
  }

  private buildHeap(root: Root): void {
    root.pending = false;
    const seen = this.candidates.get(root);
    if (seen && !root.heap!.elem) root.heap!.elem = seen;
    const elem = root.heap!.elem;
    if (elem && (elem.kind === "void" || elem.kind === "function" || mustSizeOf(elem) === 0 || mustSizeOf(elem) > root.block.size)) delete root.heap!.elem;
    const b = root.block;
    const extra: Partial<HeapObject> = { size: b.size, ...(b.usable !== undefined ? { usable: b.usable } : {}) };
    root.node = buildNode(this.ctx, `b${b.id}`, b.address, this.heapType(root), this.common(root), extra);
    const o = this.objects[root.node.id]!;
    // a record's padding is told against its own size: a block asked larger than the record holds more than it
    if (o.padding && b.size !== mustSizeOf(root.node.type)) delete o.padding;
    o.size = b.size;
  }

  private refreshCell(root: Root, rebinds: Event[], frameIndex: (rec: FrameRec) => number): void {
    const cell = root.cell!;
    const now = readSlot(this.ctx.mem, BigInt(root.block.address), cell.type, this.ctx.pointer);
    if (sameSlot(cell.slot, now)) return;
    const from = cell.slot;
    cell.slot = now;
    if (cell.id) this.cellChange(root);
    else if (cell.frame) rebinds.push({ kind: "rebind", frame: frameIndex(cell.frame), name: cell.name, from, to: now });
  }

  /** A scalar with an object of its own (a global, a local whose address was taken). */
  private cellObject(root: Root, id: string): void {
    const cell = root.cell!;
    cell.id = id;
    const b = root.block;
    const o: HeapObject = { type: cName(cell.type), shape: "scalar", mutable: true, size: b.size, address: hex(b.address), ...this.common(root), name: cell.name };
    if (cell.type.kind === "pointer") Object.assign(o, { shape: "block", length: 1, items: [cell.slot] });
    else o.value = "value" in cell.slot ? cell.slot.value : "?";
    this.objects[id] = o;
  }

  private cellChange(root: Root): void {
    const cell = root.cell!;
    const id = cell.id!;
    if (cell.type.kind === "pointer") this.ctx.changes.set(id, [{ op: "splice", at: 0, remove: 1, insert: [cell.slot] }]);
    else this.events.push({ kind: "mutate", id, changes: [], value: "value" in cell.slot ? cell.slot.value : "?" });
  }

  /** A block given back (free, or its frame gone): its objects freed at this step. */
  private drop(b: Block, frees: Event[]): void {
    const root = this.roots.get(b.id);
    if (root) this.dropRoot(root, frees);
  }

  private dropRoot(root: Root, frees: Event[]): void {
    const b = root.block;
    if (root.freed) return;
    root.freed = true;
    if (root.pending) {
      // made and gone within one step: never shown
      this.roots.delete(b.id);
      if (b.kind === "local") delete this.objects[localId(root)];
      return;
    }
    const ids = root.node ? nodeIds(root.node) : root.cell?.id ? [root.cell.id] : [];
    for (const id of ids) {
      this.objects[id]!.freedAt = this.index;
      frees.push({ kind: "free", id });
    }
  }

  /** What a pointer's value is in the Trace: a reference into the object it points to, or a value. */
  private pointer(mem: Memory, a: bigint, pointee: CType): Slot {
    if (a === 0n) return { value: "NULL" };
    const fn = functionAt(mem, a);
    if (fn !== undefined) return { value: fn };
    if (a < 0n || a >= 2n ** 53n) return { value: hex(a) };
    const at = Number(a);
    // a block of no bytes (malloc(0)) holds no address, but its pointer still points at it
    let b = blockAt(mem, at) ?? mem.pages.get(Math.floor(at / 4096))?.find((x) => x.size === 0 && x.address === at);
    if (!b) {
      const end = blockAt(mem, at - 1);
      if (end && end.address + end.size === at) b = end;
    }
    if (!b) {
      const near = describeAddress(mem, at);
      if (near?.where === "inside" && near.block.freed) b = near.block;
    }
    if (!b) return { value: hex(a) };
    let root = this.roots.get(b.id);
    if (!root && b.kind === "literal") root = this.literal(mem, b);
    if (!root) return { value: hex(a) };
    let id: string | undefined;
    if (root.cell) {
      if (!root.cell.id && root.block.kind === "local" && !root.freed) this.promote(root);
      id = root.cell.id;
    } else id = root.node?.id ?? (root.heap ? `b${b.id}` : root.block.kind === "local" ? localId(root) : undefined);
    if (!id) return { value: hex(a) };
    if (root.heap && root.pending && at === b.address && !this.candidates.has(root)) this.candidates.set(root, pointee);
    const offset = at - b.address;
    return offset ? { ref: id, offset } : { ref: id };
  }

  /** A local whose address is taken gets an object, so pointers to it can refer to it. */
  private promote(root: Root): void {
    const cell = root.cell!;
    const id = localId(root);
    if (root.pending) {
      cell.id = id;
      return;
    }
    this.cellObject(root, id);
    if (cell.frame) this.events.push({ kind: "rebind", frame: this.frames.indexOf(cell.frame), name: cell.name, from: cell.slot, to: { ref: id } });
  }

  private literal(mem: Memory, b: Block): Root {
    const root: Root = { block: b, pending: false, freed: false };
    this.roots.set(b.id, root);
    const got = readBytes(mem, BigInt(b.address), b.size);
    const text = isFault(got) ? "" : Buffer.from(got.bytes.subarray(0, b.size - 1)).toString("latin1");
    const id = `s${b.id}`;
    this.objects[id] = { type: `char[${b.size}]`, shape: "text", mutable: false, size: b.size, address: hex(b.address), ...this.common(root), value: text, length: b.size - 1 };
    root.cell = { type: arrayOf(T.char, b.size), slot: { value: text }, name: "", id };
    return root;
  }
}

function abortOutcome(e: Extract<CEnd, { kind: "abort" }>): Outcome {
  // the words the C library and the shell print for each ending, as a terminal shows them
  const type = { assert: "Assertion failed", abort: "Aborted", "divide-by-zero": "Floating point exception", unsupported: "Unsupported" }[e.reason];
  const out: Outcome = { status: "error", type, message: e.detail ?? type, line: e.line };
  if (e.reason === "unsupported") out.unsupported = e.detail ?? "";
  return out;
}

export function createTraceRecorder(source: string, options: TraceOptions = {}): CTraceRecorder {
  return new CTraceRecorder(source, options);
}
