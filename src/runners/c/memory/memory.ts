/**
 * Byte-addressed memory of one C run, laid out as a PIE program on x86-64 Linux: read-only data,
 * data and bss after it, the heap from the page after bss, the stack growing down from near
 * 0x7ffc…. Every byte keeps its value and two states, addressable and initialised, so the
 * interpreter can tell an uninitialised read apart and a bad access is a `Fault` value.
 */
import type { CType } from "../types.js";
import type { HeapState } from "./heap.js";
import { MemsimError } from "../../../core/errors.js";

export type SegmentName = "rodata" | "data" | "bss" | "heap" | "stack" | "mmap";

export const ADDRESSABLE = 1;
export const INITIALISED = 2;

/** Mapped bytes [start, end); `bytes[i]` is the byte at address `base + i` (base <= start). */
export interface Segment {
  name: SegmentName;
  start: number;
  end: number;
  base: number;
  bytes: Uint8Array;
  state: Uint8Array;
  writable: boolean;
}

/** A variable, a string literal or a heap block: something a learner's address can be inside. */
export interface Block {
  id: number;
  kind: "global" | "local" | "literal" | "heap";
  segment: SegmentName;
  address: number;
  size: number;
  name?: string;
  type?: CType;
  line?: number;
  /** the frame a local belongs to */
  frame?: number;
  /** a heap block: the bytes malloc_usable_size reports (size is what was asked for) */
  usable?: number;
  /** when it was given back (a freed heap block, a popped local) */
  freed?: { line?: number };
}

export interface Frame {
  id: number;
  fn: string;
  /** the address just above the return address (the caller's stack pointer before the call) */
  top: number;
  /** the frame pointer: saved rbp lives here, the return address above it */
  rbp: number;
  /** the lowest address of the frame (the stack pointer) */
  sp: number;
  locals: Block[];
}

export interface Memory {
  segments: Segment[];
  /** live blocks, in the order they came to be */
  live: Set<Block>;
  /** live blocks by each 4 KiB page they touch, to find the block at an address at once */
  pages: Map<number, Block[]>;
  /** blocks given back, newest last (for "inside a block freed at line 7") */
  dead: Block[];
  frames: Frame[];
  strings: Map<string, number>;
  functions: Map<string, number>;
  nextId: number;
  /** where the heap starts (fixed once globals are placed) */
  heapBase?: number;
  /** the allocator's own state (heap.ts) */
  heap?: HeapState;
}

export const LAYOUT = {
  text: 0x555555555000,
  rodata: 0x555555556000,
  /** the stack's highest address and where main's frame begins below it */
  stackEnd: 0x7ffcd3a10000,
  stackStart: 0x7ffcd3a0f2a0,
  /** where glibc maps large blocks (mmap) */
  mmap: 0x7f3a5c2d5000,
} as const;

/** What a bad access did, for "invalid read of 4 bytes, 0 bytes after a block of 40 …". */
export interface Fault {
  kind: "fault";
  problem: "null" | "unmapped" | "read-only" | "freed" | "out-of-bounds" | "dead-frame" | "stack-overflow" | "double-free" | "not-heap" | "not-block-start";
  access: "read" | "write" | "free";
  address: bigint;
  size: number;
  segment?: SegmentName;
  /** the nearest block and where the address lies relative to it */
  near?: { block: Block; where: "inside" | "before" | "after"; distance: number };
}

export const isFault = (x: unknown): x is Fault => typeof x === "object" && x !== null && (x as Fault).kind === "fault";

function segment(name: SegmentName, start: number, writable: boolean): Segment {
  return { name, start, end: start, base: start, bytes: new Uint8Array(0), state: new Uint8Array(0), writable };
}

