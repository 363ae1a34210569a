/** Waiting on work that may never end (a platform that does not answer), for a bounded time. */
import type { Logger } from "../chat/index.js";

/** Whether `promise` settled within `ms` (it keeps running either way). */
export async function within(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([promise.then(() => true, () => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Gives the work under way `graceMs` to finish (a stopping adapter's grace), and logs what it cuts off. */
export async function drain(pending: ReadonlySet<Promise<unknown>>, graceMs: number, logger: Logger): Promise<void> {
  const finished = await within(Promise.allSettled([...pending]), graceMs);
  if (!finished) logger.warn({ evt: "stop-cut-off", unfinished: pending.size, graceMs });
}
