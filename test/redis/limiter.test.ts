/**
 * createRedisRateLimiter in one process, against the suite's real redis-server, with each of
 * the two clients it takes. What it did is read in Redis: its keys, their expiries, its clock.
 */
import { afterEach, describe, expect, test } from "vitest";
import { createCreditsClient } from "../../src/index.ts";
import { createRedisRateLimiter, type RedisRateLimiterOptions } from "../../src/redis/node.ts";
import { createMockFetch } from "../helpers/mock.ts";
import { CLIENT_KINDS, connect, uniqueKey, type ConnectedClient } from "../helpers/redis.ts";
import { useInspector } from "./inspect.ts";

const inspect = useInspector();
const quiet = { warn: () => undefined };

/**
 * Whether `promise` is still pending after `roundTrips` PINGs to Redis, time enough for the
 * limiter's own round trip (a check of its state, not of the clock: the limits asked for
 * here refuse for 100 s).
 */
async function isPending(promise: Promise<unknown>, roundTrips = 20): Promise<boolean> {
  const state = { settled: false };
  const settle = () => {
    state.settled = true;
  };
  void promise.then(settle, settle);
  for (let trip = 0; trip < roundTrips && !state.settled; trip++) await inspect().now();
  return !state.settled;
}

describe.each(CLIENT_KINDS)("createRedisRateLimiter with %s", (kind) => {
  let connected: ConnectedClient;
  const limiterOf = (options: Omit<RedisRateLimiterOptions, "redis">) =>
    createRedisRateLimiter({ redis: connected.client, logger: quiet, ...options });

  afterEach(async () => {
    await connected.close();
  });

  test("grants the burst at once, then nothing until the bucket refills", async () => {
    connected = await connect(kind);
    const key = uniqueKey("burst");
    const limiter = limiterOf({ key, requestsPerSecond: 0.01, burst: 3 });
    const started = await inspect().now();

    for (let grant = 0; grant < 3; grant++) await limiter.acquire();
    const controller = new AbortController();
    const fourth = limiter.acquire(controller.signal);
    expect(await isPending(fourth)).toBe(true);
    const reason = new Error("enough");
    controller.abort(reason);
    await expect(fourth).rejects.toBe(reason);

    // Three grants of 100 s each: the bucket's TAT is 300 s past the first, and expires then.
    const bucket = await inspect().bucket(key);
    expect(bucket?.tat).toBeGreaterThanOrEqual(started + 300_000);
    expect(bucket?.pttl).toBeGreaterThan(290_000);
    expect(await inspect().keys(key)).toEqual([`{${key}}:bucket`]);
  });

  test("pauseUntil sets the pause key with a millisecond expiry, and nothing is granted before it expires", async () => {
    connected = await connect(kind);
    const key = uniqueKey("pause");
    const limiter = limiterOf({ key, requestsPerSecond: 100, burst: 5 });
    await limiter.pauseUntil(Date.now() + 400);
    const pttl = await inspect().pausePttl(key);
    expect(pttl).toBeGreaterThan(0);
    expect(pttl).toBeLessThanOrEqual(400);

    const other = limiterOf({ key, requestsPerSecond: 100, burst: 5 });
    await other.acquire();
    expect(await inspect().pausePttl(key)).toBe(-2);
  });

  test("a shorter pause does not shorten a longer one", async () => {
    connected = await connect(kind);
    const key = uniqueKey("longer");
    const limiter = limiterOf({ key, requestsPerSecond: 10 });
    await limiter.pauseUntil(Date.now() + 60_000);
    await limiter.pauseUntil(Date.now() + 100);
    expect(await inspect().pausePttl(key)).toBeGreaterThan(50_000);
  });

  test("a pause empties the bucket: after it, one request, then the rate", async () => {
    connected = await connect(kind);
    const key = uniqueKey("drain");
    const limiter = limiterOf({ key, requestsPerSecond: 0.01, burst: 10 });
    await limiter.pauseUntil(Date.now() + 200);
    const other = limiterOf({ key, requestsPerSecond: 0.01, burst: 10 });
    await other.acquire();
    const second = other.acquire(AbortSignal.timeout(60_000));
    expect(await isPending(second)).toBe(true);
    void second.catch(() => undefined);
  });

  test("an abort while waiting for a token rejects with signal.reason; the next in line goes on", async () => {
    connected = await connect(kind);
    const key = uniqueKey("abort");
    const limiter = limiterOf({ key, requestsPerSecond: 0.01, burst: 1 });
    await limiter.acquire();
    const controller = new AbortController();
    const waiting = limiter.acquire(controller.signal);
    const behind = limiter.acquire(AbortSignal.timeout(60_000));
    const reason = new DOMException("stop", "AbortError");
    controller.abort(reason);
    await expect(waiting).rejects.toBe(reason);
    expect(await isPending(behind)).toBe(true);
    void behind.catch(() => undefined);
  });

  test("adds an 'error' listener when the client has none, and only then", async () => {
    connected = await connect(kind, undefined, { listen: false });
    expect(connected.client.listenerCount("error")).toBe(0);
    limiterOf({ key: uniqueKey("listener"), requestsPerSecond: 1 });
    expect(connected.client.listenerCount("error")).toBe(1);
    limiterOf({ key: uniqueKey("listener"), requestsPerSecond: 1 });
    expect(connected.client.listenerCount("error")).toBe(1);
  });

  test("a 429 met by one client pauses another client of the same key", async () => {
    connected = await connect(kind);
    const key = uniqueKey("clients");
    const mock = createMockFetch();
    const [credit] = mock.seed(1);
    mock.inject({ kind: "status", status: 429, headers: { "retry-after-ms": "500" } });
    /** Whether the pause key existed when each request was sent. */
    const pausedAtSend: boolean[] = [];
    const fetch: typeof globalThis.fetch = async (input, init) => {
      pausedAtSend.push((await inspect().pausePttl(key)) > 0);
      return mock.fetch(input, init);
    };
    const clientWith = () =>
      createCreditsClient({
        baseUrl: mock.baseUrl,
        token: mock.token,
        fetch,
        rateLimit: limiterOf({ key, requestsPerSecond: 50, burst: 5 }),
      });
    const one = clientWith();
    const two = clientWith();

    await one.credits.get(credit!.id, { maxRetries: 0 }).catch(() => undefined);
    await expect.poll(() => inspect().pausePttl(key)).toBeGreaterThan(0);
    await two.credits.get(credit!.id);

    expect(mock.requests.map((request) => request.fault)).toEqual(["status", undefined]);
    expect(pausedAtSend).toEqual([false, false]);
    await mock.close();
  });
});
