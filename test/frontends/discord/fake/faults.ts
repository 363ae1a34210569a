/**
 * Failures the local Discord can be told to make: the next requests to a route answer with
 * a server error or a rate limit, lose their connection, or are never answered at all.
 */

export type Fault =
  /** an HTTP error status, e.g. 500, 502, 503 */
  | { status: number }
  /** a 429 with Discord's rate-limit headers, asking to retry after `seconds` */
  | { status: 429; seconds: number }
  /** the connection is destroyed as soon as the request arrives (the bot sees a reset or a broken pipe) */
  | { socket: "reset" }
  /** the request is never answered (an unreachable Discord) */
  | { socket: "hang" };

export interface FiredFault {
  /** "METHOD /route" */
  request: string;
  fault: Fault;
  at: number;
}

export class Faults {
  readonly fired: FiredFault[] = [];
  private planned: { route: RegExp; fault: Fault; left: number }[] = [];

  /** The next `times` requests matching `route` (e.g. /^PATCH \/webhooks\//) fail with `fault`. */
  add(route: RegExp, fault: Fault, times: number): void {
    this.planned.push({ route, fault, left: times });
  }

  /** The fault this request meets, if one is planned for it (counting it off). */
  take(request: string): Fault | undefined {
    const plan = this.planned.find((p) => p.left > 0 && p.route.test(request));
    if (!plan) return undefined;
    plan.left -= 1;
    this.fired.push({ request, fault: plan.fault, at: Date.now() });
    return plan.fault;
  }

  /** Forgets every fault not yet fired. */
  clear(): void {
    this.planned = [];
  }
}
