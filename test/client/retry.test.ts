import { describe, expect, test } from "vitest";
import {
  InternalServerError,
  RateLimitError,
  TogaiConnectionError,
  TogaiError,
} from "../../src/index.ts";
import { createCreditsClient } from "../helpers/transport.ts";
import { backoffDelay, retryAfterMs } from "../../src/retry.ts";
import {
  clientFor,
  closedPort,
  rejectionOf,
  sampleCreditRequest,
  useMockServer,
} from "../helpers/mock-client.ts";

const server = useMockServer();

function rejection(promise: Promise<unknown>): Promise<TogaiError> {
  return rejectionOf(promise, TogaiError);
}

describe("retries", () => {
  test.each([408, 429, 500, 502, 503, 504])(
    "a %i is retried, then the call succeeds",
    async (status) => {
      server().inject({ kind: "status", status }, { times: 2 });
      const page = await clientFor(server()).credits.list();
      expect(page.data).toEqual([]);
      expect(server().requests).toHaveLength(3);
    },
  );

  test.each([400, 401, 403, 404, 409, 501])("a %i is never retried", async (status) => {
    server().inject({ kind: "status", status }, { times: 3 });
    await rejection(clientFor(server()).credits.list());
    expect(server().requests).toHaveLength(1);
  });

  test("stop after maxRetries and raise the last error", async () => {
    server().inject({ kind: "status", status: 503 }, { times: 5 });
    const error = await rejection(clientFor(server(), { maxRetries: 3 }).credits.list());
    expect(error).toBeInstanceOf(InternalServerError);
    expect(server().requests).toHaveLength(4);
  });

  test("respect a per-call maxRetries", async () => {
    server().inject({ kind: "status", status: 503 }, { times: 5 });
    await rejection(clientFor(server()).credits.list({}, { maxRetries: 0 }));
    expect(server().requests).toHaveLength(1);
  });

  test("carry x-togai-retry-count from the first retry on", async () => {
    server().inject({ kind: "status", status: 500 }, { times: 2 });
    await clientFor(server()).credits.list();
    expect(server().requests.map((r) => r.headers["x-togai-retry-count"])).toEqual([
      undefined,
      "1",
      "2",
    ]);
  });

  test("retry a connection reset on a GET", async () => {
    server().inject({ kind: "resetBeforeHeaders" });
    const page = await clientFor(server()).credits.list();
    expect(page.data).toEqual([]);
    expect(server().requests).toHaveLength(2);
  });
});

describe("Retry-After", () => {
  test.each([
    ["seconds", () => ({ "retry-after": "1" }), 900],
    ["an HTTP date", () => ({ "retry-after": new Date(Date.now() + 2_000).toUTCString() }), 900],
    ["retry-after-ms", () => ({ "retry-after-ms": "150" }), 140],
  ])("in %s is waited for", async (_, headers, atLeastMs) => {
    server().inject({ kind: "status", status: 429, headers: headers() });
    const started = performance.now();
    await clientFor(server()).credits.list();
    expect(performance.now() - started).toBeGreaterThanOrEqual(atLeastMs);
    expect(server().requests).toHaveLength(2);
  });

  test("beyond 60 s is not waited for: the error is raised at once with retryAfterMs", async () => {
    server().inject({ kind: "status", status: 429, headers: { "retry-after": "120" } });
    const started = performance.now();
    const error = await rejectionOf(clientFor(server()).credits.list(), RateLimitError);
    expect(error.retryAfterMs).toBe(120_000);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(server().requests).toHaveLength(1);
  });

  test("parses the three forms, preferring retry-after-ms", () => {
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(retryAfterMs(new Headers({ "retry-after-ms": "250", "retry-after": "9" }), now)).toBe(
      250,
    );
    expect(retryAfterMs(new Headers({ "retry-after": "2" }), now)).toBe(2_000);
    expect(retryAfterMs(new Headers({ "retry-after": "Thu, 01 Jan 2026 00:00:03 GMT" }), now)).toBe(
      3_000,
    );
    expect(retryAfterMs(new Headers({ "retry-after": "Wed, 31 Dec 2025 00:00:00 GMT" }), now)).toBe(
      0,
    );
    expect(retryAfterMs(new Headers({ "retry-after": "soon" }), now)).toBeUndefined();
    expect(retryAfterMs(new Headers({ "retry-after-ms": "x" }), now)).toBeUndefined();
    expect(retryAfterMs(new Headers(), now)).toBeUndefined();
  });
});

