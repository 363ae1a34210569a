/**
 * Retrying a call to Discord that failed for a passing reason. @discordjs/rest already
 * retries a 5xx three times at once, waits out a 429 for as long as Discord asks, and
 * retries a reset connection (ECONNRESET) or its own 15 s timeout three times; it gives
 * up on a broken pipe (EPIPE), a closed socket ("other side closed", "socket hang up"), a
 * refused connection, and on a 5xx that lasts longer than its immediate retries. Those are
 * retried here, with growing waits and jitter, bounded by attempts and a deadline.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { DiscordAPIError, HTTPError, RateLimitError } from "discord.js";

export interface RetryPolicy {
  /** the wait before the second attempt; each later wait doubles, up to maxDelayMs */
  firstDelayMs: number;
  maxDelayMs: number;
  /** attempts in all, the first included */
  maxAttempts: number;
}

export const DEFAULT_RETRY: RetryPolicy = { firstDelayMs: 500, maxDelayMs: 30_000, maxAttempts: 40 };

/** Network failures that say nothing about the request itself: the same request may succeed later. */
const TRANSIENT_CODES = new Set([
  "ECONNRESET",
  "EPIPE",
  "ECONNREFUSED",
  "ECONNABORTED",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENETDOWN",
  "EAI_AGAIN",
  "UND_ERR_SOCKET",
  "UND_ERR_CLOSED",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
]);

export type Verdict = { transient: false } | { transient: true; waitMs: number };

/** Whether a failed call to Discord may be tried again, and the least wait Discord asked for. */
export function classify(error: unknown): Verdict {
  if (error instanceof RateLimitError) return { transient: true, waitMs: Math.max(0, error.retryAfter || error.timeToReset) };
  if (error instanceof DiscordAPIError || error instanceof HTTPError) {
    return error.status >= 500 || error.status === 429 ? { transient: true, waitMs: 0 } : { transient: false };
  }
  // undici wraps the socket's error in `cause`; look down the chain
  for (let e: unknown = error, depth = 0; e && typeof e === "object" && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, name, message } = e as { code?: unknown; name?: unknown; message?: unknown };
    if (typeof code === "string" && TRANSIENT_CODES.has(code)) return { transient: true, waitMs: 0 };
    if (name === "AbortError" || name === "TimeoutError") return { transient: true, waitMs: 0 };
    if (typeof message === "string" && /socket hang up|other side closed|ECONNRESET|EPIPE/.test(message)) return { transient: true, waitMs: 0 };
  }
  return { transient: false };
}

/** The wait before attempt `attempt + 1`: exponential, capped, with half of it random (so retries spread out). */
export function backoffMs(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

export interface RetryOptions {
  policy: RetryPolicy;
  /** epoch ms after which no attempt starts */
  deadline: number;
  /** ends the waiting between attempts (the bot is stopping) */
  signal?: AbortSignal;
  /** told of each failure that will be retried, before the wait */
  onRetry?: (error: unknown, attempt: number, waitMs: number) => void;
  now?: () => number;
}

/** The failure that ended the retries, and how many attempts were made. */
export class GaveUp extends Error {
  constructor(
    readonly reason: "permanent" | "attempts" | "deadline" | "stopped",
    readonly attempts: number,
    readonly last: unknown,
  ) {
    super(`gave up after ${attempts} attempt(s) (${reason}): ${(last as Error)?.message ?? String(last)}`, { cause: last }); // operator-facing
    this.name = "GaveUp";
  }
}

/** Runs `call` until it succeeds or a retry is not worth making; throws `GaveUp` then. */
export async function withRetry<T>(call: (attempt: number) => Promise<T>, options: RetryOptions): Promise<T> {
  const now = options.now ?? Date.now;
  for (let attempt = 1; ; attempt++) {
    try {
      return await call(attempt);
    } catch (error) {
      const verdict = classify(error);
      if (!verdict.transient) throw new GaveUp("permanent", attempt, error);
      if (attempt >= options.policy.maxAttempts) throw new GaveUp("attempts", attempt, error);
      const waitMs = Math.max(verdict.waitMs, backoffMs(attempt, options.policy));
      if (now() + waitMs > options.deadline) throw new GaveUp("deadline", attempt, error);
      if (options.signal?.aborted) throw new GaveUp("stopped", attempt, error);
      options.onRetry?.(error, attempt, waitMs);
      try {
        await sleep(waitMs, undefined, options.signal ? { signal: options.signal } : {});
      } catch {
        throw new GaveUp("stopped", attempt, error);
      }
    }
  }
}
