/**
 * Which transport a call of the Node build goes through. The Node build sends with `node:http`
 * only when nothing says the caller wants `fetch`: a `fetch` option, a stubbed
 * `globalThis.fetch` or a global undici dispatcher (a `MockAgent`, an `Agent` with options, a
 * composed `Agent`) or Node's env-proxy setting each get the call instead, checked at every
 * call.
 *
 * The marker: undici's `fetch` sends the Fetch standard's `sec-fetch-mode` header on every
 * request; `node:http` sends only what it is given.
 */
import {
  Agent,
  buildConnector,
  getGlobalDispatcher,
  MockAgent,
  setGlobalDispatcher,
  type Dispatcher,
} from "undici";
import * as undici from "undici";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import { createCreditsClient } from "../../src/node.ts";
import type { CreditsClient } from "../../src/index.ts";
import { callInChild } from "./child.ts";
import { CREDIT_DETAILS, CREDIT_ID, startTestServer, type TestServer } from "./server.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

function clientOf(options: Parameters<typeof createCreditsClient>[0] = {}): CreditsClient {
  return createCreditsClient({ token: "test-token", baseUrl: server.url, ...options });
}

/** Whether the last request the server received was sent by undici's `fetch`. */
function lastSentByFetch(): boolean {
  const last = server.requests.at(-1);
  if (last === undefined) throw new Error("the server received nothing");
  return last.headers["sec-fetch-mode"] !== undefined;
}

/** A `fetch` that counts its calls and hands them to the real one. */
function countingFetch(): typeof fetch & { calls: number } {
  const real = globalThis.fetch;
  const counting = Object.assign(
    (input: RequestInfo | URL, init?: RequestInit) => {
      counting.calls++;
      return real(input, init);
    },
    { calls: 0 },
  );
  return counting;
}

describe("the Node build with no fetch option", () => {
  test("sends with node:http", async () => {
    await expect(clientOf().credits.get(CREDIT_ID)).resolves.toEqual(CREDIT_DETAILS);
    expect(lastSentByFetch()).toBe(false);
  });

  test("the marker is sound: the default build's calls carry sec-fetch-mode", async () => {
    const { createCreditsClient: createWithFetch } = await import("../../src/index.ts");
    await createWithFetch({ token: "test-token", baseUrl: server.url }).credits.get(CREDIT_ID);
    expect(lastSentByFetch()).toBe(true);
  });

  test("after Node's own fetch has run (it installs undici's default Agent as the global dispatcher), still node:http", async () => {
    await (await fetch(`${server.url}/`)).text();
    expect(
      (globalThis as Record<symbol, unknown>)[Symbol.for("undici.globalDispatcher.1")],
    ).toEqual(expect.anything());
    await clientOf().credits.get(CREDIT_ID);
    expect(lastSentByFetch()).toBe(false);
  });
});

describe("a fetch option", () => {
  test("gets every call", async () => {
    const custom = countingFetch();
    await expect(clientOf({ fetch: custom }).credits.get(CREDIT_ID)).resolves.toEqual(
      CREDIT_DETAILS,
    );
    expect(custom.calls).toBe(1);
    expect(lastSentByFetch()).toBe(true);
  });
});

describe("a stubbed globalThis.fetch", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  test("gets the call", async () => {
    const stub = countingFetch();
    vi.stubGlobal("fetch", stub);
    await clientOf().credits.get(CREDIT_ID);
    expect(stub.calls).toBe(1);
  });

  test("installed after the client was created, still gets the call", async () => {
    const togai = clientOf();
    await togai.credits.get(CREDIT_ID);
    expect(lastSentByFetch()).toBe(false);

    const stub = countingFetch();
    vi.stubGlobal("fetch", stub);
    await togai.credits.get(CREDIT_ID);
    expect(stub.calls).toBe(1);
    expect(lastSentByFetch()).toBe(true);

    vi.unstubAllGlobals();
    await togai.credits.get(CREDIT_ID);
    expect(lastSentByFetch()).toBe(false);
  });

  test("installed before the Node build was loaded, still gets the call", async () => {
    const stub = countingFetch();
    vi.stubGlobal("fetch", stub);
    // A fresh copy of the package, loaded while the stub is in place (as a test framework's
    // setup file, or a framework patching fetch at startup, would have it).
    vi.resetModules();
    const fresh = await import("../../src/node.ts");
    const togai = fresh.createCreditsClient({ token: "test-token", baseUrl: server.url });

    await togai.credits.get(CREDIT_ID);
    expect(stub.calls).toBe(1);
  });

  // A wrapper whose source names undici (of the undici package's fetch, as used to pass a
  // per-call dispatcher) is still not Node's own fetch.
  test("a wrapper of the undici package's fetch, installed before the Node build was loaded, still gets the call", async () => {
    const undiciFetch = undici.fetch as unknown as typeof fetch;
    let calls = 0;
    const wrapper: typeof fetch = (input, init) => {
      calls++;
      return undiciFetch(input, init);
    };
    vi.stubGlobal("fetch", wrapper);
    vi.resetModules();
    const fresh = await import("../../src/node.ts");
    const togai = fresh.createCreditsClient({ token: "test-token", baseUrl: server.url });

    await togai.credits.get(CREDIT_ID);
    expect(calls).toBe(1);
  });
});

