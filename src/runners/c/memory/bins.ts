/**
 * The inside of glibc's malloc (2.36, x86-64) that decides which address a request gets: the
 * tcache and fastbins (last in, first out per size), the unsorted bin sorted on the next request,
 * small bins (first in, first out) and large bins (sorted by size), splitting with the "last
 * remainder", merging free neighbours and the top chunk. Addresses only; the bytes are heap.ts's.
 */
export const MIN_CHUNK = 32;
export const TCACHE_MAX_CHUNK = 0x410;
export const TCACHE_COUNT = 7;
export const FAST_MAX_CHUNK = 0x80;
const SMALL_LIMIT = 0x400;
const CONSOLIDATE_AT = 65536;

export interface Chunk {
  address: number;
  size: number;
  state: "used" | "tcache" | "fast" | "bin" | "mmap";
  /** a chunk in the bins: "unsorted" or its bin's index */
  bin?: "unsorted" | number;
}

export interface Arena {
  top: number;
  chunks: Map<number, Chunk>;
  /** per chunk size, last element = the list's head */
  tcache: Map<number, number[]>;
  fast: Map<number, number[]>;
  /** index 0 = the list's head (glibc's fd side); taken from the end (bk, the oldest) */
  unsorted: number[];
  bins: Map<number, number[]>;
  lastRemainder?: number;
  /** the program break: the top chunk runs from top to end */
  end: number;
  /** above this much free top, free() gives memory back to the system */
  trim: number;
  /** a request this big that the bins and the top cannot serve is mapped on its own (sysmalloc) */
  mmapThreshold: number;
  /** asks the heap for more room when the break moves up */
  extend: (upTo: number) => void;
  /** the tcache's bins are filled and emptied at its head: heap.ts writes their links */
  onTcache?: (c: Chunk, put: boolean) => void;
}

const isSmall = (size: number): boolean => size < SMALL_LIMIT;

/** glibc's bin index for a chunk size (largebin_index_64 above the small range). */
export function binIndex(sz: number): number {
  if (isSmall(sz)) return sz >> 4;
  if (sz >> 6 <= 48) return 48 + (sz >> 6);
  if (sz >> 9 <= 20) return 91 + (sz >> 9);
  if (sz >> 12 <= 10) return 110 + (sz >> 12);
  if (sz >> 15 <= 4) return 119 + (sz >> 15);
  if (sz >> 18 <= 2) return 124 + (sz >> 18);
  return 126;
}

const list = <K>(m: Map<K, number[]>, k: K): number[] => {
  let l = m.get(k);
  if (!l) m.set(k, (l = []));
  return l;
};

function unlink(a: Arena, c: Chunk): void {
  const l = c.bin === "unsorted" ? a.unsorted : list(a.bins, c.bin!);
  l.splice(l.indexOf(c.address), 1);
  // glibc's last_remainder is only an address: unlinking or merging the chunk leaves it set
  delete c.bin;
}

function toUnsorted(a: Arena, c: Chunk): void {
  c.state = "bin";
  c.bin = "unsorted";
  a.unsorted.unshift(c.address);
}

/** Files a chunk from the unsorted bin into its small or large bin. */
function toBin(a: Arena, c: Chunk): void {
  const idx = binIndex(c.size);
  const l = list(a.bins, idx);
  c.bin = idx;
  if (isSmall(c.size)) return void l.unshift(c.address);
  // large bins run from the largest down; a size already there gets the new chunk second
  const same = l.findIndex((x) => a.chunks.get(x)!.size === c.size);
  if (same >= 0) return void l.splice(same + 1, 0, c.address);
  const smaller = l.findIndex((x) => a.chunks.get(x)!.size < c.size);
  l.splice(smaller < 0 ? l.length : smaller, 0, c.address);
}

