/**
 * Redis down: a redis-server of the test's own is killed in the middle of a run, then started
 * again on its port. Calls go on, granted by the in-process limit (1 per 59 s here, so that
 * its window is one logical unit of the test); one logger line when the outage starts, one
 * when Redis is back; no unhandled 'error', no failed call.
 */
import { afterEach, describe, expect, test } from "vitest";
import { createRedisRateLimiter } from "../../src/redis/node.ts";
import { inProcessClient } from "../helpers/mock-client.ts";
import { createMockFetch } from "../helpers/mock.ts";
import type { Redis } from "ioredis";
import { connect, redisServerPath, uniqueKey, type ConnectedClient } from "../helpers/redis.ts";
import { startRedisServer, type RedisServer } from "../../scripts/lib/redis-server.ts";

let server: RedisServer | undefined;
let connected: ConnectedClient | undefined;
afterEach(async () => {
  await connected?.close();
  await server?.stop();
});

/** Whether the client is connected, whichever its kind. */
function isConnected({ client }: ConnectedClient): boolean {
  return "status" in client ? client.status === "ready" : client.isReady;
}

/** Waits real time for `ms` (the limits here refuse for 59 s, so waiting proves nothing by the clock). */
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each([
  {
    kind: "node-redis" as const,
    listen: false,
    label: "node-redis without an 'error' listener of its own",
  },
  { kind: "ioredis" as const, listen: true, label: "ioredis" },
])("Redis killed mid-run, with $label", ({ kind, listen }) => {
  test("calls go on under the in-process limit, two log lines, no call fails", async () => {
    server = await startRedisServer(redisServerPath());
    connected = await connect(kind, server.url, { listen });
    const lines: string[] = [];
    const limiter = createRedisRateLimiter({
      redis: connected.client,
      key: uniqueKey("outage"),
      requestsPerSecond: 2 / 59,
      burst: 3,
      expectedProcesses: 2,
      logger: { warn: (message) => lines.push(message) },
    });
    const mock = createMockFetch();
    const [credit] = mock.seed(1);
    const togai = inProcessClient(mock, { rateLimit: limiter });
    const get = () => togai.credits.get(credit!.id);

    await get();
    expect(lines).toEqual([]);

    const { port } = server;
    await server.kill();
    await expect.poll(() => isConnected(connected!)).toBe(false);
    const during = [get(), get(), get()];
    await expect.poll(() => mock.requests.length).toBe(2);
    // The in-process window holds 1 grant: the other calls wait, asking Redis again.
    await pause(600);
    expect(mock.requests).toHaveLength(2);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^togai-credits\/redis: Redis is down or slow \(.+\): the limit "test:outage:[-0-9a-f]+" goes on in this process, at 1 request\(s\) per 59 s, until Redis is back$/u,
    );

    server = await startRedisServer(redisServerPath(), port);
    await Promise.all(during);
    await get();

    expect(mock.requests).toHaveLength(5);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(
      /^togai-credits\/redis: Redis is back: the limit "test:outage:[-0-9a-f]+" is shared again \(1 request\(s\) granted in this process meanwhile\)$/u,
    );
    if (listen) expect(connected.errors.length).toBeGreaterThan(0);
    await mock.close();
  });
});

describe("Redis slower than 500 ms", () => {
  test("a call does not wait for it: the in-process limit grants it, and the shared limit resumes after", async () => {
    server = await startRedisServer(redisServerPath(), undefined, [
      "--enable-debug-command",
      "yes",
    ]);
    connected = await connect("ioredis", server.url);
    const lines: string[] = [];
    const limiter = createRedisRateLimiter({
      redis: connected.client,
      key: uniqueKey("slow"),
      requestsPerSecond: 2 / 59,
      burst: 3,
      logger: { warn: (message) => lines.push(message) },
    });
    await limiter.acquire();

    // On the limiter's own connection, so Redis takes the limiter's next command after it.
    const redis = connected.client as Redis;
    const asleep = redis.call("DEBUG", "SLEEP", "1.5");
    await limiter.acquire();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain("Redis is down or slow (no answer within 500 ms, or not connected)");

    await asleep;
    await limiter.acquire();
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain("Redis is back");
  });
});
