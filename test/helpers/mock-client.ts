import { createServer } from "node:net";
import { afterAll, beforeAll, beforeEach } from "vitest";
import {
  createCreditsClient as createFetchClient,
  type ClientOptions,
  type CreditsClient,
} from "../../src/index.ts";
import { createCreditsClient } from "./transport.ts";
import { startMockServer } from "./mock.ts";
import type { MockFetch, MockServer } from "./mock.ts";

/** Fast retries for tests: waits of at most a few ms. */
export const FAST_BACKOFF = { initialDelayMs: 1, maxDelayMs: 4 } as const;

/**
 * Starts one mock Credits API server for a test file and clears it before each test.
 * Call at the top of a file or `describe`; use the returned getter inside tests.
 */
export function useMockServer(): () => MockServer {
  let server: MockServer | undefined;
  beforeAll(async () => {
    server = await startMockServer();
  });
  beforeEach(() => {
    server?.reset();
  });
  afterAll(async () => {
    await server?.close();
  });
  return () => {
    if (!server) throw new Error("the mock server is not started");
    return server;
  };
}

/**
 * A client of the mock server, with fast retries unless `options` says otherwise, on this run's
 * transport (transport.ts).
 */
export function clientFor(server: MockServer, options: ClientOptions = {}): CreditsClient {
  return createCreditsClient({
    token: server.token,
    baseUrl: server.url,
    backoff: FAST_BACKOFF,
    ...options,
  });
}

/** A client of the in-process mock, through its `fetch`, with `options` over the defaults. */
export function inProcessClient(mock: MockFetch, options: ClientOptions = {}): CreditsClient {
  return createFetchClient({
    baseUrl: mock.baseUrl,
    token: mock.token,
    fetch: mock.fetch,
    ...options,
  });
}

/** A credit request with the facts sheet's sample values. */
export function sampleCreditRequest(overrides: Record<string, unknown> = {}) {
  return {
    accountId: "ACC00001",
    purpose: "Prepaid Credit",
    effectiveFrom: "2023-02-04",
    creditAmount: 1000,
    priority: 1,
    ...overrides,
  };
}

/** Awaits a call that must reject with `ErrorClass`, and returns the error, typed. */
export async function rejectionOf<E extends Error>(
  promise: Promise<unknown>,
  ErrorClass: abstract new (...args: never[]) => E,
): Promise<E> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ErrorClass) return error;
    throw new Error(`expected a ${ErrorClass.name}, got ${String(error)}`, { cause: error });
  }
  throw new Error(`expected a ${ErrorClass.name}, but the call resolved`);
}

/** A port on 127.0.0.1 that nothing listens on: connecting to it is refused. */
export async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}