function fromTop(a: Arena, size: number): Chunk | undefined {
  if (a.end - a.top < size + MIN_CHUNK && size >= a.mmapThreshold) return undefined;
  ensureTop(a, size);
  const c: Chunk = { address: a.top, size, state: "used" };
  a.top += size;
  a.chunks.set(c.address, c);
  return c;
}

/** sysmalloc: the break moves up by what is missing plus 128 KiB, in whole pages. */
function ensureTop(a: Arena, size: number): void {
  if (a.end - a.top >= size + MIN_CHUNK) return;
  a.end += Math.ceil((size + 0x20000 + MIN_CHUNK - (a.end - a.top)) / 4096) * 4096;
  a.extend(a.end);
}

/** Cuts a chunk to `size`; a remainder of 32 bytes or more goes to the unsorted bin. */
function split(a: Arena, c: Chunk, size: number, small: boolean): void {
  if (c.size - size < MIN_CHUNK) return;
  const rest: Chunk = { address: c.address + size, size: c.size - size, state: "bin" };
  c.size = size;
  a.chunks.set(rest.address, rest);
  toUnsorted(a, rest);
  if (small) a.lastRemainder = rest.address;
}

const take = (a: Arena, c: Chunk): Chunk => {
  if (c.bin !== undefined) unlink(a, c);
  c.state = "used";
  return c;
};

/** After a fastbin or small-bin hit, glibc moves that list's other chunks into the tcache, head first. */
function stash(a: Arena, size: number, from: number[]): void {
  const tc = list(a.tcache, size);
  while (from.length && tc.length < TCACHE_COUNT) {
    const m = a.chunks.get(from.pop()!)!;
    delete m.bin;
    m.state = "tcache";
    tc.push(m.address);
    a.onTcache?.(m, true);
  }
}

/**
 * _int_malloc: a chunk of exactly `size` bytes (already a chunk size), never from the tcache;
 * undefined when glibc would map it on its own (big, and neither the bins nor the top can serve it).
 */
export function intMalloc(a: Arena, size: number): Chunk | undefined {
  const tcacheable = size <= TCACHE_MAX_CHUNK;
  const f = a.fast.get(size);
  if (f?.length) {
    const c = take(a, a.chunks.get(f.pop()!)!);
    if (tcacheable) stash(a, size, f);
    return c;
  }
  if (isSmall(size)) {
    const l = a.bins.get(binIndex(size));
    if (l?.length) {
      const c = a.chunks.get(l.at(-1)!)!;
      take(a, c);
      if (tcacheable) stash(a, size, l);
      return c;
    }
  } else consolidate(a);
  let cached = false;
  while (a.unsorted.length) {
    const c = a.chunks.get(a.unsorted.at(-1)!)!;
    if (isSmall(size) && a.unsorted.length === 1 && a.lastRemainder === c.address && c.size > size + MIN_CHUNK) {
      take(a, c);
      split(a, c, size, true);
      return c;
    }
    unlink(a, c);
    if (c.size === size) {
      const tc = list(a.tcache, size);
      if (tcacheable && tc.length < TCACHE_COUNT) {
        c.state = "tcache";
        tc.push(c.address);
        a.onTcache?.(c, true);
        cached = true;
        continue;
      }
      c.state = "used";
      return c;
    }
    toBin(a, c);
  }
  if (cached) return tcacheGet(a, size)!;
  const own = binIndex(size);
  if (!isSmall(size)) {
    const l = list(a.bins, own);
    const sizeAt = (k: number): number => a.chunks.get(l[k]!)!.size;
    const fits = l.map((_, k) => sizeAt(k)).filter((x) => x >= size);
    if (fits.length) {
      // the smallest size that fits; the second chunk of that size when there are two
      const best = Math.min(...fits);
      let k = l.findIndex((_, m) => sizeAt(m) === best);
      if (k < l.length - 1 && sizeAt(k + 1) === best) k++;
      const victim = take(a, a.chunks.get(l[k]!)!);
      split(a, victim, size, false);
      return victim;
    }
  }
  for (let idx = own + 1; idx <= 126; idx++) {
    const l = a.bins.get(idx);
    if (!l?.length) continue;
    const c = a.chunks.get(l.at(-1)!)!;
    take(a, c);
    split(a, c, size, isSmall(size));
    return c;
  }
  // the top chunk if it has room; if not, fastbin chunks are merged and the search runs again
  if (a.end - a.top < size + MIN_CHUNK && [...a.fast.values()].some((x) => x.length)) {
    consolidate(a);
    return intMalloc(a, size);
  }
  return fromTop(a, size);
}

