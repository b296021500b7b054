/**
 * Before and after a change, in one run: the client as compiled from an earlier commit and from
 * the working tree, both calling `credits.get` against the same loopback server, interleaved
 * with bare openapi-fetch, with 1 and 32 calls in flight.
 *
 *   npx tsx bench/before-after.ts <commit>     e.g. npx tsx bench/before-after.ts HEAD~10
 *
 * The earlier commit is checked out in a temporary git worktree (removed afterwards) and
 * compiled there with its own tsconfig.build.json.
 */
import { mkdtemp, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import createClient from "openapi-fetch";
import type { paths } from "../generated/credits.ts";
import { bin, repoRoot, run } from "../scripts/lib/exec.ts";
import { SAME_HEADERS, timeCalls } from "./lib/contenders.ts";
import type { Call } from "./lib/contenders.ts";
import { compiledClientEntry } from "./lib/compile-client.ts";
import { BENCH_TOKEN, CREDIT_ID } from "./lib/fixtures.ts";
import { startLoopbackServer } from "./lib/loopback-server.ts";
import type { BenchClient, BenchClientOptions } from "./lib/our-client.ts";
import { printTable, writeResult } from "./lib/report.ts";
import { formatRatio, interleavedRounds, ratiosTo } from "./lib/stats.ts";

const ROUNDS = 15;
const MODES = [
  { inFlight: 1, callsPerSlice: 50, slices: 8 },
  { inFlight: 32, callsPerSlice: 256, slices: 5 },
] as const;

type Factory = (options: BenchClientOptions) => BenchClient;

async function factoryFrom(entry: string): Promise<Factory> {
  const module = (await import(pathToFileURL(entry).href)) as { createCreditsClient: Factory };
  return module.createCreditsClient;
}

/** Checks out `commit` in a temporary worktree and compiles its client there. */
async function compileCommit(
  commit: string,
): Promise<{ entry: string; remove: () => Promise<void> }> {
  const folder = await mkdtemp(join(tmpdir(), "togai-before-"));
  const added = await run("git", ["worktree", "add", "--detach", folder, commit], {
    cwd: repoRoot,
  });
  if (added.code !== 0) throw new Error(`git worktree add ${commit} failed:\n${added.stderr}`);
  const remove = async () => {
    await run("git", ["worktree", "remove", "--force", folder], { cwd: repoRoot });
    await rm(folder, { recursive: true, force: true });
  };
  await symlink(join(repoRoot, "node_modules"), join(folder, "node_modules"), "dir");
  const compiled = await run(bin("tsc"), ["-p", "tsconfig.build.json"], { cwd: folder });
  if (compiled.code !== 0) {
    await remove();
    throw new Error(`${commit} does not compile:\n${compiled.stdout}`);
  }
  return { entry: join(folder, "dist", "src", "index.js"), remove };
}

const commit = process.argv[2];
if (commit === undefined) {
  console.error("usage: npx tsx bench/before-after.ts <commit>");
  process.exit(2);
}
const before = await compileCommit(commit);
const server = await startLoopbackServer();
try {
  const options = { token: BENCH_TOKEN, baseUrl: server.url };
  const old = (await factoryFrom(before.entry))(options);
  const now = (await factoryFrom(await compiledClientEntry()))(options);
  const bare = createClient<paths>({ baseUrl: server.url, headers: SAME_HEADERS });
  const calls: Record<string, Call> = {
    "openapi-fetch": async () => {
      const { data } = await bare.GET("/credits/{credit_id}", {
        params: { path: { credit_id: CREDIT_ID } },
      });
      if (data === undefined) throw new Error("openapi-fetch: no data");
      return data;
    },
    before: () => old.credits.get(CREDIT_ID) as ReturnType<Call>,
    after: () => now.credits.get(CREDIT_ID) as ReturnType<Call>,
  };
  for (const call of Object.values(calls)) for (let i = 0; i < 300; i++) await call();

  const rows: string[][] = [];
  const results: Record<string, unknown> = {};
  for (const { inFlight, callsPerSlice, slices } of MODES) {
    const elapsed = await interleavedRounds(
      Object.keys(calls),
      { rounds: ROUNDS, slices },
      (name) => timeCalls(calls[name]!, callsPerSlice, inFlight),
    );
    const toBare = ratiosTo(elapsed, "openapi-fetch", { inverse: true });
    const toBefore = ratiosTo(elapsed, "before", { inverse: true });
    results[String(inFlight)] = { toBare, toBefore };
    rows.push([
      String(inFlight),
      formatRatio(toBefore.after!),
      formatRatio(toBare.after!),
      formatRatio(toBare.before!),
    ]);
  }
  printTable(
    `credits.get after vs before ${commit} (calls/s ratios)`,
    ["in flight", "after ÷ before", "after ÷ openapi-fetch", "before ÷ openapi-fetch"],
    rows,
    [`${String(ROUNDS)} interleaved rounds; ~2 KB JSON, keep-alive, server in its own process.`],
  );
  console.log(`\nwrote ${await writeResult("before-after", { commit, modes: results })}`);
} finally {
  await server.close();
  await before.remove();
}
