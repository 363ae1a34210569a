/**
 * Which of the tracer's objects died, known exactly.
 *
 * The tracer remembers objects by address only (a held reference would change what CPython
 * frees). An address alone cannot tell an object from a new one that took its block between
 * two trace callbacks, so during a run every type the tracer watches has its deallocator
 * wrapped: CPython calls `type->tp_dealloc` for every object that dies, and the wrapper notes
 * the address before the block can be reused. The wrappers are removed when the run ends, so
 * nothing of them is left in the interpreter's memory (or in a snapshot of it).
 *
 * A few deaths do not pass through `tp_dealloc`: CPython's specialised instructions free ints,
 * floats and strs directly, and growing a str in place may move its block. For those types the
 * object header is also read at each callback (a freed block's first word is overwritten with a
 * free-list link; a live object's reference count is small and positive).
 */

/** The parts of Pyodide's Emscripten module this needs. */
export interface WasmModule {
  HEAPU32: Uint32Array;
  HEAP32: Int32Array;
  wasmTable: { get(index: number): unknown };
  addFunction(fn: (op: number) => number | void, signature: string): number;
  _PyLong_Type: number;
  _PyFloat_Type: number;
  _PyUnicode_Type: number;
  _PyBytes_Type: number;
  _PyComplex_Type: number;
  _PyBool_Type: number;
}

// 32-bit PyTypeObject: ob_refcnt, ob_type, ob_size, tp_name, tp_basicsize, tp_itemsize, then:
const TP_DEALLOC = 24;
const TP_HASH = 60;
const TP_FLAGS = 84;
const TP_BASE = 128;
const TP_NEW = 156;
const IMMUTABLETYPE = 1 << 8;
const HEAPTYPE = 1 << 9;
const BASETYPE = 1 << 10;

/**
 * The tracer's doorbells (memsim_tracer/bells.py): two classes whose `tp_hash` the watch sets
 * to its own functions for the length of a run, and BOX, the signed 64-bit integers at `box`
 * that carry their arguments and answers. A ring costs a tenth of a call through a proxy.
 */
export interface Bells {
  snapType: number;
  trackType: number;
  box: number;
  boxSize: number;
  /** BOX's index of the steps so far; the line follows */
  progressAt: number;
}

/** snap's answers besides 0 and an address (bells.py's MANY and ASK) */
const MANY = -2;
const ASK = -3;

/** One wrapper per original deallocator, made once per interpreter: table slots are not freed. */
const wrappers = new WeakMap<object, Map<number, number>>();

export interface DeathWatch {
  /** start (type id) or stop (0) watching addresses: flat [address, type id, …] pairs. A
   * negative type id: watched by its deallocator only, without reading its header at each
   * callback (objects out of view in a big container: their count stays flat per step). */
  track(ops: number[]): void;
  /** a value passed through the temporaries hook (is it still alive at the line's end?);
   * address 0: the line's temporaries were told, forget them */
  watchTemp(address: number, typeId: number): void;
  /**
   * Called first thing in a trace callback. Returns [n, ...n dead addresses, ...one 1/0 per
   * temp triple (address, type id, length or -1): still alive], or 0 when nothing died and
   * there were no temporaries.
   */
  snap(temps: number[] | undefined): number[] | 0;
  /**
   * `track`, reading the pairs from the tracer's buffer: `count` signed 64-bit integers at
   * `address` in the interpreter's memory (no list crosses from Python to JavaScript).
   */
  trackAt(address: number, count: number): void;
  /** `track` of one or two pairs, given as numbers (b = 0: one pair) */
  trackPairs(a: number, typeA: number, b: number, typeB: number): void;
  /**
   * `snap`, with the temporaries' triples read from the tracer's buffer (`triples` of them at
   * `address`); each one's 1/0 is written back over the buffer's first `triples` integers.
   * Returns 0 when nothing died, the address when one object died, else the dead addresses.
   */
  snapAt(address: number, triples: number): number | number[];
  /** puts every deallocator back and forgets the run */
  end(): void;
}

