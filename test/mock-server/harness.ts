/**
 * Test harness of the mock server's own tests: one server per test file with response
 * validation on, checked for spec violations and reset after every test, and a `call` helper
 * that speaks to it with plain `fetch`.
 */
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import { startMockServer, type MockServer, type MockServerOptions } from "../helpers/mock.ts";

/** An answer of the server, its body read. */
export interface ApiResponse {
  status: number;
  headers: Headers;
  text: string;
  /** The body parsed as JSON, `undefined` when it is not JSON. */
  json: unknown;
}

/** Options of {@link MockServerHarness.call}. */
export interface CallOptions {
  /** A JSON body (serialised with `Content-Type: application/json`). */
  body?: unknown;
  /** A raw body, sent as is. */
  rawBody?: string;
  /** The bearer token; `null` sends no `Authorization`. Default: the server's. */
  token?: string | null;
  headers?: Record<string, string>;
}

/** The server of a test file and a way to call it. */
export interface MockServerHarness {
  readonly server: MockServer;
  call(method: string, path: string, options?: CallOptions): Promise<ApiResponse>;
}

/** Starts a server for the current test file (validating every answer against the spec). */
export function useMockServer(options: MockServerOptions = {}): MockServerHarness {
  let server: MockServer | undefined;
  beforeAll(async () => {
    server = await startMockServer(options);
  });
  afterEach(() => {
    expect(server?.specViolations).toEqual([]);
    server?.reset();
  });
  afterAll(async () => {
    await server?.close();
  });
  const harness: MockServerHarness = {
    get server(): MockServer {
      if (server === undefined) throw new Error("the mock server is not started yet");
      return server;
    },
    async call(method, path, callOptions = {}) {
      const headers: Record<string, string> = { accept: "application/json" };
      const token = callOptions.token === undefined ? harness.server.token : callOptions.token;
      if (token !== null) headers.authorization = `Bearer ${token}`;
      let body = callOptions.rawBody;
      if (callOptions.body !== undefined) {
        headers["content-type"] = "application/json";
        body = JSON.stringify(callOptions.body);
      }
      const init: RequestInit = { method, headers: { ...headers, ...callOptions.headers } };
      if (body !== undefined) init.body = body;
      const response = await fetch(`${harness.server.url}${path}`, init);
      const text = await response.text();
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
      return { status: response.status, headers: response.headers, text, json };
    },
  };
  return harness;
}

/** A valid credit request, with `overrides`. */
export function creditRequest(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    accountId: "ACC00001",
    purpose: "Prepaid Credit",
    effectiveFrom: "2024-01-01",
    creditAmount: 1000,
    priority: 1,
    ...overrides,
  };
}
