/**
 * Rate limits: the {@link RateLimiter} interface every attempt of a client with `rateLimit`
 * waits on, and {@link createRateLimiter}, the in-process token bucket.
 */
import { TogaiConfigError } from "./errors.js";
import { numberRule } from "./validation.js";

/**
 * A rate limit that clients share: in one process (`createRateLimiter` of `togai-credits`),
 * or across processes (`createRedisRateLimiter` of `togai-credits/redis`). Any object with
 * these two functions will do.
 *
 * @example
 * // A limit kept by a service of your own, shared with other tools.
 * const rateLimit: RateLimiter = {
 *   acquire: (signal) => quota.take("togai", { signal }),
 *   pauseUntil: (untilMs) => quota.pause("togai", untilMs),
 * };
 * const togai = createCreditsClient({ rateLimit });
 */
export interface RateLimiter {
  /** Resolves when one request may be sent now; rejects with `signal.reason` on abort. */
  acquire(signal?: AbortSignal): Promise<void>;
  /** The API answered 429: no sharer of this limiter sends before `untilMs` (epoch ms). */
  pauseUntil(untilMs: number): Promise<void> | void;
}

/**
 * The options of a token bucket: its rate and its burst.
 *
 * @example { requestsPerSecond: 25, burst: 5 } // 25 requests/s on average, at most 5 at once
 */
export interface RateLimitOptions {
  /** How many requests per second, on average; fractions are allowed (`0.4`: 2 every 5 s). */
  requestsPerSecond: number;
  /**
   * How many requests may go at once after a quiet time: the bucket's size, at least 1.
   * @default Math.max(1, requestsPerSecond)
   */
  burst?: number;
}

/**
 * A token bucket as the client uses it, for each of its waits: calls wait in ticket order (a
 * call's arrival; a retry keeps its ticket, so it goes ahead of the calls that arrived after
 * it), and leave with `signal.reason` when their signal aborts.
 */
export interface TokenBucket extends RateLimiter {
  /** Takes a token at once (`undefined`), else waits for one, in ticket order. */
  pass(ticket: number, signal?: AbortSignal): Promise<void> | undefined;
  /** Gives a token back (a concurrency slot). */
  put(): void;
  /** Grants nothing before `untilMs`, then starts again from `tokens` (default 1). */
  pauseUntil(untilMs: number, tokens?: number): void;
}

/** A call waiting in a {@link TokenBucket}. */
interface Waiter {
  ticket: number;
  signal: AbortSignal | undefined;
  go(): void;
  fail(reason: Error): void;
}

/** Checks a token bucket's options; errors name each option as `<prefix>requestsPerSecond`. */
export function checkRateLimit(
  options: Partial<RateLimitOptions> | undefined,
  prefix = "",
): { requestsPerSecond: number; burst: number } {
  const { requestsPerSecond: rate = NaN, burst = Math.max(1, rate) } = options ?? {};
  const rule = numberRule(rate, false);
  if (rule) throw new TogaiConfigError(`${prefix}requestsPerSecond ${rule}`);
  if (!(burst >= 1 && burst < Infinity)) {
    throw new TogaiConfigError(`${prefix}burst must be a number of at least 1`);
  }
  return { requestsPerSecond: rate, burst };
}

/**
 * A token bucket of `rate` tokens per second, holding at most `burst`. After `pauseUntil`, it
 * grants nothing until the pause ends, then starts again from one token (the API's own bucket
 * is empty then). The client's waits are all such buckets: with a rate of 0 and tokens given
 * back, the `maxConcurrency` slots; with an infinite rate, only the pause is left: the 429 gate
 * (which lets every waiter go when it opens).
 */
export function tokenBucket(rate: number, burst: number): TokenBucket {
  const waiters: Waiter[] = [];
  /** The waiters of each signal: a signal is listened to once, however many of its calls wait. */
  const watched = new Map<AbortSignal, Set<Waiter>>();
  const onAbort = ({ target }: Event): void => {
    const signal = target as AbortSignal;
    for (const waiter of watched.get(signal) ?? []) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.fail(signal.reason as Error);
    }
    watched.delete(signal);
  };
  /** A waiter leaves: its signal is no longer listened to once none of its waiters is left. */
  const leave = (waiter: Waiter): Waiter => {
    const { signal } = waiter;
    const mates = signal && watched.get(signal);
    if (signal && mates?.delete(waiter) && mates.size === 0) {
      watched.delete(signal);
      signal.removeEventListener("abort", onAbort);
    }
    return waiter;
  };
  let tokens = burst;
  let at = Date.now();
  let pausedUntil = 0;
  let tickets = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  /** Refills for the time passed, then takes a token if one is there and no pause holds. */
  const take = (): boolean => {
    const now = Date.now();
    if (now > at) tokens = Math.min(burst, tokens + ((now - at) * rate) / 1000);
    at = Math.max(at, now);
    return now >= pausedUntil && tokens >= 1 && tokens-- > 0;
  };
  const grant = (): void => {
    for (let first = waiters[0]; first && take(); first = waiters[0]) {
      waiters.shift();
      leave(first).go();
    }
    if (timer !== undefined || waiters.length === 0) return;
    const wait = Math.max(pausedUntil - Date.now(), ((1 - tokens) * 1000) / rate || 0);
    if (wait < Infinity) {
      timer = setTimeout(
        () => {
          timer = undefined;
          grant();
        },
        Math.min(wait, 2 ** 31 - 1),
      );
    }
  };
  const pass = (ticket: number, signal?: AbortSignal): Promise<void> | undefined => {
    if (!signal?.aborted && waiters.length === 0 && take()) return undefined;
    return new Promise((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason as Error);
        return;
      }
      const waiter: Waiter = { ticket, signal, go: resolve, fail: reject };
      let index = waiters.length;
      while (index > 0 && (waiters[index - 1]?.ticket ?? 0) > ticket) index--;
      waiters.splice(index, 0, waiter);
      if (signal) {
        const mates = watched.get(signal) ?? new Set();
        if (mates.size === 0) {
          watched.set(signal, mates);
          signal.addEventListener("abort", onAbort, { once: true });
        }
        mates.add(waiter);
      }
      grant();
    });
  };

  return {
    pass,
    acquire: (signal) => pass(tickets++, signal) ?? Promise.resolve(),
    put() {
      tokens++;
      grant();
    },
    pauseUntil(untilMs, after = 1) {
      if (untilMs <= pausedUntil) return;
      pausedUntil = at = untilMs;
      tokens = after;
      clearTimeout(timer);
      timer = undefined;
      grant();
    },
  };
}

/**
 * Creates an in-process token bucket, to share one rate limit between clients:
 * `requestsPerSecond` on average, up to `burst` at once after a quiet time. Waiters are served
 * in order of arrival. After a 429 (`pauseUntil`), it grants nothing until the pause ends, then
 * starts again from one token.
 *
 * @throws {TogaiConfigError} when `requestsPerSecond` is not a finite number above 0, or `burst` is below 1.
 * @example
 * const limit = createRateLimiter({ requestsPerSecond: 20, burst: 5 });
 * const billing = createCreditsClient({ rateLimit: limit });
 * const reports = createCreditsClient({ rateLimit: limit }); // the same 20 requests/s for both
 */
export function createRateLimiter(options: RateLimitOptions): RateLimiter {
  const { requestsPerSecond, burst } = checkRateLimit(options);
  return tokenBucket(requestsPerSecond, burst);
}
