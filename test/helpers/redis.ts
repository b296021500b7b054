/**
 * Redis for the tests of togai-credits/redis: the suite's server (started by
 * test/setup/redis.ts), keys of each test's own, and clients of both kinds made as the README
 * says (offline queue off, an `'error'` listener). No mock of Redis, nothing in its place.
 */
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { createClient } from "redis";
import { inject } from "vitest";
import type { RedisClient } from "../../src/redis/node.ts";

/** The URL of the suite's Redis; throws one line naming what to install when there is none. */
export function redisUrl(): string {
  const redis = inject("redis");
  if ("missing" in redis) throw new Error(redis.missing);
  return redis.url;
}

/** The path of `redis-server`, for a test that starts (and kills) a server of its own. */
export function redisServerPath(): string {
  const redis = inject("redis");
  if ("missing" in redis) throw new Error(redis.missing);
  return redis.serverPath;
}

/** A key of this test's own: files and both vitest projects share one server. */
export function uniqueKey(name: string): string {
  return `test:${name}:${randomUUID()}`;
}

/** The two clients the limiter takes. */
export type ClientKind = "node-redis" | "ioredis";

export const CLIENT_KINDS: readonly ClientKind[] = ["node-redis", "ioredis"];

/** A connected client and how to close it. */
export interface ConnectedClient {
  client: RedisClient;
  /** Every error the client emitted (through the listener the README asks for). */
  errors: Error[];
  close(): Promise<void>;
}

/**
 * Connects a client of `kind` to `url`, with its offline queue off and an `'error'` listener
 * (unless `listen` is false, to see the limiter add its own). Reconnects quickly, so that an
 * outage test sees the server come back.
 */
export async function connect(
  kind: ClientKind,
  url: string = redisUrl(),
  { listen = true }: { listen?: boolean } = {},
): Promise<ConnectedClient> {
  const errors: Error[] = [];
  const onError = (error: Error): void => {
    errors.push(error);
  };
  if (kind === "node-redis") {
    const client = createClient({
      url,
      disableOfflineQueue: true,
      socket: { reconnectStrategy: () => 50, connectTimeout: 500 },
    });
    if (listen) client.on("error", onError);
    await client.connect();
    return {
      client,
      errors,
      close: () => {
        if (client.isOpen) client.destroy();
        return Promise.resolve();
      },
    };
  }
  const client = new Redis(url, {
    enableOfflineQueue: false,
    retryStrategy: () => 50,
    connectTimeout: 500,
    maxRetriesPerRequest: 0,
    lazyConnect: true,
  });
  if (listen) client.on("error", onError);
  await client.connect();
  return {
    client,
    errors,
    close: () => {
      client.disconnect();
      return Promise.resolve();
    },
  };
}
