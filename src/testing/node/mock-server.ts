/**
 * The mock Credits API over HTTP: a real `node:http` server on 127.0.0.1 that behaves like the
 * API of openapi/credits.yaml, records every request and injects faults on the wire.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { MAX_REQUEST_BODY_BYTES, MockState } from "../mock-state.js";
import type { MockServer, MockServerOptions } from "../types.js";
import { deliver } from "./deliver.js";

/**
 * Reads the whole body as text: `undefined` when it exceeds the limit, `null` when the client
 * went away before sending all of it.
 */
async function readBody(req: IncomingMessage): Promise<string | undefined | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size <= MAX_REQUEST_BODY_BYTES) chunks.push(chunk);
    }
  } catch {
    return null;
  }
  return size > MAX_REQUEST_BODY_BYTES ? undefined : Buffer.concat(chunks).toString("utf8");
}

function checkPort(port: unknown): number {
  if (port === undefined) return 0;
  if (!Number.isInteger(port) || (port as number) < 0 || (port as number) > 65_535) {
    throw new RangeError(
      `startMockServer: port must be an integer from 0 to 65535, got ${JSON.stringify(port)}`,
    );
  }
  return port as number;
}

/**
 * Starts the mock Credits API on 127.0.0.1 (Node only). It checks the bearer token,
 * validates requests against the spec (400 with an `ErrorResponse` naming the field), keeps
 * credits in memory, honours `idempotencyKey`, pages with `nextToken`, and injects faults.
 *
 * @example
 * const mock = await startMockServer();
 * const togai = createCreditsClient({ baseUrl: mock.baseUrl, token: mock.token });
 * mock.inject({ kind: "status", status: 503 }, { method: "POST", path: "/credits" });
 * // ... your code and its assertions ...
 * await mock.close();
 */
export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const port = checkPort(options.port);
  const state = new MockState(options);

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    if (body === null) return;
    const incoming = {
      method: req.method ?? "GET",
      url: req.url ?? "/",
      headers: req.headers,
      body,
    };
    try {
      await deliver(res, await state.receive(incoming), (ms) => state.sleep(ms));
    } catch (error) {
      state.noteError(incoming, error);
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ message: "Mock server error" }));
    }
  }

  const server = createServer((req, res) => {
    void state.track(onRequest(req, res));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", resolve);
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const controls = state.controls(url, async () => {
    state.cancelPending();
    server.closeAllConnections();
    await new Promise<void>((resolve) => {
      server.close(() => {
        resolve();
      });
    });
    const error = state.violationsError();
    if (error !== undefined) throw error;
  });
  return Object.assign(controls, { url });
}