/**
 * `subtypeDealloc`: the deallocator CPython gives every class defined in Python; it calls the
 * nearest base's own deallocator, which is the one wrapped (wrapping it would make it call
 * itself).
 */
export function createDeathWatch(
  module: WasmModule,
  subtypeDealloc: number,
  bells?: Bells,
  /** told at every callback, through the track bell, where the run is */
  onProgress?: (steps: number, line: number) => void,
): DeathWatch {
  const tracked = new Map<number, number>();
  /** watched objects whose death may bypass tp_dealloc: their headers are read too */
  const headerChecked = new Map<number, number>();
  const temps = new Map<number, boolean>();
  const dead: number[] = [];
  const patched = new Map<number, { original: number; wrapper: number }>();
  const typeSeen = new Map<number, boolean>();
  const bypass = new Set([
    module._PyLong_Type,
    module._PyFloat_Type,
    module._PyUnicode_Type,
    module._PyBytes_Type,
    module._PyComplex_Type,
    module._PyBool_Type,
  ]);
  let active = true;

  const onDealloc = (op: number): void => {
    if (!active) return;
    if (tracked.delete(op)) {
      headerChecked.delete(op);
      dead.push(op);
    }
    if (temps.has(op)) temps.set(op, false);
  };

  const live = runOf(module);
  let table = wrappers.get(module);
  if (!table) wrappers.set(module, (table = new Map()));
  const current = { onDealloc };
  const wrapperFor = (original: number): number => {
    let index = table!.get(original);
    if (index === undefined) {
      const fn = module.wasmTable.get(original) as (op: number) => void;
      // the hook of the run in progress is looked up at each call: a wrapper outlives its run
      index = module.addFunction((op: number) => {
        live.hook?.(op);
        fn(op);
      }, "vi");
      table!.set(original, index);
    }
    return index;
  };
  live.hook = current.onDealloc;

  /** Wraps the deallocator that objects of this type end in. Returns false if it cannot. */
  const hookType = (typeId: number): boolean => {
    const known = typeSeen.get(typeId);
    if (known !== undefined) return known;
    const heap = module.HEAPU32;
    let owner = typeId;
    let ok = false;
    for (let depth = 0; depth < 64 && owner; depth++) {
      const dealloc = heap[(owner + TP_DEALLOC) >>> 2]!;
      if (dealloc !== subtypeDealloc) {
        ok = dealloc !== 0;
        break;
      }
      owner = heap[(owner + TP_BASE) >>> 2]!;
    }
    if (ok && !patched.has(owner)) {
      const original = heap[(owner + TP_DEALLOC) >>> 2]!;
      const wrapper = wrapperFor(original);
      heap[(owner + TP_DEALLOC) >>> 2] = wrapper;
      patched.set(owner, { original, wrapper });
    }
    // a class defined in Python may be freed with its objects: its type word is not read later
    const sure = ok && !bypass.has(typeId) && !(heap[(typeId + TP_FLAGS) >>> 2]! & HEAPTYPE && bypassBase(heap, typeId));
    typeSeen.set(typeId, sure);
    return sure;
  };

  const bypassBase = (heap: Uint32Array, typeId: number): boolean => {
    let t = typeId;
    for (let depth = 0; depth < 64 && t; depth++) {
      if (bypass.has(t)) return true;
      t = heap[(t + TP_BASE) >>> 2]!;
    }
    return false;
  };

  const alive = (heap: Uint32Array, addr: number, typeId: number): boolean => {
    const word = addr >>> 2;
    const refcount = heap[word] ?? 0;
    return heap[word + 1] === typeId && refcount >= 1 && refcount < 65536;
  };

  const trackOne = (addr: number, typeId: number): void => {
    if (typeId === 0) {
      tracked.delete(addr);
      headerChecked.delete(addr);
      return;
    }
    const hookOnly = typeId < 0;
    const type = hookOnly ? -typeId : typeId;
    const sure = hookType(type);
    tracked.set(addr, type);
    if (!sure && !hookOnly) headerChecked.set(addr, type);
    // it may have died during the callback that first saw it, before it was watched
    if (!alive(module.HEAPU32, addr, type)) onDealloc(addr);
  };

  /** Reads the header of every watched object whose death may bypass tp_dealloc. */
  const sweep = (): void => {
    const heap = module.HEAPU32;
    for (const [addr, typeId] of headerChecked) {
      if (!alive(heap, addr, typeId)) onDealloc(addr);
    }
  };

  /** The snap bell: 0, one dead address, MANY (the addresses in BOX) or ASK (use snapAt). */
  const ringSnap = (): number => {
    sweep();
    const n = dead.length;
    if (n === 0) return 0;
    if (n === 1 && dead[0]! <= 0x7fffffff) {
      const gone = dead[0]!;
      dead.length = 0;
      return gone;
    }
    if (n >= bells!.boxSize) return ASK;
    writeInt64s(module, bells!.box, [n, ...dead]);
    dead.length = 0;
    return MANY;
  };

  /** The track bell: BOX[0] pairs follow; then the progress, when someone wants it. */
  const ringTrack = (): number => {
    const low = module.HEAPU32;
    const high = module.HEAP32;
    const word = bells!.box >>> 2;
    const pairs = low[word]!;
    for (let i = 0, at = word + 2; i < pairs; i++, at += 4) {
      trackOne(high[at + 1]! * 4294967296 + low[at]!, high[at + 3]! * 4294967296 + low[at + 2]!);
    }
    if (onProgress) {
      const at = word + 2 * bells!.progressAt;
      onProgress(low[at]!, low[at + 2]!);
    }
    return 0;
  };

  const rung = bells ? hangBells(module, bells, { snap: ringSnap, track: ringTrack }) : undefined;

  return {
    track(ops) {
      for (let i = 0; i + 1 < ops.length; i += 2) trackOne(ops[i]!, ops[i + 1]!);
    },
    watchTemp(address, typeId) {
      if (address === 0) {
        temps.clear();
        return;
      }
      hookType(typeId);
      temps.set(address, true);
    },
    snap(tempTriples) {
      const heap = module.HEAPU32;
      sweep();
      if (dead.length === 0 && !tempTriples) return 0;
      const out = [dead.length, ...dead];
      dead.length = 0;
      if (tempTriples) {
        for (let i = 0; i + 2 < tempTriples.length; i += 3) {
          const addr = tempTriples[i]!;
          const typeId = tempTriples[i + 1]!;
          const length = tempTriples[i + 2]!;
          let same: boolean;
          if (hookType(typeId)) same = temps.get(addr) === true;
          // the third word of a str, bytes or tuple is its length, which never changes
          else same = temps.get(addr) !== false && alive(heap, addr, typeId) && (length < 0 || heap[(addr >>> 2) + 2] === length);
          out.push(same ? 1 : 0);
        }
      }
      return out;
    },
    trackAt(address, count) {
      const low = module.HEAPU32;
      const high = module.HEAP32;
      for (let i = 0, word = address >>> 2; i + 1 < count; i += 2, word += 4) {
        trackOne(high[word + 1]! * 4294967296 + low[word]!, high[word + 3]! * 4294967296 + low[word + 2]!);
      }
    },
    trackPairs(a, typeA, b, typeB) {
      trackOne(a, typeA);
      if (b !== 0) trackOne(b, typeB);
    },
    snapAt(address, triples) {
      if (triples === 0) {
        // the usual case, without the arrays `snap` makes
        sweep();
        if (dead.length === 0) return 0;
        const gone = dead.length === 1 ? dead[0]! : dead.slice();
        dead.length = 0;
        return gone;
      }
      const temps = readInt64s(module, address, 3 * triples);
      const out = this.snap(temps);
      if (out === 0) return 0;
      const n = out[0]!;
      if (temps) writeInt64s(module, address, out.slice(1 + n));
      if (n === 0) return 0;
      return n === 1 ? out[1]! : out.slice(1, 1 + n);
    },
    end() {
      active = false;
      rung?.();
      const heap = module.HEAPU32;
      for (const [owner, { original, wrapper }] of patched) {
        if (heap[(owner + TP_DEALLOC) >>> 2] === wrapper) heap[(owner + TP_DEALLOC) >>> 2] = original;
      }
      patched.clear();
      if (live.hook === current.onDealloc) live.hook = undefined;
      tracked.clear();
      headerChecked.clear();
      temps.clear();
      dead.length = 0;
    },
  };

}

