/**
 * The Node transport keeps the behaviour the client has on `fetch`: a body that stalls past
 * `timeoutMs` is a `TogaiTimeoutError`; the caller's abort rejects with the caller's reason,
 * before the headers or while the body is read; a redirect is not followed (the error names
 * its Location, and the other origin receives nothing: neither the token nor the body); a
 * refused connection is a `TogaiConnectionError` whose cause is `fetch`'s own
 * `TypeError("fetch failed")` around Node's `ECONNREFUSED`.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import { createCreditsClient } from "../../src/node.ts";
import {
  TogaiApiError,
  TogaiConnectionError,
  TogaiTimeoutError,
  type ClientOptions,
} from "../../src/index.ts";
import { closedPort, rejectionOf, sampleCreditRequest } from "../helpers/mock-client.ts";
import { startMockServer, type MockServer } from "../helpers/mock.ts";
import { startTestServer, type TestServer } from "./server.ts";

let mock: MockServer;
/** Another origin, that a redirect points to. */
let elsewhere: TestServer;
beforeAll(async () => {
  mock = await startMockServer();
  elsewhere = await startTestServer();
});
beforeEach(() => {
  // Also cancels what a test left stalled or delayed.
  mock.reset();
});
afterAll(async () => {
  await elsewhere.close();
  await mock.close();
});

function client(options: ClientOptions = {}) {
  return createCreditsClient({ token: mock.token, baseUrl: mock.url, maxRetries: 0, ...options });
}

describe("timeouts", () => {
  test("a body that stalls past timeoutMs is a TogaiTimeoutError", async () => {
    const [seeded] = mock.seed(1);
    mock.inject({ kind: "stallBody", ms: 10_000 });

    const error = await rejectionOf(
      client({ timeoutMs: 200 }).credits.get(seeded!.id),
      TogaiTimeoutError,
    );
    expect(error.message).toMatch(/within 200 ms/u);
  });
});

describe("the caller's AbortSignal", () => {
  test.each([
    ["waiting for the headers", { kind: "delayHeaders", ms: 10_000 }],
    ["the body is read", { kind: "stallBody", ms: 10_000 }],
  ] as const)("aborted while %s, rejects with its reason", async (_moment, fault) => {
    const [seeded] = mock.seed(1);
    mock.inject(fault);
    const controller = new AbortController();
    const reason = new Error("the caller gave up");

    const call = client().credits.get(seeded!.id, { signal: controller.signal });
    await vi.waitFor(() => {
      expect(mock.requests).toHaveLength(1);
    });
    controller.abort(reason);

    await expect(call).rejects.toBe(reason);
  });
});

describe("redirects are not followed", () => {
  test.each([301, 302, 303, 307, 308])(
    "a %i to another origin: the error names the Location; the other origin receives nothing",
    async (status) => {
      const location = `${elsewhere.url}/credits`;
      mock.inject({ kind: "redirect", location, status });

      const error = await rejectionOf(
        client().credits.create({ creditRequests: [sampleCreditRequest()] }),
        TogaiApiError,
      );
      expect(error.status).toBe(status);
      expect(error.message).toContain(location);
      expect(error.headers.get("location")).toBe(location);
      expect(mock.requests).toHaveLength(1);
      expect(elsewhere.requests).toHaveLength(0);
      expect(elsewhere.connections).toBe(0);
    },
  );
});

describe("a refused connection", () => {
  test("is a TogaiConnectionError around fetch's TypeError and Node's ECONNREFUSED", async () => {
    const baseUrl = `http://127.0.0.1:${await closedPort()}`;

    const error = await rejectionOf(
      client({ baseUrl }).credits.get("creds.any"),
      TogaiConnectionError,
    );
    expect(error).not.toBeInstanceOf(TogaiTimeoutError);
    expect(error.message).toContain("ECONNREFUSED");
    expect(error.cause).toBeInstanceOf(TypeError);
    expect(error.cause).toMatchObject({
      message: "fetch failed",
      cause: { code: "ECONNREFUSED" },
    });
  });
});
