import type { ResolvedConfig } from "./config.js";
import { delay } from "./delay.js";
import {
  TogaiApiError,
  TogaiConnectionError,
  TogaiError,
  TogaiTimeoutError,
  UnexpectedResponseError,
  apiErrorFor,
} from "./errors.js";
import type { RequestOptions } from "./options.js";
import { MAX_RETRY_AFTER_MS, backoffDelay, isRetryable, retryAfterMs } from "./retry.js";
import type { RetryPolicy } from "./retry.js";
import type { AttemptTimeouts } from "./timeout.js";

/** What one attempt hands to openapi-fetch, besides the operation's own params. */
export interface AttemptInit {
  signal: AbortSignal;
  headers?: Readonly<Record<string, string>>;
}

/** What openapi-fetch answers with `parseAs: "text"`. */
export interface RawAnswer {
  data?: string | undefined;
  error?: unknown;
  response: Response;
}

/** One API operation, as the request loop sees it. */
export interface Operation {
  method: "GET" | "POST";
  /** The request's path, for messages and logs. */
  path: string;
  retry: RetryPolicy;
  /** Sends one attempt through openapi-fetch. */
  send(init: AttemptInit): Promise<RawAnswer>;
  /** Checks a parsed 2xx body beyond "a JSON object": what is wrong, or undefined. */
  check?(body: Record<string, unknown>): string | undefined;
}

/** A successful answer: the parsed body and the response it came in. */
export interface Answer<T> {
  body: T;
  response: Response;
}

const RETRY_COUNT_HEADER = "x-togai-retry-count";

function unexpected(op: Operation, response: Response, body: unknown, description: string) {
  return new UnexpectedResponseError({
    status: response.status,
    body,
    headers: response.headers,
    method: op.method,
    path: op.path,
    description,
  });
}

function parseBody<T>(
  op: Operation,
  text: string | undefined,
  response: Response,
): Answer<T> | TogaiError {
  if (text === undefined || text === "") return unexpected(op, response, "", "the body is empty");
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return unexpected(op, response, text, "the body is not valid JSON");
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return unexpected(op, response, body, "the body is not a JSON object");
  }
  const problem = op.check?.(body as Record<string, unknown>);
  if (problem !== undefined) return unexpected(op, response, body, problem);
  return { body: body as T, response };
}

function describeCause(error: unknown): string {
  for (let cause: unknown = error, depth = 0; cause && depth < 5; depth++) {
    const { code } = cause as { code?: unknown };
    if (typeof code === "string") return `connection failed (${code})`;
    cause = (cause as { cause?: unknown }).cause;
  }
  return error instanceof Error ? `connection failed (${error.message})` : "connection failed";
}

async function attemptOnce<T>(
  timeouts: AttemptTimeouts,
  op: Operation,
  attempt: number,
  timeoutMs: number,
  options: RequestOptions,
): Promise<Answer<T> | TogaiError> {
  const { signal } = options;
  const attemptSignal = timeouts.start(timeoutMs, signal);
  const headers =
    attempt === 0 ? options.headers : { ...options.headers, [RETRY_COUNT_HEADER]: String(attempt) };
  const init: AttemptInit = headers
    ? { signal: attemptSignal.signal, headers }
    : { signal: attemptSignal.signal };
  try {
    const { data, error, response } = await op.send(init);
    if (response.ok) return parseBody<T>(op, data, response);
    return apiErrorFor({
      status: response.status,
      body: error,
      headers: response.headers,
      method: op.method,
      path: op.path,
      retryAfterMs: retryAfterMs(response.headers),
      ...(response.type === "opaqueredirect" && { description: "redirect not followed" }),
    });
  } catch (thrown) {
    if (signal?.aborted) throw signal.reason;
    if (thrown instanceof TogaiError) throw thrown;
    if (attemptSignal.timedOut) {
      return new TogaiTimeoutError(
        `${op.method} ${op.path}: no complete answer within ${timeoutMs} ms`,
        { cause: thrown },
      );
    }
    return new TogaiConnectionError(`${op.method} ${op.path}: ${describeCause(thrown)}`, {
      cause: thrown,
    });
  } finally {
    attemptSignal.clear();
  }
}

/**
 * Runs an operation: one attempt, then retries as its policy allows, waiting as the server
 * asks (up to 60 s) or with exponential back-off. Resolves with the parsed body; rejects with
 * a {@link TogaiError}, or with the caller's `signal.reason` when the caller aborts.
 */
export async function execute<T>(
  config: ResolvedConfig,
  timeouts: AttemptTimeouts,
  op: Operation,
  options: RequestOptions,
): Promise<Answer<T>> {
  const { signal } = options;
  signal?.throwIfAborted();
  const maxRetries = options.maxRetries ?? config.maxRetries;
  const timeoutMs = options.timeoutMs ?? config.timeoutMs;
  const { logger } = config;

  for (let attempt = 0; ; attempt++) {
    const started = logger ? performance.now() : 0;
    const outcome = await attemptOnce<T>(timeouts, op, attempt, timeoutMs, options);
    const fields = logger && {
      method: op.method,
      path: op.path,
      attempt: attempt + 1,
      durationMs: Math.round(performance.now() - started),
    };
    if (!(outcome instanceof TogaiError)) {
      logger?.debug(`${op.method} ${op.path} ${String(outcome.response.status)}`, {
        ...fields,
        status: outcome.response.status,
        outcome: "ok",
      });
      return outcome;
    }
    const serverWait = outcome instanceof TogaiApiError ? outcome.retryAfterMs : undefined;
    const retry =
      attempt < maxRetries &&
      isRetryable(outcome, op.retry) &&
      !(serverWait !== undefined && serverWait > MAX_RETRY_AFTER_MS);
    const waitMs = retry ? (serverWait ?? backoffDelay(attempt + 1, config.backoff)) : undefined;
    logger?.debug(outcome.message, {
      ...fields,
      ...(outcome instanceof TogaiApiError && { status: outcome.status }),
      outcome: retry ? "retry" : "error",
      error: outcome.name,
      ...(waitMs !== undefined && { retryInMs: Math.round(waitMs) }),
    });
    if (waitMs === undefined) throw outcome;
    await delay(waitMs, signal);
  }
}
