import { checkBaseUrl, environmentUrl } from "./environments.js";
import { TogaiConfigError } from "./errors.js";
import { DEFAULTS } from "./options.js";
import type { ClientOptions, Logger } from "./options.js";
import { retriesProblem, timeoutProblem } from "./validation.js";

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
}

function readEnv(name: string): string | undefined {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process
    ?.env;
  const value = env?.[name];
  return value === "" ? undefined : value;
}

function checkToken(token: unknown): string {
  if (token === undefined) {
    throw new TogaiConfigError(
      "No API token: pass `token` to createCreditsClient or set TOGAI_API_TOKEN",
    );
  }
  if (typeof token !== "string" || token.trim() === "") {
    throw new TogaiConfigError("token must be a non-empty string");
  }
  if (!/^[\x21-\x7e]+$/u.test(token)) {
    throw new TogaiConfigError("token contains characters that cannot be sent in a header");
  }
  return token;
}

function checkDelay(name: string, value: unknown): number {
  if (typeof value !== "number" || !(value >= 0) || !Number.isFinite(value)) {
    throw new TogaiConfigError(`${name} must be a finite number of ms from 0`);
  }
  return value;
}

/** Checks and defaults a client's options; the token is returned apart, never stored in config. */
export function resolveConfig(options: ClientOptions): { config: ResolvedConfig; token: string } {
  const token = checkToken(options.token ?? readEnv("TOGAI_API_TOKEN"));
  const baseUrlOption = options.baseUrl ?? readEnv("TOGAI_BASE_URL");
  const baseUrl =
    baseUrlOption === undefined
      ? environmentUrl(options.environment ?? DEFAULTS.environment)
      : checkBaseUrl(baseUrlOption);

  const maxRetries = options.maxRetries ?? DEFAULTS.maxRetries;
  const retriesIssue = retriesProblem(maxRetries);
  if (retriesIssue) throw new TogaiConfigError(`maxRetries ${retriesIssue}`);
  const timeoutMs = options.timeoutMs ?? DEFAULTS.timeoutMs;
  const timeoutIssue = timeoutProblem(timeoutMs);
  if (timeoutIssue) throw new TogaiConfigError(`timeoutMs ${timeoutIssue}`);

  const backoff = {
    initialDelayMs: checkDelay(
      "backoff.initialDelayMs",
      options.backoff?.initialDelayMs ?? DEFAULTS.backoff.initialDelayMs,
    ),
    maxDelayMs: checkDelay(
      "backoff.maxDelayMs",
      options.backoff?.maxDelayMs ?? DEFAULTS.backoff.maxDelayMs,
    ),
  };

  const fetchImpl = options.fetch;
  if (fetchImpl !== undefined && typeof fetchImpl !== "function") {
    throw new TogaiConfigError("fetch must be a function");
  }
  if (fetchImpl === undefined && typeof globalThis.fetch !== "function") {
    throw new TogaiConfigError("this runtime has no global fetch: pass `fetch`");
  }

  return {
    token,
    config: {
      baseUrl,
      maxRetries,
      timeoutMs,
      backoff,
      fetch: fetchImpl,
      headers: options.headers ?? {},
      logger: options.logger,
    },
  };
}
