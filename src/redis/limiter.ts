/**
 * `createRedisRateLimiter`: a {@link RateLimiter} whose count and pause live in Redis, built on
 * rate-limiter-flexible: its Redis limiter (with our token bucket as its script), its
 * timeouts wrapper (500 ms for the round trip), and its insurance limiter for when Redis is
 * down or slow.
 */
import { RateLimiterRedis, RateLimiterRes, RLWrapperTimeouts } from "rate-limiter-flexible";
import { delay } from "../delay.js";
import { TogaiConfigError } from "../errors.js";
import { checkRateLimit, tokenBucket, type RateLimiter } from "../rate-limit.js";
import { numberRule } from "../validation.js";
import { evalScript, isIoRedis, isRedisClient } from "./client.js";
import { Insurance, windowOf } from "./insurance.js";
import { CONSUME_SCRIPT, PAUSE_SCRIPT, redisKeys } from "./scripts.js";
import type { RedisLimiterLogger, RedisRateLimiterOptions } from "./types.js";

/** How long a Redis round trip may take before the limiter counts Redis as down, in ms. */
const REDIS_TIMEOUT_MS = 500;

/** While Redis is down, how often a call the in-process limit refused asks again, in ms: soon enough to see Redis back. */
const OUTAGE_PROBE_MS = 250;

/** What one consume said: granted (after `waitMs` of spreading), or to ask again after `waitMs`. */
interface Verdict {
  granted: boolean;
  waitMs: number;
}

/** Resolves with `promise`, or rejects with `signal.reason` as soon as the signal aborts. */
function untilAbort<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      reject(signal.reason as Error);
    };
    if (signal.aborted) {
      onAbort();
      return;
    }
    signal.addEventListener("abort", onAbort, { once: true });
    void promise.then(resolve, reject).finally(() => {
      signal.removeEventListener("abort", onAbort);
    });
  });
}

/** Rejects after `ms` unless `promise` settles first. */
function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`no answer within ${ms} ms`));
    }, ms);
  });
  return Promise.race([promise, timeout]).finally(() => {
    clearTimeout(timer);
  });
}

/** Checks the options that are the Redis limiter's own. */
function checkOptions(options: Partial<RedisRateLimiterOptions> | undefined): void {
  const { redis, key, expectedProcesses, logger } = options ?? {};
  if (!isRedisClient(redis)) {
    throw new TogaiConfigError(
      "redis must be a connected client of node-redis (createClient) or ioredis (new Redis)",
    );
  }
  if (typeof key !== "string" || key === "") {
    throw new TogaiConfigError("key must be a non-empty string");
  }
  if (expectedProcesses !== undefined && numberRule(expectedProcesses, false, true)) {
    throw new TogaiConfigError("expectedProcesses must be a whole number of at least 1");
  }
  if (logger !== undefined && typeof logger.warn !== "function") {
    throw new TogaiConfigError("logger must have a warn(message, fields) function");
  }
}

/**
 * Creates a {@link RateLimiter} shared through Redis: every process whose limiter has the same
 * `key` shares one token bucket of `requestsPerSecond` (up to `burst` at once) and one pause,
 * so a 429 seen by any client of any of them pauses all. Hand it to `createCreditsClient` as
 * `rateLimit`.
 *
 * The bucket is kept in Redis by a script run through rate-limiter-flexible's Redis limiter:
 * one round trip per grant, on Redis's clock. Each round trip may take 500 ms; past that, or
 * when the client is not connected, the process falls back at once to rate-limiter-flexible's
 * in-memory limiter at `requestsPerSecond / expectedProcesses`, writes one `logger` line, and
 * writes another when Redis answers again and the shared limit resumes. A call never hangs on
 * Redis, and never fails because of it.
 *
 * @throws {TogaiConfigError} when `redis` is not a client, `key` is empty, `requestsPerSecond` or `burst` is out of range, or `expectedProcesses` is below 1.
 * @example
 * import { createClient } from "redis";
 * import { createCreditsClient } from "togai-credits";
 * import { createRedisRateLimiter } from "togai-credits/redis";
 *
 * const redis = createClient({ url: process.env.REDIS_URL, disableOfflineQueue: true });
 * redis.on("error", (error) => console.warn("redis:", error.message));
 * await redis.connect();
 * const togai = createCreditsClient({
 *   rateLimit: createRedisRateLimiter({ redis, key: "togai", requestsPerSecond: 100, expectedProcesses: 4 }),
 * });
 */
