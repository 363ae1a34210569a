/**
 * malloc, calloc, realloc and free as glibc (2.36, x86-64) behaves where a learner can see it:
 * chunk sizes (request + 8 rounded up to 16, at least 32), 16-byte aligned pointers after a
 * 16-byte header, freed small chunks handed back last-in first-out per size (tcache, then
 * fastbins), larger ones merged with their free neighbours and the top chunk, realloc in place
 * when it can, and big requests mapped on their own. Misuse is a `Fault` value, never a throw.
 */
import { MemsimError } from "../../../core/errors.js";
import { moveBytes } from "./access.js";
import { MIN_CHUNK, growInPlace, intFree, intMalloc, shrinkInPlace, tcacheGet, type Arena, type Chunk } from "./bins.js";
import { ADDRESSABLE, INITIALISED, LAYOUT, addBlock, addSegment, blockAt, grow, resizeBlock, retireBlock, segmentAt, segmentNamed, type Block, type Fault, type Memory, type Segment } from "./memory.js";

const MMAP_THRESHOLD = 128 * 1024;
/** the per-thread tcache glibc allocates on the first malloc, before the program's block */
const TCACHE_STRUCT = 0x290;

export interface HeapState {
  arena: Arena;
  /** the block in each chunk handed out, by the chunk's address */
  blocks: Map<number, Block>;
  mmaps: Map<number, { size: number; block: Block }>;
  mmapNext: number;
}

/** The chunk glibc carves for a request of n bytes. */
export const chunkSize = (n: number): number => Math.max(MIN_CHUNK, (n + 8 + 15) & ~15);
/** What malloc_usable_size reports for a request of n bytes (below the mmap threshold). */
export const usableSize = (n: number): number => chunkSize(n) - 8;

function heapOf(mem: Memory): { h: HeapState; seg: Segment } {
  if (!mem.heap) {
    const base = mem.heapBase ?? 0x555555559000;
    mem.heapBase = base;
    const seg = addSegment(mem, "heap", base, true);
    grow(seg, base, base + 0x21000);
    const arena: Arena = {
      top: base,
      end: base + 0x21000,
      trim: 2 * MMAP_THRESHOLD,
      mmapThreshold: MMAP_THRESHOLD,
      chunks: new Map(),
      tcache: new Map(),
      fast: new Map(),
      unsorted: [],
      bins: new Map(),
      extend: (upTo) => grow(seg, seg.start, upTo),
      onTcache: (c, put) => tcacheLink(seg, arena, c, put),
    };
    mem.heap = { arena, blocks: new Map(), mmaps: new Map(), mmapNext: LAYOUT.mmap };
    header(seg, intMalloc(arena, TCACHE_STRUCT)!);
  }
  return { h: mem.heap, seg: segmentNamed(mem, "heap")! };
}

/** The size field glibc keeps 8 bytes before the pointer (low bits: previous in use, mmapped). */
function header(seg: Segment, c: { address: number; size: number }, flags = 1): void {
  new DataView(seg.bytes.buffer, seg.bytes.byteOffset).setBigUint64(c.address + 8 - seg.base, BigInt(c.size | flags), true);
}

/** A chunk entering the tcache gets glibc's safe-linked pointer to the next one; leaving it, its key is cleared. */
function tcacheLink(seg: Segment, a: Arena, c: Chunk, put: boolean): void {
  const v = new DataView(seg.bytes.buffer, seg.bytes.byteOffset);
  const user = c.address + 16;
  if (!put) return v.setBigUint64(user + 8 - seg.base, 0n, true);
  const list = a.tcache.get(c.size)!;
  const next = list.length > 1 ? list[list.length - 2]! + 16 : 0;
  v.setBigUint64(user - seg.base, BigInt(Math.floor(user / 4096)) ^ BigInt(next), true);
  v.setBigUint64(user + 8 - seg.base, 0x2f6b3c1d9e4a7758n, true);
}

