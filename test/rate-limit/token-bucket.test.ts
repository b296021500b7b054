/**
 * The in-process token bucket (`createRateLimiter`, and `rateLimit: { requestsPerSecond }`),
 * under fake time: its rate, its burst, fractional rates, pauses, order and aborts.
 */
import { describe, expect, test } from "vitest";
import { createCreditsClient, createRateLimiter, type RateLimiter } from "../../src/index.ts";
import { inProcessClient } from "../helpers/mock-client.ts";
import { createMockFetch } from "../helpers/mock.ts";
import { advance, settle, useFakeTime } from "./fake-time.ts";

useFakeTime();

/** Starts `count` acquires; `granted()` says how many have resolved, in order. */
function acquires(limiter: RateLimiter, count: number) {
  const order: number[] = [];
  const all = Array.from({ length: count }, (_, index) =>
    limiter.acquire().then(() => {
      order.push(index);
    }),
  );
  return { order, granted: () => order.length, all: Promise.all(all) };
}

describe("createRateLimiter", () => {
  test("grants the burst at once, then one token every 1000 / requestsPerSecond ms", async () => {
    const run = acquires(createRateLimiter({ requestsPerSecond: 2, burst: 3 }), 6);
    await settle();
    expect(run.granted()).toBe(3);
    await advance(499);
    expect(run.granted()).toBe(3);
    await advance(1);
    expect(run.granted()).toBe(4);
    await advance(1000);
    expect(run.granted()).toBe(6);
    expect(run.order).toEqual([0, 1, 2, 3, 4, 5]);
  });

  test("bursts max(1, requestsPerSecond) by default", async () => {
    const five = acquires(createRateLimiter({ requestsPerSecond: 5 }), 7);
    const slow = acquires(createRateLimiter({ requestsPerSecond: 0.5 }), 2);
    await settle();
    expect([five.granted(), slow.granted()]).toEqual([5, 1]);
  });

  test("takes a fractional rate: 0.4 per second is one every 2.5 s", async () => {
    const run = acquires(createRateLimiter({ requestsPerSecond: 0.4 }), 3);
    await settle();
    expect(run.granted()).toBe(1);
    await advance(2499);
    expect(run.granted()).toBe(1);
    await advance(1);
    expect(run.granted()).toBe(2);
    await advance(2500);
    expect(run.granted()).toBe(3);
  });

  test("refills up to the burst only, after a quiet time", async () => {
    const limiter = createRateLimiter({ requestsPerSecond: 10, burst: 2 });
    await acquires(limiter, 2).all;
    await advance(10_000);
    const run = acquires(limiter, 3);
    await settle();
    expect(run.granted()).toBe(2);
  });

  test("grants nothing during a pause, then starts again from one token", async () => {
    const limiter = createRateLimiter({ requestsPerSecond: 10, burst: 5 });
    await limiter.pauseUntil(Date.now() + 1000);
    const run = acquires(limiter, 3);
    await advance(999);
    expect(run.granted()).toBe(0);
    await advance(1);
    expect(run.granted()).toBe(1);
    await advance(100);
    expect(run.granted()).toBe(2);
  });

  test("a shorter pause does not shorten a longer one", async () => {
    const limiter = createRateLimiter({ requestsPerSecond: 10 });
    await limiter.pauseUntil(Date.now() + 1000);
    await limiter.pauseUntil(Date.now() + 10);
    const run = acquires(limiter, 1);
    await advance(999);
    expect(run.granted()).toBe(0);
    await advance(1);
    expect(run.granted()).toBe(1);
  });

  test("an abort while waiting for a token rejects with signal.reason; the next waiter takes its place", async () => {
    const limiter = createRateLimiter({ requestsPerSecond: 1 });
    await limiter.acquire();
    const controller = new AbortController();
    const order: string[] = [];
    const b = limiter.acquire().then(() => order.push("B"));
    const c = limiter.acquire(controller.signal);
    const d = limiter.acquire().then(() => order.push("D"));
    const reason = new Error("stop");
    controller.abort(reason);
    await expect(c).rejects.toBe(reason);
    await advance(1000);
    expect(order).toEqual(["B"]);
    await advance(1000);
    await Promise.all([b, d]);
    expect(order).toEqual(["B", "D"]);
  });

  test("rejects at once for a signal already aborted", async () => {
    const limiter = createRateLimiter({ requestsPerSecond: 1 });
    const reason = new Error("already");
    await expect(limiter.acquire(AbortSignal.abort(reason))).rejects.toBe(reason);
    await expect(limiter.acquire()).resolves.toBeUndefined();
  });
});

