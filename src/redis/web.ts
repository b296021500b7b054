/**
 * togai-credits/redis outside Node (the `default` export condition): loading it throws one
 * clear error, since a Redis client needs Node's sockets.
 *
 * @packageDocumentation
 */
throw new Error(
  "togai-credits/redis is for Node: it shares a rate limit through a Redis server, and this " +
    "runtime loaded its default build. In a browser or a worker, share createRateLimiter() of " +
    "togai-credits between clients instead.",
);

export {};