export function tcacheGet(a: Arena, size: number): Chunk | undefined {
  const tc = a.tcache.get(size);
  if (!tc?.length) return undefined;
  const c = a.chunks.get(tc.pop()!)!;
  c.state = "used";
  a.onTcache?.(c, false);
  return c;
}

/** _int_free: the tcache if there is room, a fastbin if small, else merged and unsorted. */
export function intFree(a: Arena, c: Chunk): void {
  const tc = list(a.tcache, c.size);
  if (c.size <= TCACHE_MAX_CHUNK && tc.length < TCACHE_COUNT) {
    c.state = "tcache";
    tc.push(c.address);
    a.onTcache?.(c, true);
    return;
  }
  if (c.size <= FAST_MAX_CHUNK) {
    c.state = "fast";
    list(a.fast, c.size).push(c.address);
    return;
  }
  // a big free first merges the fastbins, then gives back a large free top (systrim)
  if (merge(a, c) < CONSOLIDATE_AT) return;
  consolidate(a);
  const top = a.end - a.top;
  if (top >= a.trim) a.end -= Math.max(0, Math.floor((top - MIN_CHUNK - 1 - 0x20000) / 4096) * 4096);
}

/** Merges a free chunk with a free chunk before it, after it, or the top; returns its new size. */
function merge(a: Arena, c: Chunk): number {
  // the chunk before is free only if it sits in a bin (tcache and fastbin chunks count as in use)
  const before = [a.unsorted, ...a.bins.values()].flat().find((x) => x + a.chunks.get(x)!.size === c.address);
  if (before !== undefined) {
    const p = a.chunks.get(before)!;
    unlink(a, p);
    a.chunks.delete(c.address);
    p.size += c.size;
    c = p;
  }
  const next = a.chunks.get(c.address + c.size);
  if (c.address + c.size === a.top) {
    a.chunks.delete(c.address);
    a.top = c.address;
    return a.end - a.top;
  }
  if (next?.state === "bin") {
    unlink(a, next);
    a.chunks.delete(next.address);
    c.size += next.size;
  }
  toUnsorted(a, c);
  return c.size;
}

/** malloc_consolidate: every fastbin chunk merged with its neighbours, smallest sizes first. */
export function consolidate(a: Arena): void {
  for (const size of [...a.fast.keys()].sort((x, y) => x - y)) {
    const l = a.fast.get(size)!;
    while (l.length) merge(a, a.chunks.get(l.pop()!)!);
  }
}

/** realloc's growth in place: into the top chunk when it has room, or a free chunk right after. */
export function growInPlace(a: Arena, c: Chunk, size: number): boolean {
  const end = c.address + c.size;
  if (end === a.top && a.end - c.address >= size + MIN_CHUNK) {
    a.top = c.address + size;
    c.size = size;
    return true;
  }
  const next = a.chunks.get(end);
  if (next?.state !== "bin" || c.size + next.size < size) return false;
  unlink(a, next);
  a.chunks.delete(end);
  c.size += next.size;
  return true;
}

/** realloc's shrink in place: the cut-off tail is freed as a chunk of its own. */
export function shrinkInPlace(a: Arena, c: Chunk, size: number): void {
  if (c.size - size < MIN_CHUNK) return;
  const rest: Chunk = { address: c.address + size, size: c.size - size, state: "used" };
  c.size = size;
  a.chunks.set(rest.address, rest);
  intFree(a, rest);
}
