/**
 * Drives a C Trace recorder as the interpreter would, over a real Memory: each helper does to
 * memory what a statement does and notes the memory event, `step` hands them over.
 */
import { addLocal, blockAt, calloc, createMemory, free, isFault, load, malloc, memberOf, mustSizeOf, popFrame, pushFrame, readCString, store, strcpy, type Block, type Memory } from "../../../../src/runners/c/memory/index.js";
import type { CEnd, CMemoryEvent, CStep } from "../../../../src/runners/c/recorder.js";
import { createTraceRecorder } from "../../../../src/runners/c/trace/index.js";
import type { CType, RecordType } from "../../../../src/runners/c/types.js";
import { checkTrace } from "../../../../src/core/trace-check.js";
import { isDeepStrictEqual } from "node:util";
import { encodeTrace } from "../../../../src/core/wire.js";
import { Trace } from "../../../../src/core/trace.js";

function must<T>(x: T | { kind: "fault" } | null): T {
  if (x === null || (typeof x === "object" && (x as { kind?: string }).kind === "fault")) throw new Error(`unexpected fault ${JSON.stringify(x, (_, v) => (typeof v === "bigint" ? v.toString() : v))}`);
  return x as T;
}

export class Driver {
  readonly mem: Memory = createMemory();
  readonly rec;
  private events: CMemoryEvent[] = [];
  private lines: number[] = [];
  private out = "";

  constructor(source: string) {
    this.rec = createTraceRecorder(source, { limits: { steps: 1000 } });
  }

  /** Enters a function at `line` (its locals uninitialised), then announces the call step. */
  call(fn: string, line: number, locals: { name: string; type: CType }[], args: Record<string, bigint | number> = {}): void {
    must(pushFrame(this.mem, fn, locals));
    this.events.push({ kind: "frame", op: "push", fn, frame: this.mem.frames.length - 1 });
    for (const [name, v] of Object.entries(args)) this.set(name, v);
    this.lines.push(line);
    this.step(line, "call");
  }

  declare(name: string, type: CType): Block {
    return must(addLocal(this.mem, this.mem.frames.at(-1)!, { name, type }));
  }

  local(name: string): Block {
    for (let i = this.mem.frames.length - 1; i >= 0; i--) {
      const b = this.mem.frames[i]!.locals.find((l) => l.name === name);
      if (b) return b;
    }
    throw new Error(`no local ${name}`);
  }

  addr(name: string): bigint {
    return BigInt(this.local(name).address);
  }

  /** Stores a scalar at an address (the write event names the block holding it). */
  storeAt(address: bigint, type: CType, v: bigint | number): void {
    must(store(this.mem, address, type, v));
    const b = blockAt(this.mem, address)!;
    this.events.push({ kind: "write", block: b, offset: Number(address) - b.address, size: mustSizeOf(type) });
  }

  set(name: string, v: bigint | number): void {
    const b = this.local(name);
    this.storeAt(BigInt(b.address), b.type!, v);
  }

  get(name: string): bigint {
    const b = this.local(name);
    const got = must(load(this.mem, BigInt(b.address), b.type!));
    return BigInt(got.value);
  }

  loadAt(address: bigint, type: CType): bigint {
    return BigInt(must(load(this.mem, address, type)).value);
  }

  field(record: bigint, type: RecordType, name: string): bigint {
    return record + BigInt(memberOf(type, name)!.offset);
  }

  malloc(n: number, line: number): bigint {
    const a = must(malloc(this.mem, n, line));
    this.events.push({ kind: "alloc", block: a.block, call: "malloc", requested: n });
    return a.address;
  }

  calloc(count: number, each: number, line: number): bigint {
    const a = must(calloc(this.mem, count, each, line));
    this.events.push({ kind: "alloc", block: a.block, call: "calloc", requested: count * each });
    return a.address;
  }

  free(p: bigint, line: number): void {
    const b = blockAt(this.mem, p)!;
    const fault = free(this.mem, p, line);
    if (fault) throw new Error(`free faulted: ${fault.problem}`);
    this.events.push({ kind: "free", block: b });
  }

  strcpy(dst: bigint, src: bigint): void {
    const n = must(readCString(this.mem, src)).bytes.length + 1;
    must(strcpy(this.mem, dst, src));
    const b = blockAt(this.mem, dst)!;
    this.events.push({ kind: "write", block: b, offset: Number(dst) - b.address, size: n });
  }

  push(ev: CMemoryEvent): void {
    this.events.push(ev);
  }

  print(text: string): void {
    this.out += text;
  }

  /** Leaves the innermost function (its return step first, then the pop with the caller's next step). */
  ret(line: number, type?: CType, value?: bigint | number): void {
    const s: Partial<CStep> = {};
    if (type && value !== undefined) {
      const bytes = new Uint8Array(8);
      new DataView(bytes.buffer).setBigInt64(0, BigInt(value), true);
      s.returned = { type, bytes: bytes.subarray(0, mustSizeOf(type)) };
    }
    this.lines[this.lines.length - 1] = line;
    this.step(line, "return", s);
    const depth = this.mem.frames.length - 1;
    popFrame(this.mem, line);
    this.events.push({ kind: "frame", op: "pop", fn: "", frame: depth });
    this.lines.pop();
  }

  step(line: number, event: CStep["event"] = "line", extra: Partial<CStep> = {}): void {
    if (this.lines.length) this.lines[this.lines.length - 1] = line;
    const s: CStep = { line, event, lines: [...this.lines], events: this.events, ...extra };
    if (this.out) s.stdout = this.out;
    this.out = "";
    this.rec.step(s, this.mem);
    this.events = [];
  }

  end(e: CEnd = { kind: "exit", status: 0 }): Trace {
    if (e.kind === "exit") while (this.mem.frames.length) popFrame(this.mem);
    this.rec.end(e, this.mem);
    // through JSON, as a Trace crosses a boundary: checkTrace must accept it unchanged
    const text = JSON.stringify(this.rec.trace());
    const checked = checkTrace(JSON.parse(text));
    // the schema itself agrees, and nothing is stripped on the way
    const parsed = Trace.parse(JSON.parse(text));
    const raw = JSON.parse(text) as unknown;
    if (!isDeepStrictEqual(parsed, raw) || !isDeepStrictEqual(checked, raw)) throw new Error("the Trace lost fields in the schema check");
    // and its compact form (memsim run --json) gives it back whole
    const compact = checkTrace(JSON.parse(JSON.stringify(encodeTrace(checked))));
    if (!isDeepStrictEqual(compact, raw)) throw new Error("the compact Trace lost fields");
    return checked;
  }
}
