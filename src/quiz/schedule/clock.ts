/**
 * The time the schedule reads and the timers it sets, behind one interface: the system's in
 * production, a simulated one in tests, which moves only when told to and fires due timers in
 * order of their time.
 */
export interface Clock {
  now(): number;
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer(fn, ms) {
    const t = setTimeout(fn, ms);
    // a pending daily post never keeps the process alive on its own
    t.unref();
    return t;
  },
  clearTimer: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface SimulatedClock extends Clock {
  /** moves time on by `ms`, firing every timer due on the way, each at its own time */
  advance(ms: number): Promise<void>;
  /** moves time on to an instant (never back) */
  advanceTo(at: number): Promise<void>;
  /** timers set and not yet fired or cleared */
  pending(): number;
}

/** Lets promises started by a timer run before time moves on. */
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

export function simulatedClock(start: number): SimulatedClock {
  let now = start;
  let seq = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  const clock: SimulatedClock = {
    now: () => now,
    setTimer(fn, ms) {
      const id = ++seq;
      timers.set(id, { at: now + Math.max(0, ms), fn });
      return id;
    },
    clearTimer: (handle) => void timers.delete(handle as number),
    async advanceTo(at) {
      for (;;) {
        await turn();
        let next: [number, { at: number; fn: () => void }] | undefined;
        for (const entry of timers) if (!next || entry[1].at < next[1].at || (entry[1].at === next[1].at && entry[0] < next[0])) next = entry;
        if (!next || next[1].at > at) break;
        timers.delete(next[0]);
        now = Math.max(now, next[1].at);
        next[1].fn();
      }
      now = Math.max(now, at);
      await turn();
    },
    advance: (ms) => clock.advanceTo(now + ms),
    pending: () => timers.size,
  };
  return clock;
}