export function createMemory(): Memory {
  const rodata = segment("rodata", LAYOUT.rodata, false);
  // .rodata opens with _IO_stdin_used (4 bytes) in every glibc program
  grow(rodata, LAYOUT.rodata, LAYOUT.rodata + 4);
  rodata.bytes.set([1, 0, 2, 0]);
  rodata.state.fill(INITIALISED, 0, 4);
  const stack = segment("stack", LAYOUT.stackEnd, true);
  grow(stack, LAYOUT.stackStart, LAYOUT.stackEnd);
  return { segments: [rodata, stack], live: new Set(), pages: new Map(), dead: [], frames: [], strings: new Map(), functions: new Map(), nextId: 1 };
}

/** Maps [lo, hi) into the segment (new bytes zero, unaddressable until a block claims them). */
export function grow(seg: Segment, lo: number, hi: number): void {
  const start = Math.min(seg.start, lo);
  const end = Math.max(seg.end, hi);
  if (start >= seg.base && end <= seg.base + seg.bytes.length) {
    Object.assign(seg, { start, end });
    return;
  }
  // the stack grows down: keep spare room below it; the others keep it above
  const room = Math.max((end - start) * 2, 4096);
  const base = seg.name === "stack" ? end - room : start;
  const bytes = new Uint8Array(room);
  const state = new Uint8Array(room);
  bytes.set(seg.bytes.subarray(seg.start - seg.base, seg.end - seg.base), seg.start - base);
  state.set(seg.state.subarray(seg.start - seg.base, seg.end - seg.base), seg.start - base);
  Object.assign(seg, { bytes, state, base, start, end });
}

export function segmentNamed(mem: Memory, name: SegmentName): Segment | undefined {
  return mem.segments.find((s) => s.name === name);
}

export function addSegment(mem: Memory, name: SegmentName, start: number, writable: boolean): Segment {
  const s = segment(name, start, writable);
  mem.segments.push(s);
  return s;
}

export function segmentAt(mem: Memory, address: number): Segment | undefined {
  return mem.segments.find((s) => address >= s.start && address < s.end);
}

export function setState(seg: Segment, address: number, size: number, state: number): void {
  seg.state.fill(state, address - seg.base, address - seg.base + size);
}

const pagesOf = (b: Block): [number, number] => [Math.floor(b.address / 4096), Math.floor((b.address + Math.max(b.size, 1) - 1) / 4096)];

function index(mem: Memory, b: Block, add: boolean): void {
  const [first, last] = pagesOf(b);
  for (let p = first; p <= last; p++) {
    const list = mem.pages.get(p);
    if (add) {
      if (list) list.push(b);
      else mem.pages.set(p, [b]);
    } else if (list) {
      list.splice(list.indexOf(b), 1);
      if (!list.length) mem.pages.delete(p);
    }
  }
}

/** Registers a block (its bytes become addressable; initialised only if `initialised`). */
export function addBlock(mem: Memory, block: Omit<Block, "id">, initialised: boolean): Block {
  const b: Block = { id: mem.nextId++, ...block };
  const seg = segmentAt(mem, b.address) ?? segmentNamed(mem, b.segment)!;
  if (b.size > 0) setState(seg, b.address, b.size, ADDRESSABLE | (initialised ? INITIALISED : 0));
  mem.live.add(b);
  index(mem, b, true);
  return b;
}

/** A live block's new size (realloc in place); the caller sets the bytes' states. */
export function resizeBlock(mem: Memory, b: Block, size: number): void {
  index(mem, b, false);
  b.size = size;
  index(mem, b, true);
}

/** Gives a block back: its bytes become unaddressable, their values stay (as on a real machine). */
export function retireBlock(mem: Memory, b: Block, line?: number): void {
  if (mem.live.delete(b)) index(mem, b, false);
  b.freed = line === undefined ? {} : { line };
  mem.dead.push(b);
  // the oldest half goes when the record is long (only recent ones explain a fault)
  if (mem.dead.length > 8192) mem.dead.splice(0, 4096);
  const seg = segmentAt(mem, b.address);
  if (seg && b.size > 0) {
    const at = b.address - seg.base;
    for (let k = at; k < at + b.size; k++) seg.state[k]! &= ~ADDRESSABLE;
  }
}

