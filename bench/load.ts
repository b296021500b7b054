/**
 * Load test (`npx tsx bench/load.ts`; not part of `npm test`): through ONE client, 200
 * concurrent `listAll` walks and 2,000 `create` calls (50 in flight) against the mock Credits
 * API server (the testing kit, src/testing/), once with no faults and once with 5% injected 503s and 2% dropped
 * connections (1% reset before any answer, 1% dropped after the credit was granted), in
 * alternating rounds. Reports completed calls, retries (requests the server saw carrying
 * `x-togai-retry-count`, i.e. server requests minus first attempts), the p50/p99 latency ratio
 * of the faulty run to the no-fault run, and the duplicate count (credits per idempotency key
 * above 1), which must be 0, and the lost count (a create that succeeded but whose credit is
 * not in the store), which must be 0 too.
 *
 * The mock server runs in its own process (lib/load-server-main.ts) so its CPU time is not the
 * client's. It injects faults only on request (`inject(fault)` applies to the next request), so
 * the random rates are drawn there: after every answer, a seeded PRNG decides whether to arm
 * one fault for the next request. Client options are the defaults (maxRetries 2,
 * back-off 500 ms doubling to 8 s with full jitter), as a user would have them. Bounded: every
 * call carries a 60 s deadline signal, and the process exits when both runs are done.
 */
import { setMaxListeners } from "node:events";
import { fileURLToPath } from "node:url";
import type { Fault } from "../src/testing/node.ts";
import { forkChild } from "./lib/child-process.ts";
import { loadOurClient } from "./lib/our-client.ts";
import type { BenchClient } from "./lib/our-client.ts";
import { printTable, writeResult } from "./lib/report.ts";
import { type Spread, formatRatio, spread } from "./lib/stats.ts";

const WALKS = 200;
const LISTED = 500;
const LIST_ACCOUNT = "ACC-LOAD-LIST";
const CREATES = 2_000;
const CREATES_IN_FLIGHT = 50;
const ROUNDS = 3;
const DEADLINE_MS = 60_000;
const SEED = 20_241_125;
const FAULT_RATES: { rate: number; fault: Fault; label: string }[] = [
  { rate: 0.05, fault: { kind: "status", status: 503 }, label: "503" },
  { rate: 0.01, fault: { kind: "resetBeforeHeaders" }, label: "reset before answer" },
  { rate: 0.01, fault: { kind: "dropAfterProcessing" }, label: "dropped after processing" },
];

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

interface RunResult {
  faulty: boolean;
  wallMs: number;
  creates: {
    completed: number;
    failed: Record<string, number>;
    /** Failed creates whose error did not carry the idempotency keys used. */
    keyless: number;
    p50: number;
    p90: number;
    p99: number;
  };
  walks: {
    completed: number;
    failed: Record<string, number>;
    pages: number;
    p50: number;
    p90: number;
    p99: number;
  };
  serverRequests: number;
  firstAttempts: number;
  retries: number;
  faultsInjected: Record<string, number>;
  duplicates: number;
  lost: number;
}

function countError(into: Record<string, number>, error: unknown): void {
  const name = error instanceof Error ? error.name : typeof error;
  into[name] = (into[name] ?? 0) + 1;
}

async function walk(
  togai: BenchClient,
  signal: AbortSignal,
  pageLatencies: number[],
): Promise<number> {
  const credits = togai.credits.listAll({ account_id: LIST_ACCOUNT }, { signal });
  const iterator = credits[Symbol.asyncIterator]();
  const ids = new Set<string>();
  for (let index = 0; ; index++) {
    const asked = performance.now();
    const step = await iterator.next();
    if (step.done === true) break;
    if (index % 50 === 0) pageLatencies.push(performance.now() - asked);
    ids.add(step.value.id);
  }
  if (ids.size !== LISTED)
    throw new Error(`walk saw ${String(ids.size)} credits, not ${String(LISTED)}`);
  return ids.size;
}

