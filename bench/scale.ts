/**
 * Many callers, one rate limit (`npm run bench -- scale`, or `npx tsx bench/scale.ts [commit]`):
 * the testing kit's server in its own process, limited to 100 requests/s with a burst of 10
 * (429 with `Retry-After` and `retry-after-ms` past it); 4 worker processes, one client each,
 * 8 calls in flight each, for 10 s; `credits.get`, then `credits.create` with the store checked
 * for credits granted twice. Configurations:
 *
 *   1.  today's client: compiled from the commit before this change (default: the parent of
 *       the commit that added src/waits.ts; or the commit given);
 *   1b. this client with no option: the 429 gate alone;
 *   2.  `rateLimit: { requestsPerSecond: 25 }` in each process;
 *   3.  `createRedisRateLimiter` at 100/s shared (`expectedProcesses: 4`, the default burst);
 *   3b. the same with `burst: 1`;
 *   4.  3, with its redis-server killed 5 s into the run.
 *
 * Reported for each: goodput (calls that succeeded within each worker's 10 s, per second) as a
 * share of the limit, 429s as a share of the
 * requests sent, failed calls, p50 and p99 call latency, credits granted twice. Targets for
 * configuration 3: goodput ≥ 90%, 429s ≤ 2%, 0 failed, 0 duplicates. Each run gets a
 * redis-server of its own (Debian's, found or named by REDIS_SERVER_PATH). Run some only with
 * `SCALE_ONLY=redis,redisKilled` (configuration ids) and `SCALE_OPS=get`.
 */
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { findRedisServer } from "../scripts/ensure-redis.ts";
import { startRedisServer, type RedisServer } from "../scripts/lib/redis-server.ts";
import { forkChild, type Child } from "./lib/child-process.ts";
import { commitBefore, compileCommit } from "./lib/compile-commit.ts";
import { compiledClientEntry } from "./lib/compile-client.ts";
import { printTable, writeResult } from "./lib/report.ts";

const LIMIT = 100;
const BURST = 10;
const WORKERS = 4;
const IN_FLIGHT = 8;
const DURATION_MS = 10_000;
const KILL_AT_MS = 5_000;

const CONFIGS = [
  { id: "before", label: "1. today's client" },
  { id: "gate", label: "1b. this client, no option (the 429 gate)" },
  { id: "perProcess", label: "2. rateLimit 25/s per process" },
  { id: "redis", label: "3. createRedisRateLimiter 100/s shared" },
  { id: "redisBurst1", label: "3b. the same, burst 1" },
  { id: "redisKilled", label: "4. 3, redis-server killed at 5 s" },
] as const;
const OPS = (process.env.SCALE_OPS?.split(",") ?? ["get", "create"]) as readonly (
  "get" | "create"
)[];

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const percent = (share: number): string => `${(share * 100).toFixed(1)}%`;

interface Row {
  op: (typeof OPS)[number];
  config: (typeof CONFIGS)[number]["id"];
  goodput: number;
  share429: number;
  requests: number;
  failed: Record<string, number>;
  p50: number;
  p99: number;
  duplicates: number;
  logged: string[];
}

const here = (file: string): string => fileURLToPath(new URL(file, import.meta.url));

