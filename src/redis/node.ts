/**
 * togai-credits/redis: one rate limit for every process, shared through Redis
 * ({@link createRedisRateLimiter}), for Node. It needs `rate-limiter-flexible` (the package's
 * one optional peer dependency) and a client of node-redis or ioredis, which you bring.
 *
 * @packageDocumentation
 */
export { createRedisRateLimiter } from "./limiter.js";
export type {
  IoRedisClient,
  NodeRedisClient,
  RedisClient,
  RedisLimiterLogger,
  RedisRateLimiterOptions,
} from "./types.js";
export type { RateLimiter } from "../rate-limit.js";
