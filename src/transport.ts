/**
 * How the client hands requests to `fetch`, through openapi-fetch's own options: a `Request`
 * class that only records the URL and init (building a real `Request` costs about a tenth of
 * a loopback call, and `fetch` builds its own anyway), a `fetch` that sends them, and
 * serializers for the path and the query.
 */
import { TogaiValidationError } from "./errors.js";

/** What openapi-fetch constructs for each call: the URL and the init, as given. */
class PlainRequest {
  readonly method: string;

  constructor(
    readonly url: string,
    readonly init: RequestInit & { method: string },
  ) {
    this.method = init.method;
  }
}

/** The `Request` class openapi-fetch builds requests with. */
export const PlainRequestClass = PlainRequest as unknown as typeof Request;

/** A `fetch` for openapi-fetch that sends a {@link PlainRequest} with the caller's `fetch`. */
export function sendPlainRequest(
  customFetch: typeof globalThis.fetch | undefined,
): (request: Request) => Promise<Response> {
  return (request) => {
    const { url, init } = request as unknown as PlainRequest;
    return (customFetch ?? globalThis.fetch)(url, init);
  };
}

/**
 * Fills a path template: every parameter becomes exactly one percent-encoded segment.
 * `.` and `..` are refused: URL parsers resolve them as navigation, encoded or not.
 */
export function serializePath(template: string, params: Record<string, unknown>): string {
  return template.replace(/\{(\w+)\}/gu, (_, name: string) => {
    const value = String(params[name]);
    if (value === "." || value === "..") {
      throw new TogaiValidationError(`path parameter ${name}`, 'must not be "." or ".."');
    }
    return encodeURIComponent(value);
  });
}

/** Serializes a flat query object: undefined values skipped, every name and value encoded. */
export function serializeQuery(query: Record<string, unknown>): string {
  const pairs: string[] = [];
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    if (typeof value === "object" || typeof value === "function") {
      throw new TogaiValidationError(`query parameter ${name}`, "must be a string or a number");
    }
    pairs.push(`${encodeURIComponent(name)}=${encodeURIComponent(value as string)}`);
  }
  return pairs.join("&");
}
