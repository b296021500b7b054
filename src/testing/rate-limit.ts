/**
 * The mock's rate limit (`rateLimit`): a token bucket over all requests, as an API server
 * keeps one. A request past it is answered 429 with `Retry-After` (whole seconds, rounded up)
 * and `retry-after-ms`, and is not processed.
 */
import type { RateLimit } from "./types.js";

/** The mock's bucket: `take()` gives `undefined` for a request let in, else the wait in ms. */
export interface RequestBucket {
  take(): number | undefined;
  /** Fills the bucket again (`reset()`). */
  refill(): void;
}

/** Throws a `RangeError` naming what is wrong with `rateLimit`. */
function check({ requestsPerSecond: rate, burst = Math.max(1, rate) }: RateLimit): number {
  if (!(rate > 0 && rate < Infinity)) {
    throw new RangeError(`mock: rateLimit.requestsPerSecond must be a number above 0, got ${rate}`);
  }
  if (!(burst >= 1 && burst < Infinity)) {
    throw new RangeError(`mock: rateLimit.burst must be a number of at least 1, got ${burst}`);
  }
  return burst;
}

/** The bucket of `rateLimit`, full. */
export function requestBucket(rateLimit: RateLimit): RequestBucket {
  const rate = rateLimit.requestsPerSecond;
  const burst = check(rateLimit);
  let tokens = burst;
  let at = performance.now();
  return {
    take() {
      const now = performance.now();
      tokens = Math.min(burst, tokens + ((now - at) * rate) / 1000);
      at = now;
      if (tokens >= 1) {
        tokens--;
        return undefined;
      }
      return Math.ceil(((1 - tokens) * 1000) / rate);
    },
    refill() {
      tokens = burst;
      at = performance.now();
    },
  };
}

/** The headers of the 429 for a wait of `ms`. */
export function retryAfterHeaders(ms: number): Record<string, string> {
  return { "retry-after": String(Math.ceil(ms / 1000)), "retry-after-ms": String(ms) };
}
