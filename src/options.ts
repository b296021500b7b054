import type { Environment } from "./environments.js";
import type { RateLimiter, RateLimitOptions } from "./rate-limit.js";

/** Receives one line per attempt. The token is never part of a message or its fields. */
export interface Logger {
  debug(message: string, fields: Readonly<Record<string, unknown>>): void;
}

/** Exponential back-off between retries, with full jitter. */
export interface BackoffOptions {
  /**
   * The longest wait before the first retry, in ms; it doubles with every retry.
   * @default 500
   */
  initialDelayMs?: number;
  /**
   * The longest wait before any retry, in ms.
   * @default 8000
   */
  maxDelayMs?: number;
}

/** Options of {@link createCreditsClient}. Every one is optional. */
export interface ClientOptions {
  /**
   * The API token, sent as `Authorization: Bearer <token>` and nowhere else.
   * @default process.env.TOGAI_API_TOKEN
   */
  token?: string;
  /**
   * Which of the API's servers to call: `"production"` (https://api.togai.com) or
   * `"sandbox"` (https://sandbox-api.togai.com). `baseUrl` overrides it.
   * @default "production"
   */
  environment?: Environment;
  /**
   * The API's base URL, overriding `environment`. `https:`, or `http:` to a loopback host only.
   * @default process.env.TOGAI_BASE_URL
   */
  baseUrl?: string;
  /**
   * How many times a failed call is retried (connection errors, timeouts, 408, 429, 500,
   * 502, 503, 504; `credits.void` only on 429 or a refused connection).
   * @default 2
   */
  maxRetries?: number;
  /**
   * How long one attempt may take, headers and body both, in ms. The waits before an attempt
   * (`maxConcurrency`, `rateLimit`, a 429's pause) are not part of it.
   * @default 60000
   */
  timeoutMs?: number;
  /**
   * The most attempts of this client in flight at once, a whole number from 1. The others
   * wait, in order of arrival (a retry keeps its call's place); each page of `listAll` and
   * `pages`, prefetched or not, is one attempt.
   * @default undefined (no cap)
   * @example 8
   */
  maxConcurrency?: number;
  /**
   * A rate limit that every attempt waits for, retries included, in order of arrival:
   * `{ requestsPerSecond, burst? }` builds a token bucket for this client (`burst` defaults to
   * `Math.max(1, requestsPerSecond)`); a {@link RateLimiter} (`createRateLimiter`, or
   * `createRedisRateLimiter` of `togai-credits/redis`) shares one limit between clients, in
   * one process or many. A 429 that asks to wait at most 60 s pauses it for every sharer;
   * without this option, the 429 pauses this client alone.
   * @default undefined (no limit)
   * @example { requestsPerSecond: 25 }
   */
  rateLimit?: RateLimitOptions | RateLimiter;
  /** The back-off between retries when the server does not say how long to wait. */
  backoff?: BackoffOptions;
  /**
   * The `fetch` to send requests with: a custom one for tests, proxies or other runtimes.
   * @default globalThis.fetch
   */
  fetch?: typeof globalThis.fetch;
  /**
   * Extra headers sent with every request. Values are trimmed; one holding CR, LF, NUL or
   * another character HTTP cannot carry is a `TogaiConfigError` when the client is created.
   */
  headers?: Readonly<Record<string, string>>;
  /**
   * Receives one line per attempt (method, path, attempt, status, duration, outcome), and,
   * with `validateResponses`, one line per answer that carries what the spec does not define.
   * @example { debug: (message, fields) => console.debug(message, fields) }
   */
  logger?: Logger;
  /**
   * Check every argument against the spec before sending (types, required fields, limits,
   * formats, enums, unknown properties), raising a `TogaiValidationError` that names the
   * argument. Turn it off only when the spec lags behind the server. Path parameters are
   * always checked to be one well-formed segment, and `NaN` or `Infinity` are never sent.
   * @default true
   */
  validateRequests?: boolean;
  /**
   * Check every 2xx answer against the spec, raising an `UnexpectedResponseError` that names
   * the JSON path and the rule broken. What a server may add without breaking anyone (a
   * property, or an enum value, the spec does not know yet) is tolerated and reported to
   * `logger`. Worth turning on in tests and staging, to learn early that the API and the spec
   * disagree. The schemas are loaded on the first call that needs them.
   * @default false
   */
  validateResponses?: boolean;
}

/** Options of one call, overriding the client's. Every method takes them as its last argument. */
export interface RequestOptions {
  /** Aborts the call: it then rejects with `signal.reason`, and is not retried. */
  signal?: AbortSignal;
  /** How long one attempt may take, headers and body both, in ms (the waits before it excluded). */
  timeoutMs?: number;
  /** How many times this call is retried. */
  maxRetries?: number;
  /**
   * Extra headers sent with this call, over the client's. Values are trimmed; one holding CR,
   * LF, NUL or another character HTTP cannot carry is a `TogaiValidationError`, and nothing is
   * sent. An operation's declared header parameters go in its own `header` option, which wins
   * over an entry of the same name here.
   */
  headers?: Readonly<Record<string, string>>;
}

/** Options of `credits.listAll` and `credits.pages`. */
export interface PaginationOptions extends RequestOptions {
  /**
   * Fetch the next page while the caller works on the current one, at most one page ahead.
   * Off by default, so breaking out of a loop never costs an extra request unless asked.
   * @default false
   */
  prefetch?: boolean;
}

/** Every default, in one place. */
export const DEFAULTS = {
  environment: "production",
  maxRetries: 2,
  timeoutMs: 60_000,
  backoff: { initialDelayMs: 500, maxDelayMs: 8_000 },
  validateRequests: true,
  validateResponses: false,
} as const satisfies {
  environment: Environment;
  validateRequests: boolean;
  validateResponses: boolean;
  maxRetries: number;
  timeoutMs: number;
  backoff: Required<BackoffOptions>;
};
