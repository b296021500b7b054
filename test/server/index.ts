/**
 * The mock Credits API server: a real `node:http` server on 127.0.0.1 that behaves like the
 * API of openapi/credits.yaml, records every request and injects faults on request.
 *
 * @example
 * const server = await startMockServer();
 * server.inject({ kind: "status", status: 503 }, { method: "POST", path: "/credits" });
 * await fetch(`${server.url}/credits`, { headers: { authorization: `Bearer ${server.token}` } });
 * await server.close();
 */
import { setMaxListeners } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Credit } from "../../generated/credits.ts";
import { checkSentResponse } from "../helpers/spec-validator.ts";
import { FaultQueue } from "./fault-queue.ts";
import { answer, sleep } from "./faults.ts";
import { handle } from "./handlers.ts";
import { errorReply, toWire, type Wire } from "./reply.ts";
import { parseTarget, route } from "./routes.ts";
import { copyCredit, CreditStore } from "./store.ts";
import type {
  Fault,
  MockServer,
  MockServerOptions,
  RecordedRequest,
  SeedFields,
  SentResponse,
} from "./types.ts";

export type * from "./types.ts";

/** The largest request body the server reads, in bytes; a larger one is answered 413. */
export const MAX_REQUEST_BODY_BYTES = 1024 * 1024;

const SEED_DEFAULTS = {
  accountId: "ACC00001",
  purpose: "Prepaid Credit",
  effectiveFrom: "2024-01-01",
  creditAmount: 100,
  priority: 1,
};

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

function parseJson(text: string): unknown {
  try {
    return text === "" ? undefined : (JSON.parse(text) as unknown);
  } catch {
    return undefined;
  }
}

/** Starts a mock Credits API server on 127.0.0.1. */
export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const token = options.token ?? "test-token";
  const latencyMs = options.latencyMs ?? 0;
  const validate = options.validateResponses ?? process.env.VITEST !== undefined;
  const store = new CreditStore();
  const faults = new FaultQueue();
  const requests: RecordedRequest[] = [];
  const specViolations: string[] = [];
  // Every delayed answer listens to this one signal: any number of them may be pending.
  const newLifetime = () => {
    const controller = new AbortController();
    setMaxListeners(0, controller.signal);
    return controller;
  };
  let lifetime = newLifetime();
  let received = 0;
  let inFlight = 0;
  let idleWaiters: (() => void)[] = [];

  function report(sent: SentResponse): void {
    const violation = validate ? checkSentResponse(sent) : undefined;
    if (violation !== undefined) specViolations.push(violation);
    options.onResponse?.(sent);
  }

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const receivedAt = performance.now();
    const signal = lifetime.signal;
    const body = await readBody(req);
    if (body === null) return;
    const method = req.method ?? "GET";
    const url = req.url ?? "/";
    const target = parseTarget(url);
    const routed = route(method, target.path);
    const operationId = routed.kind === "operation" ? routed.operationId : undefined;
    const fault = body === undefined ? undefined : faults.take(method, target);
    const request: RecordedRequest = {
      method,
      url,
      path: target.path,
      headers: req.headers,
      body: body ?? "",
      json: parseJson(body ?? ""),
      operationId,
      fault: fault?.kind,
      receivedAt,
    };
    requests.push(request);
    received += 1;
    const requestId = `req_${received}`;
    if (latencyMs > 0 && !(await sleep(latencyMs, signal))) {
      res.socket?.destroy();
      return;
    }
    const processRequest = (): Wire =>
      toWire(
        body === undefined
          ? errorReply(413, `body: larger than ${MAX_REQUEST_BODY_BYTES} bytes`)
          : handle(
              { method, path: target.path, query: target.query, headers: req.headers, body },
              routed,
              store,
              token,
            ),
        requestId,
      );
    await answer(
      {
        res,
        requestId,
        nextToken: new URLSearchParams(target.query).get("nextToken"),
        process: processRequest,
        report: (wire, applied) => {
          report({ request, operationId, ...wire, fault: applied });
        },
        signal,
      },
      fault,
    );
  }

  function settle(): void {
    inFlight -= 1;
    if (inFlight > 0) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  const server = createServer((req, res) => {
    inFlight += 1;
    onRequest(req, res)
      .catch((error: unknown) => {
        specViolations.push(
          `mock server error on ${req.method ?? ""} ${req.url ?? ""}: ${String(error)}`,
        );
        if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
        res.end(JSON.stringify({ message: "Mock server error" }));
      })
      .finally(settle);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    token,
    requests,
    specViolations,
    store,
    inject(fault: Fault, match) {
      faults.add(fault, match);
    },
    pendingFaults: () => faults.pending,
    whenIdle: () =>
      inFlight === 0 ? Promise.resolve() : new Promise((resolve) => idleWaiters.push(resolve)),
    seed(count: number, fields: SeedFields = {}): Credit[] {
      const now = new Date();
      return Array.from({ length: count }, (_, index) => {
        const overrides = typeof fields === "function" ? fields(index) : fields;
        return copyCredit(store.insert({ ...SEED_DEFAULTS, ...overrides }, now));
      });
    },
    reset() {
      lifetime.abort();
      lifetime = newLifetime();
      store.clear();
      faults.clear();
      requests.length = 0;
    },
    async close() {
      lifetime.abort();
      faults.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) =>
        server.close(() => {
          resolve();
        }),
      );
      if (specViolations.length > 0) {
        throw new Error(`The mock server's answers broke the spec:\n${specViolations.join("\n")}`);
      }
    },
  };
}
