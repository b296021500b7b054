/**
 * The Node transport: sends what openapi-fetch hands to `fetch` through `node:http` or
 * `node:https` with keep-alive agents shared by every client, and answers with a {@link NodeResponse} whose
 * body is already read and decoded. It behaves as the client relies on `fetch` to behave:
 *
 * - a failure to connect or a broken connection rejects with `TypeError("fetch failed")` whose
 *   `cause` is Node's error (`code` `ECONNREFUSED`, `ECONNRESET`, `ENOTFOUND`, ...), so the
 *   client classifies it exactly as a `fetch` failure;
 * - an abort of `init.signal` (the attempt's deadline) rejects with `signal.reason`, whether
 *   it comes before the headers or while the body is read;
 * - redirects are not followed: a 3xx is answered as is;
 * - `Accept-Encoding: gzip, deflate, br` is sent, and the body decoded; a body that arrived
 *   whole but does not decode is answered, and reading it fails, as with `fetch`;
 * - a request body is sent with `Content-Length`, never chunked.
 */
import { type IncomingMessage, request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { watchAbort } from "./abort-watch.js";
import { agentFor } from "./agents.js";
import { decodeBody } from "./decode.js";
import { NodeHeaders, NodeResponse } from "./response.js";

/** What the client hands a transport: the URL and the init it would hand `fetch`. */
export interface TransportInit {
  method: string;
  headers: Readonly<Record<string, string>>;
  body?: BodyInit | null | undefined;
  signal?: AbortSignal | null | undefined;
}

interface Origin {
  secure: boolean;
  hostname: string;
  port: number;
  /** The `Host` header: the URL's host, port included unless it is the default one. */
  host: string;
}

const origins = new Map<string, Origin>();

/** The origin of an absolute URL, parsed once per origin, and the rest of it. */
function split(url: string): { parsed: Origin; path: string } {
  const slash = url.indexOf("/", url.indexOf("//") + 2);
  const origin = slash === -1 ? url : url.slice(0, slash);
  const path = slash === -1 ? "/" : url.slice(slash);
  let parsed = origins.get(origin);
  if (parsed === undefined) {
    const { protocol, hostname, port, host } = new URL(origin);
    const secure = protocol === "https:";
    parsed = {
      secure,
      hostname: hostname.replace(/^\[(.*)\]$/u, "$1"),
      port: port === "" ? (secure ? 443 : 80) : Number(port),
      host,
    };
    if (origins.size < 64) origins.set(origin, parsed);
  }
  return { parsed, path };
}

/** The bytes of a request body: the client only ever sends JSON text. */
function bodyBytes(body: TransportInit["body"]): Buffer | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === "string") return Buffer.from(body, "utf8");
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.length);
  throw new TypeError("the Node transport sends only string and Uint8Array bodies");
}

/** The methods Node sends without a body, and so without `Transfer-Encoding: chunked`. */
const BODILESS_METHODS = new Set(["GET", "HEAD", "DELETE", "OPTIONS", "TRACE", "CONNECT"]);

/** A failed connection, as `fetch` reports it. */
function fetchFailed(cause: unknown): TypeError {
  return new TypeError("fetch failed", { cause });
}

/**
 * The request's headers as Node's flat `[name, value, ...]` list, which `http.request` writes
 * as given (no per-header bookkeeping): the client's (names lower-case, as `Headers` gives
 * them), then `Host`, `Accept-Encoding` unless set, and `Content-Length`: the body's, or 0 for
 * a `POST` (or any method Node would otherwise send chunked) without one, as `fetch` does.
 */
function headerList(init: TransportInit, host: string, body: Buffer | undefined): string[] {
  const method = init.method.toUpperCase();
  const list = ["host", host];
  let acceptEncoding = false;
  for (const [name, value] of Object.entries(init.headers)) {
    const lower = name.toLowerCase();
    if (lower === "host" || lower === "content-length") continue;
    if (lower === "accept-encoding") acceptEncoding = true;
    list.push(name, value);
  }
  if (!acceptEncoding) list.push("accept-encoding", "gzip, deflate, br");
  if (body !== undefined) list.push("content-length", String(body.length));
  else if (!BODILESS_METHODS.has(method)) list.push("content-length", "0");
  return list;
}

/**
 * Reads the body of `res` whole and hands its bytes to `done`, or the error that broke the
 * connection to `failed`.
 */
function readBody(
  res: IncomingMessage,
  done: (data: Buffer) => void,
  failed: (error: Error) => void,
): void {
  const chunks: Buffer[] = [];
  res.on("data", (chunk: Buffer) => chunks.push(chunk));
  res.once("end", () => {
    const [only] = chunks;
    done(chunks.length === 1 && only !== undefined ? only : Buffer.concat(chunks));
  });
  res.once("error", failed);
  res.once("close", () => {
    if (!res.complete) failed(Object.assign(new Error("aborted"), { code: "ECONNRESET" }));
  });
}

/** Sends one request with Node's `http`/`https` and a keep-alive agent; see the module's doc. */
export function sendWithNode(url: string, init: TransportInit): Promise<NodeResponse> {
  const signal = init.signal ?? undefined;
  if (signal?.aborted) return Promise.reject(signal.reason as Error);
  const { parsed, path } = split(url);
  const body = bodyBytes(init.body);
  const headers = headerList(init, parsed.host, body);

  return new Promise<NodeResponse>((resolve, reject) => {
    const send = parsed.secure ? httpsRequest : httpRequest;
    const req = send({
      host: parsed.hostname,
      port: parsed.port,
      path,
      method: init.method,
      headers,
      agent: agentFor(parsed.secure),
    });
    let settled = false;
    const unwatch = signal
      ? watchAbort(signal, () => {
          fail(signal.reason as Error);
        })
      : undefined;
    function fail(error: Error): void {
      if (settled) return;
      settled = true;
      unwatch?.();
      req.destroy();
      reject(error);
    }
    req.on("error", (error) => {
      fail(fetchFailed(error));
    });
    req.once("response", (res) => {
      const { statusCode = 0, statusMessage = "", headers: received } = res;
      const succeed = (data: Buffer | Error): void => {
        if (settled) return;
        settled = true;
        unwatch?.();
        resolve(new NodeResponse(url, statusCode, statusMessage, new NodeHeaders(received), data));
      };
      const broken = (error: unknown): void => {
        fail(fetchFailed(error));
      };
      const encoding = received["content-encoding"];
      readBody(
        res,
        encoding === undefined
          ? succeed
          : (data) => {
              // A body that arrived whole but does not decode is answered: reading it fails.
              decodeBody(data, encoding).then(succeed, (error: unknown) => {
                succeed(new TypeError("terminated", { cause: error }));
              });
            },
        broken,
      );
    });
    req.end(body);
  });
}
