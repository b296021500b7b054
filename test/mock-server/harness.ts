/**
 * Test harness of the mock's own tests. The mock has two front doors over one state: the HTTP
 * server (`startMockServer`) and the in-process `fetch` (`createMockFetch`). A {@link Driver}
 * is one of them; the behaviour suites declare their one table of cases once, for each
 * ({@link forEachDriver}).
 *
 * Every mock comes from test/helpers/mock.ts: its answers are checked against the spec, and the
 * harness asserts after every test that none broke it.
 */
import { afterAll, afterEach, beforeAll, describe, expect } from "vitest";
import {
  createMockFetch,
  startMockServer,
  type MockControls,
  type MockFetch,
  type MockServer,
  type MockServerOptions,
} from "../helpers/mock.ts";
import { closedPort } from "../helpers/mock-client.ts";

/** Options of a mock, whichever its front door (`port` is the HTTP server's alone). */
export type MockOptions = Omit<MockServerOptions, "port">;

/** A started mock with a way to reach it through its own front door. */
export type DrivenMock<M extends MockControls = MockControls> = M & {
  /**
   * The `fetch` a client must be given to reach this mock at `baseUrl`: none over HTTP (the
   * client's own transport reaches the URL), the mock's own in process.
   */
  readonly clientFetch: typeof fetch | undefined;
  /**
   * Sends a request to `path` (and query) of the mock: with the global `fetch` at `url` over
   * HTTP, with the mock's own `fetch` at `baseUrl` in process.
   */
  send(path: string, init?: RequestInit): Promise<Response>;
};

/** One front door of the mock. */
export interface Driver<M extends MockControls = MockControls> {
  /** How test titles name it. */
  readonly name: "HTTP" | "in-process";
  /** Starts a mock behind this front door, its answers checked against the spec. */
  start(options?: MockOptions): Promise<DrivenMock<M>>;
  /**
   * Where the connection is refused, and the `fetch` to give a client there (as
   * `clientFetch`): a port just freed over HTTP, a closed mock in process (its `fetch` rejects
   * with `cause.code` `ECONNREFUSED`).
   */
  refused(): Promise<{ baseUrl: string; fetch: typeof fetch | undefined }>;
}

/**
 * Adds `clientFetch` and `send` to a mock of either front door: `send` calls the global `fetch`
 * at `url` for a {@link MockServer}, the mock's own `fetch` at `baseUrl` for a {@link MockFetch}.
 */
export function drive<M extends MockServer | MockFetch>(mock: M): DrivenMock<M> {
  const clientFetch = "fetch" in mock ? mock.fetch : undefined;
  const send = clientFetch ?? fetch;
  const base = "url" in mock ? mock.url : mock.baseUrl;
  return Object.assign(mock, {
    clientFetch,
    send: (path: string, init?: RequestInit) => send(`${base}${path}`, init),
  });
}

/** The HTTP server on 127.0.0.1, called with the global `fetch`. */
export const HTTP: Driver<MockServer> = {
  name: "HTTP",
  async start(options = {}) {
    return drive(await startMockServer(options));
  },
  async refused() {
    return { baseUrl: `http://127.0.0.1:${await closedPort()}`, fetch: undefined };
  },
};

/** The in-process mock, called with its own `fetch`: no socket. */
export const IN_PROCESS: Driver<MockFetch> = {
  name: "in-process",
  start(options = {}) {
    // A promise for a bad option too, as over HTTP: `createMockFetch` itself throws at once.
    return new Promise((resolve) => {
      resolve(drive(createMockFetch(options)));
    });
  },
  async refused() {
    const closed = createMockFetch();
    await closed.close();
    return { baseUrl: closed.baseUrl, fetch: closed.fetch };
  },
};

/** Both front doors: the HTTP server, then the in-process `fetch`. */
export const DRIVERS: readonly Driver[] = [HTTP, IN_PROCESS];

/**
 * Declares the same tests once per front door, each set in a `describe` named for it
 * (`HTTP`, `in-process`).
 *
 * @example
 * forEachDriver((driver) => {
 *   const mock = useMockServer(driver);
 *   test("answers an empty store with an empty page", async () => {
 *     expect((await mock.call("GET", "/credits")).json).toEqual({ data: [] });
 *   });
 * });
 */
export function forEachDriver(tests: (driver: Driver) => void): void {
  for (const driver of DRIVERS) {
    describe(driver.name, () => {
      tests(driver);
    });
  }
}

/**
 * Starts a mock with `options` through `driver`, runs `work` with it, and closes it (which
 * rejects if its answers broke the spec).
 */
export async function withMock<T>(
  driver: Driver,
  options: MockOptions,
  work: (mock: DrivenMock) => Promise<T>,
): Promise<T> {
  const mock = await driver.start(options);
  try {
    return await work(mock);
  } finally {
    await mock.close();
  }
}

/** An answer of the mock, its body read. */
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
  /** The bearer token; `null` sends no `Authorization`. Default: the mock's. */
  token?: string | null;
  headers?: Record<string, string>;
}

/** The mock of a test file and a way to call it. */
export interface MockServerHarness<M extends MockControls = MockControls> {
  /** The mock (a server over HTTP, a `fetch` in process); started before the file's tests. */
  readonly server: DrivenMock<M>;
  /** Calls the mock through its front door with the token, and reads the whole answer. */
  call(method: string, path: string, options?: CallOptions): Promise<ApiResponse>;
}

/**
 * Starts one mock through `driver` for the current test file or `describe` (every answer
 * validated against the spec), asserts after every test that no answer broke the spec, and
 * resets it.
 */
export function useMockServer<M extends MockControls>(
  driver: Driver<M>,
  options: MockOptions = {},
): MockServerHarness<M> {
  let server: DrivenMock<M> | undefined;
  beforeAll(async () => {
    server = await driver.start(options);
  });
  afterEach(() => {
    expect(server?.specViolations).toEqual([]);
    server?.reset();
  });
  afterAll(async () => {
    await server?.close();
  });
  const harness: MockServerHarness<M> = {
    get server(): DrivenMock<M> {
      if (server === undefined) throw new Error("the mock is not started yet");
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
      return readAnswer(await harness.server.send(path, init));
    },
  };
  return harness;
}

/** Reads a whole answer: status, headers, text, and the text as JSON when it is JSON. */
export async function readAnswer(response: Response): Promise<ApiResponse> {
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
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