export interface Allocation {
  address: bigint;
  block: Block;
}

export function malloc(mem: Memory, n: number, line?: number): Allocation | null {
  return allocate(mem, n, line, true);
}

export function calloc(mem: Memory, count: number, each: number, line?: number): Allocation | null {
  const n = count * each;
  if (!Number.isSafeInteger(n) || n < 0) return null;
  // calloc skips the tcache and hands out zeroed bytes
  const a = allocate(mem, n, line, false);
  if (a) {
    const seg = segmentAt(mem, a.block.address)!;
    seg.bytes.fill(0, a.block.address - seg.base, a.block.address - seg.base + a.block.size);
    seg.state.fill(ADDRESSABLE | INITIALISED, a.block.address - seg.base, a.block.address - seg.base + a.block.size);
  }
  return a;
}

function allocate(mem: Memory, n: number, line: number | undefined, useTcache: boolean): Allocation | null {
  if (!Number.isSafeInteger(n) || n < 0 || n > 2 ** 46) return null;
  const { h, seg } = heapOf(mem);
  const size = chunkSize(n);
  const c = (useTcache ? tcacheGet(h.arena, size) : undefined) ?? intMalloc(h.arena, size);
  if (!c) return mapped(mem, h, n, line);
  header(seg, c);
  return give(mem, h, c, n, line);
}

function give(mem: Memory, h: HeapState, c: { address: number; size: number }, n: number, line: number | undefined, mappedSize?: number): Allocation {
  const b: Omit<Block, "id"> = { kind: "heap", segment: mappedSize ? "mmap" : "heap", address: c.address + 16, size: n, usable: mappedSize ? mappedSize - 16 : c.size - 8 };
  if (line !== undefined) b.line = line;
  const block = addBlock(mem, b, false);
  if (mappedSize) h.mmaps.set(c.address, { size: mappedSize, block });
  else h.blocks.set(c.address, block);
  return { address: BigInt(block.address), block };
}

function mapped(mem: Memory, h: HeapState, n: number, line: number | undefined): Allocation {
  const size = Math.ceil((chunkSize(n) + 8) / 4096) * 4096;
  h.mmapNext -= size;
  const seg = addSegment(mem, "mmap", h.mmapNext, true);
  grow(seg, h.mmapNext, h.mmapNext + size);
  header(seg, { address: h.mmapNext, size }, 2);
  return give(mem, h, { address: h.mmapNext, size }, n, line, size);
}

export function free(mem: Memory, p: bigint, line?: number): Fault | undefined {
  if (p === 0n) return undefined;
  const h = mem.heap;
  const at = Number(p) - 16;
  const block = h?.blocks.get(at) ?? h?.mmaps.get(at)?.block;
  if (!h || !block || block.address !== Number(p)) {
    const bad = (problem: Fault["problem"], near?: Block): Fault => {
      const f: Fault = { kind: "fault", problem, access: "free", address: p, size: 0 };
      if (near) f.near = { block: near, where: "inside", distance: Number(p) - near.address };
      return f;
    };
    const inside = blockAt(mem, p);
    if (inside?.kind === "heap") return bad("not-block-start", inside);
    const dead = [...mem.dead].reverse().find((b) => b.kind === "heap" && b.address === Number(p));
    return dead ? bad("double-free", dead) : bad("not-heap", inside);
  }
  retireBlock(mem, block, line);
  const m = h.mmaps.get(at);
  if (m) {
    h.mmaps.delete(at);
    // munmap; glibc then maps blocks up to this size on the heap instead
    if (m.size > h.arena.mmapThreshold && m.size <= 32 * 1024 * 1024) {
      h.arena.mmapThreshold = m.size;
      h.arena.trim = 2 * m.size;
    }
    return undefined;
  }
  h.blocks.delete(at);
  intFree(h.arena, h.arena.chunks.get(at)!);
  return undefined;
}

