import { SERVERS } from "../generated/spec-info.js";
import { TogaiConfigError } from "./errors.js";

/** The API's environments, read from the spec's servers. */
export const ENVIRONMENTS = SERVERS;

/** The name of one of the API's environments: `"production"` or `"sandbox"`. */
export type Environment = keyof typeof SERVERS;

const LOOPBACK_HOSTS = new Set(["localhost", "[::1]"]);

function isLoopback(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || /^127(?:\.\d{1,3}){3}$/u.test(hostname);
}

/**
 * Checks a base URL and returns it without a trailing slash. Only `https:` is accepted,
 * or plain `http:` to a loopback host (a local mock server): a token never travels in clear.
 */
export function checkBaseUrl(baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new TogaiConfigError("baseUrl is not a valid absolute URL");
  }
  if (url.username !== "" || url.password !== "") {
    throw new TogaiConfigError("baseUrl must not contain credentials: pass the token as `token`");
  }
  if (url.search !== "" || url.hash !== "") {
    throw new TogaiConfigError("baseUrl must not contain a query or a fragment");
  }
  if (url.protocol === "http:" && !isLoopback(url.hostname)) {
    throw new TogaiConfigError(
      `baseUrl uses plain http: to ${url.hostname}; use https:, or http: only to a loopback host`,
    );
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new TogaiConfigError(`baseUrl must use https:, not ${url.protocol}`);
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/u, "");
}

/** The base URL for an environment name, or a {@link TogaiConfigError} naming the valid ones. */
export function environmentUrl(environment: string): string {
  if (!Object.hasOwn(SERVERS, environment)) {
    throw new TogaiConfigError(
      `environment must be one of ${Object.keys(SERVERS).join(", ")}; got ${JSON.stringify(environment)}`,
    );
  }
  return SERVERS[environment as Environment];
}
