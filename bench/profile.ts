/**
 * A CPU profile of the hot path of `togai.credits.get(id)` (and, for comparison, of bare
 * openapi-fetch and raw fetch doing the same call), summarised as the top self-time functions,
 * the time per call by part of the stack, and the inclusive time of well-known hot spots.
 *
 * Writes bench/results/profile-summary.json and bench/results/<contender>.cpuprofile (the first round;
 * open it in Chrome DevTools › Performance, or VS Code).
 */
import { mkdir, writeFile } from "node:fs/promises";
import type { Profiler } from "node:inspector";
import { join } from "node:path";
import { type ProfileSummary, profile, summarise } from "./lib/cpu-profile.ts";
import {
  NODE_HTTP,
  OPENAPI_FETCH,
  OURS,
  RAW_FETCH,
  contenders,
  timeCalls,
  warmUpAll,
} from "./lib/contenders.ts";
import { startLoopbackServer } from "./lib/loopback-server.ts";
import { printTable, resultsDir, writeResult } from "./lib/report.ts";

const ROUNDS = 5;
const CALLS_PER_ROUND = 400;
const CALLS = ROUNDS * CALLS_PER_ROUND;
const PROFILED = [OURS, NODE_HTTP, OPENAPI_FETCH, RAW_FETCH];

const pct = (share: number): string => `${(share * 100).toFixed(1)}%`;

await mkdir(resultsDir, { recursive: true });
const server = await startLoopbackServer();
try {
  const all = await contenders(server.url);
  const profiled = await warmUpAll(
    all.filter((c) => PROFILED.includes(c.name)),
    300,
  );
  const skipped = all.filter((c) => c.call === undefined && PROFILED.includes(c.name));
  const profiles = new Map<string, Profiler.Profile[]>(profiled.map((c) => [c.name, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (let i = 0; i < profiled.length; i++) {
      const contender = profiled[(round + i) % profiled.length]!;
      const recorded = await profile(async () => {
        await timeCalls(contender.call, CALLS_PER_ROUND, 1);
      });
      profiles.get(contender.name)!.push(recorded);
    }
  }
  const summaries: Record<string, ProfileSummary> = {};
  for (const [name, recorded] of profiles) {
    summaries[name] = summarise(recorded, CALLS);
    const file = `${name.replace(/[^a-z0-9]+/giu, "-")}.cpuprofile`;
    await writeFile(join(resultsDir, file), JSON.stringify(recorded[0]));
  }

  const main = summaries[OURS] ?? summaries[OPENAPI_FETCH];
  const mainName = summaries[OURS] ? OURS : OPENAPI_FETCH;
  if (main) {
    printTable(
      `CPU profile of ${mainName}: top ${String(main.topSelf.length)} functions by self time`,
      ["#", "function", "part", "self ms", "share"],
      main.topSelf.map((row, i) => [
        String(i + 1),
        row.function,
        row.category,
        row.selfMs.toFixed(1),
        pct(row.selfShare),
      ]),
      [
        `${String(CALLS)} sequential calls (${String(ROUNDS)} interleaved rounds of ` +
          `${String(CALLS_PER_ROUND)} per contender), sampled every 100 µs; ` +
          "share of busy (non-idle) time. " +
          skipped.map((c) => `${c.name} ${c.note ?? "skipped"}`).join("; "),
      ],
    );
  }
  if (main) {
    printTable(
      `${mainName}: its own layers (src/, openapi-fetch) by self time, µs per call`,
      ["#", "function", "part", "µs per call", "share"],
      main.topLayerSelf.map((row, i) => [
        String(i + 1),
        row.function,
        row.category,
        ((row.selfMs * 1000) / CALLS).toFixed(1),
        pct(row.selfShare),
      ]),
      ["Self time only: JSON.parse called from parseBody is charged to parseBody."],
    );
  }
  const names = Object.keys(summaries);
  const categories = [
    ...new Set(names.flatMap((n) => summaries[n]!.categories.map((c) => c.category))),
  ];
  const cell = (name: string, category: string): string => {
    const found = summaries[name]!.categories.find((c) => c.category === category);
    return found ? `${found.usPerCall.toFixed(1)} (${pct(found.share)})` : "—";
  };
  printTable(
    "CPU time per call by part of the stack (µs, share of busy time)",
    ["part", ...names],
    [
      ...categories.map((category) => [category, ...names.map((n) => cell(n, category))]),
      ["total busy", ...names.map((n) => ((summaries[n]!.busyMs * 1000) / CALLS).toFixed(1))],
    ],
    ["The server runs in another process: this is the client's CPU only."],
  );
  const watched = summaries[names[0]!]!.watched.map((w) => w.what);
  printTable(
    "Inclusive CPU time of hot spots (µs per call, share of busy time)",
    ["hot spot", ...names],
    watched.map((what) => [
      what,
      ...names.map((n) => {
        const found = summaries[n]!.watched.find((w) => w.what === what)!;
        return found.usPerCall === 0 ? "—" : `${found.usPerCall.toFixed(1)} (${pct(found.share)})`;
      }),
    ]),
    [
      "Synchronous stacks only: time spent after an await is charged to the microtask that resumed.",
    ],
  );
  const path = await writeResult("profile-summary", {
    calls: CALLS,
    samplingIntervalUs: 100,
    skipped: skipped.map((c) => ({ name: c.name, note: c.note })),
    summaries,
  });
  console.log(`\nwrote ${path}`);
} finally {
  await server.close();
}
