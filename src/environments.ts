import { SERVERS } from "../generated/spec-info.js";
import { TogaiConfigError } from "./errors.js";
import { isSecureOrigin } from "./secure-origin.js";

/** The API's environments, read from the spec's servers. */
export const ENVIRONMENTS = SERVERS;

/** The name of one of the API's environments: `"production"` or `"sandbox"`. */
export type Environment = keyof typeof SERVERS;

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
  if (url.username || url.password || url.search || url.hash) {
    throw new TogaiConfigError("baseUrl must not carry credentials, a query or a fragment");
  }
  if (!isSecureOrigin(url)) {
    throw new TogaiConfigError(
      `baseUrl must use https: (plain http: only to a loopback host), not ${url.protocol}//${url.host}`,
    );
  }
  return (url.origin + url.pathname).replace(/\/+$/u, "");
}

/** The base URL for an environment name, or a {@link TogaiConfigError} naming the valid ones. */
export function environmentUrl(environment: string): string {
  if (!Object.hasOwn(SERVERS, environment)) {
    throw new TogaiConfigError(`environment must be one of ${Object.keys(SERVERS).join(", ")}`);
  }
  return SERVERS[environment as Environment];
}