describe("rateLimit", () => {
  test("{ requestsPerSecond, burst } sends the calls of one client at that rate, in order", async () => {
    const mock = createMockFetch();
    const [credit] = mock.seed(1);
    const togai = inProcessClient(mock, { rateLimit: { requestsPerSecond: 10, burst: 2 } });
    const calls = Array.from({ length: 5 }, (_, index) =>
      togai.credits.get(credit!.id, { headers: { "x-call": String(index) } }),
    );
    await settle(() => mock.requests.length === 2);
    await settle();
    expect(mock.requests).toHaveLength(2);
    await advance(100);
    expect(mock.requests).toHaveLength(3);
    await advance(200);
    await Promise.all(calls);
    expect(mock.requests.map((r) => r.headers["x-call"])).toEqual(["0", "1", "2", "3", "4"]);
    await mock.close();
  });

  test("a limiter shared by two clients holds both to one rate, and a 429 met by one pauses the other", async () => {
    const mock = createMockFetch();
    const [credit] = mock.seed(1);
    const limit = createRateLimiter({ requestsPerSecond: 10, burst: 1 });
    const options = {
      baseUrl: mock.baseUrl,
      token: mock.token,
      fetch: mock.fetch,
      rateLimit: limit,
    };
    const one = createCreditsClient(options);
    const two = createCreditsClient(options);
    mock.inject({ kind: "status", status: 429, headers: { "retry-after-ms": "1000" } });

    const first = one.credits.get(credit!.id);
    await settle(() => mock.requests.length === 1);
    await settle();
    const second = two.credits.get(credit!.id, { headers: { "x-call": "two" } });
    await advance(999);
    expect(mock.requests).toHaveLength(1);
    await advance(1);
    expect(mock.requests).toHaveLength(2);
    await advance(100);
    await Promise.all([first, second]);
    expect(
      mock.requests.map((r) => r.headers["x-togai-retry-count"] ?? r.headers["x-call"]),
    ).toEqual([undefined, "1", "two"]);
    await mock.close();
  });

  test("a retry keeps its call's place in the wait for a token", async () => {
    const mock = createMockFetch({ latencyMs: 50 });
    const [credit] = mock.seed(1);
    mock.inject({ kind: "status", status: 503 });
    const togai = inProcessClient(mock, {
      rateLimit: { requestsPerSecond: 10, burst: 1 },
      backoff: { initialDelayMs: 1, maxDelayMs: 1 },
    });
    const calls = ["A", "B", "C"].map((name) =>
      togai.credits.get(credit!.id, { headers: { "x-call": name } }),
    );
    for (let step = 0; step < 8; step++) await advance(50);
    await Promise.all(calls);
    expect(
      mock.requests.map((r) => `${String(r.headers["x-call"])}${r.fault ? " 503" : ""}`),
    ).toEqual(["A 503", "B", "A", "C"]);
    await mock.close();
  });

  test("a custom RateLimiter is asked once per attempt, retries included, and told of each 429", async () => {
    const mock = createMockFetch();
    const [credit] = mock.seed(1);
    mock.inject({ kind: "status", status: 429, headers: { "retry-after-ms": "20" } });
    const seen: string[] = [];
    const limiter: RateLimiter = {
      acquire: () => {
        seen.push("acquire");
        return Promise.resolve();
      },
      pauseUntil: (untilMs) => {
        seen.push(`pauseUntil +${untilMs - Date.now()}`);
      },
    };
    const togai = inProcessClient(mock, { rateLimit: limiter });
    const call = togai.credits.get(credit!.id);
    // The retry takes its token, then waits at the gate, checked last.
    await settle(() => seen.length === 3);
    expect(mock.requests).toHaveLength(1);
    await advance(20);
    await call;
    expect(seen).toEqual(["acquire", "pauseUntil +20", "acquire"]);
    expect(mock.requests).toHaveLength(2);
    await mock.close();
  });

  test("a custom limiter's failing pauseUntil is logged, and the call goes on", async () => {
    const mock = createMockFetch();
    const [credit] = mock.seed(1);
    mock.inject({ kind: "status", status: 429, headers: { "retry-after-ms": "20" } });
    const lines: string[] = [];
    const togai = inProcessClient(mock, {
      logger: { debug: (message) => lines.push(message) },
      rateLimit: {
        acquire: () => Promise.resolve(),
        pauseUntil: () => {
          throw new Error("store down");
        },
      },
    });
    const call = togai.credits.get(credit!.id);
    await settle(() => lines.some((line) => line.includes("store down")));
    await advance(20);
    await expect(call).resolves.toMatchObject({ id: credit!.id });
    expect(lines).toContain("rateLimit.pauseUntil failed: Error: store down");
    await mock.close();
  });
});
