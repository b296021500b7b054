/**
 * vitest's global setup: one `redis-server` for the whole run (`npx vitest` too, not only
 * `npm test`), on a free port, without persistence, in a temporary folder; stopped at the end,
 * failures or not. vitest runs a global setup for the root and for each project, in its main
 * process: they share the one server, which stops when the last of them tears down. Tests
 * reach it through `inject("redis")` (test/helpers/redis.ts) and keep to keys of their own.
 * Without a `redis-server` on the machine nothing starts, and only the tests that need it
 * fail, with one line naming what to install (`npm test` installs it).
 */
import type { TestProject } from "vitest/node";
import { findRedisServer, REDIS_SERVER } from "../../scripts/ensure-redis.ts";
import { startRedisServer, type RedisServer } from "../../scripts/lib/redis-server.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** The suite's Redis: its URL and the server's path, or why there is none. */
    redis: { url: string; serverPath: string } | { missing: string };
  }
}

/** The run's server, shared by every global setup of the run, and how many use it. */
interface Shared {
  server: Promise<RedisServer>;
  users: number;
}
/** Where the global setups of one run find the shared server: one module copy each. */
const registry = globalThis as { togaiTestRedis?: Shared | undefined };

export default async function setup(
  project: TestProject,
): Promise<(() => Promise<void>) | undefined> {
  const serverPath = findRedisServer();
  if (serverPath === undefined) {
    project.provide("redis", {
      missing:
        `No redis-server found for ${REDIS_SERVER.usedBy}: run \`npx tsx scripts/ensure-redis.ts\` ` +
        `(installs Debian's \`redis-server\`) or set ${REDIS_SERVER.envVar}.`,
    });
    return undefined;
  }
  const shared = (registry.togaiTestRedis ??= { server: startRedisServer(serverPath), users: 0 });
  shared.users++;
  const server = await shared.server;
  project.provide("redis", { url: server.url, serverPath });
  return async () => {
    if (--shared.users > 0) return;
    registry.togaiTestRedis = undefined;
    await server.stop();
  };
}