async function runOnce(
  create: (options: { token: string; baseUrl: string }) => BenchClient,
  faulty: boolean,
  seed: number,
): Promise<RunResult> {
  const server = forkChild(fileURLToPath(new URL("./lib/load-server-main.ts", import.meta.url)), {
    FAULTY: faulty ? "1" : "0",
    FAULT_RATES: JSON.stringify(FAULT_RATES),
    SEED: String(seed),
    LISTED: String(LISTED),
    LIST_ACCOUNT,
  });
  try {
    const { url, token } = await server.next("listening");
    const togai = create({ token: String(token), baseUrl: String(url) });
    const signal = AbortSignal.timeout(DEADLINE_MS);
    // One deadline shared by every call in flight: each adds an abort listener to it, so lift
    // Node's warning threshold (10), as undici does for the signals it is given.
    setMaxListeners(WALKS + CREATES_IN_FLIGHT + 10, signal);
    const createLatencies: number[] = [];
    const pageLatencies: number[] = [];
    const createFailures: Record<string, number> = {};
    const walkFailures: Record<string, number> = {};
    const granted: string[] = [];
    let walksCompleted = 0;
    let keyless = 0;
    const start = performance.now();

    const walks = Array.from({ length: WALKS }, async () => {
      try {
        await walk(togai, signal, pageLatencies);
        walksCompleted++;
      } catch (error) {
        countError(walkFailures, error);
      }
    });
    let next = 0;
    const creators = Array.from({ length: CREATES_IN_FLIGHT }, async () => {
      while (next < CREATES) {
        const index = next++;
        const asked = performance.now();
        try {
          const { credits } = await togai.credits.create(
            {
              creditRequests: [
                {
                  accountId: `ACC-LOAD-${String(index % 100).padStart(3, "0")}`,
                  purpose: "Load test",
                  effectiveFrom: "2024-01-01",
                  creditAmount: 10,
                  priority: 1,
                },
              ],
            },
            { signal },
          );
          createLatencies.push(performance.now() - asked);
          granted.push(...credits.map((c) => c.id));
        } catch (error) {
          countError(createFailures, error);
          const { idempotencyKeys } = error as { idempotencyKeys?: unknown };
          if (!Array.isArray(idempotencyKeys) || idempotencyKeys.length === 0) keyless++;
        }
      }
    });
    await Promise.all([...walks, ...creators]);
    const wallMs = performance.now() - start;
    const report = await server.ask({ type: "report", granted });
    createLatencies.sort((a, b) => a - b);
    pageLatencies.sort((a, b) => a - b);
    const requests = Number(report.requests);
    const retries = Number(report.retries);
    return {
      faulty,
      wallMs,
      creates: {
        completed: createLatencies.length,
        failed: createFailures,
        keyless,
        p50: percentile(createLatencies, 50),
        p90: percentile(createLatencies, 90),
        p99: percentile(createLatencies, 99),
      },
      walks: {
        completed: walksCompleted,
        failed: walkFailures,
        pages: pageLatencies.length,
        p50: percentile(pageLatencies, 50),
        p90: percentile(pageLatencies, 90),
        p99: percentile(pageLatencies, 99),
      },
      serverRequests: requests,
      firstAttempts: requests - retries,
      retries,
      faultsInjected: report.injected as Record<string, number>,
      duplicates: Number(report.duplicates),
      lost: Number(report.lost),
    };
  } finally {
    await server.close();
  }
}

