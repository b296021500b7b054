/**
 * The public types of `togai-credits/redis`. The Redis clients are described by structure,
 * so these declarations import nothing from `redis` or `ioredis`: a user has one of them, of
 * the major they chose.
 */

/** A connected ioredis client (`new Redis(…)` of `ioredis`), as the limiter uses it. */
export interface IoRedisClient {
  /** `"ready"` when connected. */
  readonly status: string;
  /** Defines a Lua command on the client (rate-limiter-flexible defines `rlflxIncr`). */
  defineCommand(name: string, definition: { numberOfKeys?: number; lua: string }): void;
  /** Runs a Lua script (the pause). */
  eval(script: string, numberOfKeys: number, ...keysAndArguments: string[]): Promise<unknown>;
  /** Adds an `'error'` listener (the limiter's own, when the client has none). */
  on(event: "error", listener: (error: Error) => void): unknown;
  /** How many `'error'` listeners the client has. */
  listenerCount(event: "error"): number;
}

/** A connected node-redis client (`createClient(…)` of `redis`), as the limiter uses it. */
export interface NodeRedisClient {
  /** True when connected. */
  readonly isReady: boolean;
  /** Runs a Lua script (the token bucket, the pause). */
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
  /** Adds an `'error'` listener (the limiter's own, when the client has none). */
  on(event: "error", listener: (error: Error) => void): unknown;
  /** How many `'error'` listeners the client has. */
  listenerCount(event: "error"): number;
}

/** A connected Redis client: node-redis or ioredis. */
export type RedisClient = IoRedisClient | NodeRedisClient;

/** Receives the limiter's two lines about Redis: when an outage starts, and when it ends. */
export interface RedisLimiterLogger {
  /** One line, and its facts as fields (`key`, and `reason` or `grantedInProcess`). */
  warn(message: string, fields: Readonly<Record<string, unknown>>): void;
}

/** Options of {@link createRedisRateLimiter}. */
export interface RedisRateLimiterOptions {
  /**
   * A connected client of node-redis (`redis`) or of `ioredis`; the limiter tells them apart.
   * Create it with its offline queue off (`disableOfflineQueue: true` for node-redis,
   * `enableOfflineQueue: false` for ioredis), so that a command fails at once while Redis is
   * down, and with an `'error'` listener; without one, the limiter adds its own, which writes
   * to `logger`.
   */
  redis: RedisClient;
  /**
   * The name of the shared limit: every process whose limiter has the same `key` shares one
   * limit and one pause. It lives in the Redis keys `{key}:bucket` and `{key}:pause`.
   * @example "togai-credits:production"
   */
  key: string;
  /** How many requests per second, across every process, on average; fractions are allowed. */
  requestsPerSecond: number;
  /**
   * How many requests may go at once after a quiet time, across every process: the size of
   * the shared token bucket, at least 1. Keep it at most the API's own burst.
   * @default Math.max(1, requestsPerSecond)
   */
  burst?: number;
  /**
   * How many processes share the limit. While Redis is down, each grants
   * `requestsPerSecond / expectedProcesses` on its own.
   * @default 1
   */
  expectedProcesses?: number;
  /**
   * Where the two outage lines go.
   * @default console
   */
  logger?: RedisLimiterLogger;
}
