/**
 * A small HTTP (or HTTPS) server on 127.0.0.1 for the Node transport's tests. It answers every
 * request with the test's handler (by default: the spec's example `CreditDetailsResponse`, as
 * JSON) and records what arrived: each request's method, target, headers and body, and how
 * many connections it accepted. Unlike the mock Credits API, it lets a test write any bytes
 * (a compressed body, a corrupt one) and count sockets.
 */
import { readFileSync } from "node:fs";
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import { createServer as createHttpsServer } from "node:https";
import { EXAMPLES } from "../../generated/examples.ts";

/** The id of the spec's example credit. */
export const CREDIT_ID = "creds.1znQx9jiIXw.r44fc";

/** The spec's example answer of `credits.get` (getCreditDetails). */
export const CREDIT_DETAILS = EXAMPLES.getCreditDetails!.response as Record<string, unknown>;

/** The test-only certificate (and its key) for 127.0.0.1: see fixtures/README.md. */
export const CERT_PATH = new URL("fixtures/127.0.0.1.cert.pem", import.meta.url).pathname;
const KEY_PATH = new URL("fixtures/127.0.0.1.key.pem", import.meta.url).pathname;

/** A request as the server received it. */
export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** How the server answers a request (its body already read into `request.body`). */
export type Handler = (request: SeenRequest, res: ServerResponse) => void;

export interface TestServer {
  /** `http://127.0.0.1:PORT` (or `https://`). */
  readonly url: string;
  /** Every request received, in order of arrival. */
  readonly requests: readonly SeenRequest[];
  /** How many TCP connections it has accepted. */
  readonly connections: number;
  /** The underlying `http.Server`, to tune (e.g. `keepAliveTimeout`). */
  readonly server: Server;
  /** Closes every connection and stops listening. */
  close(): Promise<void>;
}

/** A handler answering `body` as JSON with `status`. */
export function answerJson(body: unknown, status = 200): Handler {
  const bytes = Buffer.from(JSON.stringify(body));
  return (_request, res) => {
    res.writeHead(status, { "content-type": "application/json", "content-length": bytes.length });
    res.end(bytes);
  };
}

/** Starts a server on 127.0.0.1 (any free port); `https: true` serves with the test certificate. */
export async function startTestServer(
  handler: Handler = answerJson(CREDIT_DETAILS),
  { https = false }: { https?: boolean } = {},
): Promise<TestServer> {
  const requests: SeenRequest[] = [];
  let connections = 0;
  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const seen = {
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      requests.push(seen);
      handler(seen, res);
    });
  };
  const server: Server = https
    ? createHttpsServer({ cert: readFileSync(CERT_PATH), key: readFileSync(KEY_PATH) }, onRequest)
    : createServer(onRequest);
  // A TLS server's "connection" is the TCP one too (before the handshake).
  server.on("connection", () => {
    connections++;
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `${https ? "https" : "http"}://127.0.0.1:${port}`,
    requests,
    get connections() {
      return connections;
    },
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
        server.closeAllConnections();
      }),
  };
}
