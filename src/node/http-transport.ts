/**
 * The Node transport: sends what openapi-fetch hands to `fetch` through `node:http` or
 * `node:https` with a keep-alive agent per origin, and answers with a {@link NodeResponse} whose
 * body is already read and decoded. It behaves as the client relies on `fetch` to behave:
 *
 * - a failure to connect or a broken connection rejects with `TypeError("fetch failed")` whose
 *   `cause` is Node's error (`code` `ECONNREFUSED`, `ECONNRESET`, `ENOTFOUND`, ...), so the
 *   client classifies it exactly as a `fetch` failure;
 * - an abort of `init.signal` (the attempt's deadline) rejects with `signal.reason`, whether
 *   it comes before the headers or while the body is read;
 * - redirects are not followed: a 3xx is answered as is;
 * - `Accept-Encoding: gzip, deflate, br` is sent, and the body decoded;
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
}

const origins = new Map<string, Origin>();

/** The origin of an absolute URL, parsed once per origin, and the rest of it. */
function split(url: string): { origin: string; parsed: Origin; path: string } {
  const slash = url.indexOf("/", url.indexOf("//") + 2);
  const origin = slash === -1 ? url : url.slice(0, slash);
  const path = slash === -1 ? "/" : url.slice(slash);
  let parsed = origins.get(origin);
  if (parsed === undefined) {
    const { protocol, hostname, port } = new URL(origin);
    const secure = protocol === "https:";
    parsed = {
      secure,
      hostname: hostname.replace(/^\[(.*)\]$/u, "$1"),
      port: port === "" ? (secure ? 443 : 80) : Number(port),
    };
    if (origins.size < 64) origins.set(origin, parsed);
  }
  return { origin, parsed, path };
}

/** The bytes of a request body: the client only ever sends JSON text. */
function bodyBytes(body: TransportInit["body"]): Buffer | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === "string") return Buffer.from(body, "utf8");
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.length);
  throw new TypeError("the Node transport sends only string and Uint8Array bodies");
}

/** A failed connection, as `fetch` reports it. */
function fetchFailed(cause: unknown): TypeError {
  return new TypeError("fetch failed", { cause });
}

function hasHeader(headers: Readonly<Record<string, string>>, name: string): boolean {
  return Object.keys(headers).some((key) => key.toLowerCase() === name);
}

/** Reads the body whole, then decodes it. Rejects if the connection breaks first. */
function readAll(res: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    res.on("data", (chunk: Buffer) => chunks.push(chunk));
    res.once("end", () => {
      const [only] = chunks;
      resolve(chunks.length === 1 && only !== undefined ? only : Buffer.concat(chunks));
    });
    res.once("error", reject);
    res.once("close", () => {
      if (!res.complete) reject(Object.assign(new Error("aborted"), { code: "ECONNRESET" }));
    });
  });
}

/** Sends one request with Node's `http`/`https` and a keep-alive agent; see the module's doc. */
export function sendWithNode(url: string, init: TransportInit): Promise<NodeResponse> {
  const signal = init.signal ?? undefined;
  if (signal?.aborted) return Promise.reject(signal.reason as Error);
  const { origin, parsed, path } = split(url);
  const body = bodyBytes(init.body);
  const headers: Record<string, string> = { ...init.headers };
  if (!hasHeader(headers, "accept-encoding")) headers["accept-encoding"] = "gzip, deflate, br";
  if (body !== undefined) headers["content-length"] = String(body.length);

  return new Promise<NodeResponse>((resolve, reject) => {
    const send = parsed.secure ? httpsRequest : httpRequest;
    const req = send({
      host: parsed.hostname,
      port: parsed.port,
      path,
      method: init.method,
      headers,
      agent: agentFor(origin, parsed.secure),
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
    req.once("error", (error) => {
      fail(fetchFailed(error));
    });
    req.once("response", (res) => {
      const { statusCode = 0, statusMessage = "", headers: received } = res;
      readAll(res)
        .then((data) => decodeBody(data, received["content-encoding"]))
        .then(
          (data) => {
            if (settled) return;
            settled = true;
            unwatch?.();
            const text = data.toString("utf8").replace(/^\uFEFF/u, "");
            resolve(
              new NodeResponse(url, statusCode, statusMessage, new NodeHeaders(received), text),
            );
          },
          (error: unknown) => {
            fail(fetchFailed(error));
          },
        );
    });
    req.end(body);
  });
}