/** Signed 64-bit integers (Python's `array("q")`) in the interpreter's memory, as numbers. */
function readInt64s(module: WasmModule, address: number, count: number): number[] {
  const low = module.HEAPU32;
  const high = module.HEAP32;
  const out = new Array<number>(count);
  for (let i = 0, word = address >>> 2; i < count; i++, word += 2) out[i] = high[word + 1]! * 4294967296 + low[word]!;
  return out;
}

function writeInt64s(module: WasmModule, address: number, values: number[]): void {
  const words = module.HEAPU32;
  for (let i = 0, word = address >>> 2; i < values.length; i++, word += 2) {
    words[word] = values[i]! >>> 0;
    words[word + 1] = values[i]! < 0 ? 0xffffffff : 0;
  }
}

interface Live {
  /** the run in progress's dealloc hook: wrappers call it, and nothing when no run is on */
  hook?: ((op: number) => void) | undefined;
  /** the run in progress's bell functions */
  ringers?: Ringers | undefined;
}
/** what the run in progress hangs on an interpreter, found once per interpreter (not at every call) */
const lives = new WeakMap<object, Live>();
function runOf(module: object): Live {
  let run = lives.get(module);
  if (!run) lives.set(module, (run = {}));
  return run;
}

interface Ringers {
  snap(): number;
  track(): number;
}

