/** Bad options of createRedisRateLimiter: a `TogaiConfigError` at creation, naming the option. */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { TogaiConfigError } from "../../src/index.ts";
import { createRedisRateLimiter, type RedisRateLimiterOptions } from "../../src/redis/node.ts";
import { connect, type ConnectedClient } from "../helpers/redis.ts";

let connected: ConnectedClient;
beforeAll(async () => {
  connected = await connect("node-redis");
});
afterAll(() => connected.close());

const options = (overrides: Partial<Record<keyof RedisRateLimiterOptions, unknown>>) =>
  ({
    redis: connected.client,
    key: "k",
    requestsPerSecond: 10,
    ...overrides,
  }) as RedisRateLimiterOptions;

describe("createRedisRateLimiter, bad options", () => {
  test.each([
    [
      "no redis",
      { redis: undefined },
      "redis must be a connected client of node-redis (createClient) or ioredis (new Redis)",
    ],
    [
      "a URL as redis",
      { redis: "redis://127.0.0.1" },
      "redis must be a connected client of node-redis (createClient) or ioredis (new Redis)",
    ],
    ["no key", { key: undefined }, "key must be a non-empty string"],
    ["an empty key", { key: "" }, "key must be a non-empty string"],
    [
      "expectedProcesses 0",
      { expectedProcesses: 0 },
      "expectedProcesses must be a whole number of at least 1",
    ],
    [
      "expectedProcesses -2",
      { expectedProcesses: -2 },
      "expectedProcesses must be a whole number of at least 1",
    ],
    [
      "expectedProcesses 1.5",
      { expectedProcesses: 1.5 },
      "expectedProcesses must be a whole number of at least 1",
    ],
    ["requestsPerSecond 0", { requestsPerSecond: 0 }, "requestsPerSecond must be a number above 0"],
    [
      "requestsPerSecond Infinity",
      { requestsPerSecond: Infinity },
      "requestsPerSecond must be a number above 0",
    ],
    ["burst 0.5", { burst: 0.5 }, "burst must be a number of at least 1"],
    [
      "a logger without warn",
      { logger: { debug: () => undefined } },
      "logger must have a warn(message, fields) function",
    ],
  ])("%s", (_label, overrides, message) => {
    expect(() => createRedisRateLimiter(options(overrides))).toThrow(new TogaiConfigError(message));
  });

  test("no options at all", () => {
    expect(() => createRedisRateLimiter(undefined as never)).toThrow(TogaiConfigError);
  });

  test("adds no 'error' listener when it refuses its options", () => {
    const before = connected.client.listenerCount("error");
    expect(() => createRedisRateLimiter(options({ burst: 0 }))).toThrow(TogaiConfigError);
    expect(connected.client.listenerCount("error")).toBe(before);
  });
});
