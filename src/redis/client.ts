/**
 * The two Redis clients the limiter takes, told apart by their structure: ioredis has a
 * `status` string, node-redis an `isReady` flag. rate-limiter-flexible takes an ioredis client
 * as it is, and a node-redis one with `useRedisPackage: true` (its own guess reads a class name
 * that node-redis 5 and 6 no longer have).
 */
import type { IoRedisClient, NodeRedisClient, RedisClient } from "./types.js";

/** Whether `client` is an ioredis client. */
export function isIoRedis(client: RedisClient): client is IoRedisClient {
  return typeof (client as Partial<IoRedisClient>).status === "string";
}

/** Whether `value` looks like a client of either kind. */
export function isRedisClient(value: unknown): value is RedisClient {
  const client = value as Partial<IoRedisClient & NodeRedisClient> | null;
  return (
    typeof client === "object" &&
    client !== null &&
    typeof client.eval === "function" &&
    typeof client.on === "function" &&
    (typeof client.status === "string" || typeof client.isReady === "boolean")
  );
}

/** Runs a Lua script with `keys` and `args`, whichever the client. */
export function evalScript(
  client: RedisClient,
  script: string,
  keys: string[],
  args: string[],
): Promise<unknown> {
  return isIoRedis(client)
    ? client.eval(script, keys.length, ...keys, ...args)
    : client.eval(script, { keys, arguments: args });
}
