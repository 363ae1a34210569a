/** Which failed calls to Discord are tried again, how long between tries, and when the tries stop. */
import { DiscordAPIError, HTTPError, RateLimitError } from "discord.js";
import { describe, expect, it } from "vitest";
import { backoffMs, classify, GaveUp, withRetry, type RetryPolicy } from "../../../src/frontends/discord/retry.js";

const request = { body: undefined, files: undefined };
const apiError = (status: number, code = 0) => new DiscordAPIError({ code, message: "refused" }, code, status, "PATCH", "/webhooks/1/t/messages/@original", request);
const netError = (code: string, message = `write ${code}`) => Object.assign(new Error(message), { code });

describe("classify", () => {
  it("retries what says nothing about the request: lost connections, server errors, timeouts", () => {
    for (const code of ["EPIPE", "ECONNRESET", "ECONNREFUSED", "UND_ERR_SOCKET", "ETIMEDOUT"]) expect(classify(netError(code))).toEqual({ transient: true, waitMs: 0 });
    expect(classify(new HTTPError(502, "Bad Gateway", "PATCH", "/x", request))).toEqual({ transient: true, waitMs: 0 });
    expect(classify(Object.assign(new Error("This operation was aborted"), { name: "AbortError" })).transient).toBe(true);
    // undici's "fetch failed" with the socket's error as its cause
    expect(classify(new TypeError("fetch failed", { cause: netError("EPIPE") })).transient).toBe(true);
    expect(classify(new Error("socket hang up")).transient).toBe(true);
  });

  it("waits as long as a rate limit asks", () => {
    const limited = new RateLimitError({ timeToReset: 4_000, limit: 5, method: "PATCH", hash: "h", url: "/x", route: "/webhooks/:id/:token", majorParameter: "1", global: false, retryAfter: 3_050, sublimitTimeout: 0, scope: "user" });
    expect(classify(limited)).toEqual({ transient: true, waitMs: 3_050 });
  });

  it("does not retry what Discord refused for good, nor memsim's own mistakes", () => {
    expect(classify(apiError(400, 50035))).toEqual({ transient: false });
    expect(classify(apiError(404, 10015))).toEqual({ transient: false });
    expect(classify(new TypeError("payload.map is not a function"))).toEqual({ transient: false });
  });
});

describe("backoffMs", () => {
  const policy: RetryPolicy = { firstDelayMs: 500, maxDelayMs: 30_000, maxAttempts: 10 };
  it("doubles, stays under its cap, and is at least half of its ceiling whatever the jitter", () => {
    expect([1, 2, 3].map((n) => backoffMs(n, policy, () => 1))).toEqual([500, 1_000, 2_000]);
    expect([1, 2, 3].map((n) => backoffMs(n, policy, () => 0))).toEqual([250, 500, 1_000]);
    expect(backoffMs(20, policy, () => 1)).toBe(30_000);
    expect(backoffMs(20, policy, () => 0)).toBe(15_000);
  });
});

describe("withRetry", () => {
  const quick: RetryPolicy = { firstDelayMs: 1, maxDelayMs: 4, maxAttempts: 5 };
  const far = () => Date.now() + 60_000;

  it("returns the first success after passing failures", async () => {
    let calls = 0;
    const seen: number[] = [];
    const value = await withRetry(
      async () => {
        calls++;
        if (calls < 3) throw netError("EPIPE");
        return "sent";
      },
      { policy: quick, deadline: far(), onRetry: (_e, attempt) => seen.push(attempt) },
    );
    expect(value).toBe("sent");
    expect(seen).toEqual([1, 2]);
  });

  it("gives up at once on a refusal, after maxAttempts on passing failures, and before the deadline", async () => {
    const refused = withRetry(() => Promise.reject(apiError(403)), { policy: quick, deadline: far() });
    await expect(refused).rejects.toMatchObject({ reason: "permanent", attempts: 1 });
    const flaky = withRetry(() => Promise.reject(netError("ECONNRESET")), { policy: quick, deadline: far() });
    await expect(flaky).rejects.toMatchObject({ reason: "attempts", attempts: 5 });
    // the next wait would end after the deadline: no attempt is made past it
    const late = withRetry(() => Promise.reject(netError("ECONNRESET")), { policy: { ...quick, firstDelayMs: 1_000, maxDelayMs: 1_000 }, deadline: Date.now() + 100 });
    await expect(late).rejects.toMatchObject({ reason: "deadline", attempts: 1 });
  });

  it("stops waiting when told to stop", async () => {
    const halt = new AbortController();
    const pending = withRetry(() => Promise.reject(netError("ECONNREFUSED")), { policy: { ...quick, firstDelayMs: 60_000, maxDelayMs: 60_000 }, deadline: Date.now() + 600_000, signal: halt.signal });
    halt.abort();
    const error = await pending.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GaveUp);
    expect(error).toMatchObject({ reason: "stopped", attempts: 1 });
  });
});
