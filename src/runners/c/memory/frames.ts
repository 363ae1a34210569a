/**
 * Where a C program's variables live: string literals in .rodata (one copy of each), globals in
 * .data (initialised) or .bss (zero), and one stack frame per call, growing down, each opened by
 * the return address and the caller's saved frame pointer as on x86-64.
 */
import type { CType } from "../types.js";
import { MemsimError } from "../../../core/errors.js";
import { mustAlignOf, mustSizeOf, variableAlign } from "./layout.js";
import { ADDRESSABLE, INITIALISED, LAYOUT, addBlock, addSegment, grow, mustSegment, retireBlock, segmentNamed, setState, isFault, type Block, type Fault, type Frame, type Memory, type Segment } from "./memory.js";

const alignUp = (n: number, a: number): number => Math.ceil(n / a) * a;

/** The address of a string literal's bytes (with their NUL), the same address for the same text. */
export function internString(mem: Memory, bytes: Uint8Array, line?: number): bigint {
  const key = Buffer.from(bytes).toString("latin1");
  const known = mem.strings.get(key);
  if (known !== undefined) return BigInt(known);
  const ro = mustSegment(mem, "rodata");
  const data = segmentNamed(mem, "data") ?? segmentNamed(mem, "bss");
  const address = ro.end;
  if (data && address + bytes.length + 1 > data.start) throw new MemsimError("c-memory", "string literals must be interned before the program's globals are placed");
  grow(ro, ro.start, address + bytes.length + 1);
  ro.bytes.set(bytes, address - ro.base);
  ro.bytes[address + bytes.length - ro.base] = 0;
  addBlock(mem, line === undefined ? { kind: "literal", segment: "rodata", address, size: bytes.length + 1 } : { kind: "literal", segment: "rodata", address, size: bytes.length + 1, line }, true);
  mem.strings.set(key, address);
  return BigInt(address);
}

export interface GlobalSpec {
  name: string;
  type: CType;
  line?: number;
  /** its initial bytes; absent or all zero: it goes to .bss */
  init?: Uint8Array;
  /** a `const` object with an initializer: gcc puts it in .rodata */
  readOnly?: boolean;
}

/**
 * Lays the program's globals out as gcc and the linker do, in the order they are defined:
 * initialised `const` ones in .rodata, the other initialised ones in .data (its page two after
 * .rodata's, after the C runtime's 16 bytes), zero ones in .bss (after the runtime's one byte);
 * the heap then starts on the page after .bss. Once per run, before the string literals.
 */
export function placeGlobals(mem: Memory, globals: GlobalSpec[]): Block[] {
  if (mem.heapBase !== undefined) throw new MemsimError("c-memory", "globals are placed once, before the heap is used");
  const ro = mustSegment(mem, "rodata");
  const blocks: Block[] = [];
  const put = (seg: Segment, g: GlobalSpec, bytes?: Uint8Array): void => {
    const size = mustSizeOf(g.type);
    const address = alignUp(seg.end, variableAlign(g.type));
    grow(seg, seg.start, address + size);
    if (bytes) seg.bytes.set(bytes.subarray(0, size), address - seg.base);
    const b: Omit<Block, "id"> = { kind: "global", segment: seg.name, address, size, name: g.name, type: g.type };
    if (g.line !== undefined) b.line = g.line;
    blocks.push(addBlock(mem, b, true));
  };
  const zero = (g: GlobalSpec): boolean => !g.init || g.init.every((x) => x === 0);
  const section = (list: GlobalSpec[]): number => Math.max(1, ...list.map((g) => variableAlign(g.type)));
  for (const g of globals) if (g.readOnly && !zero(g)) put(ro, g, g.init);
  const inData = globals.filter((g) => !zero(g) && !g.readOnly);
  const data = addSegment(mem, "data", alignUp(alignUp(LAYOUT.rodata + 1, 0x1000) + 0x1000 + 0x10, section(inData)), true);
  for (const g of inData) put(data, g, g.init);
  const inBss = globals.filter(zero);
  const bssAlign = section(inBss);
  const bss = addSegment(mem, "bss", alignUp(alignUp(data.end, bssAlign) + 1, bssAlign), true);
  for (const g of inBss) put(bss, g);
  mem.heapBase = alignUp(bss.end, 0x1000);
  return blocks;
}