describe("a global undici dispatcher", () => {
  let previous: Dispatcher;
  beforeEach(() => {
    previous = getGlobalDispatcher();
  });
  afterEach(() => {
    setGlobalDispatcher(previous);
  });

  test("undici's default Agent (made with no options) is not one: node:http still sends", async () => {
    setGlobalDispatcher(new Agent());
    await clientOf().credits.get(CREDIT_ID);
    expect(lastSentByFetch()).toBe(false);
  });

  test("a MockAgent intercepts the call, even when installed after the client was created", async () => {
    const togai = clientOf({ maxRetries: 0 });
    const mockAgent = new MockAgent();
    mockAgent.disableNetConnect();
    const mocked = { ...CREDIT_DETAILS, purpose: "answered by the MockAgent" };
    mockAgent
      .get(server.url)
      .intercept({ path: `/credits/${CREDIT_ID}`, method: "GET" })
      .reply(200, mocked, { headers: { "content-type": "application/json" } });
    setGlobalDispatcher(mockAgent);
    const received = server.requests.length;

    await expect(togai.credits.get(CREDIT_ID)).resolves.toEqual(mocked);
    expect(server.requests.length).toBe(received);
    mockAgent.assertNoPendingInterceptors();
    await mockAgent.close();
  });

  test("an Agent made with options carries the call", async () => {
    const connector = buildConnector({});
    let connects = 0;
    const agent = new Agent({
      connect: (options, callback) => {
        connects++;
        connector(options, callback);
      },
    });
    setGlobalDispatcher(agent);

    await expect(clientOf().credits.get(CREDIT_ID)).resolves.toEqual(CREDIT_DETAILS);
    expect(connects).toBe(1);
    expect(lastSentByFetch()).toBe(true);
    await agent.close();
  });

  test("a composed Agent (with an interceptor) carries the call", async () => {
    const seen: string[] = [];
    const agent = new Agent();
    const composed = agent.compose((dispatch) => (options, handler) => {
      seen.push(`${options.method} ${options.path}`);
      return dispatch(options, handler);
    });
    setGlobalDispatcher(composed);

    await expect(clientOf().credits.get(CREDIT_ID)).resolves.toEqual(CREDIT_DETAILS);
    expect(seen).toEqual([`GET /credits/${CREDIT_ID}`]);
    expect(lastSentByFetch()).toBe(true);
    await agent.close();
  });
});

describe("Node told to use the proxy environment variables (a child process)", () => {
  // Node reads NODE_USE_ENV_PROXY at startup. With no proxy variable set, fetch goes direct,
  // so the marker still shows which transport sent.
  test("NODE_USE_ENV_PROXY=1: the call goes through fetch", async () => {
    const before = server.requests.length;
    const outcome = await callInChild(server.url, CREDIT_ID, { NODE_USE_ENV_PROXY: "1" });

    expect(outcome).toMatchObject({ ok: true, details: CREDIT_DETAILS });
    expect(server.requests.length).toBe(before + 1);
    expect(lastSentByFetch()).toBe(true);
  });

  test("NODE_USE_ENV_PROXY=0: node:http sends", async () => {
    const outcome = await callInChild(server.url, CREDIT_ID, { NODE_USE_ENV_PROXY: "0" });

    expect(outcome).toMatchObject({ ok: true, details: CREDIT_DETAILS });
    expect(lastSentByFetch()).toBe(false);
  });
});
