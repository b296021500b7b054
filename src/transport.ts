/**
 * How the client hands requests to `fetch`, through openapi-fetch's own options: a `Request`
 * class that only records the URL and init (building a real `Request` costs about a tenth of
 * a loopback call, and `fetch` builds its own anyway), a `fetch` that sends them with the
 * client's fixed headers, and serializers for the path and the query.
 */
import { TogaiValidationError } from "./errors.js";
import { encodePrimitive } from "./primitive-text.js";

/** What openapi-fetch constructs for each call: the URL and the init, as given. */
class PlainRequest {
  declare readonly url: string;
  declare readonly init: RequestInit & { method: string; headers: Headers };
  declare readonly method: string;

  constructor(url: string, init: PlainRequest["init"]) {
    Object.assign(this, { url, init, method: init.method });
  }
}

/** The `Request` class openapi-fetch builds requests with. */
export const PlainRequestClass = PlainRequest as unknown as typeof Request;

/**
 * How a client sends when it was given no `fetch`: `globalThis.fetch` (looked up at each call),
 * unless a build supplies its own (the Node build's `node:http` transport).
 */
export type DefaultSend = (
  url: string,
  init: RequestInit & { method: string; headers: Record<string, string> },
) => Promise<Response>;

/**
 * A `fetch` for openapi-fetch that sends a {@link PlainRequest} with `send` (the caller's
 * `fetch`, or a build's {@link DefaultSend}; else `globalThis.fetch`), adding the client's fixed headers. They are merged
 * once, here, rather than by openapi-fetch on every call; the call's own headers (a body's
 * `Content-Type`, a retry count, the caller's extras) are laid over them.
 */
export function sendPlainRequest(
  send: typeof globalThis.fetch | DefaultSend | undefined,
  fixedHeaders: Readonly<Record<string, string>>,
): (request: Request) => Promise<Response> {
  const merged = new Headers();
  for (const [name, value] of Object.entries(fixedHeaders)) merged.set(name, value);
  const fixed = Object.fromEntries(merged);
  return (request) => {
    const { url, init } = request as unknown as PlainRequest;
    let headers: Record<string, string> = fixed;
    for (const [name, value] of init.headers) {
      if (headers === fixed) headers = { ...fixed };
      headers[name] = value;
    }
    return (send ?? globalThis.fetch)(url, { ...init, headers });
  };
}

const compiledPaths = new Map<string, string[]>();

/** Splits a path template once: literal parts at even indexes, parameter names at odd ones. */
function compile(template: string): string[] {
  let parts = compiledPaths.get(template);
  if (!parts) {
    parts = template.split(/\{([^{}]+)\}/u);
    if (compiledPaths.size < 64) compiledPaths.set(template, parts);
  }
  return parts;
}

/**
 * Fills a path template: every parameter becomes exactly one percent-encoded segment.
 * `.` and `..` are refused: URL parsers resolve them as navigation, encoded or not.
 */
export function serializePath(template: string, params: Record<string, unknown>): string {
  const parts = compile(template);
  let path = parts[0] ?? "";
  for (let i = 1; i < parts.length; i += 2) {
    const name = parts[i] ?? "";
    const value = String(params[name]);
    if (value === "." || value === "..") {
      throw new TogaiValidationError(`path parameter ${name}`, 'must not be "." or ".."');
    }
    path += encodeURIComponent(value) + (parts[i + 1] ?? "");
  }
  return path;
}

/**
 * Serializes a query of primitives: `undefined` and `null` skipped, every name and value
 * encoded. An array or an object is refused: the generated table brings the styled query
 * (query-styles.ts) when its spec has such a parameter.
 */
export function serializeQuery(query: Record<string, unknown>): string {
  const pairs: string[] = [];
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    const where = `query parameter ${name}`;
    if (typeof value === "object" || typeof value === "function") {
      throw new TogaiValidationError(where, "must be a string or a number");
    }
    pairs.push(`${encodeURIComponent(name)}=${encodePrimitive(value, where)}`);
  }
  return pairs.join("&");
}