export interface LocalSpec {
  name: string;
  type: CType;
  line?: number;
}

/** Linux's default stack limit (ulimit -s 8192): below it a call or a local is a stack overflow. */
export const STACK_LIMIT = 8 * 1024 * 1024;

function overflow(address: number, size: number): Fault | undefined {
  if (address >= LAYOUT.stackEnd - STACK_LIMIT) return undefined;
  return { kind: "fault", problem: "stack-overflow", access: "write", address: BigInt(address), size, segment: "stack" };
}

/**
 * Opens a call's frame: return address and saved rbp, then its locals (uninitialised) below;
 * a stack overflow (runaway recursion, a huge local array) is a fault and pushes nothing.
 */
export function pushFrame(mem: Memory, fn: string, locals: LocalSpec[]): Frame | Fault {
  const caller = mem.frames.at(-1);
  const top = caller ? caller.sp : LAYOUT.stackStart;
  const deep = overflow(top - 16, 16);
  if (deep) return deep;
  const stack = mustSegment(mem, "stack");
  grow(stack, top - 16, stack.end);
  const view = new DataView(stack.bytes.buffer, stack.bytes.byteOffset);
  // the return address points back into .text; the saved rbp is the caller's frame pointer
  view.setBigUint64(top - 8 - stack.base, BigInt(LAYOUT.text + 0x1a0 + (caller ? 0x40 : 0)), true);
  view.setBigUint64(top - 16 - stack.base, BigInt(caller ? caller.rbp : 1), true);
  setState(stack, top - 16, 16, ADDRESSABLE | INITIALISED);
  const frame: Frame = { id: mem.nextId++, fn, top, rbp: top - 16, sp: top - 16, locals: [] };
  mem.frames.push(frame);
  for (const l of locals) {
    const b = addLocal(mem, frame, l);
    if (isFault(b)) {
      popFrame(mem);
      return b;
    }
  }
  return frame;
}

/** A local declared in the current frame (a block's variable comes into being below the others). */
export function addLocal(mem: Memory, frame: Frame, spec: LocalSpec): Block | Fault {
  if (mem.frames.at(-1) !== frame) throw new MemsimError("c-memory", "locals are added to the innermost frame");
  const size = mustSizeOf(spec.type);
  const align = Math.max(mustAlignOf(spec.type), spec.type.kind === "array" && size >= 16 ? 16 : 1);
  const address = Math.floor((frame.sp - size) / align) * align;
  const deep = overflow(address, size);
  if (deep) return deep;
  const stack = mustSegment(mem, "stack");
  // the stack pointer stays 16-byte aligned, as the ABI keeps it at every call
  frame.sp = Math.floor(address / 16) * 16;
  grow(stack, frame.sp, stack.end);
  const b: Omit<Block, "id"> = { kind: "local", segment: "stack", address, size, name: spec.name, type: spec.type, frame: frame.id };
  if (spec.line !== undefined) b.line = spec.line;
  const block = addBlock(mem, b, false);
  // a new frame's bytes hold whatever an earlier call left there: uninitialised, not zero
  for (let k = address - stack.base; k < address - stack.base + size; k++) stack.state[k]! &= ~INITIALISED;
  frame.locals.push(block);
  return block;
}

/** Closes the innermost frame: its locals die (their bytes keep their last values). */
export function popFrame(mem: Memory, line?: number): Frame {
  const frame = mem.frames.pop();
  if (!frame) throw new MemsimError("c-memory", "no frame to pop");
  for (const b of frame.locals) retireBlock(mem, b, line);
  const stack = mustSegment(mem, "stack");
  setState(stack, frame.sp, frame.top - frame.sp, 0);
  return frame;
}
