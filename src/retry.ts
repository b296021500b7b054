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

const RETRIED_STATUSES = [408, 429, 500, 502, 503, 504];

/** The longest `Retry-After` the client waits for; a longer one raises the error at once. */
export const MAX_RETRY_AFTER_MS = 60_000;

/** The first `code` (e.g. `ECONNREFUSED`) along an error's chain of causes. */
export function causeCode(error: unknown): string | undefined {
  for (
    let cause = error as { code?: unknown; cause?: unknown } | undefined, depth = 0;
    cause && depth < 5;
    depth++
  ) {
    if (typeof cause.code === "string") return cause.code;
    cause = cause.cause as typeof cause;
  }
  return undefined;
}

/** Whether an error may be retried under a policy. */
export function isRetryable(error: TogaiError, policy: RetryPolicy): boolean {
  if (error instanceof UnexpectedResponseError) return false;
  if (error instanceof TogaiApiError) {
    return policy === "unsafe" ? error.status === 429 : RETRIED_STATUSES.includes(error.status);
  }
  if (policy === "idempotent") return error instanceof TogaiConnectionError;
  return !(error instanceof TogaiTimeoutError) && causeCode(error.cause) === "ECONNREFUSED";
}

/**
 * How long the server asked to wait, in ms: `retry-after-ms`, else `Retry-After` in seconds
 * or as an HTTP date. Undefined when it did not say (or said something unreadable).
 */
export function retryAfterMs(headers: Headers, now: number = Date.now()): number | undefined {
  const inMs = Number(headers.get("retry-after-ms") ?? NaN);
  if (inMs >= 0) return inMs;
  const retryAfter = headers.get("retry-after");
  if (!retryAfter) return undefined;
  const seconds = Number(retryAfter);
  if (seconds >= 0) return seconds * 1000;
  const date = Date.parse(retryAfter);
  return date ? Math.max(0, date - now) : undefined;
}

/** Exponential back-off with full jitter: a random wait up to `initial·2^(retry-1)`, capped. */
export function backoffDelay(
  retry: number,
  backoff: { initialDelayMs: number; maxDelayMs: number },
): number {
  return Math.random() * Math.min(backoff.maxDelayMs, backoff.initialDelayMs * 2 ** (retry - 1));
}