/** realloc: in place when the chunk already fits or can grow into the top or a free neighbour. */
export function realloc(mem: Memory, p: bigint, n: number, line?: number): Allocation | Fault | null {
  if (p === 0n) return malloc(mem, n, line);
  const h = mem.heap;
  const at = Number(p) - 16;
  const old = h?.blocks.get(at) ?? h?.mmaps.get(at)?.block;
  if (!h || !old || old.address !== Number(p)) return free(mem, p, line) ?? null;
  if (n === 0) {
    free(mem, p, line);
    return null;
  }
  if (!Number.isSafeInteger(n) || n < 0 || n > 2 ** 46) return null;
  const size = chunkSize(n);
  const seg = segmentAt(mem, old.address)!;
  const m = h.mmaps.get(at);
  if (!m) {
    const c = h.arena.chunks.get(at)!;
    if (size <= c.size || growInPlace(h.arena, c, size)) return stay(mem, h, seg, c, old, n, size);
    const fresh = intMalloc(h.arena, size);
    if (fresh) {
      // the break moved and the new chunk is the one right after: glibc merges it and stays
      if (fresh.address === c.address + c.size) {
        h.arena.chunks.delete(fresh.address);
        c.size += fresh.size;
        return stay(mem, h, seg, c, old, n, size);
      }
      header(seg, fresh);
      return move(mem, give(mem, h, fresh, n, line), p, old, line);
    }
  } else {
    // mremap: a mapped block stays mapped, resized to whole pages (the kernel keeps its address here)
    m.size = Math.ceil((size + 8) / 4096) * 4096;
    grow(seg, seg.start, at + m.size);
    return resize(mem, seg, old, n, m.size - 16);
  }
  // too big for the bins and the top: a mapping of its own
  return move(mem, mapped(mem, h, n, line), p, old, line);
}

/** Moved: the old bytes copied to the new block (with their states), the old chunk freed. */
function move(mem: Memory, moved: Allocation, p: bigint, old: Block, line: number | undefined): Allocation {
  moveBytes(mem, moved.address, p, Math.min(moved.block.size, old.size));
  free(mem, p, line);
  return moved;
}

function stay(mem: Memory, h: HeapState, seg: Segment, c: Chunk, old: Block, n: number, size: number): Allocation {
  shrinkInPlace(h.arena, c, size);
  header(seg, c);
  return resize(mem, seg, old, n, c.size - 8);
}

/** The block stays where it is: bytes past its old end are new and uninitialised. */
function resize(mem: Memory, seg: Segment, old: Block, n: number, usable: number): Allocation {
  const at = old.address - seg.base;
  if (n > old.size) seg.state.fill(ADDRESSABLE, at + old.size, at + n);
  else seg.state.fill(0, at + n, at + old.size);
  resizeBlock(mem, old, n);
  old.usable = usable;
  return { address: BigInt(old.address), block: old };
}

/**
 * A chunk the C library takes for itself, as stdio does for stdout's buffer on the first output
 * (1024 bytes to a terminal, 4096 to a pipe or file): it moves later blocks, and is no block of
 * the program's (its bytes stay unaddressable to it).
 */
export function reserve(mem: Memory, n: number): bigint {
  const { h, seg } = heapOf(mem);
  const c = tcacheGet(h.arena, chunkSize(n)) ?? intMalloc(h.arena, chunkSize(n));
  if (!c) throw new MemsimError("c-memory", "the C library's own chunks are small");
  header(seg, c);
  return BigInt(c.address + 16);
}

/** What malloc_usable_size(p) reports (0 for a pointer that is not a live block's start). */
export function mallocUsableSize(mem: Memory, p: bigint): number {
  const b = mem.heap?.blocks.get(Number(p) - 16) ?? mem.heap?.mmaps.get(Number(p) - 16)?.block;
  return b ? b.usable ?? 0 : 0;
}
