/**
 * Before and after a change, in one run: the client as compiled from an earlier commit and from
 * the working tree, both calling `credits.get` and `credits.list` (one page of 50, with the
 * query parameters `status` and `pageSize`) against the same loopback server, interleaved with
 * bare openapi-fetch, with 1 and 32 calls in flight.
 *
 *   npx tsx bench/before-after.ts <commit>     e.g. npx tsx bench/before-after.ts HEAD~10
 *
 * The earlier commit is checked out in a temporary git worktree (removed afterwards) and
 * compiled there with its own tsconfig.build.json.
 */
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import createClient from "openapi-fetch";
import type { paths } from "../generated/credits.ts";
import { SAME_HEADERS, timeCalls } from "./lib/contenders.ts";
import { compileCommit } from "./lib/compile-commit.ts";
import { compiledClientEntry } from "./lib/compile-client.ts";
import { BENCH_TOKEN, CREDIT_ID } from "./lib/fixtures.ts";
import { startLoopbackServer } from "./lib/loopback-server.ts";
import type { BenchClient, BenchClientOptions } from "./lib/our-client.ts";
import { printTable, writeResult } from "./lib/report.ts";
import { formatRatio, interleavedRounds, ratiosTo } from "./lib/stats.ts";

const ROUNDS = 15;
const LIST_PARAMS = { status: "ACTIVE", pageSize: 50 } as const;
const MODES = [
  { inFlight: 1, callsPerSlice: 50, slices: 8 },
  { inFlight: 32, callsPerSlice: 256, slices: 5 },
] as const;

type Factory = (options: BenchClientOptions) => BenchClient;

async function factoryFrom(entry: string): Promise<Factory> {
  const module = (await import(pathToFileURL(entry).href)) as { createCreditsClient: Factory };
  return module.createCreditsClient;
}

const commit = process.argv[2];
if (commit === undefined) {
  console.error("usage: npx tsx bench/before-after.ts <commit>");
  process.exit(2);
}
const before = await compileCommit(commit);
const beforeEntry = join(before.folder, "dist", "src", "index.js");
const server = await startLoopbackServer();
try {
  const options = { token: BENCH_TOKEN, baseUrl: server.url };
  const old = (await factoryFrom(beforeEntry))(options);
  const now = (await factoryFrom(await compiledClientEntry()))(options);
  const bare = createClient<paths>({ baseUrl: server.url, headers: SAME_HEADERS });
  const operations: Record<string, Record<string, () => Promise<unknown>>> = {
    "credits.get": {
      "openapi-fetch": async () => {
        const { data } = await bare.GET("/credits/{credit_id}", {
          params: { path: { credit_id: CREDIT_ID } },
        });
        if (data === undefined) throw new Error("openapi-fetch: no data");
        return data;
      },
      before: () => old.credits.get(CREDIT_ID),
      after: () => now.credits.get(CREDIT_ID),
    },
    "credits.list": {
      "openapi-fetch": async () => {
        const { data } = await bare.GET("/credits", {
          params: { query: { status: "ACTIVE", pageSize: 50 } },
        });
        if (data === undefined) throw new Error("openapi-fetch: no data");
        return data;
      },
      before: () => old.credits.list(LIST_PARAMS),
      after: () => now.credits.list(LIST_PARAMS),
    },
  };
  for (const calls of Object.values(operations)) {
    for (const call of Object.values(calls)) for (let i = 0; i < 300; i++) await call();
  }

  const rows: string[][] = [];
  const results: Record<string, unknown> = {};
  for (const [operation, calls] of Object.entries(operations)) {
    for (const { inFlight, callsPerSlice, slices } of MODES) {
      const elapsed = await interleavedRounds(
        Object.keys(calls),
        { rounds: ROUNDS, slices },
        (name) => timeCalls(calls[name]!, callsPerSlice, inFlight),
      );
      const toBare = ratiosTo(elapsed, "openapi-fetch", { inverse: true });
      const toBefore = ratiosTo(elapsed, "before", { inverse: true });
      results[`${operation} ${String(inFlight)}`] = { toBare, toBefore };
      rows.push([
        operation,
        String(inFlight),
        formatRatio(toBefore.after!),
        formatRatio(toBare.after!),
        formatRatio(toBare.before!),
      ]);
    }
  }
  printTable(
    `after vs before ${commit} (calls/s ratios)`,
    ["call", "in flight", "after ÷ before", "after ÷ openapi-fetch", "before ÷ openapi-fetch"],
    rows,
    [
      `${String(ROUNDS)} interleaved rounds; a ~2 KB credit or a page of 50, keep-alive, server in its own process.`,
    ],
  );
  console.log(`\nwrote ${await writeResult("before-after", { commit, modes: results })}`);
} finally {
  await server.close();
  await before.remove();
}