/** The live block holding this address (a zero-size block holds nothing). */
export function blockAt(mem: Memory, address: number | bigint): Block | undefined {
  const a = Number(address);
  for (const b of mem.pages.get(Math.floor(a / 4096)) ?? []) if (a >= b.address && a < b.address + b.size) return b;
  return undefined;
}

/** Where an address lies: in a live block, in a freed one, or next to the nearest one. */
export function describeAddress(mem: Memory, address: number): Fault["near"] {
  const live = blockAt(mem, address);
  if (live) return { block: live, where: "inside", distance: address - live.address };
  for (let i = mem.dead.length - 1; i >= 0; i--) {
    const b = mem.dead[i]!;
    if (address >= b.address && address < b.address + Math.max(b.size, 1) && !blockAt(mem, b.address)) return { block: b, where: "inside", distance: address - b.address };
  }
  let best: Fault["near"];
  // the nearest live block within 64 bytes, on this page or the ones beside it
  const page = Math.floor(address / 4096);
  const nearby = new Set([page - 1, page, page + 1].flatMap((p) => mem.pages.get(p) ?? []));
  for (const b of nearby) {
    const where = address < b.address ? "before" : "after";
    const distance = where === "before" ? b.address - address : address - (b.address + b.size);
    if (distance <= 64 && (!best || distance < best.distance)) best = { block: b, where, distance };
  }
  return best;
}

export function internFunction(mem: Memory, name: string): bigint {
  const known = mem.functions.get(name);
  if (known !== undefined) return BigInt(known);
  // functions sit in .text 0x1139 on from its start, as gcc's small programs have them
  const address = LAYOUT.text + 0x139 + mem.functions.size * 0x40;
  mem.functions.set(name, address);
  return BigInt(address);
}

export function functionAt(mem: Memory, address: bigint): string | undefined {
  for (const [name, a] of mem.functions) if (BigInt(a) === address) return name;
  return undefined;
}

const PAGE = 4096n;
const SAFE = 2n ** 53n;

/** Checks that [address, address+size) is mapped and addressable for this access. */
export function check(mem: Memory, address: bigint, size: number, access: "read" | "write"): Fault | { seg: Segment; at: number } {
  const fault = (problem: Fault["problem"], seg?: Segment): Fault => {
    const f: Fault = { kind: "fault", problem, access, address, size };
    if (seg) f.segment = seg.name;
    if (address >= 0n && address < SAFE) {
      const near = describeAddress(mem, Number(address));
      if (near) f.near = near;
    }
    return f;
  };
  if (address >= 0n && address < PAGE) return fault("null");
  if (address < 0n || address >= SAFE) return fault("unmapped");
  const a = Number(address);
  const seg = segmentAt(mem, a);
  if (!seg) return fault("unmapped");
  if (a + size > seg.end) return fault("out-of-bounds", seg);
  const at = a - seg.base;
  for (let k = at; k < at + size; k++) {
    if (!(seg.state[k]! & ADDRESSABLE)) {
      const near = describeAddress(mem, a + (k - at));
      if (near?.where === "inside" && near.block.freed) return fault(near.block.kind === "heap" ? "freed" : "dead-frame", seg);
      if (seg.name === "stack" && a < (mem.frames.at(-1)?.sp ?? LAYOUT.stackStart)) return fault("dead-frame", seg);
      return fault("out-of-bounds", seg);
    }
  }
  if (access === "write" && !seg.writable) return fault("read-only", seg);
  return { seg, at };
}

export function mustSegment(mem: Memory, name: SegmentName): Segment {
  const s = segmentNamed(mem, name);
  if (!s) throw new MemsimError("c-memory", `no ${name} segment`);
  return s;
}