/** The two table slots that call them, made once per interpreter: table slots are not freed. */
const bellSlots = new WeakMap<object, { snap: number; track: number }>();

/**
 * Puts the bell functions in the bell classes' `tp_hash` slots, marks the classes immutable,
 * final and closed to new instances (no program can put a `__hash__` of its own there, or make
 * an object of its own ring), and returns what takes the functions down again.
 */
function hangBells(module: WasmModule, bells: Bells, ringers: Ringers): () => void {
  const run = runOf(module);
  let slots = bellSlots.get(module);
  if (!slots) {
    // a hash of -1 would be an error: no answer is -1
    slots = {
      snap: module.addFunction(() => run.ringers?.snap() ?? 0, "ii"),
      track: module.addFunction(() => run.ringers?.track() ?? 0, "ii"),
    };
    bellSlots.set(module, slots);
  }
  run.ringers = ringers;
  const heap = module.HEAPU32;
  const hung: [number, number][] = [];
  for (const [type, slot] of [[bells.snapType, slots.snap], [bells.trackType, slots.track]] as const) {
    const flags = heap[(type + TP_FLAGS) >>> 2]!;
    heap[(type + TP_FLAGS) >>> 2] = (flags | IMMUTABLETYPE) & ~BASETYPE;
    // no more of them can be made: the tracer's own were made when it was loaded
    heap[(type + TP_NEW) >>> 2] = 0;
    hung.push([type, heap[(type + TP_HASH) >>> 2]!]);
    heap[(type + TP_HASH) >>> 2] = slot;
  }
  return () => {
    const now = module.HEAPU32;
    for (const [type, original] of hung) now[(type + TP_HASH) >>> 2] = original;
    if (run.ringers === ringers) run.ringers = undefined;
  };
}
