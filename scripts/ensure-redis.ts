/**
 * Finds a `redis-server` for the tests of the shared rate limit (togai-credits/redis), or
 * installs Debian's `redis-server` package when none is found and `apt-get` is usable as root.
 * Prints the path it settled on. The tests start their own servers (test/setup/redis.ts).
 */
import { ensureProgram, findProgram, type Program } from "./lib/debian-package.ts";

export const REDIS_SERVER: Program = {
  name: "redis-server",
  envVar: "REDIS_SERVER_PATH",
  candidates: ["/usr/bin/redis-server", "/usr/local/bin/redis-server"],
  debianPackage: "redis-server",
  usedBy: "the tests of togai-credits/redis",
};

/** The path of `redis-server`, or undefined when there is none. */
export function findRedisServer(): string | undefined {
  return findProgram(REDIS_SERVER);
}

/** Returns the path of `redis-server`, installing Debian's package if needed and possible. */
export function ensureRedisServer(): Promise<string> {
  return ensureProgram(REDIS_SERVER);
}

if (import.meta.url === `file://${process.argv[1] ?? ""}`) {
  console.log(await ensureRedisServer());
}