export function createRedisRateLimiter(options: RedisRateLimiterOptions): RateLimiter {
  checkOptions(options);
  const { redis, key, expectedProcesses = 1 } = options;
  const logger: RedisLimiterLogger = options.logger ?? console;
  const { requestsPerSecond, burst } = checkRateLimit(options);
  const keys = redisKeys(key);
  const intervalMs = 1000 / requestsPerSecond;
  const fallback = windowOf(requestsPerSecond / expectedProcesses);

  let down = false;
  /** How many times the insurance limiter was consulted: a consume that changed it did not reach Redis. */
  let insuranceUses = 0;
  /** Grants of the in-process limit since the outage started. */
  let grantedInProcess = 0;
  const outageStarts = (reason: string): void => {
    if (down) return;
    down = true;
    grantedInProcess = 0;
    logger.warn(
      `togai-credits/redis: Redis is down or slow (${reason}): the limit "${key}" goes on in this process, at ${fallback.points} request(s) per ${fallback.seconds} s, until Redis is back`,
      { key, reason, ...fallback },
    );
  };
  const outageEnds = (): void => {
    if (!down) return;
    down = false;
    logger.warn(
      `togai-credits/redis: Redis is back: the limit "${key}" is shared again (${grantedInProcess} request(s) granted in this process meanwhile)`,
      { key, grantedInProcess },
    );
  };
  if (redis.listenerCount("error") === 0) {
    redis.on("error", (error) => {
      outageStarts(error.message || String(error));
    });
  }

  const insurance = new Insurance(fallback, () => {
    insuranceUses++;
    outageStarts(`no answer within ${REDIS_TIMEOUT_MS} ms, or not connected`);
  });
  const shared = new RLWrapperTimeouts({
    limiter: new RateLimiterRedis({
      storeClient: redis,
      useRedisPackage: !isIoRedis(redis),
      rejectIfRedisNotReady: true,
      customIncrTtlLuaScript: CONSUME_SCRIPT,
      keyPrefix: keys.prefix,
      points: burst,
      duration: burst / requestsPerSecond,
    }),
    timeoutMs: REDIS_TIMEOUT_MS,
    insuranceLimiter: insurance,
  });

  /** One consume, through Redis or, when it is down, the insurance limiter. */
  async function consume(): Promise<Verdict> {
    const uses = insuranceUses;
    try {
      const res = await shared.consume("bucket", 1, { customDuration: 1 });
      if (insuranceUses !== uses) {
        grantedInProcess++;
        return { granted: true, waitMs: insurance.spread(res) };
      }
      outageEnds();
      return { granted: true, waitMs: 0 };
    } catch (refused) {
      if (!(refused instanceof RateLimiterRes)) {
        outageStarts(String(refused));
        return { granted: false, waitMs: OUTAGE_PROBE_MS };
      }
      if (insuranceUses !== uses) {
        return {
          granted: false,
          waitMs: Math.min(OUTAGE_PROBE_MS, Math.max(1, refused.msBeforeNext)),
        };
      }
      outageEnds();
      return { granted: false, waitMs: Math.max(1, refused.msBeforeNext) };
    }
  }

  /** One consume at a time in this process, in order of arrival. */
  const line = tokenBucket(0, 1);
  let tickets = 0;
  let pausedUntil = 0;

  return {
    async acquire(signal) {
      await line.pass(tickets++, signal);
      try {
        for (;;) {
          const paused = pausedUntil - Date.now();
          if (paused > 0) {
            await delay(paused, signal);
            continue;
          }
          const { granted, waitMs } = await untilAbort(consume(), signal);
          if (waitMs > 0) await delay(waitMs, signal);
          if (granted) return;
        }
      } finally {
        line.put();
      }
    },

    async pauseUntil(untilMs) {
      pausedUntil = Math.max(pausedUntil, untilMs);
      const ms = Math.ceil(untilMs - Date.now());
      if (ms <= 0) return;
      const args = [String(ms), String(intervalMs), String(burst)];
      try {
        await withTimeout(
          evalScript(redis, PAUSE_SCRIPT, [keys.pause, keys.bucket], args),
          REDIS_TIMEOUT_MS,
        );
      } catch (error) {
        outageStarts(error instanceof Error ? error.message : String(error));
      }
    },
  };
}
