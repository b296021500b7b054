/**
 * One worker process of the scale benchmark (see scale.ts): one client, `IN_FLIGHT` calls in
 * flight, for `durationMs`, on each `run` message: `{ config, op, url, token, creditId,
 * durationMs, redisUrl?, key? }`. It answers `run` with its calls: how many succeeded within
 * the window, how many failed (by error name), and every call's latency in ms. The client is this tree's, or, for config `before`,
 * the one compiled from the commit before this change (`BEFORE_ENTRY`).
 */
import { pathToFileURL } from "node:url";
import { createClient } from "redis";
import { compiledClientEntry } from "./compile-client.ts";

const IN_FLIGHT = Number(process.env.IN_FLIGHT ?? 8);

/** How each configuration builds its client's options. */
type Config = "before" | "gate" | "perProcess" | "redis" | "redisBurst1" | "redisKilled";

interface RunMessage {
  type: "run";
  config: Config;
  op: "get" | "create";
  url: string;
  token: string;
  creditId: string;
  durationMs: number;
  redisUrl?: string;
  key?: string;
  processes: number;
  limit: number;
}

interface Client {
  credits: {
    get(id: string): Promise<unknown>;
    create(body: unknown): Promise<unknown>;
  };
}
type Factory = (options: Record<string, unknown>) => Client;

const ours = (await import(pathToFileURL(await compiledClientEntry("node")).href)) as {
  createCreditsClient: Factory;
};
const redisEntry = (await compiledClientEntry("node")).replace(/node\.js$/u, "redis/node.js");
const { createRedisRateLimiter } = (await import(pathToFileURL(redisEntry).href)) as {
  createRedisRateLimiter: (options: Record<string, unknown>) => unknown;
};
const before = process.env.BEFORE_ENTRY
  ? ((await import(pathToFileURL(process.env.BEFORE_ENTRY).href)) as {
      createCreditsClient: Factory;
    })
  : undefined;

async function run(message: RunMessage): Promise<Record<string, unknown>> {
  const base = { baseUrl: message.url, token: message.token };
  let redis: ReturnType<typeof createClient> | undefined;
  let togai: Client;
  const logged: string[] = [];
  if (message.config === "before") {
    if (!before) throw new Error("no BEFORE_ENTRY for config before");
    togai = before.createCreditsClient(base);
  } else if (message.config === "gate") {
    togai = ours.createCreditsClient(base);
  } else if (message.config === "perProcess") {
    togai = ours.createCreditsClient({
      ...base,
      rateLimit: { requestsPerSecond: message.limit / message.processes },
    });
  } else {
    redis = createClient({ url: message.redisUrl ?? "", disableOfflineQueue: true });
    redis.on("error", () => undefined);
    await redis.connect();
    const rateLimit = createRedisRateLimiter({
      redis,
      key: message.key,
      requestsPerSecond: message.limit,
      ...(message.config === "redisBurst1" && { burst: 1 }),
      expectedProcesses: message.processes,
      logger: { warn: (line: string) => logged.push(line) },
    });
    togai = ours.createCreditsClient({ ...base, rateLimit });
  }

  const call =
    message.op === "get"
      ? () => togai.credits.get(message.creditId)
      : () =>
          togai.credits.create({
            creditRequests: [
              {
                accountId: "ACC-SCALE",
                purpose: "Scale benchmark",
                effectiveFrom: "2024-01-01",
                creditAmount: 10,
                priority: 1,
              },
            ],
          });
  const latencies: number[] = [];
  const failed: Record<string, number> = {};
  /** Calls that succeeded within the window (the calls still queued at its end finish after it). */
  let succeededInWindow = 0;
  const end = performance.now() + message.durationMs;
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (performance.now() < end) {
        const started = performance.now();
        try {
          await call();
          if (performance.now() <= end) succeededInWindow++;
        } catch (error) {
          const name = error instanceof Error ? error.name : typeof error;
          failed[name] = (failed[name] ?? 0) + 1;
        }
        latencies.push(performance.now() - started);
      }
    }),
  );
  if (redis?.isOpen) redis.destroy();
  return { latencies, failed, logged, succeededInWindow };
}

process.on("message", (message: RunMessage | { type: "close" }) => {
  if (message.type === "close") process.exit(0);
  else void run(message).then((result) => process.send?.({ type: "run", ...result }));
});
process.on("disconnect", () => process.exit(0));
process.send?.({ type: "ready" });
