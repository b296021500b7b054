/**
 * What the tests read in Redis itself, with a client of their own: the keys of a limit, their
 * expiries, and Redis's clock. What the limiter did is judged from these, never from the
 * test's clock.
 */
import { createClient } from "redis";
import { afterAll, beforeAll } from "vitest";
import { redisKeys } from "../../src/redis/scripts.ts";
import { redisUrl } from "../helpers/redis.ts";

type Client = ReturnType<typeof createClient>;

/** A client of the suite's Redis for the file, to look at the keys of limits. */
export function useInspector(): () => Inspector {
  let client: Client | undefined;
  beforeAll(async () => {
    client = createClient({ url: redisUrl() });
    await client.connect();
  });
  afterAll(() => {
    client?.destroy();
  });
  return () => {
    if (!client) throw new Error("the inspector is not connected");
    return inspector(client);
  };
}

export interface Inspector {
  /** Redis's clock, in ms. */
  now(): Promise<number>;
  /** The PTTL of the limit's pause key: -2 when it does not exist. */
  pausePttl(key: string): Promise<number>;
  /** The bucket's TAT (ms of Redis's clock) and its PTTL, or undefined when it does not exist. */
  bucket(key: string): Promise<{ tat: number; pttl: number } | undefined>;
  /** Every Redis key of the limit. */
  keys(key: string): Promise<string[]>;
}

function inspector(client: Client): Inspector {
  return {
    async now() {
      const [seconds, micros] = await client.time();
      return Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
    },
    async pausePttl(key) {
      return client.pTTL(redisKeys(key).pause);
    },
    async bucket(key) {
      const { bucket } = redisKeys(key);
      const [value, pttl] = await Promise.all([client.get(bucket), client.pTTL(bucket)]);
      return value === null ? undefined : { tat: Number(value), pttl };
    },
    async keys(key) {
      const { prefix } = redisKeys(key);
      const found = await client.keys(`${prefix.replace(/[[\]*?\\]/gu, (char) => `\\${char}`)}*`);
      return found.sort();
    },
  };
}
