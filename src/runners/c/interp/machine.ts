/**
 * The state of one C run: memory, the frames with their scopes, what was printed, the events
 * waiting for the next step, and the limits. Control flow leaves a statement by throwing one of
 * the signals below; the end of the run is thrown as `Ended`.
 */
import type { CEnd, CMemoryEvent, CRecorder, CStep } from "../recorder.js";
import type { CType } from "../types.js";
import type { FunctionDef, TranslationUnit, VarDeclarator } from "../parse/index.js";
import { blockAt, isFault, load, readBytes, reserve, store, writeBytes, type Block, type Fault, type Frame, type Memory } from "../memory/index.js";
import { scalarBytes, valueType, type Value } from "./values.js";

export interface Variable {
  address: bigint;
  type: CType;
}

export class Break {}
export class Continue {}
export class Return {
  constructor(readonly value: Value | undefined, readonly line: number) {}
}
export class Goto {
  constructor(readonly label: string) {}
}
export class Ended {
  constructor(readonly end: CEnd) {}
}

export interface FrameState {
  def: FunctionDef;
  frame: Frame;
  line: number;
  scopes: Map<string, Variable>[];
  /** each declaration's block, made the first time it runs (a loop's body reuses it, as gcc's frame does) */
  locals: Map<object, Block>;
}

export interface RunCOptions {
  stdin?: string;
  maxSteps?: number;
  timeLimitMs?: number;
  maxOutputBytes?: number;
  /** the most bytes the program's memory may map on the host (default 64 MiB): past it the run
   * stops with the memory limit, as a Python program does */
  maxMemoryBytes?: number;
  recorder?: CRecorder;
  /** the name the program's file has, for assert's message */
  fileName?: string;
}

export class Machine {
  readonly globals = new Map<string, Variable>();
  readonly statics = new Map<VarDeclarator, Variable>();
  readonly functions = new Map<string, FunctionDef>();
  readonly frames: FrameState[] = [];
  events: CMemoryEvent[] = [];
  /** printed bytes, one char per byte */
  stdout = "";
  stderr = "";
  private pendingOut = "";
  private stdoutBuffered = false;
  stdin: Uint8Array;
  stdinAt = 0;
  stdinBuffered = false;
  steps = 0;
  private readonly started = Date.now();
  randState: number[] | undefined;
  readonly sourceLines: string[];

  constructor(
    readonly mem: Memory,
    readonly unit: TranslationUnit,
    readonly options: RunCOptions,
    source: string,
  ) {
    this.stdin = Buffer.from(options.stdin ?? "", "utf8");
    this.sourceLines = source.split("\n");
    for (const item of unit.items) if (item.kind === "function") this.functions.set(item.name, item);
  }

  get top(): FrameState | undefined {
    return this.frames.at(-1);
  }

  get line(): number {
    return this.top?.line ?? 0;
  }

  end(end: CEnd): never {
    throw new Ended(end);
  }

  fail(fault: Fault): never {
    throw new Ended({ kind: "fault", fault, line: this.line });
  }

  /** A step: the recorder sees the memory as it is now, with everything that changed since the last one. */
  step(line: number, event: CStep["event"], returned?: CStep["returned"]): void {
    const top = this.top;
    if (top) top.line = line;
    this.steps++;
    const o = this.options;
    if (o.maxSteps !== undefined && this.steps > o.maxSteps) this.end({ kind: "limit", limit: "steps", line });
    if (o.timeLimitMs !== undefined && (this.steps & 255) === 0 && Date.now() - this.started > o.timeLimitMs) this.end({ kind: "limit", limit: "time", line });
    const events = this.events;
    this.events = [];
    const out = this.pendingOut;
    this.pendingOut = "";
    if (!o.recorder) return;
    const s: CStep = { line, event, lines: this.frames.map((f) => f.line), events };
    if (returned) s.returned = returned;
    if (out) s.stdout = Buffer.from(out, "latin1").toString("utf8");
    o.recorder.step(s, this.mem);
  }

  /** What the program prints; glibc gives stdout its buffer (a heap chunk) at the first output. */
  print(text: string): void {
    if (!this.stdoutBuffered) {
      this.stdoutBuffered = true;
      reserve(this.mem, 1024);
    }
    const max = this.options.maxOutputBytes;
    if (max !== undefined && this.stdout.length + text.length > max) {
      const room = Math.max(0, max - this.stdout.length);
      this.stdout += text.slice(0, room);
      this.pendingOut += text.slice(0, room);
      this.end({ kind: "limit", limit: "output", line: this.line });
    }
    this.stdout += text;
    this.pendingOut += text;
  }

  lookup(name: string): Variable | undefined {
    const scopes = this.top?.scopes ?? [];
    for (let i = scopes.length - 1; i >= 0; i--) {
      const v = scopes[i]!.get(name);
      if (v) return v;
    }
    return this.globals.get(name);
  }

  bind(name: string, v: Variable): void {
    const scopes = this.top?.scopes;
    if (scopes?.length) scopes.at(-1)!.set(name, v);
    else this.globals.set(name, v);
  }

  /** Reads an object: a scalar's value, a record's bytes. */
  read(address: bigint, type: CType): Value {
    const t = valueType(type);
    if (t.kind === "struct" || t.kind === "union") {
      const r = readBytes(this.mem, address, scalarBytes(0n, t).length);
      if (isFault(r)) this.fail(r);
      return r.bytes;
    }
    const r = load(this.mem, address, t);
    if (isFault(r)) this.fail(r);
    return typeof r.value === "number" && t.kind !== "float" ? BigInt(r.value) : r.value;
  }

  /** Writes an object (already converted to its type) and records the write. */
  write(address: bigint, type: CType, v: Value): void {
    const t = valueType(type);
    let size: number;
    if (v instanceof Uint8Array) {
      const f = writeBytes(this.mem, address, v);
      if (f) this.fail(f);
      size = v.length;
    } else {
      const f = store(this.mem, address, t, v);
      if (f) this.fail(f);
      size = t.kind === "float" && t.name === "long double" ? 16 : scalarBytes(0n, t).length;
    }
    this.wrote(address, size);
  }

  /** A write event for bytes the program changed (a store, or a library function's copy). */
  wrote(address: bigint, size: number): void {
    if (size <= 0) return;
    const block = blockAt(this.mem, address);
    if (block) this.events.push({ kind: "write", block, offset: Number(address) - block.address, size });
  }
}
