/**
 * The loopback server of the benchmarks, run in its own process (see loopback-server.ts) so
 * that the server's CPU time is not charged to the client being measured.
 *
 * - `GET /credits/{credit_id}` answers a fixed ~2 KB `CreditDetailsResponse`.
 * - `GET /credits` answers pre-built pages of 50 credits; `nextToken` is an opaque base64
 *   cursor (see `pageToken`). The total
 *   is read from the `x-bench-total` header (default 10,000) and an added latency per page from
 *   `x-bench-latency-ms` (default 0), so one server serves every scenario.
 * - Anything else, or a request without a bearer token, gets an `ErrorResponse`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { PAGE_SIZE, credit, creditDetails, pageOfToken, pageToken } from "./fixtures.ts";

const MAX_TOTAL = 20_000;
const DETAILS = Buffer.from(JSON.stringify(creditDetails()));
const PAGE_ITEMS: string[] = Array.from({ length: MAX_TOTAL / PAGE_SIZE }, (_, page) =>
  JSON.stringify(Array.from({ length: PAGE_SIZE }, (_, i) => credit(page * PAGE_SIZE + i))),
);
const PAGE_TOKENS = PAGE_ITEMS.map((_, page) => pageToken(page));
let requests = 0;

function send(res: ServerResponse, status: number, body: Buffer | string): void {
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(body),
  });
  res.end(body);
}

function listPage(req: IncomingMessage, res: ServerResponse, query: string): void {
  const total = Math.min(MAX_TOTAL, Number(req.headers["x-bench-total"] ?? 10_000));
  const latencyMs = Number(req.headers["x-bench-latency-ms"] ?? 0);
  const token = new URLSearchParams(query).get("nextToken");
  const page = token === null ? 0 : pageOfToken(token);
  const pages = Math.ceil(total / PAGE_SIZE);
  if (!Number.isInteger(page) || page < 0 || page >= pages) {
    send(res, 400, JSON.stringify({ message: `unknown nextToken ${String(token)}` }));
    return;
  }
  const next = page + 1 < pages ? `,"nextToken":"${PAGE_TOKENS[page + 1]!}"` : "";
  const body = `{"data":${PAGE_ITEMS[page]!}${next}}`;
  if (latencyMs > 0)
    setTimeout(() => {
      send(res, 200, body);
    }, latencyMs);
  else send(res, 200, body);
}

const server = createServer((req, res) => {
  requests++;
  const url = req.url ?? "/";
  const [path = "", query = ""] = url.split("?", 2);
  if (!req.headers.authorization?.startsWith("Bearer ")) {
    send(res, 401, JSON.stringify({ message: "missing bearer token" }));
  } else if (req.method === "GET" && path.startsWith("/credits/") && !path.includes("/", 9)) {
    send(res, 200, DETAILS);
  } else if (req.method === "GET" && path === "/credits") {
    listPage(req, res, query);
  } else {
    send(res, 404, JSON.stringify({ message: `no route ${req.method ?? "?"} ${path}` }));
  }
});
server.keepAliveTimeout = 60_000;

server.listen(0, "127.0.0.1", () => {
  const { port } = server.address() as AddressInfo;
  process.send?.({ type: "listening", port });
});

process.on("message", (message: { type: string }) => {
  if (message.type === "stats") process.send?.({ type: "stats", requests });
  if (message.type === "close") server.close(() => process.exit(0));
});
process.on("disconnect", () => process.exit(0));
