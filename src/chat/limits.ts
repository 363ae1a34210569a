/**
 * Fair use: cooldowns per person and per channel (token buckets), and one running
 * simulation per person. Button presses that only redraw have a looser bucket of their own.
 *
 * The advisor's runs of rewritten programs are runs too: each one is charged to the same
 * person's and channel's buckets as a simulation (`Limits.charge`), and all of them for one
 * request may take at most twice the pool time the program's own run took
 * (`rewriteBudgetMs`). When either runs out the advisor stops running rewrites and the
 * learner gets less advice, never an error.
 */

export interface LimitSettings {
  /** simulations a person may start in a burst, and ms to earn one back */
  userBurst: number;
  userRefillMs: number;
  /** simulations a channel may start in a burst, and ms to earn one back */
  channelBurst: number;
  channelRefillMs: number;
  /** button presses a person may make in a burst, and ms to earn one back */
  pressBurst: number;
  pressRefillMs: number;
  /** pool time the advisor may spend on one request's rewrites however quick the program
   * was, in ms (default 0: exactly REWRITE_TIME_FACTOR times the program's own run) */
  rewriteFloorMs?: number;
}

/** The advisor's rewrite runs for one request may take at most this many times the pool time
 * the program's own run took. */
export const REWRITE_TIME_FACTOR = 2;

/**
 * The pool time (ms) the advisor may spend on one request's rewrites, for a program whose own
 * run took `runMs`: REWRITE_TIME_FACTOR × runMs, or the operator's floor if that is larger.
 * Both sides are measured alike, as the wall time from asking the sandbox for a run to its
 * answer (its result carries no run time of its own): a wait for a free worker counts in the
 * program's run, and in each rewrite's share of the budget.
 */
export function rewriteBudgetMs(runMs: number, settings: Pick<LimitSettings, "rewriteFloorMs">): number {
  return Math.max(REWRITE_TIME_FACTOR * Math.max(0, runMs), settings.rewriteFloorMs ?? 0);
}

export const DEFAULT_LIMITS: LimitSettings = {
  userBurst: 3,
  userRefillMs: 5_000,
  channelBurst: 10,
  channelRefillMs: 2_000,
  pressBurst: 10,
  pressRefillMs: 500,
  rewriteFloorMs: 0,
};

/** No limits (a local console has one person). */
export const NO_LIMITS: LimitSettings = {
  userBurst: Number.POSITIVE_INFINITY,
  userRefillMs: 1,
  channelBurst: Number.POSITIVE_INFINITY,
  channelRefillMs: 1,
  pressBurst: Number.POSITIVE_INFINITY,
  pressRefillMs: 1,
  // the console runs one person's programs in its own process: no pool to share
  rewriteFloorMs: Number.POSITIVE_INFINITY,
};

export type Cost = "simulate" | "press";

export type LimitVerdict = { ok: true } | { ok: false; scope: "user" | "channel" | "running"; waitMs: number };

interface Bucket {
  tokens: number;
  at: number;
}

class Buckets {
  private buckets = new Map<string, Bucket>();
  constructor(
    private readonly burst: number,
    private readonly refillMs: number,
  ) {}

  /** ms until a token is free (0: one is free now) */
  wait(key: string, now: number): number {
    const b = this.refill(key, now);
    return b.tokens >= 1 ? 0 : Math.ceil((1 - b.tokens) * this.refillMs);
  }

  /** whole tokens left now */
  left(key: string, now: number): number {
    return Math.floor(this.refill(key, now).tokens);
  }

  take(key: string, now: number): void {
    this.refill(key, now).tokens -= 1;
  }

  private refill(key: string, now: number): Bucket {
    let b = this.buckets.get(key);
    if (!b) {
      b = { tokens: this.burst, at: now };
      this.buckets.set(key, b);
      // forget full buckets now and then so the map stays small
      if (this.buckets.size > 10_000) this.sweep(now);
    }
    b.tokens = Math.min(this.burst, b.tokens + (now - b.at) / this.refillMs);
    b.at = now;
    return b;
  }

  private sweep(now: number): void {
    for (const [key, b] of this.buckets) if (b.tokens + (now - b.at) / this.refillMs >= this.burst) this.buckets.delete(key);
  }
}

export class Limits {
  private users: Buckets;
  private channels: Buckets;
  private presses: Buckets;
  private running = new Set<string>();

  constructor(
    settings: LimitSettings,
    private readonly now: () => number = Date.now,
  ) {
    this.users = new Buckets(settings.userBurst, settings.userRefillMs);
    this.channels = new Buckets(settings.channelBurst, settings.channelRefillMs);
    this.presses = new Buckets(settings.pressBurst, settings.pressRefillMs);
  }

  /** Takes a token for this person (and channel), or says how long to wait. */
  take(cost: Cost, userId: string, channelId: string): LimitVerdict {
    const now = this.now();
    if (cost === "press") {
      const wait = this.presses.wait(userId, now);
      if (wait > 0) return { ok: false, scope: "user", waitMs: wait };
      this.presses.take(userId, now);
      return { ok: true };
    }
    if (this.running.has(userId)) return { ok: false, scope: "running", waitMs: 0 };
    const userWait = this.users.wait(userId, now);
    if (userWait > 0) return { ok: false, scope: "user", waitMs: userWait };
    const channelWait = this.channels.wait(channelId, now);
    if (channelWait > 0) return { ok: false, scope: "channel", waitMs: channelWait };
    this.users.take(userId, now);
    this.channels.take(channelId, now);
    return { ok: true };
  }

  /**
   * Charges one more run (an advisor's rewrite) to this person and channel, as a simulation
   * costs: true when both had a run left (one is taken from each), false when either is
   * empty (nothing is taken). A person's own running simulation does not stand in the way:
   * the rewrites are part of it.
   */
  charge(userId: string, channelId: string): boolean {
    const now = this.now();
    if (this.users.wait(userId, now) > 0 || this.channels.wait(channelId, now) > 0) return false;
    this.users.take(userId, now);
    this.channels.take(channelId, now);
    return true;
  }

  /** How many runs `charge` would allow now, one after another. */
  available(userId: string, channelId: string): number {
    const now = this.now();
    return Math.max(0, Math.min(this.users.left(userId, now), this.channels.left(channelId, now)));
  }

  /** Marks this person's simulation as running; false when one already is. */
  begin(userId: string): boolean {
    if (this.running.has(userId)) return false;
    this.running.add(userId);
    return true;
  }

  end(userId: string): void {
    this.running.delete(userId);
  }

  isRunning(userId: string): boolean {
    return this.running.has(userId);
  }
}
