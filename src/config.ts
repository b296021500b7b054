import { checkBaseUrl, environmentUrl } from "./environments.js";
import { TogaiConfigError } from "./errors.js";
import { DEFAULTS } from "./options.js";
import type { ClientOptions, Logger } from "./options.js";
import {
  checkRateLimit,
  tokenBucket,
  type RateLimiter,
  type RateLimitOptions,
} from "./rate-limit.js";
import { checkHeaders } from "./header-values.js";
import { numberRule } from "./validation.js";

/** A client's settled configuration: every option checked and defaulted. */
export interface ResolvedConfig {
  baseUrl: string;
  maxRetries: number;
  timeoutMs: number;
  backoff: { initialDelayMs: number; maxDelayMs: number };
  /** The caller's `fetch`; undefined means `globalThis.fetch`, looked up at each call. */
  fetch: typeof globalThis.fetch | undefined;
  headers: Readonly<Record<string, string>>;
  logger: Logger | undefined;
  validateRequests: boolean;
  validateResponses: boolean;
  /** The `maxConcurrency` cap; undefined means none. */
  maxConcurrency: number | undefined;
  /** The limiter every attempt waits for; undefined means none. */
  rateLimit: RateLimiter | undefined;
}

function readEnv(name: string): string | undefined {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process
    ?.env;
  const value = env?.[name];
  return value === "" ? undefined : value;
}

function checkNumber(name: string, value: number, zero: boolean, whole?: boolean): number {
  const rule = numberRule(value, zero, whole);
  if (rule) throw new TogaiConfigError(`${name} ${rule}`);
  return value;
}

/** The client's extra headers, trimmed; a value that cannot be sent is a {@link TogaiConfigError}. */
function clientHeaders(headers: unknown = {}): Record<string, string> {
  if (typeof headers !== "object" || headers === null || Array.isArray(headers)) {
    throw new TogaiConfigError("headers must be an object of header names to values");
  }
  try {
    return checkHeaders(headers as Record<string, unknown>, "headers");
  } catch (error) {
    // checkHeaders throws a TogaiValidationError: its message, as a configuration error.
    throw new TogaiConfigError((error as Error).message);
  }
}

/** The `rateLimit` option as a limiter: the one given, or a token bucket built from its options. */
function checkRateLimitOption(option: ClientOptions["rateLimit"]): RateLimiter | undefined {
  const given = option as Partial<RateLimiter & RateLimitOptions> | null | undefined;
  if (given?.requestsPerSecond !== undefined) {
    const { requestsPerSecond, burst } = checkRateLimit(given, "rateLimit.");
    return tokenBucket(requestsPerSecond, burst);
  }
  if (
    given === undefined ||
    (typeof given?.acquire === "function" && typeof given.pauseUntil === "function")
  ) {
    return given as RateLimiter | undefined;
  }
  throw new TogaiConfigError(
    "rateLimit must be { requestsPerSecond, burst? } or a RateLimiter { acquire, pauseUntil }",
  );
}

/** Checks and defaults a client's options; the token is returned apart, never stored in config. */
export function resolveConfig(options: ClientOptions): { config: ResolvedConfig; token: string } {
  const token = options.token ?? readEnv("TOGAI_API_TOKEN");
  if (token === undefined) {
    throw new TogaiConfigError("No API token: pass `token` or set TOGAI_API_TOKEN");
  }
  if (typeof token !== "string" || !/^[\x21-\x7e]+$/u.test(token)) {
    throw new TogaiConfigError("token must be a non-empty string of printable ASCII");
  }
  const baseUrl = options.baseUrl ?? readEnv("TOGAI_BASE_URL");
  const { fetch, backoff = {} } = options;
  if (fetch !== undefined && typeof fetch !== "function") {
    throw new TogaiConfigError("fetch must be a function");
  }
  const { validateRequests = DEFAULTS.validateRequests } = options;
  const { validateResponses = DEFAULTS.validateResponses } = options;
  if (typeof validateRequests !== "boolean" || typeof validateResponses !== "boolean") {
    throw new TogaiConfigError("validateRequests and validateResponses must be true or false");
  }
  return {
    token,
    config: {
      baseUrl:
        baseUrl === undefined
          ? environmentUrl(options.environment ?? DEFAULTS.environment)
          : checkBaseUrl(baseUrl),
      maxRetries: checkNumber("maxRetries", options.maxRetries ?? DEFAULTS.maxRetries, true, true),
      timeoutMs: checkNumber("timeoutMs", options.timeoutMs ?? DEFAULTS.timeoutMs, false),
      backoff: {
        initialDelayMs: checkNumber(
          "backoff.initialDelayMs",
          backoff.initialDelayMs ?? DEFAULTS.backoff.initialDelayMs,
          true,
        ),
        maxDelayMs: checkNumber(
          "backoff.maxDelayMs",
          backoff.maxDelayMs ?? DEFAULTS.backoff.maxDelayMs,
          true,
        ),
      },
      fetch,
      headers: clientHeaders(options.headers),
      logger: options.logger,
      validateRequests,
      validateResponses,
      maxConcurrency:
        options.maxConcurrency === undefined
          ? undefined
          : checkNumber("maxConcurrency", options.maxConcurrency, false, true),
      rateLimit: checkRateLimitOption(options.rateLimit),
    },
  };
}