describe("back-off", () => {
  test("is exponential with full jitter, capped at maxDelayMs", () => {
    const backoff = { initialDelayMs: 500, maxDelayMs: 8_000 };
    for (let i = 0; i < 200; i++) {
      expect(backoffDelay(1, backoff)).toBeLessThanOrEqual(500);
      expect(backoffDelay(3, backoff)).toBeLessThanOrEqual(2_000);
      expect(backoffDelay(10, backoff)).toBeLessThanOrEqual(8_000);
      expect(backoffDelay(10, backoff)).toBeGreaterThanOrEqual(0);
    }
  });
});

describe("credits.create is made idempotent", () => {
  test("every credit request without a key gets a fresh one; the caller's keys are kept", async () => {
    await clientFor(server()).credits.create({
      creditRequests: [
        sampleCreditRequest({ idempotencyKey: "caller-key" }),
        sampleCreditRequest(),
      ],
    });
    const sent = server().requests[0]!.json as { creditRequests: { idempotencyKey: string }[] };
    expect(sent.creditRequests[0]?.idempotencyKey).toBe("caller-key");
    expect(sent.creditRequests[1]?.idempotencyKey).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4/u);
  });

  test("the very same body goes out on every attempt", async () => {
    server().inject({ kind: "status", status: 503 }, { times: 2 });
    await clientFor(server()).credits.create({ creditRequests: [sampleCreditRequest()] });
    const bodies = server().requests.map((r) => r.body);
    expect(bodies).toHaveLength(3);
    expect(new Set(bodies).size).toBe(1);
  });

  test("no credit is granted twice when the connection drops after the server acted", async () => {
    server().inject({ kind: "dropAfterProcessing" }, { method: "POST" });
    const { credits } = await clientFor(server()).credits.create({
      creditRequests: [sampleCreditRequest(), sampleCreditRequest()],
    });
    expect(server().requests).toHaveLength(2);
    expect(server().store.size).toBe(2);
    for (const credit of credits) {
      expect(server().store.creditsByIdempotencyKey(credit.idempotencyKey!)).toHaveLength(1);
    }
  });
});

describe("credits.void retries only where the server cannot have acted", () => {
  test("a 429 is retried", async () => {
    const [credit] = server().seed(1);
    server().inject({ kind: "status", status: 429 }, { method: "POST" });
    expect((await clientFor(server()).credits.void(credit!.id)).status).toBe("VOIDED");
    expect(server().requests).toHaveLength(2);
  });

  test.each([500, 503, 504])("a %i is not retried", async (status) => {
    const [credit] = server().seed(1);
    server().inject({ kind: "status", status }, { method: "POST" });
    await rejection(clientFor(server()).credits.void(credit!.id));
    expect(server().requests).toHaveLength(1);
  });

  test("a connection dropped after the request was sent is not retried", async () => {
    const [credit] = server().seed(1);
    server().inject({ kind: "dropAfterProcessing" }, { method: "POST" });
    const error = await rejection(clientFor(server()).credits.void(credit!.id));
    expect(error).toBeInstanceOf(TogaiConnectionError);
    expect(server().requests).toHaveLength(1);
  });

  test("a refused connection is retried", async () => {
    const port = await closedPort();
    let attempts = 0;
    const togai = createCreditsClient({
      token: "t",
      baseUrl: `http://127.0.0.1:${String(port)}`,
      backoff: { initialDelayMs: 1, maxDelayMs: 1 },
      fetch: (input, init) => {
        attempts++;
        return fetch(input, init);
      },
    });
    const error = await rejection(togai.credits.void("creds.1"));
    expect(error).toBeInstanceOf(TogaiConnectionError);
    expect(attempts).toBe(3);
  });
});
