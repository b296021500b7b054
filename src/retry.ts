import {
  TogaiApiError,
  TogaiConnectionError,
  TogaiTimeoutError,
  UnexpectedResponseError,
} from "./errors.js";
import type { TogaiError } from "./errors.js";
import type { RetryRule } from "./operation-table.js";

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

/**
 * Whether an error is a body that arrived whole but does not decode (its `Content-Encoding` is
 * corrupt: zlib's `Z_*` codes, brotli's `ERR__*`), as opposed to a connection that broke.
 */
export function isUndecodable(error: unknown): boolean {
  return /^(Z_|ERR__)/u.test(causeCode(error) ?? "");
}

/** Whether a status is among `statusCodes`: numbers, or ranges such as `"5XX"`. */
function listed(status: number, statusCodes: RetryRule["statusCodes"]): boolean {
  return statusCodes.some((code) =>
    typeof code === "number" ? code === status : String(status).startsWith(code.charAt(0)),
  );
}

/**
 * Whether an error may be retried under an operation's rule. A connection refused before
 * anything was sent is always retried: the server cannot have acted.
 */
export function isRetryable(error: TogaiError, rule: RetryRule): boolean {
  if (error instanceof UnexpectedResponseError) return false;
  if (error instanceof TogaiApiError) return listed(error.status, rule.statusCodes);
  if (rule.connectionErrors) return error instanceof TogaiConnectionError;
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