const beforeCommit = process.argv[2] ?? (await commitBefore("src/waits.ts"));
const redisServerPath = findRedisServer();
const before = await compileCommit(beforeCommit, ["tsconfig.build.node.json"]);
await compiledClientEntry("node");
const server = forkChild(here("./lib/scale-server-main.ts"), {
  RATE: String(LIMIT),
  BURST: String(BURST),
});
const workers: Child[] = Array.from({ length: WORKERS }, () =>
  forkChild(here("./lib/scale-worker-main.ts"), {
    BEFORE_ENTRY: join(before.folder, "dist", "src", "node.js"),
    IN_FLIGHT: String(IN_FLIGHT),
  }),
);
const rows: Row[] = [];
try {
  const { url, token } = await server.next("listening");
  await Promise.all(workers.map((worker) => worker.next("ready")));
  for (const op of OPS) {
    for (const { id: config } of CONFIGS.filter(
      (c) => !process.env.SCALE_ONLY || process.env.SCALE_ONLY.split(",").includes(c.id),
    )) {
      const needsRedis = config.startsWith("redis");
      if (needsRedis && redisServerPath === undefined) {
        console.log(`skipped ${config}: no redis-server (install Debian's redis-server)`);
        continue;
      }
      let redis: RedisServer | undefined;
      if (needsRedis) redis = await startRedisServer(redisServerPath!);
      const { creditId } = await server.ask({ type: "start" });
      const killer =
        config === "redisKilled" ? setTimeout(() => void redis?.kill(), KILL_AT_MS) : undefined;
      const results = await Promise.all(
        workers.map((worker) =>
          worker.ask({
            type: "run",
            config,
            op,
            url,
            token,
            creditId,
            durationMs: DURATION_MS,
            redisUrl: redis?.url,
            key: `bench:scale:${op}:${config}`,
            processes: WORKERS,
            limit: LIMIT,
          }),
        ),
      );
      clearTimeout(killer);
      await redis?.stop();
      const report = await server.ask({ type: "report" });
      const latencies = results
        .flatMap((result) => result.latencies as number[])
        .sort((a, b) => a - b);
      const failed: Record<string, number> = {};
      for (const result of results) {
        for (const [name, n] of Object.entries(result.failed as Record<string, number>)) {
          failed[name] = (failed[name] ?? 0) + n;
        }
      }
      const row: Row = {
        op,
        config,
        goodput:
          results.reduce((sum, result) => sum + Number(result.succeededInWindow), 0) /
          (DURATION_MS / 1000) /
          LIMIT,
        share429: Number(report.limited) / Math.max(1, Number(report.requests)),
        requests: Number(report.requests),
        failed,
        p50: percentile(latencies, 50),
        p99: percentile(latencies, 99),
        duplicates: Number(report.duplicates),
        logged: results.flatMap((result) => result.logged as string[]),
      };
      rows.push(row);
      console.log(
        `${op} ${config}: goodput ${percent(row.goodput)}, 429s ${percent(row.share429)} of ${row.requests}, failed ${JSON.stringify(failed)}`,
      );
    }
  }
} finally {
  await Promise.all(workers.map((worker) => worker.close()));
  await server.close();
  await before.remove();
}

const failedText = (failed: Record<string, number>): string => {
  const entries = Object.entries(failed);
  return entries.length === 0 ? "0" : entries.map(([name, n]) => `${String(n)} ${name}`).join(", ");
};
const label = (id: string): string => CONFIGS.find((config) => config.id === id)?.label ?? id;
printTable(
  `${String(WORKERS)} processes × ${String(IN_FLIGHT)} in flight for ${String(DURATION_MS / 1000)} s against ${String(LIMIT)} requests/s (burst ${String(BURST)})`,
  [
    "call",
    "configuration",
    "goodput ÷ limit",
    "429s ÷ requests",
    "requests",
    "failed calls",
    "p50 (ms)",
    "p99 (ms)",
    "duplicates",
  ],
  rows.map((row) => [
    row.op,
    label(row.config),
    percent(row.goodput),
    percent(row.share429),
    String(row.requests),
    failedText(row.failed),
    row.p50.toFixed(0),
    row.p99.toFixed(0),
    row.op === "create" ? String(row.duplicates) : "—",
  ]),
  [
    `1 is the client of ${beforeCommit}; the others this tree's, with default retries (2) and back-off. 3, 3b and 4: expectedProcesses 4; 3 and 4 with the default burst (100).`,
    ...rows
      .filter((row) => row.config === "redis")
      .map((row) => {
        const met =
          row.goodput >= 0.9 &&
          row.share429 <= 0.02 &&
          Object.keys(row.failed).length === 0 &&
          row.duplicates === 0;
        return `targets of 3 (${row.op}): goodput ≥ 90%, 429s ≤ 2%, 0 failed, 0 duplicates: ${met ? "met" : "NOT met"}`;
      }),
  ],
);
console.log(`\nwrote ${await writeResult("scale", { beforeCommit, rows })}`);
