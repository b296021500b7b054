import {
  TogaiApiError,
  TogaiConnectionError,
  TogaiTimeoutError,
  UnexpectedResponseError,
} from "./errors.js";
import type { TogaiError } from "./errors.js";

/**
 * When an operation may be retried.
 * - `"idempotent"`: reads, and `createCredit` (made idempotent by its keys): connection errors,
 *   timeouts, 408, 429, 500, 502, 503, 504.
 * - `"unsafe"`: `voidCredit`: only where the server cannot have acted (429, or a connection
 *   refused before the request was sent).
 */
export type RetryPolicy = "idempotent" | "unsafe";

const RETRIED_STATUSES = new Set([408, 429, 500, 502, 503, 504]);

/** The longest `Retry-After` the client waits for; a longer one raises the error at once. */
export const MAX_RETRY_AFTER_MS = 60_000;

function wasRefused(error: unknown): boolean {
  for (let cause: unknown = error, depth = 0; cause && depth < 5; depth++) {
    if ((cause as { code?: unknown }).code === "ECONNREFUSED") return true;
    cause = (cause as { cause?: unknown }).cause;
  }
  return false;
}

/** Whether an error may be retried under a policy. */
export function isRetryable(error: TogaiError, policy: RetryPolicy): boolean {
  if (error instanceof UnexpectedResponseError) return false;
  if (error instanceof TogaiApiError) {
    if (policy === "unsafe") return error.status === 429;
    return RETRIED_STATUSES.has(error.status);
  }
  if (error instanceof TogaiTimeoutError) return policy === "idempotent";
  if (error instanceof TogaiConnectionError) {
    return policy === "idempotent" || wasRefused(error.cause);
  }
  return false;
}

/**
 * How long the server asked to wait, in ms: `retry-after-ms`, else `Retry-After` in seconds
 * or as an HTTP date. Undefined when it did not say (or said something unreadable).
 */
export function retryAfterMs(headers: Headers, now: number = Date.now()): number | undefined {
  const inMs = headers.get("retry-after-ms");
  if (inMs !== null) {
    const value = Number(inMs);
    if (inMs.trim() !== "" && Number.isFinite(value) && value >= 0) return value;
  }
  const retryAfter = headers.get("retry-after");
  if (retryAfter === null) return undefined;
  if (/^\s*\d+(?:\.\d+)?\s*$/u.test(retryAfter)) return Number(retryAfter) * 1000;
  const date = Date.parse(retryAfter);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Exponential back-off with full jitter: a random wait up to `initial·2^(retry-1)`, capped. */
export function backoffDelay(
  retry: number,
  backoff: { initialDelayMs: number; maxDelayMs: number },
): number {
  const ceiling = Math.min(backoff.maxDelayMs, backoff.initialDelayMs * 2 ** (retry - 1));
  return Math.random() * ceiling;
}
