/**
 * One process sharing limits through Redis, for shared-limit.test.ts: a client of the kind and
 * URL named by its arguments (`kind url`), and a limiter of `createRedisRateLimiter` per key,
 * driven over IPC: `acquire` (`count` grants one after the other, on the limit `key` at
 * `rate` and `burst`), `pause` (for `ms`) and `close`. Each answer repeats the message's `type`.
 */
import { createRedisRateLimiter, type RateLimiter } from "../../src/redis/node.ts";
import { connect, type ClientKind } from "../helpers/redis.ts";

const [kind, url] = process.argv.slice(2);
const connected = await connect(kind as ClientKind, url);
const limiters = new Map<string, RateLimiter>();

interface Message {
  type: "acquire" | "pause" | "close";
  key: string;
  rate: number;
  burst: number;
  count?: number;
  ms?: number;
}

function limiterOf({ key, rate, burst }: Message): RateLimiter {
  let limiter = limiters.get(key);
  if (!limiter) {
    limiter = createRedisRateLimiter({
      redis: connected.client,
      key,
      requestsPerSecond: rate,
      burst,
      logger: { warn: (message) => process.send?.({ type: "log", message }) },
    });
    limiters.set(key, limiter);
  }
  return limiter;
}

process.on("message", (message: Message) => {
  void (async () => {
    if (message.type === "acquire") {
      const limiter = limiterOf(message);
      for (let grant = 0; grant < (message.count ?? 1); grant++) await limiter.acquire();
      process.send?.({ type: "acquire", granted: message.count ?? 1 });
    } else if (message.type === "pause") {
      await limiterOf(message).pauseUntil(Date.now() + (message.ms ?? 0));
      process.send?.({ type: "pause" });
    } else {
      await connected.close();
      process.exit(0);
    }
  })();
});
process.send?.({ type: "ready" });