const ours = await loadOurClient();
if (!ours.ok) {
  console.log(`load test ${ours.note}`);
  await writeResult("load", { skipped: ours.note });
} else {
  const runs: { clean: RunResult; faulty: RunResult }[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? [false, true] : [true, false];
    const pair: Partial<Record<"clean" | "faulty", RunResult>> = {};
    for (const faulty of order) {
      pair[faulty ? "faulty" : "clean"] = await runOnce(ours.create, faulty, SEED + round);
    }
    runs.push({ clean: pair.clean!, faulty: pair.faulty! });
  }
  const ratio = (pick: (r: RunResult) => number): Spread =>
    spread(runs.map(({ clean, faulty }) => pick(faulty) / pick(clean)));
  const sum = (pick: (r: RunResult) => number, which: "clean" | "faulty"): number =>
    runs.reduce((total, run) => total + pick(run[which]), 0);
  const failures = (which: "clean" | "faulty", kind: "creates" | "walks"): string => {
    const merged: Record<string, number> = {};
    for (const run of runs) {
      for (const [name, n] of Object.entries(run[which][kind].failed)) {
        merged[name] = (merged[name] ?? 0) + n;
      }
    }
    const entries = Object.entries(merged);
    return entries.length === 0
      ? "none"
      : entries.map(([name, n]) => `${String(n)} ${name}`).join(", ");
  };
  const injected: Record<string, number> = {};
  for (const run of runs) {
    for (const [label, n] of Object.entries(run.faulty.faultsInjected)) {
      injected[label] = (injected[label] ?? 0) + n;
    }
  }
  const ms = (pick: (r: RunResult) => number, which: "clean" | "faulty"): string =>
    spread(runs.map((run) => pick(run[which]))).median.toFixed(1);
  const n = String(ROUNDS);
  printTable(
    `Load test: ${String(WALKS)} concurrent listAll walks (${String(LISTED)} credits each) + ${CREATES.toLocaleString("en")} creates (${String(CREATES_IN_FLIGHT)} in flight), one client`,
    ["figure", "no faults", "5% 503 + 2% dropped", "ratio faulty ÷ clean (min–max)"],
    [
      [
        `creates completed (of ${n} × ${CREATES.toLocaleString("en")})`,
        String(sum((r) => r.creates.completed, "clean")),
        String(sum((r) => r.creates.completed, "faulty")),
        "",
      ],
      ["creates failed", failures("clean", "creates"), failures("faulty", "creates"), ""],
      [
        "failed creates without idempotencyKeys on the error",
        String(sum((r) => r.creates.keyless, "clean")),
        String(sum((r) => r.creates.keyless, "faulty")),
        "must be 0",
      ],
      [
        `walks completed (of ${n} × ${String(WALKS)})`,
        String(sum((r) => r.walks.completed, "clean")),
        String(sum((r) => r.walks.completed, "faulty")),
        "",
      ],
      ["walks failed", failures("clean", "walks"), failures("faulty", "walks"), ""],
      [
        "server requests",
        String(sum((r) => r.serverRequests, "clean")),
        String(sum((r) => r.serverRequests, "faulty")),
        "",
      ],
      [
        "retries (requests with x-togai-retry-count)",
        String(sum((r) => r.retries, "clean")),
        String(sum((r) => r.retries, "faulty")),
        "",
      ],
      [
        "faults injected",
        "0",
        Object.entries(injected)
          .map(([label, count]) => `${String(count)} ${label}`)
          .join(", "),
        "",
      ],
      ...(["creates", "walks"] as const).flatMap((kind) =>
        (["p50", "p90", "p99"] as const).map((p) => [
          `${kind === "creates" ? "create" : "page"} latency ${p} (ms)`,
          ms((r) => r[kind][p], "clean"),
          ms((r) => r[kind][p], "faulty"),
          formatRatio(ratio((r) => r[kind][p])),
        ]),
      ),
      [
        "wall time (ms)",
        ms((r) => r.wallMs, "clean"),
        ms((r) => r.wallMs, "faulty"),
        formatRatio(ratio((r) => r.wallMs)),
      ],
      [
        "duplicates (credits per idempotency key > 1)",
        String(sum((r) => r.duplicates, "clean")),
        String(sum((r) => r.duplicates, "faulty")),
        "must be 0",
      ],
      [
        "lost (created, answered, not in the store)",
        String(sum((r) => r.lost, "clean")),
        String(sum((r) => r.lost, "faulty")),
        "must be 0",
      ],
    ],
    [
      `${n} rounds, clean and faulty runs alternating, each on a fresh mock server (own ` +
        `process); PRNG seeds ${String(SEED)}+round. Client defaults: maxRetries 2, back-off 500 ms ` +
        "doubling, full jitter. Latency = one create() call, or the wait for a page's first " +
        "credit. A p50 ratio below 1× is load shape, not a gain: calls backing off thin the " +
        "queue at the (single-threaded) server for the others.",
    ],
  );
  const path = await writeResult("load", {
    walks: WALKS,
    listed: LISTED,
    creates: CREATES,
    createsInFlight: CREATES_IN_FLIGHT,
    faultRates: FAULT_RATES,
    seed: SEED,
    runs,
  });
  console.log(`\nwrote ${path}`);
  const broken = runs.some(
    ({ clean, faulty }) =>
      clean.duplicates + faulty.duplicates + clean.lost + faulty.lost + faulty.creates.keyless > 0,
  );
  if (broken) {
    console.error("load test: duplicates or lost credits found");
    process.exitCode = 1;
  }
}
