/**
 * How the client hands requests to `fetch`, through openapi-fetch's own options: a `Request`
 * class that only records the URL and init (building a real `Request` costs about a tenth of
 * a loopback call, and `fetch` builds its own anyway), a `fetch` that sends them, and
 * serializers for the path and the query.
 */
import { TogaiValidationError } from "./errors.js";

/** What openapi-fetch constructs for each call: the URL and the init, as given. */
class PlainRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  readonly init: RequestInit;

  constructor(url: string, init: RequestInit & { method: string; headers: Headers }) {
    this.url = url;
    this.method = init.method;
    this.headers = init.headers;
    this.init = init;
  }
}

/** The `Request` class openapi-fetch builds requests with. */
export const PlainRequestClass = PlainRequest as unknown as typeof Request;

/** A `fetch` for openapi-fetch that sends a {@link PlainRequest} with the caller's `fetch`. */
export function sendPlainRequest(
  customFetch: typeof globalThis.fetch | undefined,
): (request: Request) => Promise<Response> {
  if (customFetch) {
    return (request) => {
      const { url, init } = request as unknown as PlainRequest;
      return customFetch(url, init);
    };
  }
  return (request) => {
    const { url, init } = request as unknown as PlainRequest;
    return globalThis.fetch(url, init);
  };
}

/** The caller's `fetch`, or the global one looked up at each call. */
export function fetchFor(
  customFetch: typeof globalThis.fetch | undefined,
): typeof globalThis.fetch {
  return customFetch ?? ((input, init) => globalThis.fetch(input, init));
}

const PATH_PARAM = /\{([^{}]+)\}/gu;

/**
 * Fills a path template: every parameter becomes exactly one percent-encoded segment.
 * `.` and `..` are refused: URL parsers resolve them as navigation, encoded or not.
 */
export function serializePath(template: string, params: Record<string, unknown>): string {
  return template.replace(PATH_PARAM, (placeholder, name: string) => {
    const value = params[name];
    if (typeof value !== "string") return placeholder;
    if (value === "." || value === "..") {
      throw new TogaiValidationError(`path parameter ${name}`, `must not be "." or ".."`);
    }
    return encodeURIComponent(value);
  });
}

/** Serializes a flat query object: undefined values skipped, every name and value encoded. */
export function serializeQuery(query: Record<string, unknown>): string {
  let search = "";
  for (const name in query) {
    const value = query[name];
    if (value === undefined || value === null) continue;
    const text =
      typeof value === "string"
        ? value
        : typeof value === "number" || typeof value === "boolean"
          ? String(value)
          : undefined;
    if (text === undefined) {
      throw new TogaiValidationError(`query parameter ${name}`, "must be a string or a number");
    }
    if (search !== "") search += "&";
    search += `${encodeURIComponent(name)}=${encodeURIComponent(text)}`;
  }
  return search;
}
